import fc from 'fast-check';

import { lowerBound } from './prepareSeries';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

/** The first index whose time is ≥ t, by reading every time: the definition lowerBound answers in O(log n). */
function firstAtOrAfter(times: Float64Array, t: number): number {
  let i = 0;
  while (i < times.length && times[i] < t) {
    i++;
  }
  return i;
}

describe('lowerBound', () => {
  it('finds the first index whose time is at or after t in ascending times, evenly sampled or not', () => {
    // Longer than 64 times takes the interpolated guess first: even steps with some gaps and
    // repeats (a guess off by one or more), and probes on, between and beyond the times.
    const steps = fc.array(fc.oneof(fc.constant(10), fc.constant(10), fc.constant(0), fc.integer({ min: 1, max: 500 })), { minLength: 0, maxLength: 300, size: 'max' });
    fc.assert(
      fc.property(steps, fc.array(fc.double({ min: -100, max: 20_000, noNaN: true }), { maxLength: 40, size: 'max' }), (gaps, probes) => {
        let at = 0;
        const times = Float64Array.from(gaps, (gap) => (at += gap));
        for (const t of [...probes, ...Array.from(times.slice(0, 10)), times[times.length - 1] ?? 0]) {
          expect(lowerBound(times, t)).toBe(firstAtOrAfter(times, t));
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 500 }
    );
  });

  it.each([
    ['before the first time', 5, 0],
    ['on the first time', 10, 0],
    ['between two times', 15, 1],
    ['on a middle time', 20, 1],
    ['on the last time', 30, 2],
    ['after the last time', 31, 3],
  ])('answers %s', (_, t, expected) => {
    expect(lowerBound(Float64Array.of(10, 20, 30), t)).toBe(expected);
  });
});
