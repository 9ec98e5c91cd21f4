import { SeriesInput } from './types';

/** A cleaned series with prefix sums, so window means cost O(1) and events O(log n). */
export interface PreparedSeries {
  id: string;
  name: string;
  service?: string;
  /** The version of the service this series measures, when the series carries one. */
  version?: string;
  /** Sorted, unique, finite timestamps (epoch ms). */
  times: Float64Array;
  values: Float64Array;
  /** prefix[i] = sum of values[0..i). */
  prefix: Float64Array;
  /**
   * prefix2[i] = sum of (values − center)² over [0..i), for window variances in O(1). Centred,
   * so a large constant offset does not cancel away the digits of a small spread.
   */
  prefix2: Float64Array;
  /** The value the squares in prefix2 are taken around (the first value). */
  center: number;
  /** negatives[i] = count of negative values in [0..i), to tell count-like series cheaply. */
  negatives: Uint32Array;
  /** Median spacing between samples, ms; 0 with fewer than two samples. */
  step: number;
  /** Samples dropped for a missing or non-finite value or time. */
  dropped: number;
  /** Samples that shared a timestamp with another and were averaged into it. */
  merged: number;
  /** The values are an error ratio. */
  errorRatio: boolean;
  /** The matching total series, prepared the same way. */
  total?: PreparedSeries;
}

/**
 * Sorts by time, drops samples whose time or value is missing or not finite, and averages
 * samples that share a timestamp. O(n log n). Never throws: an empty or all-invalid input
 * gives an empty series, which every later step reports as insufficient data. With `borrow`,
 * clean Float64Array times and values are read where they are instead of copied: for a caller
 * that scores them at once and keeps nothing (scoreEvents), as copying a long series (and
 * faulting in the fresh memory) is a measurable share of a large call.
 */
export function prepareSeries(input: SeriesInput, borrow = false): PreparedSeries {
  const count = Math.min(input.times.length, input.values.length);
  let dropped = Math.max(input.times.length, input.values.length) - count;
  // Borrowed typed arrays are checked for the fast path in the pass that sums them (one pass
  // over a long series instead of two); null when they are not clean.
  const borrowed = borrow && input.times instanceof Float64Array && input.values instanceof Float64Array ? borrowedSums(input.times, input.values, count) : null;
  // Fast path, the usual case: finite values at strictly increasing times, copied as they are.
  let clean = true;
  for (let i = 0; i < count && clean && !borrowed; i++) {
    const t = input.times[i];
    const v = input.values[i];
    clean = typeof v === 'number' && Number.isFinite(v) && Number.isFinite(t) && (i === 0 || t > input.times[i - 1]);
  }
  let times: Float64Array;
  let values: Float64Array;
  let merged = 0;
  if (borrowed) {
    times = borrowed.times;
    values = borrowed.values;
  } else if (clean) {
    // Native copies: all values are numbers here.
    times = new Float64Array(input.times as ArrayLike<number>).subarray(0, count);
    values = new Float64Array(input.values as ArrayLike<number>).subarray(0, count);
  } else {
    const order: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = input.times[i];
      const v = input.values[i];
      if (typeof t === 'number' && Number.isFinite(t) && typeof v === 'number' && Number.isFinite(v)) {
        order.push(i);
      } else {
        dropped++;
      }
    }
    order.sort((a, b) => input.times[a] - input.times[b] || a - b);
    const t: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < order.length; ) {
      const at = input.times[order[k]];
      let sum = 0;
      let m = 0;
      while (k < order.length && input.times[order[k]] === at) {
        sum += input.values[order[k]] as number;
        m++;
        k++;
      }
      merged += m - 1;
      t.push(at);
      v.push(sum / m);
    }
    times = Float64Array.from(t);
    values = Float64Array.from(v);
  }
  const { prefix, prefix2, negatives, center } = borrowed ?? prefixSums(values, null)!;
  return {
    id: input.id,
    name: input.name ?? input.id,
    service: input.service,
    version: input.version,
    times,
    values,
    prefix,
    prefix2,
    center,
    negatives,
    step: medianStep(times),
    dropped,
    merged,
    errorRatio: input.errorRatio === true,
    total: input.total ? prepareSeries({ id: `${input.id} total`, times: input.total.times, values: input.total.values }) : undefined,
  };
}

type Sums = Pick<PreparedSeries, 'prefix' | 'prefix2' | 'negatives' | 'center'>;

