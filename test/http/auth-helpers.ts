/** Shared setup for the createAuthenticator tests: real keys, real tokens, and readers of the RFC 6750 answers. */
import { generateKeyPair } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { signJwt } from '../../src/jwt/index.js';
import type { SignJwtOptions } from '../../src/jwt/types.js';
import { encode } from '../../src/base64url/encode.js';

export const ISSUER = 'https://issuer.example';
export const AUDIENCE = 'https://api.example';
export const REALM = 'api';

export interface Keys {
  privateJwk: Jwk;
  publicJwk: Jwk;
  /** Another issuer's key (same alg): its signatures must not verify. */
  otherPrivate: Jwk;
}

export async function makeKeys(): Promise<Keys> {
  const a = await generateKeyPair('ES256');
  const b = await generateKeyPair('ES256');
  return { privateJwk: a.privateJwk, publicJwk: a.publicJwk, otherPrivate: b.privateJwk };
}

/** A token for the API: issuer and audience right, 5 minutes, unless `opts` says otherwise. */
export function token(keys: Keys, claims: Record<string, unknown> = {}, opts: SignJwtOptions = {}, key: Jwk = keys.privateJwk): Promise<string> {
  return signJwt({ sub: 'alice', ...claims }, key, { issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m', ...opts });
}

/** An RFC 9068 access token: typ at+jwt and every required claim. */
export function accessToken(keys: Keys, claims: Record<string, unknown> = {}, opts: SignJwtOptions = {}): Promise<string> {
  return token(keys, { client_id: 'client-1', scope: 'read', ...claims }, { typ: 'at+jwt', jti: 'jti-1', ...opts });
}

/** An unsigned token (`alg: none`), CVE-2015-9235. */
export function noneToken(claims: Record<string, unknown>): string {
  return `${encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${encode(JSON.stringify(claims))}.`;
}

/** A GET with an Authorization header (or none). */
export function request(authorization?: string): Request {
  const headers = new Headers();
  if (authorization !== undefined) headers.set('authorization', authorization);
  return new Request('https://api.example/resource', { headers });
}

/** `Bearer realm="api", error="invalid_token", error_description="ERR_JWT_EXPIRED"` for a code. */
export function challenge(error?: string, code?: string, scope?: string): string {
  if (error === undefined) return `Bearer realm="${REALM}"`;
  return `Bearer realm="${REALM}", error="${error}", error_description="${code}"${scope === undefined ? '' : `, scope="${scope}"`}`;
}

/**
 * Parse a `WWW-Authenticate: Bearer …` value strictly (RFC 9110 §11.6.1:
 * auth-param = token BWS "=" BWS ( token / quoted-string )), unescaping
 * quoted-pairs; throws on anything malformed, so a test sees injection.
 */
export function parseChallenge(value: string): { scheme: string; params: Record<string, string> } {
  const m = /^([A-Za-z]+)(?: (.*))?$/s.exec(value);
  if (m === null) throw new Error(`bad challenge: ${JSON.stringify(value)}`);
  const params: Record<string, string> = {};
  let rest = m[2] ?? '';
  while (rest !== '') {
    const p = /^([a-z_]+)="((?:[^"\\\x00-\x1f\x7f]|\\[\x20-\x7e])*)"(?:, (?=.)|$)/s.exec(rest);
    if (p === null) throw new Error(`bad challenge parameters: ${JSON.stringify(rest)}`);
    params[p[1]!] = p[2]!.replace(/\\(.)/g, '$1');
    rest = rest.slice(p[0].length);
  }
  return { scheme: m[1]!, params };
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('did not reject');
}
