/**
 * The RFC 6750 §2.1 Authorization Request Header Field:
 *
 *     credentials = "Bearer" 1*SP b64token
 *     b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 *
 * read by a hand-written scan: one pass, no regular expression, so no input
 * can make it backtrack (DESIGN security rule 9). The scheme is compared
 * case-insensitively (RFC 9110 §11.1). Leading and trailing SP/HTAB are not
 * part of a field value (RFC 9110 §5.5). Several `Authorization` fields are
 * combined by `Headers.get` as `a, b`, which is not one b64token: refused.
 */

/** What the header says: no Bearer credentials, malformed Bearer credentials, or one token. */
export type BearerParse =
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'token'; readonly token: string };

/** RFC 9110 §5.6.2 tchar. */
function isTchar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // DIGIT
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x21 && c <= 0x7e && "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c)))
  );
}

/** RFC 6750 §2.1 b64token characters before the `=` padding. */
function isB64tokenChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x5f || // _
    c === 0x7e || // ~
    c === 0x2b || // +
    c === 0x2f // /
  );
}

const isOws = (c: number) => c === 0x20 || c === 0x09;

/** Parse an `Authorization` field value (undefined/null: no header). */
export function parseBearer(value: string | null | undefined): BearerParse {
  if (value === undefined || value === null) return { kind: 'missing', reason: 'no Authorization header' };
  let start = 0;
  let end = value.length;
  while (start < end && isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  if (start === end) return { kind: 'missing', reason: 'an empty Authorization header' };

  let i = start;
  while (i < end && isTchar(value.charCodeAt(i))) i++;
  const scheme = value.slice(start, i);
  if (scheme.length !== 6 || scheme.toLowerCase() !== 'bearer') {
    return { kind: 'missing', reason: 'the Authorization header uses another scheme than Bearer' };
  }
  if (i === end) return { kind: 'invalid', reason: 'the Bearer credentials have no token' };
  if (value.charCodeAt(i) !== 0x20) return { kind: 'invalid', reason: 'the Bearer scheme is not followed by a space' };
  while (i < end && value.charCodeAt(i) === 0x20) i++;

  const tokenStart = i;
  while (i < end && isB64tokenChar(value.charCodeAt(i))) i++;
  if (i === tokenStart) return { kind: 'invalid', reason: 'the Bearer token has characters outside the b64token syntax' };
  while (i < end && value.charCodeAt(i) === 0x3d) i++; // trailing "=" padding
  if (i !== end) {
    // A space inside the credentials means a second token; anything else is a bad character.
    const twoTokens = value.charCodeAt(i) === 0x20 || value.charCodeAt(i) === 0x2c;
    return {
      kind: 'invalid',
      reason: twoTokens ? 'the Authorization header carries more than one credential' : 'the Bearer token has characters outside the b64token syntax',
    };
  }
  return { kind: 'token', token: value.slice(tokenStart, end) };
}

/**
 * The `Authorization` value of a `Request`, a `Headers` or the value itself
 * (duck-typed, so a `Request` or `Headers` from another realm or polyfill
 * works). `undefined`/`null` mean no header (e.g. Express's
 * `req.headers.authorization`). Anything else, or a throwing getter, is
 * unreadable.
 */
export function readAuthorization(input: unknown): { readonly value: string | null | undefined } | { readonly unreadable: string } {
  if (input === undefined || input === null || typeof input === 'string') return { value: input };
  if (typeof input !== 'object') return { unreadable: 'authenticate takes a Request, Headers or the Authorization header value' };
  try {
    const withHeaders = (input as { headers?: unknown }).headers;
    const headers = typeof withHeaders === 'object' && withHeaders !== null ? withHeaders : input;
    const get = (headers as { get?: unknown }).get;
    if (typeof get !== 'function') return { unreadable: 'authenticate takes a Request, Headers or the Authorization header value' };
    const value: unknown = get.call(headers, 'authorization');
    if (value !== null && value !== undefined && typeof value !== 'string') return { unreadable: 'the Authorization header is not a string' };
    return { value };
  } catch {
    return { unreadable: 'the request headers cannot be read' };
  }
}
