import { lowerBound, PreparedSeries, rangeMean, rangeSd } from './prepareSeries';
import { twoSidedP } from './stats/mannWhitney';
import { MAD_TO_SD, mad, median, quantile } from './stats/robust';
import { ImpactOptions } from './types';

const DAY = 86_400_000;
/** Fewer earlier positions than this cannot tell normal from unusual: no calibration. */
export const MIN_CALIBRATION = 30;
/** Earlier positions used at most (evenly spread): bounds the cost per event; 100 to 1,000 gave the same accuracy in npm run eval. */
export const MAX_CALIBRATION = 100;
/** Earlier days averaged into the seasonal expectation at most. */
const MAX_DAYS = 7;
/** The seasonal comparison is used when it shrinks the reach of ordinary changes at least this much. */
const SEASONAL_GAIN = 0.9;

export interface CalibrationInput {
  bStart: number;
  /** End of the baseline (exclusive): before `event` by the guard. */
  bEnd: number;
  event: number;
  aEnd: number;
  time: number;
  options: ImpactOptions;
  /** Sorted times of all events: earlier positions whose impact window holds one are skipped. */
  eventTimes?: Float64Array;
}

/** Tail probabilities of one statistic against its earlier values. */
export interface Tails {
  /** Share of earlier positions that moved at least this much upwards. */
  up: number;
  /** ... downwards. */
  down: number;
  /** ... in either direction. */
  two: number;
}

export interface Calibration {
  /** The event's change of level in robust SDs of the changes at earlier positions (signed). */
  z: number;
  /** The same for the change of spread (log ratio of standard deviations). */
  spreadZ: number;
  level: Tails;
  spread: Tails;
  samples: number;
  seasonal: boolean;
}

const NONE: Tails = { up: 1, down: 1, two: 1 };
/** Smallest probability reported: keeps −ln(p) finite. */
const MIN_P = 1e-300;

/** ln of the two-sided normal tail; the asymptotic (Mills ratio) form where erf saturates. */
export function logNormalTail(z: number): number {
  const a = Math.abs(z);
  if (a < 5) {
    return Math.log(Math.max(twoSidedP(a), MIN_P));
  }
  return Math.log(2) - (a * a) / 2 - Math.log(a) - 0.5 * Math.log(2 * Math.PI);
}

/**
 * How unusual the event's change is for this series. The same before/after change is
 * measured at up to 100 earlier positions with the same window lengths (prefix sums make
 * each O(1)): the change of level (difference of means) and the change of spread (log ratio
 * of standard deviations, which catches spikes and erratic behaviour). Each gets an
 * empirical tail probability: the share of earlier positions that moved as much, continued
 * past the largest earlier move by the normal tail of its robust z, so tails are comparable
 * across series of any scale or shape. With earlier days available the level change is
 * also compared with the same time on earlier days, and that seasonal comparison is used
 * when it explains the ordinary variation better (a morning ramp is not blamed on a
 * deploy). Needs two days of history: one to compare with, one to calibrate on. Reads
 * nothing after `aEnd`. O(k·d) for k positions and d days. Too little
 * history: `samples: 0`.
 */
