/**
 * The `WWW-Authenticate: Bearer …` challenge (RFC 6750 §3, RFC 9110 §11.6.1).
 * Every parameter value is a quoted-string (RFC 9110 §5.6.4): `"` and `\`
 * are escaped with `\`, and nothing outside printable ASCII is ever emitted —
 * control characters (CR, LF, NUL, …) are removed and other characters are
 * replaced by `?` — so no value can end the header, start another one, or
 * make `Headers` throw. Only values from the authenticator's own options and
 * fixed codes reach a challenge, never text from a token; the escaping is the
 * second line of defence.
 */

/**
 * The RFC 6750 §3.1 error codes of a Bearer challenge.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * const error: BearerErrorCode = 'invalid_token';
 * ```
 */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** `value` as an RFC 9110 quoted-string that is safe in any header. */
export function quoteHeaderValue(value: string): string {
  let out = '"';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f) continue; // controls: CR/LF/NUL/HTAB never emitted
    if (c > 0x7e) out += '?'; // obs-text and beyond: not portable, and not a ByteString
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Parameters of a Bearer challenge, in RFC 6750 §3 order; undefined ones are left out. */
export interface ChallengeParams {
  readonly realm?: string | undefined;
  readonly error?: BearerErrorCode | undefined;
  readonly errorDescription?: string | undefined;
  readonly scope?: readonly string[] | undefined;
}

/** `Bearer realm="…", error="…", error_description="…", scope="…"` (just `Bearer` when there are no parameters). */
export function bearerChallenge(p: ChallengeParams): string {
  const params: string[] = [];
  if (p.realm !== undefined) params.push(`realm=${quoteHeaderValue(p.realm)}`);
  if (p.error !== undefined) params.push(`error=${quoteHeaderValue(p.error)}`);
  if (p.errorDescription !== undefined) params.push(`error_description=${quoteHeaderValue(p.errorDescription)}`);
  if (p.scope !== undefined && p.scope.length > 0) params.push(`scope=${quoteHeaderValue(p.scope.join(' '))}`);
  return params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`;
}
