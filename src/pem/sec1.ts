/**
 * SEC1 EC private keys (RFC 5915 §3): the `EC PRIVATE KEY` label, wrapped
 * into PKCS#8 for WebCrypto. The curve moves from the key's [0] parameters
 * into the AlgorithmIdentifier, as RFC 5915 §3 asks for keys inside PKCS#8.
 */
import { EC_PUBLIC_KEY, type KeyDer, readAlgorithm, wrapPkcs8 } from './algorithm.js';
import { hex } from '../lib/bytes.js';
import { parseDer, pemInvalid, SEQUENCE, shape, smallUint } from '../lib/der.js';
import { fromHex, tlv } from './der-write.js';

/** ECPrivateKey → PrivateKeyInfo. */
export function sec1ToPkcs8(der: Uint8Array): KeyDer {
  // version 1, privateKey, [0] parameters (required here: they name the curve), optional [1] publicKey.
  const [version, d, params, pub] = shape(parseDer(der), /^48:2,4,160(,161)?$/, 'ECPrivateKey');
  if (smallUint(version) !== 1) pemInvalid('malformed ECPrivateKey');
  // id-ecPublicKey (RFC 5480 §2.1.1) with the key's named curve.
  const algorithm = fromHex(EC_PUBLIC_KEY + hex(shape(params, /^160:6$/, 'ECPrivateKey')[0]!.raw));
  return wrapPkcs8(readAlgorithm(algorithm), tlv(SEQUENCE, algorithm), tlv(SEQUENCE, version!.raw, d!.raw, ...(pub ? [pub.raw] : [])));
}
