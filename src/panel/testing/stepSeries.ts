/**
 * CONSTRUCTED: an error ratio sampled every minute for a day and a half, around `base` with
 * small deterministic noise (a linear congruential generator, so every run sees the same
 * numbers), stepping to `after` at the deploy. For tests that need a real engine result.
 */
export function stepSeries(base: number, after: number, seed = 7): { times: number[]; values: number[]; deployAt: number } {
  const minute = 60_000;
  const start = Date.UTC(2026, 0, 5);
  const samples = 36 * 60;
  const deployAt = start + (samples - 120) * minute;
  let state = seed;
  const noise = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  const times = Array.from({ length: samples }, (_, i) => start + i * minute);
  const values = times.map((t) => (t >= deployAt ? after : base) * (1 + 0.1 * noise()));
  return { times, values, deployAt };
}
