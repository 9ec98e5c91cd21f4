/** One buffer for the looks' excesses, reused from one event to the next, with a view per length. */
let buffer = new Float64Array(64);
let views: Float64Array[] = [];

/**
 * A Float64Array of `n` values for the excesses of one side of one series, valid until the
 * next call: the sequential test reads every event's looks, and a fresh typed array per event
 * was a measurable share of its cost (each one a separate allocation with its own backing
 * store). The caller overwrites every value; nothing it returns may keep the array.
 *
 * @example
 * const excess = excessBuffer(frame.looks);
 */
export function excessBuffer(n: number): Float64Array {
  if (buffer.length < n) {
    buffer = new Float64Array(Math.max(n, buffer.length * 2));
    views = [];
  }
  return (views[n] ??= buffer.subarray(0, n));
}
