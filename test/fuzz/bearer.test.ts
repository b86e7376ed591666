/**
 * Fuzz: the Bearer header parser behind `createAuthenticator` (RFC 6750
 * §2.1, RFC 9110 §5.5; DESIGN `jwkit/http` and security rules 2 and 9).
 * Inputs are Authorization values built around corpus JWTs — edited tokens,
 * other schemes, case and whitespace variants, several credentials, control
 * characters, long runs of the grammar's characters — given as a string, as
 * `Headers` and as a `Request`. Every failure is an `AuthError` whose status
 * and code follow RFC 6750 §3.1, and whose `WWW-Authenticate` value can be
 * set on a `Headers` object (nothing from the input injects a header); only
 * a genuine corpus JWT authenticates.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { JwkitErrorCode } from '../../src/errors.js';
import { AuthError, createAuthenticator } from '../../src/http/index.js';
import { invariant, outcome } from './expect.js';
import { fuzz, TIMEOUT_MS } from './harness.js';
import { mutatedString } from './mutate.js';
import { CORPUS_TIME, JWTS, PUBLIC_SET } from './seeds.js';

const VERIFY_CODES: readonly JwkitErrorCode[] = [
  'ERR_JWS_INVALID', 'ERR_JWS_ALG_NOT_ALLOWED', 'ERR_JWS_SIGNATURE_INVALID', 'ERR_JWS_CRIT_UNSUPPORTED', 'ERR_KEY_INVALID',
  'ERR_JWK_INVALID', 'ERR_JWK_UNSUPPORTED', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWT_INVALID', 'ERR_JWT_EXPIRED', 'ERR_JWT_NOT_YET_VALID', 'ERR_JWT_CLAIM_INVALID',
];
const CODES: readonly JwkitErrorCode[] = ['ERR_AUTH_TOKEN_MISSING', 'ERR_AUTH_REQUEST_INVALID', 'ERR_AUTH_INSUFFICIENT_SCOPE', ...VERIFY_CODES];

const asymJwts = JWTS.filter((j) => j.signer.publicJwk.kty !== 'oct').map((j) => j.token);
const GENUINE = new Set(asymJwts);

// The corpus JWTs are valid at CORPUS_TIME; a resolver over the public set stands in for a JWKS.
const authenticate = createAuthenticator({
  keys: PUBLIC_SET,
  issuer: 'https://issuer.example',
  audience: 'api',
  realm: 'fuzz "realm"',
  clockTolerance: Math.ceil((Date.now() - CORPUS_TIME.getTime()) / 1000) + 3600,
});

const token = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...asymJwts) }, { weight: 3, arbitrary: mutatedString(fc.constantFrom(...asymJwts)) });
const scheme = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'BeArEr', 'Basic', 'Bearer,', 'Bearerx', 'DPoP', '');
const space = fc.constantFrom(' ', '  ', '\t', '', ' \t ', '\u00a0');
const header: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(space, scheme, space, token, space).map(([a, s, b, t, c]) => `${a}${s}${b}${t}${c}`) },
  { weight: 1, arbitrary: fc.tuple(token, token).map(([a, b]) => `Bearer ${a}, Bearer ${b}`) },
  { weight: 1, arbitrary: fc.tuple(token, fc.constantFrom('=', '==', '=a', '"', '\r\n', '\n', '\0', ',', ' x', 'é')).map(([t, x]) => `Bearer ${t}${x}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('=', ' ', 'a', '.', '~', '\t', 'Bearer '), fc.integer({ min: 1, max: 20_000 })).map(([c, n]) => `Bearer ${c.repeat(n)}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);
const input = fc.tuple(header, fc.constantFrom('string', 'headers', 'request') as fc.Arbitrary<'string' | 'headers' | 'request'>);

/**
 * The value as a Fetch API would carry it (a Headers object trims leading and
 * trailing CR, LF, SP and HTAB), with the value it then holds; when no Fetch
 * header can hold it, the string form.
 */
function asInput(value: string, form: 'string' | 'headers' | 'request'): { arg: string | Headers | Request; sent: string } {
  if (form === 'string') return { arg: value, sent: value };
  try {
    const h = new Headers({ authorization: value });
    return { arg: form === 'headers' ? h : new Request('https://api.example/', { headers: h }), sent: h.get('authorization') ?? '' };
  } catch {
    return { arg: value, sent: value };
  }
}

describe('fuzz: Bearer header parser', () => {
  it('edited Authorization values as string, Headers and Request: RFC 6750 outcomes, no header injection, only genuine tokens pass', async () => {
    await fuzz('Bearer header (createAuthenticator)', input, async ([value, form]) => {
      const { arg, sent } = asInput(value, form);
      const r = await outcome(CODES, () => authenticate(arg));
      if (r.ok) {
        invariant(GENUINE.has(sent.replace(/^[ \t]*bearer +/i, '').replace(/[ \t]+$/, '')), 'only a genuine JWT, alone after "Bearer", authenticates');
        return 'ok';
      }
      const e = r.error;
      invariant(e instanceof AuthError, 'failures are AuthError');
      const want = e.code === 'ERR_AUTH_TOKEN_MISSING' ? 401 : e.code === 'ERR_AUTH_REQUEST_INVALID' ? 400 : e.code === 'ERR_AUTH_INSUFFICIENT_SCOPE' ? 403 : 401;
      invariant(e.status === want, `status ${e.status} fits ${e.code}`);
      invariant(!/[\r\n\0]/.test(e.wwwAuthenticate), 'the challenge has no CR, LF or NUL');
      new Headers({ 'www-authenticate': e.wwwAuthenticate }); // throws on a value no header may hold
      invariant(e.wwwAuthenticate.startsWith('Bearer realm="fuzz \\"realm\\""'), 'the challenge starts with the quoted, escaped realm');
      invariant(e.code === 'ERR_AUTH_TOKEN_MISSING' ? !e.wwwAuthenticate.includes('error=') : e.wwwAuthenticate.includes('error='), 'error= only when a Bearer token was sent (RFC 6750 §3.1)');
      return e.code;
    });
  }, TIMEOUT_MS);
});
