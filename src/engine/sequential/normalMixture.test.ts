import fc from 'fast-check';

import { seededRandom, standardNormal } from '../../../preview/demo/scenario.mjs';

import { DEFAULT_SEQUENTIAL_OPTIONS } from '../defaults';
import { logNormalCdf, logNormalMixture, sumBoundary } from './normalMixture';
import { pairMinima } from './sequentialSeries';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

/** The mixture integral by the midpoint rule, for comparison with the closed form. */
function numericMixture(sum: number, n: number, tau: number): number {
  const d = 1e-4;
  let total = 0;
  for (let x = d / 2; x < 60; x += d) {
    total += Math.exp(x * sum - (n * x * x) / 2) * ((2 * Math.exp(-(x * x) / (2 * tau * tau))) / (tau * Math.sqrt(2 * Math.PI))) * d;
  }
  return Math.log(total);
}

describe('logNormalMixture', () => {
  it.each([
    [8, 2, 2],
    [-1, 3, 2],
    [3, 1, 0.5],
    [0, 10, 1],
    [20, 30, 2],
  ])('equals the integral of the one-sided normal mixture at sum %p after %p looks (tau %p)', (sum, n, tau) => {
    expect(logNormalMixture(sum, n, tau)).toBeCloseTo(numericMixture(sum, n, tau), 4);
  });

  it('grows with the sum at any number of looks', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 1, max: 500 }), (sum, more, n) => {
        expect(logNormalMixture(sum + more, n, 2)).toBeGreaterThanOrEqual(logNormalMixture(sum, n, 2) - 1e-12);
      }),
      { seed: PROPERTY_SEED, numRuns: 200 }
    );
  });

  it('never lets iid standard normal noise cross 1/alpha at more than alpha of the runs over 200 looks', () => {
    // Ville's inequality for the mixture martingale: seeded, counted, not timed.
    const alpha = 0.05;
    const runs = 2000;
    let state = 12345;
    const uniform = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state + 0.5) / 2147483648;
    };
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let crossed = 0;
    for (let r = 0; r < runs; r++) {
      let sum = 0;
      for (let n = 1; n <= 200; n++) {
        sum += normal();
        if (logNormalMixture(sum, n, 2) >= Math.log(1 / alpha)) {
          crossed++;
          break;
        }
      }
    }
    expect(crossed / runs).toBeLessThanOrEqual(alpha);
  });

  describe('the two readings at the boundary the engine uses (seeded simulation, known unit)', () => {
    // Each sample and the lower of each two successive samples, each clipped at the default
    // clip and read against ln(2/alpha), as sequentialSeries reads them; iid standard normal
    // noise, 200 looks. Ville's inequality gives each reading at most alpha/2 for ever (the pairs
    // reading too: min(e_{i-1}, e_i) <= e_i, and the mixture is over shifts >= 0), so together at
    // most alpha. alpha 0.05 rather than the default 0.001 so that a rate can be counted.
    const alpha = 0.05;
    const { clip, mixtureScale, minSamples } = DEFAULT_SEQUENTIAL_OPTIONS;
    const logBound = Math.log(2 / alpha);
    const looks = 200;
    const runs = 2000;

    // The mixture grows with the sum, so it reaches the bound exactly when the sum reaches sumBoundary.
    const boundaries = Array.from({ length: looks + 1 }, (_, n) => (n ? sumBoundary(logBound, n, mixtureScale) : Infinity));

    /** The first look (1-based, in terms read) at which the clipped sum's e-value reaches the bound; null when none does. */
    function firstCrossing(terms: Float64Array, fromLook: number): number | null {
      let sum = 0;
      for (let n = 1; n <= terms.length; n++) {
        sum += Math.max(-clip, Math.min(clip, terms[n - 1]));
        if (n >= fromLook && sum >= boundaries[n]) {
          return n;
        }
      }
      return null;
    }

    /** Shares of runs in which each sample's reading, the pairs reading, and either crossed at some look. */
    function crossingShares(seed: number, shift: number) {
      const uniform = seededRandom(seed);
      const normal = () => standardNormal(uniform);
      let each = 0;
      let pairs = 0;
      let either = 0;
      for (let r = 0; r < runs; r++) {
        const excess = Float64Array.from({ length: looks }, () => normal() + shift);
        // The pairs reading's j-th term is known at look j + 1, and it needs one look less.
        const a = firstCrossing(excess, minSamples) !== null;
        const b = firstCrossing(pairMinima(excess), Math.max(1, minSamples - 1)) !== null;
        each += a ? 1 : 0;
        pairs += b ? 1 : 0;
        either += a || b ? 1 : 0;
      }
      return { each: each / runs, pairs: pairs / runs, either: either / runs };
    }

    it('lets effect-free noise cross either reading at some look in under alpha of the runs, each under alpha/2', () => {
      const shares = crossingShares(31, 0);
      expect(shares.each).toBeLessThanOrEqual(alpha / 2);
      expect(shares.pairs).toBeLessThanOrEqual(alpha / 2);
      expect(shares.either).toBeLessThanOrEqual(alpha);
    });

    it('keeps the bound through the clip for normal samples of mean at most 0, and says why not for a skewed one', () => {
      // Each exp(δ·x − δ²/2), δ ≥ 0, must have expectation at most 1 for the clipped sample x: by
      // the midpoint rule over the normal density, at means 0 to −8 and shifts 0.01 to 3.
      const clipped = (x: number) => Math.max(-clip, Math.min(clip, x));
      const mgf = (mean: number, delta: number) => {
        let total = 0;
        const h = 1e-3;
        for (let x = mean - 12 + h / 2; x < mean + 12; x += h) {
          total += Math.exp(delta * clipped(x) - ((x - mean) * (x - mean)) / 2) * h;
        }
        return total / Math.sqrt(2 * Math.PI);
      };
      for (const mean of [0, -1, -3, -4, -5, -8]) {
        for (const delta of [0.01, 0.1, 0.5, 1, 3]) {
          expect(Math.log(mgf(mean, delta)) - (delta * delta) / 2).toBeLessThanOrEqual(1e-6);
        }
      }
      // CONSTRUCTED: 0.05 SD up 199 times in 200, 10 SD down once: mean 0, variance under 1; the
      // floor lifts the drop to −4 and the clipped mean to about +0.03 per sample.
      const skewed = 0.995 * 0.05 + 0.005 * -clip;
      expect(0.995 * 0.05 + 0.005 * -10).toBeCloseTo(0, 3);
      expect(skewed).toBeGreaterThan(0.01);
    });

    it('crosses either reading in nearly every run when every sample is one noise SD up', () => {
      // The same count can fail: a reading that never crossed would pass the test above.
      const shares = crossingShares(32, 1);
      expect(shares.each).toBeGreaterThan(0.95);
      expect(shares.pairs).toBeGreaterThan(0.95);
    });
  });

  describe('edge cases', () => {
    it('gives no evidence for no looks, a non-positive scale or a non-finite sum', () => {
      expect([logNormalMixture(5, 0, 2), logNormalMixture(5, 3, 0), logNormalMixture(NaN, 3, 2)]).toStrictEqual([0, 0, 0]);
    });

    it('stays finite far into both tails of the normal distribution', () => {
      expect(Number.isFinite(logNormalCdf(-40))).toBe(true);
      expect(logNormalCdf(40)).toBeCloseTo(0, 12);
      expect(Number.isFinite(logNormalMixture(-500, 3, 2))).toBe(true);
    });
  });
});

describe('sumBoundary', () => {
  it('gives the values its documentation and the mixture\'s show', () => {
    expect(logNormalMixture(8, 2, 2)).toBeCloseTo(13.82, 2);
    expect(sumBoundary(Math.log(1000), 2, 2)).toBeCloseTo(5.74, 2);
  });

  it('is the sum at which the mixture reaches the bound', () => {
    for (const n of [1, 2, 3, 10, 60]) {
      expect(logNormalMixture(sumBoundary(Math.log(1000), n, 2), n, 2)).toBeCloseTo(Math.log(1000), 6);
    }
  });
});
