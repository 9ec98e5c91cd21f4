import fc from 'fast-check';

import { deviationQuantile, mad, mean, median, quantile, rangeMedian, sortedMad, sortedMedian } from './robust';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

describe('robust statistics', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5], 5],
    [[7, 7, 7, 7], 7],
    [[-1, 100, 2, 3, -50], 2],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [5, 3, 9, 1];
    median(values);
    expect(values).toStrictEqual([5, 3, 9, 1]);
  });

  it('MAD is the median distance from the median', () => {
    // median 3; distances 2, 1, 0, 1, 97 → median 1
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
  });

  it('quantile picks the lower order statistic', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(quantile(values, 0.95)).toBe(20);
    expect(quantile(values, 0.5)).toBe(11);
    expect(quantile(values, 0)).toBe(1);
  });

  describe('edge cases', () => {
    it('returns 0 for empty input rather than NaN', () => {
      expect(median([])).toBe(0);
      expect(mad([])).toBe(0);
      expect(mean([])).toBe(0);
      expect(quantile([], 0.5)).toBe(0);
    });

    it('gives MAD 0 for constant data', () => {
      expect(mad([4, 4, 4])).toBe(0);
    });

    it.each([
      ['0, -1, 0, 0, -0', [0, -1, 0, 0, -0]],
      ['-0, -0', [-0, -0]],
      ['-0', [-0]],
      ['-0, 0, -0, 1', [-0, 0, -0, 1]],
    ])('counts -0 and 0 as one median, +0, whatever the order (%s)', (_label, values) => {
      const sorted = Float64Array.from(values).sort();
      expect(Object.is(median(values), 0)).toBe(true);
      expect(Object.is(sortedMedian(sorted, sorted.length), 0)).toBe(true);
      expect(Object.is(quantile(values, 0.5), 0)).toBe(true);
    });
  });

  describe('on a sorted window', () => {
    // Small integers make ties and a median that falls between values common.
    const windows = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 0, maxLength: 80 });

    it('gives exactly the median and MAD of the unsorted values', () => {
      fc.assert(
        fc.property(windows, (values) => {
          const sorted = Float64Array.from(values).sort();
          const center = median(values);
          expect(sortedMedian(sorted, sorted.length)).toBe(center);
          expect(sortedMad(sorted, sorted.length, center)).toBe(mad(values, center));
        }),
        { seed: PROPERTY_SEED }
      );
    });

    it('gives exactly the quantile of the scaled distances from a center', () => {
      fc.assert(
        fc.property(windows, fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (values, center, scale, q) => {
          const distances = values.map((v) => Math.abs(v - center) / scale);
          expect(deviationQuantile(values, center, scale, q)).toBe(quantile(distances, q));
        }),
        { seed: PROPERTY_SEED }
      );
    });

    it('reads only the first n values of a larger buffer', () => {
      const buffer = Float64Array.of(1, 2, 3, 4, 100, -7, 50);
      expect(sortedMedian(buffer, 5)).toBe(3);
      expect(sortedMad(buffer, 5, 3)).toBe(1);
    });
  });

  describe('on a range of a few values', () => {
    // Ties, both zeros, infinities and NaN: the comparisons for ranges of up to five values must
    // give what the selection gives, to the bit.
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-0, Infinity, -Infinity, NaN, 0.1, -2.5), fc.double({ noNaN: true }));
    const ranges = fc.tuple(fc.array(value, { minLength: 1, maxLength: 9 }), fc.nat(8), fc.integer({ min: 1, max: 5 }));

    it('gives exactly the median of the values copied out', () => {
      fc.assert(
        fc.property(ranges, ([values, start, count]) => {
          const from = Math.min(start, values.length - 1);
          const to = Math.min(values.length, from + count);
          const got = rangeMedian(Float64Array.from(values), from, to);
          expect(Object.is(got, median(values.slice(from, to)))).toBe(true);
        }),
        { seed: PROPERTY_SEED, numRuns: 5000 }
      );
    });

    it.each([
      ['three', [4, 1, 3], 3],
      ['four', [9, 1, 2, 4], 3],
      ['five, descending', [5, 4, 3, 2, 1], 3],
      ['five, mixed', [2, 9, 1, 8, 5], 5],
      ['both zeros', [-0, 0], 0],
      ['both infinities and two finite values', [-Infinity, Infinity, 1, 2], 1.5],
    ])('median of %s', (_, values, expected) => {
      expect(Object.is(rangeMedian(Float64Array.from(values), 0, values.length), expected)).toBe(true);
    });
  });
});
