/**
 * EC public point validation for P-256/384/521 (SEC 1 §3.2.2.1): both
 * coordinates below the field prime and y² = x³ − 3x + b (mod p).
 *
 * DESIGN rule 7 says EC points must be on the curve. Node's and Chromium's
 * WebCrypto check this at import, but Deno's does not, so jwkit checks
 * itself: an off-curve point is the basis of invalid-curve attacks.
 */
import { JwkitError } from '../errors.js';
import { decodeBase64url } from './base64url.js';
import { hex } from './bytes.js';

/** Field prime p and coefficient b, hex (a = p − 3 on all three NIST curves; SEC 2 §2.4). */
const CURVES: Readonly<Record<string, readonly [string, string]>> = {
  'P-256': [
    'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff',
    '5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b',
  ],
  'P-384': [
    'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff',
    'b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef',
  ],
  'P-521': [
    '1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    '51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
  ],
};

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x0${hex(bytes)}`);
}

/** Throw `ERR_KEY_INVALID` unless (x, y) is a point on curve `crv`. */
export function checkPointOnCurve(crv: string, x: unknown, y: unknown): void {
  if (!Object.hasOwn(CURVES, crv)) return;
  const [p, b] = CURVES[crv]!.map((h) => BigInt(`0x${h}`)) as [bigint, bigint];
  const px = toBigInt(decodeBase64url(x, 'ERR_KEY_INVALID', 'EC "x"'));
  const py = toBigInt(decodeBase64url(y, 'ERR_KEY_INVALID', 'EC "y"'));
  const rhs = (((px * px) % p) * px - BigInt(3) * px + b) % p;
  const onCurve = px < p && py < p && (py * py) % p === (rhs + p) % p;
  if (!onCurve) throw new JwkitError('ERR_KEY_INVALID', `the EC public point is not on ${crv}`);
}
