import { wilson } from './heldOut.mjs';

describe('wilson', () => {
  // Reference values: Newcombe, "Two-sided confidence intervals for the single proportion",
  // Statistics in Medicine 17 (1998), Table I, method 3 (score interval without continuity correction).
  it('matches the published score intervals', () => {
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const [l, h] = wilson(k, n);
      expect(l).toBeCloseTo(lo, 3);
      expect(h).toBeCloseTo(hi, 3);
    }
  });

  it('stays within [0, 1], holds the observed share, and narrows as the count grows', () => {
    for (const n of [1, 5, 56, 166, 10_000]) {
      for (const k of [0, Math.floor(n / 3), n]) {
        const [l, h] = wilson(k, n);
        expect(l).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(1);
        expect(l).toBeLessThanOrEqual(k / n + 1e-12);
        expect(h).toBeGreaterThanOrEqual(k / n - 1e-12);
      }
    }
    const width = (k: number, n: number) => wilson(k, n)[1] - wilson(k, n)[0];
    expect(width(40, 400)).toBeLessThan(width(4, 40));
  });

  it('says nothing is ruled out when there are no cases', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});
