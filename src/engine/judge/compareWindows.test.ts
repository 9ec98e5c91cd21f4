import fc from 'fast-check';

import { withDefaults } from '../defaults';
import { prepareSeries } from '../prepareSeries';
import { sortedMannWhitney } from '../stats/mannWhitney';
import { sortedMedian } from '../stats/robust';
import { bucketValues, compareWindows, createWindowScratch } from './compareWindows';
import { Windows } from './types';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

const MAX_BUCKETS = 60;

/** A baseline of the first half and an impact window of the rest (CONSTRUCTED: sample indices only). */
function halves(n: number, times: Float64Array): Windows {
  const half = n >> 1;
  return { bStart: 0, bEnd: half, event: half, aEnd: n, time: times[half], widened: false, incomplete: false, lastAllowed: times[n - 1], notes: [] };
}

/** A window's values sorted by the native typed-array sort: the order every statistic is defined on. */
function nativeSorted(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

describe('compareWindows', () => {
  // Small integers, both zeros and halves make ties, -0 beside 0 and buckets that collide common;
  // windows of up to 200 values are bucketed into 60 means, shorter ones kept as they are.
  const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-0, 0, 0.5, -0.5), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
  const samples = fc.array(value, { minLength: 16, maxLength: 200 });

  it('reads each window sorted exactly as the native sort orders it: the same medians and rank test', () => {
    const options = withDefaults({ maxWindowSamples: MAX_BUCKETS });
    const scratch = createWindowScratch(8);
    fc.assert(
      fc.property(samples, (values) => {
        const times = Float64Array.from(values, (_, i) => i * 60_000);
        const series = prepareSeries({ id: 's', times, values });
        const windows = halves(values.length, series.times);
        const stats = compareWindows(series, windows, options, scratch);
        const before = nativeSorted(bucketValues(series, windows.bStart, windows.bEnd, MAX_BUCKETS));
        const after = nativeSorted(bucketValues(series, windows.event, windows.aEnd, MAX_BUCKETS));
        expect(Object.is(stats.baseMedian, sortedMedian(before, before.length))).toBe(true);
        expect(Object.is(stats.afterMedian, sortedMedian(after, after.length))).toBe(true);
        expect(stats.test).toStrictEqual(sortedMannWhitney(before, before.length, after, after.length));
      }),
      { seed: PROPERTY_SEED, numRuns: 500 }
    );
  });
});
