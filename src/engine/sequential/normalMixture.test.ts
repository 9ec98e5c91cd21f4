import fc from 'fast-check';

import { logNormalCdf, logNormalMixture, sumBoundary } from './normalMixture';

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
  it('is the sum at which the mixture reaches the bound', () => {
    for (const n of [1, 2, 3, 10, 60]) {
      expect(logNormalMixture(sumBoundary(Math.log(1000), n, 2), n, 2)).toBeCloseTo(Math.log(1000), 6);
    }
  });
});
