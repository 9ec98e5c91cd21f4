/** Scale factor that makes the MAD a consistent estimate of a normal standard deviation. */
export const MAD_TO_SD = 1.4826;

let scratch = new Float64Array(256);

function scratchCopy(values: ArrayLike<number>): Float64Array {
  if (scratch.length < values.length) {
    scratch = new Float64Array(Math.max(values.length, scratch.length * 2));
  }
  for (let i = 0; i < values.length; i++) {
    scratch[i] = values[i];
  }
  return scratch;
}

/** k-th smallest of a[0..n) in place (Hoare's quickselect with median-of-three). O(n) expected. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot keeps sorted and constant windows linear
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) {
        i++;
      }
      while (a[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return a[k];
    }
  }
  return a[k];
}

/** The q-quantile (0..1, lower value) of the values without sorting them. Empty: 0. O(n). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  const a = scratchCopy(values);
  return select(a, n, Math.min(n - 1, Math.max(0, Math.floor(q * n))));
}

/** Median of the values; the input is not modified. Empty input: 0 — callers check length first. O(n). */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  const a = scratchCopy(values);
  const upper = select(a, n, n >> 1);
  if (n % 2) {
    return upper;
  }
  // After selection every value below index n/2 is ≤ upper: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) {
    if (a[i] > lower) {
      lower = a[i];
    }
  }
  return (lower + upper) / 2;
}

/** Median absolute deviation from the median. Empty input: 0. O(n). */
export function mad(values: ArrayLike<number>, center = median(values)): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  if (scratch.length < n) {
    scratch = new Float64Array(Math.max(n, scratch.length * 2));
  }
  const deviations = new Float64Array(n);
  for (let i = 0; i < n; i++) {
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
