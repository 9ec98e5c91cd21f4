import { PreparedSeries, rangeMean } from '../prepareSeries';
import { sortedMannWhitney } from '../stats/mannWhitney';
import { MAD_TO_SD, medianInPlace, sortedMad, sortedMedian } from '../stats/robust';
import { roundRatio } from '../stats/roundRatio';
import { ImpactOptions } from '../types';
import { finite } from './harm';
import { WindowScratch, Windows, WindowStats } from './types';

/**
 * Fresh window buffers, sized for windows of `capacity` values (they grow when a window is larger).
 *
 * @example
 * const scratch = createWindowScratch(60);
 * events.map((e) => scoreSeries({ series, time: e.time, options, scratch }));
 */
export function createWindowScratch(capacity = 64): WindowScratch {
  return {
    before: new Float64Array(capacity),
    after: new Float64Array(capacity),
    sortedBefore: new Float64Array(capacity),
    sortedAfter: new Float64Array(capacity),
    diffs: new Float64Array(capacity),
    afterViews: [],
  };
}

/** The buffers of `scratch`, each grown to hold at least n values. */
function ensureCapacity(scratch: WindowScratch, n: number): void {
  if (scratch.before.length < n) {
    const size = Math.max(n, scratch.before.length * 2);
    scratch.before = new Float64Array(size);
    scratch.after = new Float64Array(size);
    scratch.sortedBefore = new Float64Array(size);
    scratch.sortedAfter = new Float64Array(size);
    scratch.diffs = new Float64Array(size);
    scratch.afterViews = [];
  }
}

/** scratch.after[0..n) as a view, made once per length: windows mostly have the same few lengths. */
function afterView(scratch: WindowScratch, n: number): Float64Array {
  return (scratch.afterViews[n] ??= scratch.after.subarray(0, n));
}

/** Windows up to this many values are sorted here (no view to allocate); larger ones natively. */
const SMALL_SORT_MAX = 64;
/** Bucket counts for sortedCopy's distribution pass, and each value's bucket. */
const bucketStarts = new Int32Array(SMALL_SORT_MAX + 1);
const bucketOf = new Int32Array(SMALL_SORT_MAX);

/**
 * values[0..n) copied into out[0..n) and sorted ascending there, in exactly the order the
 * native typed-array sort gives (−0 before +0, NaN last), so every statistic read from it is
 * the same whichever sort ran. Small windows are first spread over n equal-width buckets of
 * their range, then an insertion pass puts them in order: the pass has little to move, and the
 * mispredicted comparisons that made half the cost of comparing windows mostly go.
 */
function sortedCopy(values: Float64Array, n: number, out: Float64Array): void {
  if (n > SMALL_SORT_MAX) {
    nativeSortedCopy(values, n, out);
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) {
      // NaN: the native sort's placement of it is the reference.
      nativeSortedCopy(values, n, out);
      return;
    }
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  const range = max - min;
  if (range > 0 && range < Infinity) {
    distribute(values, n, out, min, (n - 1) / range);
  } else {
    // Constant (all zeros, say) or unbounded: copied as it is, in place without a view.
    for (let i = 0; i < n; i++) {
      out[i] = values[i];
    }
  }
  insertionSort(out, n);
}

/** values[0..n) into out by bucket floor((v − min)·scale), stably: out is then nearly sorted. */
function distribute(values: Float64Array, n: number, out: Float64Array, min: number, scale: number): void {
  bucketStarts.fill(0, 0, n + 1);
  for (let i = 0; i < n; i++) {
    const bucket = Math.floor((values[i] - min) * scale);
    bucketOf[i] = bucket;
    bucketStarts[bucket + 1]++;
  }
  for (let b = 1; b <= n; b++) {
    bucketStarts[b] += bucketStarts[b - 1];
  }
  for (let i = 0; i < n; i++) {
    out[bucketStarts[bucketOf[i]]++] = values[i];
  }
}

/**
 * a[0..n) sorted in place, −0 before +0 (no NaN here). After the distribution most values
 * already lie above the one before: those are passed over with one comparison against the
 * largest so far, without the search and the write back.
 */
function insertionSort(a: Float64Array, n: number): void {
  let largest = a[0];
  for (let i = 1; i < n; i++) {
    const v = a[i];
    if (v > largest) {
      largest = v;
      continue;
    }
    let j = i - 1;
    while (j >= 0 && (a[j] > v || (a[j] === 0 && v === 0 && 1 / v < 1 / a[j]))) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
    largest = a[i];
  }
}

function nativeSortedCopy(values: Float64Array, n: number, out: Float64Array): void {
  const view = out.subarray(0, n);
  view.set(values.subarray(0, n));
  view.sort();
}

/**
 * Bucket means of values[start..end): the raw values when there are at most `max`, else `max`
 * equal-count buckets (prefix sums make each O(1)), so a window costs O(max) whatever the
 * scrape interval.
 */
