/**
 * SEC1 EC private keys (RFC 5915 §3): the `EC PRIVATE KEY` label, wrapped
 * into PKCS#8 for WebCrypto. The curve moves from the key's [0] parameters
 * into the AlgorithmIdentifier, as RFC 5915 §3 asks for keys inside PKCS#8.
 */
import { curveOf, type KeyDer, wrapPkcs8 } from './algorithm.js';
import { type Der, expect, OCTET_STRING, parseDer, pemInvalid, SEQUENCE, smallUint } from './der.js';
import { tlv } from './der-write.js';

/** ECPrivateKey → PrivateKeyInfo. */
export function sec1ToPkcs8(der: Uint8Array): KeyDer {
  const [version, d, ...rest] = expect(parseDer(der), SEQUENCE, 'ECPrivateKey').items;
  if (smallUint(version, 'ECPrivateKey version') !== 1) pemInvalid('unsupported ECPrivateKey version');
  expect(d, OCTET_STRING, 'EC private key');
  let params: Der | undefined;
  let pub: Der | undefined;
  for (const n of rest) {
    if (n.tag === 0xa0 && params === undefined && pub === undefined) params = n;
    else if (n.tag === 0xa1 && pub === undefined) pub = n;
    else pemInvalid('ECPrivateKey has unexpected elements');
  }
  if (params === undefined || params.items.length !== 1) pemInvalid('ECPrivateKey names no curve');
  const kind = { kty: 'EC' as const, crv: curveOf(params.items[0]) };
  return wrapPkcs8(kind, tlv(SEQUENCE, version!.raw, d!.raw, ...(pub === undefined ? [] : [pub.raw])));
}
