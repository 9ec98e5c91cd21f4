import { calibrate, harmfulTail, MIN_P } from '../calibrate';
import { lowerBound, PreparedSeries } from '../prepareSeries';
import { evenOffsets, offsetCache } from '../stats/evenOffsets';
import { MAD_TO_SD, medianInPlace } from '../stats/robust';
import { Direction } from '../types';
import { finite, harmOf, harmRatioOf } from './harm';
import { Classification, ScoreSeriesInput, Windows, WindowStats } from './types';

/**
 * Noise the size is measured in never falls under this share of the window's spread: a
 * flat-lined day before would otherwise make any change infinitely large.
 */
const MIN_NOISE_SHARE = 1e-3;

/**
 * Classify: calibrate the change against the history, decide whether it is significant and
 * harmful, and size it in noise units. Up or down: the level must move the harmful way, and
 * only the level counts (noisier error counts are not harm). Either: any change of behaviour
 * counts, so the change of spread (spikes, erratic values) joins the level by Fisher's method.
 */
export function classifyChange({ series, time, options, eventTimes }: ScoreSeriesInput, windows: Windows, stats: WindowStats): Classification {
  const { bStart, bEnd, event, aEnd, notes } = windows;
  const { direction, thresholds } = options;
  const { test } = stats;
  // The median moved far, in level or (for count-like series) in ratio: also compare medians
  // with earlier medians, which bursts in the history cannot inflate.
  const farMove =
    harmOf(stats.robustZ, direction) >= thresholds.largeSize || (stats.medianRatio !== null && harmRatioOf(stats.medianRatio, direction) >= thresholds.largeRatio);
  const calibration = calibrate(series, { bStart, bEnd, event, aEnd, time, options, eventTimes, robust: farMove });
  const calibrated = calibration.samples > 0;
  if (!calibrated) {
    notes.push('short history before the event: judged by the rank test alone (a wider time range lets the engine learn what is normal)');
  }
  const levelHarm = harmOf(calibrated ? calibration.z : test.z, direction);
  const evidenceP = !calibrated
    ? oneSided(test.p, test.z, direction)
    : direction === Direction.Either
      ? fisher(calibration.level.two, calibration.spread.two)
      : harmfulTail(calibration.level, direction);
  const evidence = levelHarm > 0 ? -Math.log(Math.max(evidenceP, MIN_P)) : 0;
  const sizeHarm = harmOf(stats.robustZ, direction);
  const significant = evidenceP <= (calibrated ? thresholds.calibratedAlpha : thresholds.alpha);
  // Spikes can raise the mean without moving the median: the median only must not point the
  // other way by more than a small change (smallSize robust SDs), which is noise beside a spike.
  const harmful = significant && levelHarm > 0 && sizeHarm > -thresholds.smallSize;
  // Size in units of the short-term noise of the day before: the median's shift, or the mean
  // excess over the impact window (the area a short spike adds without moving the median).
  // Measured for harmful changes only: nothing else uses it, and it costs a pass over the day.
  const noiseScale = harmful
    ? Math.max(longNoise(series, bStart, Math.min(NOISE_SPAN_MS, options.historyMs)), stats.scale * MIN_NOISE_SHARE, stats.levelFloor)
    : Infinity;
  const size = harmful
    ? Math.max(0, harmOf(finite(stats.absoluteChange / noiseScale), direction), harmOf(finite((stats.afterMean - stats.baseMedian) / noiseScale), direction))
    : 0;
  return { calibration, calibratedZ: calibrated ? calibration.z : test.z, evidenceP, evidence, sizeHarm, harmful, noiseScale, size };
}

/** Fisher's method for two independent p-values: P(χ²₄ ≥ −2 ln(p₁p₂)) = e^(−s)(1 + s). */
export function fisher(p1: number, p2: number): number {
  const s = -Math.log(Math.max(p1, MIN_P)) - Math.log(Math.max(p2, MIN_P));
  return Math.min(1, Math.exp(-s) * (1 + s));
}

/** One-sided p of a two-sided rank test in the harmful direction. */
function oneSided(p: number, z: number, direction: Direction): number {
  if (direction === Direction.Either) {
    return p;
  }
  const harmful = direction === Direction.Up ? z > 0 : z < 0;
  return harmful ? p / 2 : 1 - p / 2;
}

/**
 * How far back the noise that sizes a change is measured: a day, so a quiet night or a busy
 * hour does not set it alone; never further back than historyMs, the engine's promise.
 */
const NOISE_SPAN_MS = 24 * 3_600_000;

/** Successive differences read for that noise at most (evenly spread): bounds the cost per event. */
const NOISE_PAIRS = 120;

/** The differences longNoise reads, reused: it runs for every event (twice with the sequential test). */
const noiseDiffs = new Float64Array(NOISE_PAIRS);

/** Where longNoise and noiseExceeds read their pairs, relative to the first: the same for every event of an evenly sampled series. */
const pairCache = offsetCache(NOISE_PAIRS);

/**
 * Short-term noise of the day before the baseline: the robust SD of successive differences
 * between raw samples (so a daily cycle or trend does not count), or their plain SD when most
 * successive values repeat (quantised series). The unit a change's size is scored in, steadier
 * than the baseline window's own spread and the same at any scrape interval. O(NOISE_PAIRS);
 * 0 with fewer than two samples.
 */
export function longNoise(series: PreparedSeries, bStart: number, spanMs: number): number {
  const from = Math.max(1, lowerBound(series.times, series.times[bStart] - spanMs));
  const count = bStart - from + 1;
  if (count < 2) {
    return 0;
  }
  const k = Math.min(NOISE_PAIRS, count);
  const diffs = noiseDiffs;
  const offsets = evenOffsets(pairCache, count, k);
  let squares = 0;
  for (let j = 0; j < k; j++) {
    const at = from + offsets[j];
    const d = series.values[at] - series.values[at - 1];
    diffs[j] = Math.abs(d);
    squares += d * d;
  }
  const robust = (MAD_TO_SD * medianInPlace(diffs, k)) / Math.SQRT2;
  return robust > 0 ? robust : Math.sqrt(squares / k / 2);
}

/**
 * Whether longNoise(series, bStart, spanMs) is above `floor` (> 0), shown from the same pairs by
 * counting rather than selecting: the median of the differences is at least m when fewer than
 * half of them lie under m. False also when it cannot tell (a floor too small to invert).
 * For callers that need only a bound on the noise. O(NOISE_PAIRS).
 *
 * @example
 * noiseExceeds(series, bStart, DAY, 0.25) // true: the noise is above 0.25
 */
export function noiseExceeds(series: PreparedSeries, bStart: number, spanMs: number, floor: number): boolean {
  const from = Math.max(1, lowerBound(series.times, series.times[bStart] - spanMs));
  const count = bStart - from + 1;
  // The robust noise is MAD_TO_SD · median / √2; the margin covers that product's rounding.
  const m = ((floor * Math.SQRT2) / MAD_TO_SD) * (1 + 1e-9);
  if (count < 2 || !(m > 0)) {
    return false;
  }
  const k = Math.min(NOISE_PAIRS, count);
  const offsets = evenOffsets(pairCache, count, k);
  const half = (k + 1) >> 1;
  let under = 0;
  for (let j = 0; j < k; j++) {
    const at = from + offsets[j];
    under += +(Math.abs(series.values[at] - series.values[at - 1]) < m);
    // Settled before the last pair once half lie under m, or too few are left to reach half: the
    // pairs are spread over the day before, and most reads are a cache miss.
    if (under >= half || under + (k - 1 - j) < half) {
      return under < half;
    }
  }
  return under < half;
}
