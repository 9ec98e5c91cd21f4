import fc from 'fast-check';

import { mannWhitney, sortedMannWhitney, twoSidedP } from './mannWhitney';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

describe('mannWhitney', () => {
  it('counts every after value above every before value as U = n1·n2', () => {
    const result = mannWhitney([1, 2, 3], [4, 5, 6]);
    expect(result.u).toBe(9);
    expect(result.effect).toBe(1);
    // hand-computed: variance 9/12·7 = 5.25, continuity-corrected z = 4/√5.25
    expect(result.z).toBeCloseTo(1.745743, 5);
    expect(result.p).toBeCloseTo(0.080856, 5);
  });

  it('corrects the variance for ties', () => {
    const result = mannWhitney([1, 2, 2, 3], [2, 3, 3, 4]);
    // U = 1.5 + ... counted by hand: 2 → 1 + 2·½, 3 → 3 + ½ twice, 4 → 4
    expect(result.u).toBe(13);
    // ties of three 2s and three 3s: Σ(t³ − t) = 48; variance = 16/12 · (9 − 48/56)
    expect(result.z).toBeCloseTo(4.5 / Math.sqrt(10.857142857), 6);
    expect(result.p).toBeCloseTo(0.172034, 5);
    expect(result.effect).toBeCloseTo(2 * 13 / 16 - 1, 10);
  });

  it('is symmetric: swapping the samples flips z and the effect', () => {
    const a = mannWhitney([5, 1, 4, 2], [3, 9, 8]);
    const b = mannWhitney([3, 9, 8], [5, 1, 4, 2]);
    expect(b.z).toBeCloseTo(-a.z, 10);
    expect(b.effect).toBeCloseTo(-a.effect, 10);
    expect(b.p).toBeCloseTo(a.p, 10);
  });

  describe('edge cases', () => {
    it('gives p = 1 and z = 0 when every value ties', () => {
      expect(mannWhitney([2, 2, 2], [2, 2])).toStrictEqual({ u: 3, z: 0, p: 1, effect: 0 });
    });

    it('gives p = 1 for an empty sample instead of NaN', () => {
      expect(mannWhitney([], [1, 2])).toStrictEqual({ u: 0, z: 0, p: 1, effect: 0 });
      expect(mannWhitney([1, 2], [])).toStrictEqual({ u: 0, z: 0, p: 1, effect: 0 });
    });

    it('handles one value on each side', () => {
      const result = mannWhitney([1], [2]);
      expect(result.u).toBe(1);
      expect(Number.isFinite(result.z)).toBe(true);
    });
  });

  it('twoSidedP follows the normal distribution', () => {
    expect(twoSidedP(0)).toBeCloseTo(1, 10);
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 5);
    expect(twoSidedP(-1.959964)).toBeCloseTo(0.05, 5);
  });

  it('gives the same result from samples sorted beforehand', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 0, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (before, after) => {
        const b = Float64Array.from(before).sort();
        const a = Float64Array.from(after).sort();
        expect(sortedMannWhitney(b, b.length, a, a.length)).toStrictEqual(mannWhitney(before, after));
      }),
      { seed: PROPERTY_SEED }
    );
  });
});
