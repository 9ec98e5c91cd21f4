import { defaultStep, MAX_POINTS_PER_SERIES, MIN_STEP_MS } from './defaultStep';

const HOUR = 3_600_000;

describe('defaultStep', () => {
  it.each([
    [HOUR, 15_000],
    [36 * HOUR, 15_000],
    [7 * 24 * HOUR + 2 * HOUR, 60_000],
    [30 * 24 * HOUR, 300_000],
  ])('steps a range of %d ms by %d ms', (range, step) => {
    expect(defaultStep(range)).toBe(step);
  });

  it('never asks Prometheus for more points than it allows, nor for a step under the floor', () => {
    for (let range = 0; range < 400 * 24 * HOUR; range += 7 * HOUR + 13) {
      const step = defaultStep(range);
      expect(step).toBeGreaterThanOrEqual(MIN_STEP_MS);
      expect(range / step).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    }
  });
});
