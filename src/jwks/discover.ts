import { JwkitError } from '../errors.js';
import { fromUtf8 } from '../lib/bytes.js';
import { parseJsonObject } from '../lib/json.js';
import { createRemoteJwks } from './remote.js';
import { resolveRemoteOptions } from './remote-options.js';
import { checkJwksUrl, failed, fetchJwksText } from './remote-fetch.js';
import type { RemoteJwks, RemoteJwksOptions } from './types.js';

const LABEL = 'discovery document';

function invalid(message: string, cause?: unknown): JwkitError {
  return new JwkitError('ERR_DISCOVERY_INVALID', message, cause === undefined ? undefined : { cause });
}

/**
 * The issuer as a URL: a string obeying the JWK Set URL rules (`https:`, or
 * `http:` to loopback; no credentials) and, as OpenID Connect Discovery §2
 * and RFC 8414 §2 require of an issuer identifier, no query or fragment.
 */
function issuerUrl(issuer: unknown): URL {
  if (typeof issuer !== 'string') throw failed('the issuer must be a string URL');
  const url = checkJwksUrl(issuer, 'the issuer');
  if (url.search !== '' || issuer.includes('#')) throw failed('the issuer must not have a query or fragment');
  return url;
}

/**
 * Where the metadata may be, in order. OpenID Connect Discovery §4: the
 * issuer without its terminating `/`, then `/.well-known/openid-configuration`.
 * RFC 8414 §3.1: `/.well-known/oauth-authorization-server` inserted between
 * the host and the issuer's path (terminating `/` removed).
 */
function metadataUrls(base: URL): [URL, URL] {
  const path = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  return [new URL(`${base.origin}${path}/.well-known/openid-configuration`), new URL(`${base.origin}/.well-known/oauth-authorization-server${path}`)];
}

/** The document's `jwks_uri`, once its `issuer` is exactly the one asked for (OIDC Discovery §4.3, RFC 8414 §3.3). */
function jwksUriOf(body: Uint8Array, issuer: string): URL {
  const doc = parseJsonObject(fromUtf8(body, 'ERR_DISCOVERY_INVALID', LABEL), 'ERR_DISCOVERY_INVALID', LABEL);
  // Exact string comparison: no case folding, no trailing-slash or path normalisation (an impersonation guard).
  if (doc.issuer !== issuer) throw invalid('the discovery document names a different issuer than the one asked for');
  if (typeof doc.jwks_uri !== 'string') throw invalid('the discovery document has no "jwks_uri" string');
  try {
    return checkJwksUrl(doc.jwks_uri, 'the discovery document\'s "jwks_uri"');
  } catch (cause) {
    throw invalid('the discovery document\'s "jwks_uri" is not an allowed URL (https:, or http: to a loopback host)', cause);
  }
}

/**
 * Find an issuer's keys from its metadata: fetch the OpenID Connect
 * discovery document (`<issuer>/.well-known/openid-configuration`), or, when
 * that answers `404`, the RFC 8414 one (`/.well-known/oauth-authorization-server`
 * inserted before the issuer's path). The document's `issuer` must equal
 * `issuer` exactly — a trailing slash, a different case or path is refused —
 * and its `jwks_uri` must obey the `createRemoteJwks` URL rules. Each request
 * has the same limits as a JWK Set request (`timeoutMs`, `maxBytes`,
 * same-origin redirects only, `user-agent: jwkit/<version>`). The document is
 * fetched at once; the keys when first needed.
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * import { discoverJwks } from 'jwkit/jwks';
 * import { verifyJwt } from 'jwkit/jwt';
 * const issuer = 'https://login.example.com';
 * const jwks = await discoverJwks(issuer);
 * const { claims } = await verifyJwt(token, jwks, { issuer, audience: 'https://api.example' });
 * ```
 * @param issuer - the issuer identifier, exactly as it appears in tokens' `iss` (`https:`, or `http:` to loopback)
 * @param opts - the options of `createRemoteJwks` (`timeoutMs`, `maxBytes`, `headers` and `fetch` apply to the discovery request too)
 * @returns `createRemoteJwks(jwks_uri, opts)`
 * @throws `ERR_JWKS_FETCH_FAILED` (issuer not an allowed URL or with a query/fragment, bad option, network error,
 *   HTTP status other than 200 — `404` on both paths included —, body over `maxBytes`), `ERR_JWKS_TIMEOUT` (a request
 *   took over `timeoutMs`), `ERR_DISCOVERY_INVALID` (not a UTF-8 JSON object, `issuer` not exactly equal, `jwks_uri`
 *   missing or not an allowed URL)
 */
export async function discoverJwks(issuer: string, opts?: RemoteJwksOptions): Promise<RemoteJwks> {
  const base = issuerUrl(issuer);
  const settings = resolveRemoteOptions(opts);
  // The same bounded GET as a JWK Set (user-agent and the caller's headers included), asking for JSON.
  const headers = new Headers(settings.headers);
  headers.set('accept', 'application/json');
  for (const url of metadataUrls(base)) {
    // No validators are sent, so the outcome is a 200, or a 404 (asked for).
    const r = await fetchJwksText(url, { ...settings, headers }, undefined, LABEL, true);
    if (r.status !== 404) return createRemoteJwks(jwksUriOf(r.body, issuer), opts);
  }
  throw failed('no discovery document: both metadata URLs answered HTTP 404');
}
