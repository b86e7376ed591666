import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_DURATION_SECONDS, parseDuration } from '../../src/lib/duration.js';

describe('parseDuration (DESIGN rule 8: seconds, or a string with a unit)', () => {
  it('reads seconds and the documented units', () => {
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration(1.5)).toBe(1.5);
    expect(parseDuration('30s')).toBe(30);
    expect(parseDuration('15m')).toBe(15 * 60);
    expect(parseDuration('2h')).toBe(2 * 3600);
    expect(parseDuration('7d')).toBe(7 * 86400);
    expect(parseDuration('1w')).toBe(7 * 86400);
    expect(parseDuration('1y')).toBe(365.25 * 86400);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('30 days')).toBe(30 * 86400);
    expect(parseDuration('10 minutes')).toBe(600);
  });

  it("refuses a bare numeric string ('60' is the seconds-or-milliseconds mix-up)", () => {
    expect(parseDuration('60')).toBeUndefined();
    expect(parseDuration('0')).toBeUndefined();
  });

  it.each([
    ['negative number', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['past year 9999', MAX_DURATION_SECONDS + 1],
    ['negative string', '-1h'],
    ['unknown unit', '5 fortnights'],
    ['upper-case unit (1M is not a month)', '1M'],
    ['empty', ''],
    ['whitespace', ' 1h'],
    ['two spaces', '1  h'],
    ['exponent', '1e3s'],
    ['inherited name', '1 constructor'],
    ['proto name', '1 __proto__'],
    ['huge string', `${'9'.repeat(100)}s`],
    ['bigint', 10n],
    ['null', null],
    ['object', { valueOf: (): number => 10 }],
  ])('refuses %s', (_name, value) => {
    expect(parseDuration(value)).toBeUndefined();
  });

  it('string and number forms agree (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(['s', 1], ['m', 60], ['h', 3600], ['d', 86400]), (n, [u, mult]) => {
        expect(parseDuration(`${n}${u}`)).toBe(n * (mult as number));
        expect(parseDuration(n * (mult as number))).toBe(n * (mult as number));
      }),
    );
  });
});
