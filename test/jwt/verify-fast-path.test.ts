/**
 * The fast verify path keeps every check: verifyJwt parses the compact JWS in
 * one layer, reads the payload and signature with the backend's codec (Node:
 * Buffer, made strict by a canonical round trip) and reuses decoded protected
 * headers. Strict base64url (RFC 7515 §2, DESIGN rule 4) and a fresh header
 * object per call are what these tests pin, on both backends. signJwt signs
 * without signCompact's option handling: its output and refusals must be
 * signCompact's.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encode } from '../../src/base64url/index.js';
import { signCompact, verifyCompact } from '../../src/jws/index.js';
import { signJwt, verifyJwt } from '../../src/jwt/index.js';

const SECRET = new Uint8Array(32).fill(9);
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64 = (s: string) => encode(new TextEncoder().encode(s));

/** An HS256 token over any header and payload text, made with node:crypto. */
function token(header: string, payload: string): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'ok';
}

describe('verifyJwt: strict base64url in every part (RFC 7515 §2)', () => {
  // 16, 20 and 32 bytes: every part's last character has unused bits, so each part can be aliased.
  const jwt = token('{"alg": "HS256"}', '{"sub":"a","n":1234}');
  const parts = jwt.split('.') as [string, string, string];

  it('the canonical token verifies', async () => {
    expect((await verifyJwt(jwt, SECRET)).claims).toEqual({ sub: 'a', n: 1234 });
  });

  it('padding, whitespace, the +/ alphabet and non-zero unused bits are refused before any crypto: ERR_JWS_INVALID', async () => {
    let aliased = 0;
    for (let i = 0; i < 3; i++) {
      const part = parts[i]!;
      const variants = [`${part}=`, `${part} `, `\t${part}`, `${part.slice(0, 4)}+${part.slice(5)}`, `${part.slice(0, 4)}/${part.slice(5)}`];
      if (part.length % 4 !== 0) {
        // The same bytes to a lenient decoder (Buffer): only strictness tells them apart.
        const alias = part.slice(0, -1) + ALPHA[ALPHA.indexOf(part[part.length - 1]!) ^ 1];
        expect(new Uint8Array(Buffer.from(alias, 'base64url'))).toEqual(new Uint8Array(Buffer.from(part, 'base64url')));
        variants.push(alias);
        aliased++;
      }
      for (const v of variants) {
        const t = parts.map((x, j) => (j === i ? v : x)).join('.');
        expect(await code(verifyJwt(t, SECRET)), `part ${i}: ${JSON.stringify(v)}`).toBe('ERR_JWS_INVALID');
        expect(await code(verifyCompact(t, SECRET)), `part ${i}: ${JSON.stringify(v)}`).toBe('ERR_JWS_INVALID');
      }
    }
    expect(aliased).toBe(3);
  });

  it('a payload that is valid base64url but not UTF-8 fails as ERR_JWT_INVALID only after the signature held', async () => {
    const input = `${b64('{"alg":"HS256"}')}.${encode(new Uint8Array([0x7b, 0xff, 0x7d]))}`;
    const good = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
    expect(await code(verifyJwt(good, SECRET))).toBe('ERR_JWT_INVALID');
    const forged = `${input}.${createHmac('sha256', new Uint8Array(32)).update(input).digest('base64url')}`;
    expect(await code(verifyJwt(forged, SECRET))).toBe('ERR_JWS_SIGNATURE_INVALID');
  });
});

