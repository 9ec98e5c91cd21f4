/*
 * -0 and 0 are one median. Which zero a selection or a sort leaves in the middle depends on
 * the order it met them (a sort puts -0 first, quickselect keeps the order it swapped to),
 * so the same values could give a median of -0 by one path and 0 by another, and a
 * division by that center flip from -Infinity to Infinity. Every median and quantile here
 * adds +0 to its result: -0 + 0 is 0 and every other number is unchanged.
 */

/** Scale factor that makes the MAD a consistent estimate of a normal standard deviation. */
export const MAD_TO_SD = 1.4826;

let scratch = new Float64Array(256);
/** Distances for `mad`, apart from `scratch` so no copy of them is needed. */
let deviationScratch = new Float64Array(256);

function scratchCopy(values: ArrayLike<number>): Float64Array {
  if (scratch.length < values.length) {
    scratch = new Float64Array(Math.max(values.length, scratch.length * 2));
  }
  if (values instanceof Float64Array) {
    // One block copy: the engine's windows are typed arrays, and this runs for every event.
    scratch.set(values);
    return scratch;
  }
  for (let i = 0; i < values.length; i++) {
    scratch[i] = values[i];
  }
  return scratch;
}

/**
 * k-th smallest of a[0..n) in place, leaving every value before index k no larger and every
 * value after it no smaller. Three-way partitions whose writes do not depend on the
 * comparisons (the CPU cannot predict those on noisy data, and mispredictions were most of
 * the cost); the same value as any exact selection, -0 and 0 aside (callers add +0).
 * O(n) expected. With a NaN present, Hoare's quickselect, whose NaN handling is the reference.
 */
function select(a: Float64Array, n: number, k: number): number {
  for (let i = 0; i < n; i++) {
    if (a[i] !== a[i]) {
      return hoareSelect(a, n, k);
    }
  }
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const pivot = medianOfThree(a[lo], a[(lo + hi - 1) >>> 1], a[hi - 1]);
    // [lo, less) < pivot, then [less, equal) === pivot, then the rest > pivot.
    let less = lo;
    for (let j = lo; j < hi; j++) {
      const v = a[j];
      const below = +(v < pivot);
      a[j] = a[less];
      a[less] = v;
      less += below;
    }
    let equal = less;
    for (let j = less; j < hi; j++) {
      const v = a[j];
      const same = +(v === pivot);
      a[j] = a[equal];
      a[equal] = v;
      equal += same;
    }
    if (k < less) {
      hi = less;
    } else if (k < equal) {
      return a[k];
    } else {
      lo = equal;
    }
  }
  return a[k];
}

/** The middle one of three values: a pivot that keeps sorted and constant windows linear. */
function medianOfThree(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

/** k-th smallest of a[0..n) in place (Hoare's quickselect with median-of-three). O(n) expected. */
function hoareSelect(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const pivot = medianOfThree(a[lo], a[mid], a[hi]);
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
  return select(a, n, Math.min(n - 1, Math.max(0, Math.floor(q * n)))) + 0;
}

/** Median of the values; the input is not modified. Empty input: 0 — callers check length first. O(n). */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  return medianInPlace(scratchCopy(values), n);
}

/**
 * Median of values[from..to), the same value `median` gives for those values, without a view
 * of them: the per-event windows call this, and a view is an allocation. Empty: 0. O(n).
 *
 * @example
 * rangeMedian(Float64Array.of(9, 1, 2, 4, 9), 1, 4) // 2
 */
export function rangeMedian(values: Float64Array, from: number, to: number): number {
  const n = to - from;
  if (n <= 0) {
    return 0;
  }
  if (n <= FEW) {
    const few = fewMedian(values, from, n);
    // NaN: a NaN among them (the selection's handling of it is the reference), or the mean of
    // −∞ and ∞, which the selection gives again.
    if (few === few) {
      return few;
    }
  }
  if (scratch.length < n) {
    scratch = new Float64Array(Math.max(n, scratch.length * 2));
  }
  for (let i = 0; i < n; i++) {
    scratch[i] = values[from + i];
  }
  return medianInPlace(scratch, n);
}

/** Ranges up to this many values take fewMedian's comparisons instead of a copy and a selection. */
const FEW = 5;

/**
 * Median of values[from..from + n) for 1 ≤ n ≤ FEW by comparisons on locals: the same value
 * as medianInPlace (the middle one, or the two middle ones' mean with the lower added first,
 * plus +0), for the rolling medians of a few buckets the aftermath of a harmful change takes
 * at every bucket. NaN when a value is NaN: the caller then selects. Written with
 * temporaries, not destructuring: unoptimised code swaps a destructured pair through an array.
 */
