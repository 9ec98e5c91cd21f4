import { seededRandom } from '../../../preview/demo/scenario.mjs';

import { prepareSeries } from '../prepareSeries';
import { longNoise, noiseExceeds } from './classifyChange';

const DAY = 86_400_000;
const STEP = 60_000;

/** CONSTRUCTED: two days of minute samples, seeded noise of the given kind around a level of 100. */
function noisy(seed: number, kind: 'uniform' | 'quantised' | 'flat') {
  const random = seededRandom(seed);
  const n = 2 * 1440;
  const times = Array.from({ length: n }, (_, i) => i * STEP);
  const values = times.map(() => (kind === 'flat' ? 100 : kind === 'quantised' ? 100 + (random() < 0.1 ? 1 : 0) : 100 + 3 * random()));
  return prepareSeries({ id: 'm', name: 'metric', times, values });
}

describe('noiseExceeds', () => {
  it.each(['uniform', 'quantised', 'flat'] as const)('never says the noise is above a floor it does not exceed (%s noise)', (kind) => {
    for (let seed = 1; seed <= 20; seed++) {
      const series = noisy(seed, kind);
      const at = 1440 + seed * 50;
      const noise = longNoise(series, at, DAY);
      for (const share of [0.5, 0.9, 0.999, 1, 1.001, 1.1, 2]) {
        if (noiseExceeds(series, at, DAY, noise * share)) {
          expect(noise).toBeGreaterThan(noise * share);
        }
      }
    }
  });

  it('says so for floors clearly under the noise of an ordinary series', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const series = noisy(seed, 'uniform');
      const at = 1440 + seed * 50;
      expect(noiseExceeds(series, at, DAY, 0.9 * longNoise(series, at, DAY))).toBe(true);
    }
  });

  describe('edge cases', () => {
    it('cannot tell with fewer than two samples, nor for a floor of zero', () => {
      const series = noisy(1, 'uniform');
      expect(noiseExceeds(series, 0, DAY, 0.1)).toBe(false);
      expect(noiseExceeds(series, 1440, DAY, 0)).toBe(false);
    });
  });
});