export function calibrate(series: PreparedSeries, { bStart, bEnd, event, aEnd, time, options, eventTimes }: CalibrationInput): Calibration {
  const nb = bEnd - bStart;
  const gap = event - bEnd;
  const na = aEnd - event;
  const change = (p: number) => rangeMean(series, p, p + na) - rangeMean(series, p - gap - nb, p - gap);
  const hLo = lowerBound(series.times, time - options.historyMs);
  const first = hLo + nb + gap;
  const last = event - na;
  if (last - first + 1 < MIN_CALIBRATION) {
    return { z: 0, spreadZ: 0, level: NONE, spread: NONE, samples: 0, seasonal: false };
  }

  // Calibrate against moments without a change: an earlier deploy's own spike (or its
  // rollback) would otherwise teach the engine that spikes are normal here.
  const quiet = quietFilter(series, eventTimes, gap, na);
  const positions = spread(first, last).filter(quiet);
  if (positions.length < MIN_CALIBRATION) {
    return { z: 0, spreadZ: 0, level: NONE, spread: NONE, samples: 0, seasonal: false };
  }
  const floor = 1e-9 + 1e-6 * Math.abs(rangeMean(series, bStart, bEnd));
  const spreadChange = (p: number) => Math.log((rangeSd(series, p, p + na) + floor) / (rangeSd(series, p - gap - nb, p - gap) + floor));
  const spreadReference = measure(positions, spreadChange);
  const spreadResult = tails(spreadChange(event), spreadReference);

  const days = seasonalDays(series, event, nb + gap, na, hLo);
  if (days.count >= 1) {
    const lagged = days.count === MAX_DAYS ? laggedPrefix(series, days.period) : null;
    // Mean over the earlier days of the same window: O(1) from the lagged prefix sums.
    const expectedMean = (a: number, b: number) => {
      if (lagged) {
        return (lagged[b] - lagged[a]) / ((b - a) * MAX_DAYS);
      }
      let sum = 0;
      for (let j = 1; j <= days.count; j++) {
        sum += rangeMean(series, a - j * days.period, b - j * days.period);
      }
      return sum / days.count;
    };
    const seasonalChange = (p: number) =>
      change(p) - (expectedMean(p, p + na) - expectedMean(p - gap - nb, p - gap));
    // Positions spanning at least a whole day, so every time of day is represented.
    const seasonalPositions = spread(hLo + nb + gap + days.count * days.period, last).filter(quiet);
    const seasonal = measure(seasonalPositions, seasonalChange);
    const rawSame = measure(seasonalPositions, change);
    if (seasonalPositions.length >= MIN_CALIBRATION && spreadOf(seasonal) < SEASONAL_GAIN * spreadOf(rawSame)) {
      const level = tails(seasonalChange(event), seasonal);
      return { z: level.z, spreadZ: spreadResult.z, level, spread: spreadResult, samples: seasonal.length, seasonal: true };
    }
  }
  const level = tails(change(event), measure(positions, change));
  return { z: level.z, spreadZ: spreadResult.z, level, spread: spreadResult, samples: positions.length, seasonal: false };
}

/**
 * How far ordinary changes reach: the 95th percentile of their distance from the median.
 * A tail measure, because a daily ramp makes a few large changes, not many middling ones.
 */
function spreadOf(changes: Float64Array): number {
  const center = median(changes);
  const distances = new Float64Array(changes.length);
  for (let i = 0; i < changes.length; i++) {
    distances[i] = Math.abs(changes[i] - center);
  }
  return quantile(distances, 0.95);
}

/** Samples per day and how many whole earlier days the event has (0 when sampling is irregular). */
function seasonalDays(series: PreparedSeries, event: number, nb: number, na: number, hLo: number) {
  const { step, times } = series;
  if (!(step > 0) || step > DAY / 8) {
    return { period: 0, count: 0 };
  }
  const period = Math.round(DAY / step);
  const back = event - period;
  // Index arithmetic assumes regular sampling; check that one period back really is a day back.
  if (back < 0 || Math.abs(times[event] - times[back] - DAY) > 2 * step) {
    return { period, count: 0 };
  }
  // Leave a whole day (and at least MIN_CALIBRATION positions) to calibrate on.
  const available = Math.floor((event - na - nb - hLo - Math.max(period, MIN_CALIBRATION)) / period);
  return { period, count: Math.max(0, Math.min(MAX_DAYS, available)) };
}

function spread(first: number, last: number): Int32Array {
  const count = last - first + 1;
  const k = Math.min(MAX_CALIBRATION, count);
  const out = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    out[j] = first + Math.floor((j * (count - 1)) / Math.max(1, k - 1));
  }
  return out;
}

