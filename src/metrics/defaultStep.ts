/** Prometheus refuses a range query with more points than this per series. */
export const MAX_POINTS_PER_SERIES = 11_000;
/** The finest default step: a common scrape interval; finer steps repeat samples. */
export const MIN_STEP_MS = 15_000;
/** Steps a person would pick, so every poll asks for the same aligned grid. */
const NICE_STEPS_MS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map((s) => s * 1000);

/**
 * The step a range query defaults to: the finest "nice" step (15s, 30s, 1m, 2m, 5m, ...) that
 * keeps the range under Prometheus's 11,000 points per series. Cost O(1).
 *
 * @example
 * defaultStep(7 * 24 * 3600_000) // 60000: a week at 15s would be 40,320 points
 */
export function defaultStep(rangeMs: number): number {
  const needed = Math.max(MIN_STEP_MS, Math.ceil(Math.max(0, rangeMs) / MAX_POINTS_PER_SERIES));
  return NICE_STEPS_MS.find((step) => step >= needed) ?? Math.ceil(needed / 86_400_000) * 86_400_000;
}