export function bucketValues(series: PreparedSeries, start: number, end: number, max: number, into?: Float64Array): Float64Array {
  if (!into) {
    return end - start <= max ? series.values.slice(start, end) : fillBuckets(series, start, end, max, new Float64Array(max));
  }
  return into.subarray(0, fillBucketsCount(series, start, end, max, into));
}

/** bucketValues written into out[0..), returning out. */
function fillBuckets(series: PreparedSeries, start: number, end: number, max: number, out: Float64Array): Float64Array {
  fillBucketsCount(series, start, end, max, out);
  return out;
}

/** bucketValues written into out[0..); returns how many values it wrote. */
function fillBucketsCount(series: PreparedSeries, start: number, end: number, max: number, out: Float64Array): number {
  const len = end - start;
  const { values } = series;
  if (len <= max) {
    for (let i = 0; i < len; i++) {
      out[i] = values[start + i];
    }
    return len;
  }
  const edges = bucketEdges(len, max);
  const { prefix } = series;
  // rangeMean written out (every bucket holds at least one value here, as len > max): the same
  // division, without a call per bucket while this runs unoptimised in a large call's first events.
  for (let j = 0; j < max; j++) {
    const a = start + edges[j];
    const b = start + edges[j + 1];
    out[j] = (prefix[b] - prefix[a]) / (b - a);
  }
  return max;
}

/** Bucket edges by window length for one bucket count, for the few lengths a call meets (the baseline's, the impact window's). */
const edgeCache = { max: -1, byLength: new Map<number, Int32Array>() };
/** More lengths than this and the cache starts again: irregular data should not grow it without bound. */
const EDGE_CACHE_MAX = 64;

/** edges[j] = floor(j·len/max) for j ≤ max: where bucket j of a window of len values starts. */
function bucketEdges(len: number, max: number): Int32Array {
  if (edgeCache.max !== max || edgeCache.byLength.size >= EDGE_CACHE_MAX) {
    edgeCache.max = max;
    edgeCache.byLength.clear();
  }
  let edges = edgeCache.byLength.get(len);
  if (!edges) {
    edges = new Int32Array(max + 1);
    for (let j = 0; j <= max; j++) {
      edges[j] = Math.floor((j * len) / max);
    }
    edgeCache.byLength.set(len, edges);
  }
  return edges;
}

/**
 * A spread this small relative to the level (1e-9 of it; 1e-9 at a level of 0) is rounding,
 * not noise: dividing by it would turn a constant series' last-digit jitter into a huge change.
 * Relative at every level, so the series' unit decides nothing.
 */
const LEVEL_FLOOR = 1e-9;

/** Compare (transform): bucket both windows, sort each once (medians, MAD and the rank test all read them), summarise. */
export function compareWindows(series: PreparedSeries, windows: Windows, options: ImpactOptions, scratch: WindowScratch): WindowStats {
  const { bStart, bEnd, event, aEnd } = windows;
  const max = options.maxWindowSamples;
  ensureCapacity(scratch, Math.min(max, Math.max(bEnd - bStart, aEnd - event)));
  const nB = fillBucketsCount(series, bStart, bEnd, max, scratch.before);
  const nA = fillBucketsCount(series, event, aEnd, max, scratch.after);
  const { sortedBefore, sortedAfter } = scratch;
  sortedCopy(scratch.before, nB, sortedBefore);
  sortedCopy(scratch.after, nA, sortedAfter);
  const baseMedian = sortedMedian(sortedBefore, nB);
  const afterMedian = sortedMedian(sortedAfter, nA);
  const noise = successiveNoise(scratch.before, nB, scratch.diffs);
  const levelFloor = LEVEL_FLOOR * (Math.abs(baseMedian) || 1);
  const scale = Math.max(MAD_TO_SD * sortedMad(sortedBefore, nB, baseMedian), noise, levelFloor);
  const absoluteChange = afterMedian - baseMedian;
  const nonNegative = series.negatives[aEnd] - series.negatives[bStart] === 0;
  const baseMean = rangeMean(series, bStart, bEnd);
  const afterMean = rangeMean(series, event, aEnd);
  return {
    after: afterView(scratch, nA),
    baseMedian,
    afterMedian,
    baseMean,
    afterMean,
    scale,
    levelFloor,
    absoluteChange,
    robustZ: finite(absoluteChange / scale),
    nonNegative,
    ratio: nonNegative && baseMean > 0 ? roundRatio(finite(afterMean / baseMean, 1)) : null,
    medianRatio: nonNegative && baseMedian > 0 ? roundRatio(afterMedian / baseMedian) : null,
    test: sortedMannWhitney(sortedBefore, nB, sortedAfter, nA),
  };
}

/** Robust noise of values[0..n) from successive differences: unaffected by a slow trend. */
function successiveNoise(values: Float64Array, n: number, buffer: Float64Array): number {
  if (n < 3) {
    return 0;
  }
  for (let i = 1; i < n; i++) {
    buffer[i - 1] = Math.abs(values[i] - values[i - 1]);
  }
  return (MAD_TO_SD * medianInPlace(buffer, n - 1)) / Math.SQRT2;
}
