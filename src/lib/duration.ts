/**
 * Durations for JWT lifetimes and clock tolerance (DESIGN security rule 8):
 * a number of seconds, or a string with a unit (`'15m'`, `'2h'`, `'7d'`,
 * `'30 days'`). A bare numeric string such as `'60'` is refused: it is the
 * classic seconds-or-milliseconds mix-up (jsonwebtoken read `'60'` as 60 ms).
 * Shared by `jwkit/jwt` and `jwkit/keyring`.
 */

/**
 * Seconds, or a string with a unit: `'90s'`, `'15m'`, `'2h'`, `'7d'`, `'1w'`, `'1y'` (365.25 days).
 *
 * @example
 * ```ts
 * import { signJwt, type Duration } from 'jwkit/jwt';
 * const lifetime: Duration = '15m'; // or 900; never '900' (a bare numeric string is refused)
 * const token = await signJwt({ sub: 'user-1' }, privateJwk, { expiresIn: lifetime });
 * ```
 */
export type Duration = number | string;

/**
 * Linear (no nested quantifiers, so no catastrophic backtracking); lower-case
 * units only (`'1M'` is not a month), each spelling listed; its first letter
 * names the unit (a year is 365.25 days).
 */
const PATTERN = /^(\d{1,15}(?:\.\d{1,15})?) ?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31557600 };

/** The largest duration accepted: the span from 1970 to the end of year 9999, in seconds. */
export const MAX_DURATION_SECONDS = 253402300799;

/**
 * The duration in seconds (possibly fractional), or `undefined` when `value`
 * is not a valid duration: not a finite number >= 0, a string without a
 * known unit, a negative or over-long value.
 */
export function parseDuration(value: unknown): number | undefined {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string') {
    const m = value.length <= 40 ? PATTERN.exec(value) : null;
    if (m === null) return undefined;
    seconds = Number(m[1]) * UNIT_SECONDS[m[2]![0]!]!;
  } else {
    return undefined;
  }
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}