function measure(positions: Int32Array, statistic: (p: number) => number): Float64Array {
  const out = new Float64Array(positions.length);
  for (let j = 0; j < positions.length; j++) {
    out[j] = statistic(positions[j]);
  }
  return out;
}

/**
 * Tail probabilities of x among the reference values: its robust z (median and MAD of the
 * references, so a few earlier incidents in the history barely move it), deflated by how
 * heavy the references' tails are (their 95th percentile of |z| against the normal 1.96), then
 * the normal tail. Comparable across series of any scale or shape; continuous however
 * extreme the move. O(k log k).
 */
export function tails(x: number, reference: Float64Array): Tails & { z: number } {
  const k = reference.length;
  const center = median(reference);
  let scale = MAD_TO_SD * mad(reference, center);
  if (!(scale > 0)) {
    let sum = 0;
    for (let i = 0; i < k; i++) {
      sum += Math.abs(reference[i] - center);
    }
    // Mean absolute deviation × sqrt(pi/2) estimates the SD when most changes are exactly zero.
    scale = (sum / k) * 1.2533;
  }
  if (!(scale > 0)) {
    scale = 1e-9 * Math.max(1, Math.abs(center), Math.abs(x));
  }
  const z = Number.isFinite((x - center) / scale) ? (x - center) / scale : 0;
  const deviations = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    deviations[i] = Math.abs(reference[i] - center) / scale;
  }
  const q95 = quantile(deviations, 0.95);
  const heaviness = Math.max(1, q95 / NORMAL_Q95);
  const zc = z / heaviness;
  const upper = Math.exp(logNormalTail(zc)) / 2;
  return {
    z,
    up: Math.max(MIN_P, zc > 0 ? upper : 1 - upper),
    down: Math.max(MIN_P, zc < 0 ? upper : 1 - upper),
    two: Math.max(MIN_P, 2 * upper),
  };
}

/** 95th percentile of |z| under a normal distribution. */
const NORMAL_Q95 = 1.96;

const laggedCache = new WeakMap<PreparedSeries, Map<number, Float64Array>>();

/**
 * lagged[i] = Σ over k < i of Σ_{j=1..MAX_DAYS} values[k − j·period]: window means of the
 * same time on the previous days in O(1). Built once per series and period, O(n). Each entry
 * reads only earlier samples.
 */
function laggedPrefix(series: PreparedSeries, period: number): Float64Array {
  let byPeriod = laggedCache.get(series);
  if (!byPeriod) {
    byPeriod = new Map();
    laggedCache.set(series, byPeriod);
  }
  let lagged = byPeriod.get(period);
  if (!lagged) {
    const { values } = series;
    const n = values.length;
    lagged = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let j = 1; j <= MAX_DAYS; j++) {
        const at = k - j * period;
        if (at >= 0) {
          sum += values[at];
        }
      }
      lagged[k + 1] = lagged[k] + sum;
    }
    byPeriod.set(period, lagged);
  }
  return lagged;
}

/**
 * A filter for ascending positions: true when no event time falls in the position's guard
 * and impact window. The event pointer only moves forward, so a run of positions costs
 * O(k + m) after one binary search, not O(k log m).
 */
function quietFilter(series: PreparedSeries, eventTimes: Float64Array | undefined, gap: number, na: number): (p: number) => boolean {
  if (!eventTimes || eventTimes.length === 0) {
    return () => true;
  }
  const { times } = series;
  let at = -1;
  let lastFrom = -Infinity;
  return (p: number) => {
    const from = times[p - gap];
    const to = times[Math.min(times.length - 1, p + na)];
    if (at < 0 || from < lastFrom) {
      at = lowerBound(eventTimes, from);
    } else {
      while (at < eventTimes.length && eventTimes[at] < from) {
        at++;
      }
    }
    lastFrom = from;
    return !(at < eventTimes.length && eventTimes[at] < to);
  };
}
