import { PreparedSeries, rangeMean } from '../prepareSeries';
import { sortedMannWhitney } from '../stats/mannWhitney';
import { MAD_TO_SD, median, sortedMad, sortedMedian } from '../stats/robust';
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
  }
}

/** values[0..n) copied into out and sorted ascending there, as a view of length n. */
function sortedCopy(values: Float64Array, n: number, out: Float64Array): Float64Array {
  const view = out.subarray(0, n);
  view.set(values.subarray(0, n));
  return view.sort();
}

/**
 * Bucket means of values[start..end): the raw values when there are at most `max`, else `max`
 * equal-count buckets (prefix sums make each O(1)), so a window costs O(max) whatever the
 * scrape interval.
 */
export function bucketValues(series: PreparedSeries, start: number, end: number, max: number, into?: Float64Array): Float64Array {
  const len = end - start;
  if (len <= max) {
    if (!into) {
      return series.values.slice(start, end);
    }
    const view = into.subarray(0, len);
    view.set(series.values.subarray(start, end));
    return view;
  }
  const out = into ? into.subarray(0, max) : new Float64Array(max);
  for (let j = 0; j < max; j++) {
    const a = start + Math.floor((j * len) / max);
    const b = start + Math.floor(((j + 1) * len) / max);
    out[j] = rangeMean(series, a, b);
  }
  return out;
}

/**
 * A spread this small relative to the level (1e-9 of it, at least 1e-9) is rounding, not
 * noise: dividing by it would turn a constant series' last-digit jitter into a huge change.
 */
const LEVEL_FLOOR = 1e-9;

/** Compare (transform): bucket both windows, sort each once (medians, MAD and the rank test all read them), summarise. */
export function compareWindows(series: PreparedSeries, windows: Windows, options: ImpactOptions, scratch: WindowScratch): WindowStats {
  const { bStart, bEnd, event, aEnd } = windows;
  const max = options.maxWindowSamples;
  ensureCapacity(scratch, Math.min(max, Math.max(bEnd - bStart, aEnd - event)));
  const before = bucketValues(series, bStart, bEnd, max, scratch.before);
  const after = bucketValues(series, event, aEnd, max, scratch.after);
  const sortedBefore = sortedCopy(before, before.length, scratch.sortedBefore);
  const sortedAfter = sortedCopy(after, after.length, scratch.sortedAfter);
  const baseMedian = sortedMedian(sortedBefore, sortedBefore.length);
  const afterMedian = sortedMedian(sortedAfter, sortedAfter.length);
  const noise = successiveNoise(before, scratch.diffs);
  const levelFloor = LEVEL_FLOOR * Math.max(1, Math.abs(baseMedian));
  const scale = Math.max(MAD_TO_SD * sortedMad(sortedBefore, sortedBefore.length, baseMedian), noise, levelFloor);
  const absoluteChange = afterMedian - baseMedian;
  const nonNegative = series.negatives[aEnd] - series.negatives[bStart] === 0;
  const baseMean = rangeMean(series, bStart, bEnd);
  const afterMean = rangeMean(series, event, aEnd);
  return {
    after,
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
    test: sortedMannWhitney(sortedBefore, sortedBefore.length, sortedAfter, sortedAfter.length),
  };
}

/** Robust noise of a window from successive differences: unaffected by a slow trend. */
function successiveNoise(values: Float64Array, buffer: Float64Array): number {
  if (values.length < 3) {
    return 0;
  }
  const diffs = buffer.subarray(0, values.length - 1);
  for (let i = 1; i < values.length; i++) {
    diffs[i - 1] = Math.abs(values[i] - values[i - 1]);
  }
  return (MAD_TO_SD * median(diffs)) / Math.SQRT2;
}
