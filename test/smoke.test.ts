import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateKeyPair, generateSecret, importJwk, exportJwk, parseJwk, thumbprint, thumbprintUri, toPublicJwk } from '../src/jwk/index.js';
import { decode, encode } from '../src/base64url/index.js';

const vec = (f: string) => JSON.parse(readFileSync(new URL(`../vectors/${f}`, import.meta.url), 'utf8'));

describe('smoke', () => {
  it('RFC 7638 thumbprint', async () => {
    const v = vec('rfc7638.json').vectors[0];
    expect(await thumbprint(v.jwk)).toBe(v.thumbprint ?? v.thumbprint_b64u);
  });
  it('RFC 9278 uri', async () => {
    const v = vec('rfc9278.json').vectors[0];
    expect(await thumbprintUri(v.jwk)).toBe(v.uri ?? v.thumbprint_uri);
  });
  it('generate, import, export for each asymmetric alg', async () => {
    for (const alg of ['RS256', 'PS384', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'Ed448']) {
      const { privateJwk, publicJwk } = await generateKeyPair(alg);
      expect(publicJwk.d).toBeUndefined();
      expect(privateJwk.kid).toBe(await thumbprint(publicJwk));
      const k = await importJwk(privateJwk);
      expect(k.type).toBe('private');
      expect(await importJwk(privateJwk)).toBe(k);
      const pk = await importJwk(publicJwk);
      expect(pk.type).toBe('public');
      const back = await exportJwk(pk);
      expect(back.kty).toBe(publicJwk.kty);
      expect(toPublicJwk(privateJwk)).toEqual(publicJwk);
    }
    const s = await generateSecret('HS512');
    expect(decode(s.k!).length).toBe(64);
    expect(parseJwk(s)).toEqual(s);
    expect(encode('hi?')).toBe('aGk_');
  });
});
