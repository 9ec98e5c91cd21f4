/** Scale factor that makes the MAD a consistent estimate of a normal standard deviation. */
export const MAD_TO_SD = 1.4826;

/** Median of the values (copied, then sorted). Empty input: 0 — callers check length first. O(n log n). */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation from the median. Empty input: 0. O(n log n). */
export function mad(values: ArrayLike<number>, center = median(values)): number {
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    deviations[i] = Math.abs(values[i] - center);
  }
  return median(deviations);
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) {
    return 0;
  }
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
  }
  return sum / values.length;
}
