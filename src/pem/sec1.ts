/**
 * SEC1 EC private keys (RFC 5915 §3): the `EC PRIVATE KEY` label, wrapped
 * into PKCS#8 for WebCrypto. The curve moves from the key's [0] parameters
 * into the AlgorithmIdentifier, as RFC 5915 §3 asks for keys inside PKCS#8.
 */
import { curveOf, type KeyDer, wrapPkcs8 } from './algorithm.js';
import { OCTET_STRING, parseDer, pemInvalid, seq, SEQUENCE, smallUint } from './der.js';
import { fromHex, tlv } from './der-write.js';

/** ECPrivateKey → PrivateKeyInfo. */
export function sec1ToPkcs8(der: Uint8Array): KeyDer {
  const [version, d, params, pub, extra] = seq(parseDer(der), 'ECPrivateKey');
  // version 1, privateKey, [0] parameters (required here: they name the curve), optional [1] publicKey.
  if (smallUint(version) !== 1 || d?.tag !== OCTET_STRING || params?.tag !== 0xa0 || params.items.length !== 1 || (pub && pub.tag !== 0xa1) || extra) {
    pemInvalid('malformed ECPrivateKey');
  }
  const curve = params.items[0]!;
  const kind = { kty: 'EC' as const, crv: curveOf(curve) };
  // id-ecPublicKey (RFC 5480 §2.1.1) with the key's named curve.
  const algorithm = tlv(SEQUENCE, fromHex('06072a8648ce3d0201'), curve.raw);
  return wrapPkcs8(kind, algorithm, tlv(SEQUENCE, version!.raw, d.raw, ...(pub ? [pub.raw] : [])));
}
