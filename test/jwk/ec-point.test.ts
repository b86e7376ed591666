// DESIGN rule 7: EC points must be on the curve. Deno's WebCrypto imports
// off-curve points without complaint, so jwkit checks them itself (the
// invalid-curve attack class). These tests call the check directly, so they
// would fail if it were removed even on runtimes whose WebCrypto also checks.
import { describe, expect, it } from 'vitest';
import { generateKeyPair, importJwk, parseJwk } from '../../src/jwk/index.js';
import { checkPointOnCurve } from '../../src/lib/ec-point.js';
import { decodeBase64url, encodeBase64url } from '../../src/lib/base64url.js';
import { signCompact, verifyCompact } from '../../src/jws/index.js';

const CURVES = [
  ['ES256', 'P-256'],
  ['ES384', 'P-384'],
  ['ES512', 'P-521'],
] as const;

function bump(b64: string, delta: number): string {
  const bytes = decodeBase64url(b64, 'ERR_KEY_INVALID', 'x');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + delta) & 0xff;
  return encodeBase64url(bytes);
}

describe('EC public point on the curve (DESIGN rule 7)', () => {
  for (const [alg, crv] of CURVES) {
    it(`${crv}: generated points pass; a moved y fails with ERR_KEY_INVALID`, async () => {
      const { publicJwk } = await generateKeyPair(alg);
      expect(() => checkPointOnCurve(crv, publicJwk.x, publicJwk.y)).not.toThrow();
      expect(() => checkPointOnCurve(crv, publicJwk.x, bump(publicJwk.y!, 1))).toThrow(
        expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
      );
      const offCurve = parseJwk({ ...publicJwk, y: bump(publicJwk.y!, 1) });
      await expect(importJwk(offCurve, alg)).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
    });
  }

  it('coordinates at or above the field prime fail (P-256: p itself, y = 0)', () => {
    const p = 'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff';
    const bytes = new Uint8Array(32).map((_, i) => parseInt(p.slice(i * 2, i * 2 + 2), 16));
    expect(() => checkPointOnCurve('P-256', encodeBase64url(bytes), encodeBase64url(new Uint8Array(32)))).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
    );
  });
});

describe('importJwk of an HMAC JWK', () => {
  it('gives a CryptoKey that both signs and verifies', async () => {
    const secret = parseJwk({ kty: 'oct', k: encodeBase64url(new Uint8Array(32).fill(7)), alg: 'HS256' });
    const key = await importJwk(secret);
    expect([...key.usages].sort()).toEqual(['sign', 'verify']);
    const jws = await signCompact('hello', key, { alg: 'HS256' });
    await expect(verifyCompact(jws, key)).resolves.toMatchObject({ key });
  });
  it('honours key_ops ["verify"]', async () => {
    const secret = parseJwk({ kty: 'oct', k: encodeBase64url(new Uint8Array(32).fill(7)), alg: 'HS256', key_ops: ['verify'] });
    await expect(importJwk(secret)).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
  });
});