describe('decoded protected headers are reused, never shared', () => {
  it('each call gets its own header object: changing one result changes nothing later', async () => {
    const jwt = token('{"alg":"HS256","typ":"JWT","kid":"k1"}', '{"sub":"a"}');
    const first = await verifyJwt(jwt, SECRET, { typ: 'JWT' });
    (first.protectedHeader as Record<string, unknown>).alg = 'none';
    (first.protectedHeader as Record<string, unknown>).typ = 'other';
    delete (first.protectedHeader as Record<string, unknown>).kid;
    const second = await verifyJwt(jwt, SECRET, { typ: 'JWT' });
    expect(second.protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
    expect(second.protectedHeader).not.toBe(first.protectedHeader);
    const third = await verifyCompact(jwt, SECRET);
    expect(third.protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
  });

  it('a header with an object member (crit) is decoded afresh each time', async () => {
    const jws = token('{"alg":"HS256","crit":["exp"],"exp":1}', '{"sub":"a"}');
    const opts = { crit: { exp: true } };
    const first = await verifyCompact(jws, SECRET, opts);
    (first.protectedHeader.crit as string[]).push('x');
    const second = await verifyCompact(jws, SECRET, opts);
    expect(second.protectedHeader.crit).toEqual(['exp']);
  });

  it('the header policy runs on every call, cached header or not', async () => {
    const jwt = token('{"alg":"HS256","typ":"JWT"}', '{"sub":"a"}');
    expect(await code(verifyJwt(jwt, SECRET))).toBe('ok');
    expect(await code(verifyJwt(jwt, SECRET, { algorithms: ['HS384'] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect(await code(verifyJwt(jwt, SECRET, { typ: 'at+jwt' }))).toBe('ERR_JWT_CLAIM_INVALID');
    expect(await code(verifyJwt(jwt, SECRET))).toBe('ok');
  });

  it('many distinct headers (more than the cache holds) all verify and fail as before', async () => {
    for (let i = 0; i < 150; i++) {
      const jwt = token(`{"alg":"HS256","kid":"k${i}"}`, '{"sub":"a"}');
      expect((await verifyJwt(jwt, SECRET)).protectedHeader.kid).toBe(`k${i}`);
      expect(await code(verifyJwt(`${jwt.slice(0, -2)}AA`, SECRET))).toBe('ERR_JWS_SIGNATURE_INVALID');
    }
  });
});

describe('signJwt produces exactly what signCompact would (header order, kid, alg choice)', () => {
  const claims = { sub: 'a', iat: 1 };
  const text = JSON.stringify(claims);
  const jwk = { kty: 'oct', k: encode(new Uint8Array(64).fill(3)), kid: 'jwk-kid' };
  const cases: [string, unknown, Record<string, unknown>, Record<string, unknown>][] = [
    ['bytes, alg given', SECRET, { alg: 'HS256' }, { alg: 'HS256', protectedHeader: { typ: 'JWT' } }],
    ['JWK with a kid, alg given', jwk, { alg: 'HS384' }, { alg: 'HS384', protectedHeader: { typ: 'JWT' } }],
    ['JWK with a kid, kid option wins', jwk, { alg: 'HS256', kid: 'other', typ: 'at+jwt' }, { alg: 'HS256', protectedHeader: { typ: 'at+jwt', kid: 'other' } }],
    ['JWK with alg and kid, alg from the key', { ...jwk, alg: 'HS512' }, {}, { protectedHeader: { typ: 'JWT' } }],
  ];
  for (const [name, key, opts, compactOpts] of cases) {
    it(name, async () => {
      const t = await signJwt(claims, key as never, { ...opts, issuedAt: false });
      expect(t).toBe(await signCompact(text, key as never, compactOpts));
      expect((await verifyJwt(t, key as never)).claims).toEqual(claims);
    });
  }

  it('refuses as signCompact does: a non-string alg, none, an unknown alg, an alg the key does not allow, no alg', async () => {
    const both = async (key: unknown, alg: unknown) => [
      await code(signJwt(claims, key as never, { alg } as never)),
      await code(signCompact(text, key as never, { alg, protectedHeader: { typ: 'JWT' } } as never)),
    ];
    expect(await both(SECRET, 256)).toEqual(['ERR_JWS_INVALID', 'ERR_JWS_INVALID']);
    expect(await both(SECRET, 'none')).toEqual(['ERR_JWS_ALG_NOT_ALLOWED', 'ERR_JWS_ALG_NOT_ALLOWED']);
    expect(await both(SECRET, 'HS999')).toEqual(['ERR_JWS_ALG_NOT_ALLOWED', 'ERR_JWS_ALG_NOT_ALLOWED']);
    expect(await both(SECRET, 'RS256')).toEqual(['ERR_JWS_ALG_NOT_ALLOWED', 'ERR_JWS_ALG_NOT_ALLOWED']);
    expect(await both(SECRET, undefined)).toEqual(['ERR_JWS_INVALID', 'ERR_JWS_INVALID']);
    expect(await both('a string', 'HS256')).toEqual(['ERR_KEY_INVALID', 'ERR_KEY_INVALID']);
  });
});