function fewMedian(values: Float64Array, from: number, n: number): number {
  let a = values[from];
  let b = n > 1 ? values[from + 1] : a;
  let c = n > 2 ? values[from + 2] : a;
  let d = n > 3 ? values[from + 3] : a;
  const e = n > 4 ? values[from + 4] : a;
  if (a !== a || b !== b || c !== c || d !== d || e !== e) {
    return NaN;
  }
  let t = a;
  if (a > b) {
    a = b;
    b = t;
  }
  if (n <= 2) {
    return n === 1 ? a + 0 : (a + b) / 2 + 0;
  }
  if (n === 3) {
    // a ≤ b: c lies below, between or above them.
    return (c < a ? a : c > b ? b : c) + 0;
  }
  if (c > d) {
    t = c;
    c = d;
    d = t;
  }
  if (n === 4) {
    // Two sorted pairs: the second smallest and the second largest.
    const lower = a <= c ? (b < c ? b : c) : a < d ? a : d;
    const upper = b >= d ? (a > d ? a : d) : b > c ? b : c;
    return (lower + upper) / 2 + 0;
  }
  return fiveMedian(a, b, c, d, e);
}

/**
 * The third smallest of five numbers (none NaN) given as two sorted pairs, a ≤ b and c ≤ d, and
 * e; plus +0.
 */
function fiveMedian(a: number, b: number, c: number, d: number, e: number): number {
  // The smaller of the pair minima lies below three others, so it is not above the median: the
  // median is the second smallest of the other four (two sorted pairs once e is paired).
  let p = b;
  let q = a <= c ? c : a;
  let r = a <= c ? d : b;
  if (a > c) {
    p = d;
  }
  let s = e;
  if (p > s) {
    const t = p;
    p = s;
    s = t;
  }
  // p ≤ s and q ≤ r: the second smallest of the four.
  return (p > q ? (p < r ? p : r) : q < s ? q : s) + 0;
}

/**
 * Median of a[0..n), reordering a: for buffers the caller discards, so no copy is needed.
 * The same value `median` gives for those values. n ≥ 1. O(n).
 *
 * @example
 * medianInPlace(Float64Array.of(3, 1, 2), 3) // 2
 */
export function medianInPlace(a: Float64Array, n: number): number {
  const upper = select(a, n, n >> 1);
  if (n % 2) {
    return upper + 0;
  }
  // After selection every value below index n/2 is ≤ upper: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) {
    if (a[i] > lower) {
      lower = a[i];
    }
  }
  return (lower + upper) / 2 + 0;
}

/** Median absolute deviation from the median. Empty input: 0. O(n). */
export function mad(values: ArrayLike<number>, center = median(values)): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  if (deviationScratch.length < n) {
    deviationScratch = new Float64Array(Math.max(n, deviationScratch.length * 2));
  }
  const deviations = deviationScratch;
  for (let i = 0; i < n; i++) {
    deviations[i] = Math.abs(values[i] - center);
  }
  return medianInPlace(deviations, n);
}

/**
 * The q-quantile (lower value) of |values[i] − center| / scale, the same value as `quantile`
 * of those distances, without an array of them. Empty: 0. O(n).
 *
 * @example
 * deviationQuantile([1, 2, 3, 4, 100], 3, 1, 0.5) // 1
 */
export function deviationQuantile(values: ArrayLike<number>, center: number, scale: number, q: number): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  if (deviationScratch.length < n) {
    deviationScratch = new Float64Array(Math.max(n, deviationScratch.length * 2));
  }
  for (let i = 0; i < n; i++) {
    deviationScratch[i] = Math.abs(values[i] - center) / scale;
  }
  return select(deviationScratch, n, Math.min(n - 1, Math.max(0, Math.floor(q * n))));
}

/**
 * Median of a sorted a[0..n): the same value `median` gives for those values. Empty: 0. O(1).
 *
 * @example
 * sortedMedian(Float64Array.of(1, 2, 4, 8), 4) // 3
 */
export function sortedMedian(a: ArrayLike<number>, n: number): number {
  if (n === 0) {
    return 0;
  }
  const upper = a[n >> 1];
  return (n % 2 ? upper : (a[(n >> 1) - 1] + upper) / 2) + 0;
}

/**
 * MAD of a sorted a[0..n) about `center`, the same value `mad` gives, without a copy or a
 * sort: distances fall to the left of the center and grow to its right, so merging the two
 * runs outward reaches the middle distance in O(n). Empty: 0.
 *
 * @example
 * sortedMad(Float64Array.of(1, 2, 3, 4, 100), 5, 3) // 1
 */
export function sortedMad(a: ArrayLike<number>, n: number, center: number): number {
  if (n === 0) {
    return 0;
  }
  let right = 0;
  while (right < n && a[right] < center) {
    right++;
  }
  let left = right - 1;
  const k = n >> 1;
  let previous = 0;
  let current = 0;
  for (let taken = 0; taken <= k; taken++) {
    // Assigned in branches, not as `cond ? distance : Infinity`: with the constant in a
    // conditional the optimised code kept every distance as a fresh heap number, about 1 kB
    // of garbage per call (and this runs for every event).
    let dl = Infinity;
    if (left >= 0) {
      dl = Math.abs(a[left] - center);
    }
    let dr = Infinity;
    if (right < n) {
      dr = Math.abs(a[right] - center);
    }
    previous = current;
    if (dl <= dr) {
      current = dl;
      left--;
    } else {
      current = dr;
      right++;
    }
  }
  return n % 2 ? current : (previous + current) / 2;
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
