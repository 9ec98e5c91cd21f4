import fc from 'fast-check';

import { formatNumber } from '../describe';
import { roundRatio } from './roundRatio';
import { roundSignificant, significantText, significantValue } from './roundSignificant';

/** One fixed seed so a run is repeatable; SAFEDEPLOY_PROPERTY_SEED tries another. */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

/** What formatNumber and roundRatio computed before the arithmetic path: the reference. */
const byText = (x: number, digits: number) => Number(x.toPrecision(digits));

describe('rounding to significant digits', () => {
  it.each([
    [0.012345, 3, 123, -4, '0.0123'],
    [999.6, 3, 100, 1, '1000'],
    [1.2, 3, 120, -2, '1.2'],
    [123456, 3, 123, 3, '123000'],
  ])('%d to %d digits is %d·10^%d, written %s', (x, digits, n, exponent, text) => {
    const rounded = roundSignificant(x, digits);
    expect(rounded).toStrictEqual({ digits: n, exponent });
    expect(significantText(rounded!)).toBe(text);
    expect(significantValue(rounded!)).toBe(byText(x, digits));
  });

  it('gives the same double as parsing toPrecision, or declines', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.constantFrom(3, 12), (x, digits) => {
        const rounded = roundSignificant(x, digits);
        return rounded === null || Object.is(Math.sign(x) * significantValue(rounded), byText(x, digits));
      }),
      { seed: PROPERTY_SEED, numRuns: 5000 }
    );
  });

  it('formatNumber and roundRatio read exactly as through toPrecision', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -2e6, max: 2e6, noNaN: true }), fc.integer({ min: -5000, max: 5000 }).map((k) => (k + 0.5) / 1000)), (x) => {
        const text = Math.abs(x) !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3) ? x.toExponential(2) : String(byText(x, 3));
        return formatNumber(x) === text && Object.is(roundRatio(x), x === 0 ? x : byText(x, 12));
      }),
      { seed: PROPERTY_SEED, numRuns: 5000 }
    );
  });

  describe('edge cases', () => {
    it.each([0, -0, Infinity, -Infinity, NaN])('declines %d', (x) => {
      expect(roundSignificant(x, 3)).toBeNull();
    });

    it('declines a value a hair from a tie, where one rounding could mislead', () => {
      expect(roundSignificant(1.005, 3)).toBeNull();
      expect(formatNumber(1.005)).toBe(String(byText(1.005, 3)));
    });
  });
});
