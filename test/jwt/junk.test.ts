/**
 * The shared junk table (STYLE item 11) through every argument of signJwt,
 * verifyJwt and decodeJwt: each call either succeeds (junk where a default
 * applies, e.g. `undefined` options) or fails as a JwkitError — never a raw
 * TypeError, RangeError or DOMException.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isJwkitError } from '../../src/errors.js';
import { generateKeyPair, type Jwk } from '../../src/jwk/index.js';
import { decodeJwt, signJwt, verifyJwt } from '../../src/jwt/index.js';
import { JUNK } from '../helpers/junk.js';

async function outcome(f: () => unknown): Promise<'ok' | 'jwkit' | string> {
  try {
    await f();
    return 'ok';
  } catch (e) {
    return isJwkitError(e) ? 'jwkit' : `raw ${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
}

describe('junk input to jwkit/jwt', () => {
  let priv: Jwk;
  let pub: Jwk;
  let token: string;
  beforeAll(async () => {
    ({ privateJwk: priv, publicJwk: pub } = await generateKeyPair('ES256'));
    token = await signJwt({ sub: 'a' }, priv);
  });

  for (const j of JUNK) {
    it(`${j.name}`, async () => {
      const calls: [string, () => unknown, boolean][] = [
        // [label, call, may succeed]
        // {} and the spoofed object are plain objects, so valid claim sets
        ['signJwt claims', () => signJwt(j.make() as object, priv), j.name === '{}' || j.name.startsWith('spoofed')],
        ['signJwt key', () => signJwt({}, j.make() as Jwk), false],
        ['signJwt opts', () => signJwt({}, priv, j.make() as object), true],
        ['verifyJwt token', () => verifyJwt(j.make() as string, pub), false],
        ['verifyJwt key', () => verifyJwt(token, j.make() as Jwk), false],
        ['verifyJwt opts', () => verifyJwt(token, pub, j.make() as object), true],
        ['decodeJwt', () => decodeJwt(j.make() as string), false],
      ];
      for (const [label, call, maySucceed] of calls) {
        const r = await outcome(call);
        expect(r === 'jwkit' || (maySucceed && r === 'ok'), `${label}: ${r}`).toBe(true);
      }
    });
  }
});