/** The first `count` times and values, read in place, with their sums; null when they are not clean. */
function borrowedSums(allTimes: Float64Array, allValues: Float64Array, count: number): (Sums & { times: Float64Array; values: Float64Array }) | null {
  const times = allTimes.subarray(0, count);
  const values = allValues.subarray(0, count);
  const sums = prefixSums(values, times);
  return sums ? { ...sums, times, values } : null;
}

/**
 * The running sums of prepareSeries, from one pass over the values. Given `times`, the same
 * pass checks that the series is clean (finite values at strictly increasing finite times),
 * and gives null at the first sample that is not. O(n).
 */
function prefixSums(values: Float64Array, times: Float64Array | null): Sums | null {
  const n = values.length;
  const prefix = new Float64Array(n + 1);
  const prefix2 = new Float64Array(n + 1);
  // Zero-filled as allocated: without a negative value there is nothing to write, and a long
  // series' counts never touch their memory.
  const negatives = new Uint32Array(n + 1);
  const center = n > 0 ? values[0] : 0;
  let negativeSeen = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (times !== null && !(Number.isFinite(v) && Number.isFinite(times[i]) && (i === 0 || times[i] > times[i - 1]))) {
      return null;
    }
    const d = v - center;
    prefix[i + 1] = prefix[i] + v;
    prefix2[i + 1] = prefix2[i] + d * d;
    negativeSeen += +(v < 0);
  }
  if (negativeSeen > 0) {
    for (let i = 0; i < n; i++) {
      negatives[i + 1] = negatives[i] + (values[i] < 0 ? 1 : 0);
    }
  }
  return { prefix, prefix2, negatives, center };
}

export function medianStep(times: Float64Array): number {
  if (times.length < 2) {
    return 0;
  }
  // A sample of at most 1,001 gaps is plenty to find the scrape interval.
  const stride = Math.max(1, Math.floor((times.length - 1) / 1000));
  const gaps: number[] = [];
  for (let i = stride; i < times.length; i += stride) {
    gaps.push((times[i] - times[i - stride]) / stride);
  }
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1];
}

/** Shorter arrays are searched by bisection alone: a few steps, nothing to gain. */
const INTERPOLATE_FROM = 64;

/**
 * First index whose time is ≥ t in ascending `times` (n when none). O(log n).
 *
 * @example
 * lowerBound(Float64Array.of(10, 20, 30), 20) // 1
 */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  const n = times.length;
  // Past either end (a window reaching beyond the data, no next event to cut at): the answer
  // without a bisection over the whole series.
  if (n > 0 && t > times[n - 1]) {
    return n;
  }
  if (n > 0 && t <= times[0]) {
    return 0;
  }
  // Metric series are sampled nearly evenly: the index interpolated between the first and last
  // times is the answer or beside it, checked exactly here, so most of the dozen searches per
  // event and series read three samples instead of twenty scattered ones.
  // The three candidates i (1 ≤ i < n: the time before is earlier, its own is not) are checked
  // one after the other, written out: not in a loop, since this is inlined into every
  // per-event caller and a loop in each inlined copy made their compilation longer, nor by a
  // helper, whose calls unoptimised code (a large call's first events) pays for.
  if (n > INTERPOLATE_FROM && t > times[0] && t <= times[n - 1]) {
    const guess = Math.floor(((t - times[0]) / (times[n - 1] - times[0])) * (n - 1));
    if (guess >= 2 && guess - 1 < n && times[guess - 2] < t && times[guess - 1] >= t) {
      return guess - 1;
    }
    if (guess >= 1 && guess < n && times[guess - 1] < t && times[guess] >= t) {
      return guess;
    }
    if (guess + 1 < n && times[guess] < t && times[guess + 1] >= t) {
      return guess + 1;
    }
  }
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Mean of values[a..b) from prefix sums; 0 for an empty range. O(1). */
export function rangeMean(series: PreparedSeries, a: number, b: number): number {
  return b > a ? (series.prefix[b] - series.prefix[a]) / (b - a) : 0;
}

/** Standard deviation of values[a..b) from prefix sums; 0 for fewer than two values. O(1). */
export function rangeSd(series: PreparedSeries, a: number, b: number): number {
  const n = b - a;
  if (n < 2) {
    return 0;
  }
  const m = (series.prefix[b] - series.prefix[a]) / n - series.center;
  const variance = (series.prefix2[b] - series.prefix2[a]) / n - m * m;
  return variance > 0 ? Math.sqrt((variance * n) / (n - 1)) : 0;
}
