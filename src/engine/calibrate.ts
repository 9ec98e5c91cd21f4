import { lowerBound, PreparedSeries, rangeMean, rangeSd } from './prepareSeries';
import { evenOffsets, offsetCache } from './stats/evenOffsets';
import { twoSidedP } from './stats/mannWhitney';
import { deviationQuantile, MAD_TO_SD, mad, median } from './stats/robust';
import { Direction, ImpactOptions } from './types';

const DAY = 86_400_000;
/** Fewer earlier positions than this cannot tell normal from unusual: no calibration. */
export const MIN_CALIBRATION = 30;
/** Earlier positions used at most (evenly spread): bounds the cost per event; 100 to 1,000 gave the same accuracy in npm run eval. */
export const MAX_CALIBRATION = 100;
/** Earlier days averaged into the seasonal expectation at most. */
const MAX_DAYS = 7;
/** The seasonal comparison is used when it shrinks the reach of ordinary changes at least this much. */
const SEASONAL_GAIN = 0.9;
/** The floor under a window's spread, as a share of the history's spread: tiny beside any real spread. */
const SPREAD_FLOOR = 1e-9;
/** A spread this small relative to the level is floating-point rounding, not behaviour. */
const ROUNDING = 1e-15;
/** Bound on the rounding of a difference of two window means, in EPSILON × the largest running sum: one for each mean, twice that for safety. */
const SUM_ROUNDING = 4;

/** A difference within the rounding of the means it was read from is none. */
function beyondRounding(difference: number, rounding: number): number {
  return Math.abs(difference) <= rounding ? 0 : difference;
}

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
  /**
   * Also compare the change of window medians with earlier ones: set when the event's own
   * median moved far (see scoreSeries). Bursts move window means, not medians, so a history
   * full of bursts cannot make a sustained shift of the median look ordinary.
   */
  robust?: boolean;
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
  /**
   * The event's change of level in robust SDs of the changes at earlier positions (signed),
   * divided by how heavy-tailed those changes are (at most `heavinessCap`): the z whose normal
   * tail is the level's p, so the two always agree.
   */
  z: number;
  /** True when the change of medians, not of means, gave the level's evidence. */
  byMedian: boolean;
  /** The same for the change of spread (log ratio of standard deviations). */
  spreadZ: number;
  level: Tails;
  spread: Tails;
  samples: number;
  seasonal: boolean;
}

const NONE: Tails = { up: 1, down: 1, two: 1 };
const NO_CALIBRATION: Calibration = { z: 0, byMedian: false, spreadZ: 0, level: NONE, spread: NONE, samples: 0, seasonal: false };
/** Smallest probability reported: keeps −ln(p) finite. */
export const MIN_P = 1e-300;

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
export function calibrate(series: PreparedSeries, input: CalibrationInput): Calibration {
  const { bStart, bEnd, event, aEnd, time, options, eventTimes } = input;
  const gap = event - bEnd;
  const na = aEnd - event;
  const hLo = lowerBound(series.times, time - options.historyMs);
  const first = hLo + (bEnd - bStart) + gap;
  const last = event - na;
  if (last - first + 1 < MIN_CALIBRATION) {
    return NO_CALIBRATION;
  }

  // Calibrate against moments without a change: an earlier deploy's own spike (or its
  // rollback) would otherwise teach the engine that spikes are normal here.
  const quiet = quietWindows(series, eventTimes, gap, na);
  const positions = quietSpread(first, last, quiet);
  if (positions.length < MIN_CALIBRATION) {
    return NO_CALIBRATION;
  }
  return calibrateOn(series, input, hLo, positions, quiet);
}

/**
 * calibrate once there are enough quiet positions: apart from the checks above, whose early
 * returns (events close together leave none, and then this runs for every event) make none of
 * the closures below or the variables they keep.
 */
function calibrateOn(series: PreparedSeries, { bStart, bEnd, event, aEnd, options, robust }: CalibrationInput, hLo: number, positions: Int32Array, quiet: QuietWindows): Calibration {
  const nb = bEnd - bStart;
  const gap = event - bEnd;
  const na = aEnd - event;
  const last = event - na;
  // Window means read from running sums carry their rounding: each addition rounds by at most
  // EPSILON of the running sum, so a window's mean is off by at most EPSILON × the largest
  // running sum. A difference within it is no change, so a flat series reads flat at every
  // level rather than comparing the jitter of its last bits.
  const levelSize = Math.abs(rangeMean(series, bStart, bEnd));
  const rounding = SUM_ROUNDING * Number.EPSILON * Math.max(Math.abs(series.prefix[event + na]), (event + na) * levelSize);
  const change = (p: number) => beyondRounding(rangeMean(series, p, p + na) - rangeMean(series, p - gap - nb, p - gap), rounding);
  // Means are compared with the full discount for heavy tails; a far move of the median is
  // compared with earlier medians with a capped discount (see finish).
  const cap = options.thresholds.heavinessCap;
  // Keeps log(0/0) away from flat windows. A share of the history's own spread, so that adding
  // a constant or changing the unit moves no window's ratio (a floor that grew with the level
  // did: at a level far from zero it was no longer tiny beside the spread); above rounding at
  // the level; never zero, so a flat history still gives finite ratios.
  const floor = SPREAD_FLOOR * rangeSd(series, hLo, event) + ROUNDING * Math.abs(rangeMean(series, bStart, bEnd)) + Number.MIN_VALUE;
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
    // Three differences of means, each within `rounding` of its exact value.
    const seasonalChange = (p: number) => beyondRounding(change(p) - (expectedMean(p, p + na) - expectedMean(p - gap - nb, p - gap)), 3 * rounding);
    // Positions spanning at least a whole day, so every time of day is represented.
    const seasonalPositions = quietSpread(hLo + nb + gap + days.count * days.period, last, quiet);
    if (seasonalPositions.length >= MIN_CALIBRATION) {
      const seasonal = measure(seasonalPositions, seasonalChange);
      if (spreadOf(seasonal) < SEASONAL_GAIN * spreadOf(measure(seasonalPositions, change))) {
        return finish(tails(seasonalChange(event), seasonal, Infinity, 6 * rounding, levelSize), spreadResult, seasonalPositions, days);
      }
    }
  }
  return finish(tails(change(event), measure(positions, change), Infinity, 2 * rounding, levelSize), spreadResult, positions, null);

  function finish(level: Tails & { z: number }, spreadTails: Tails & { z: number }, used: Int32Array, days: SeasonalDays | null): Calibration {
    const samples = used.length;
    const seasonal = days !== null;
    const byMedian = robust ? medianTails(series, used, { nb, gap, na, event, cap, days }) : null;
    // The more telling of the two: a shift of the median that earlier medians never made is
    // significant however bursty the means were.
    const useMedian = byMedian !== null && harmfulTail(byMedian, options.direction) < harmfulTail(level, options.direction);
    const chosen = useMedian ? byMedian : level;
    return { z: chosen.z, byMedian: useMedian, spreadZ: spreadTails.z, level: chosen, spread: spreadTails, samples, seasonal };
  }
}

/** The tail probability in the harmful direction. */
export function harmfulTail(tails: Tails, direction: Direction): number {
  return direction === Direction.Up ? tails.up : direction === Direction.Down ? tails.down : tails.two;
}

/** Values read per window for the change of medians: bounds its cost whatever the scrape interval. */
const MEDIAN_SAMPLES = 16;
/** Earlier positions for the change of medians (every other one of the level's). */
const MEDIAN_POSITIONS = 50;

interface SeasonalDays {
  period: number;
  count: number;
}

interface MedianInput {
  nb: number;
  gap: number;
  na: number;
  event: number;
  cap: number;
  /** When the level was compared with earlier days, so are the medians. */
  days: SeasonalDays | null;
}

/**
 * The change of window medians at the event against the same change at earlier positions,
 * each window read at up to MEDIAN_SAMPLES evenly strided values; less the mean of the same
 * change on earlier days when the level's calibration is seasonal. O(k·m·(d+1)) for k ≤ 50
 * positions, m ≤ 16 values and d ≤ 7 days.
 */
function medianTails(series: PreparedSeries, positions: Int32Array, { nb, gap, na, event, cap, days }: MedianInput) {
  const strideB = Math.max(1, Math.ceil(nb / MEDIAN_SAMPLES));
  const strideA = Math.max(1, Math.ceil(na / MEDIAN_SAMPLES));
  const buffer = new Float64Array(MEDIAN_SAMPLES + 1);
  const windowMedian = (from: number, to: number, stride: number) => {
    let m = 0;
    for (let i = from; i < to; i += stride) {
      buffer[m++] = series.values[i];
    }
    return median(buffer.subarray(0, m));
  };
  const rawChange = (p: number) => windowMedian(p, p + na, strideA) - windowMedian(p - gap - nb, p - gap, strideB);
  const changeOf = (p: number) => {
    if (!days) {
      return rawChange(p);
    }
    let expected = 0;
    for (let j = 1; j <= days.count; j++) {
      expected += rawChange(p - j * days.period);
    }
    return rawChange(p) - expected / days.count;
  };
  const every = Math.max(1, Math.ceil(positions.length / MEDIAN_POSITIONS));
  const reference = new Float64Array(Math.ceil(positions.length / every));
  for (let j = 0; j < reference.length; j++) {
    reference[j] = changeOf(positions[j * every]);
  }
  return tails(changeOf(event), reference, cap, 0, Math.abs(rangeMean(series, event - gap - nb, event - gap)));
}

/**
 * How far ordinary changes reach: the 95th percentile of their distance from the median.
 * A tail measure, because a daily ramp makes a few large changes, not many middling ones.
 */
function spreadOf(changes: Float64Array): number {
  return deviationQuantile(changes, median(changes), 1, 0.95);
}

/** Samples per day and how many whole earlier days the event has (0 when sampling is irregular). */
function seasonalDays(series: PreparedSeries, event: number, nb: number, na: number, hLo: number): SeasonalDays {
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

const NO_POSITIONS = new Int32Array(0);
/** Where quietSpread collects positions before it knows there are enough to keep. */
const candidates = new Int32Array(MAX_CALIBRATION);

/**
 * Where quietSpread reads its positions, relative to the first: the same for every event of an
 * evenly sampled series once its history is full, so no division per position.
 */
const spreadCache = offsetCache(MAX_CALIBRATION);

/**
 * Up to MAX_CALIBRATION positions evenly spread over [first, last], those that are quiet;
 * none when fewer than MIN_CALIBRATION would be, which no caller can calibrate on (so the
 * search stops as soon as that is certain: with events close together it runs for every event
 * and most positions fail, and then it allocates nothing).
 */
function quietSpread(first: number, last: number, quiet: QuietWindows): Int32Array {
  const count = last - first + 1;
  const k = Math.max(0, Math.min(MAX_CALIBRATION, count));
  const offsets = evenOffsets(spreadCache, count, k);
  const { counts, end, gap, na } = quiet;
  let m = 0;
  for (let j = 0; j < k && m + (k - j) >= MIN_CALIBRATION; j++) {
    const p = first + offsets[j];
    // No event time in [times[p − gap], times[min(end, p + na)]): the count before the end less the count before the start.
    if (counts === null || counts[Math.min(end, p + na)] === counts[p - gap]) {
      candidates[m++] = p;
    }
  }
  return m < MIN_CALIBRATION ? NO_POSITIONS : candidates.slice(0, m);
}

function measure(positions: Int32Array, statistic: (p: number) => number): Float64Array {
  const out = new Float64Array(positions.length);
  for (let j = 0; j < positions.length; j++) {
    out[j] = statistic(positions[j]);
  }
  return out;
}

/**
 * Tail probabilities of x among the reference values. Its robust z (median and MAD of the
 * references, so a few earlier incidents in the history barely move it) is divided by how
 * heavy the references' tails are (their 95th percentile of |z| against the normal 1.96), at
 * most `cap` times, so a change far outside the ordinary ones is significant however wild the
 * history's tails.
 * Then the normal tail. The returned z is the divided one, whose tail is the p: a reported z
 * and p always agree. Comparable across series of any scale or shape; continuous however
 * extreme the move. An x within `rounding` (the absolute rounding of the values compared) of
 * the references' median reads as z = 0; `level` (the series' level, in the unit of x) sets the
 * scale when the references are all equal. O(k).
 *
 * @example
 * tails(40, Float64Array.from([-1, 0, 1, 0, 2, -2, 0, 1])) // { z: ≈ 10 (capped), up: ≈ 1e-23, ... }
 */
export function tails(x: number, reference: Float64Array, cap = Infinity, rounding = 0, level = 1): Tails & { z: number } {
  const center = median(reference);
  let scale = MAD_TO_SD * mad(reference, center);
  if (!(scale > 0)) {
    // Most changes exactly zero (quantised series): the 90th percentile of the distances,
    // so that rare bursts do not set the scale.
    scale = deviationQuantile(reference, center, 1, 0.9) / NORMAL_Q90;
  }
  if (!(scale > 0)) {
    // No earlier change at all (a flat history): a share of the series' level, so that the unit
    // the series is in decides nothing (an absolute floor judged the same step healthy at one
    // unit and watch at another).
    scale = 1e-9 * Math.max(level, Math.abs(center), Math.abs(x));
  }
  // Within the rounding of the values compared, x is the typical change: a whole-count series
  // whose change equals the median one exactly must not read as a hair above or below it once scaled.
  const raw = Math.abs(x - center) > rounding && Number.isFinite((x - center) / scale) ? (x - center) / scale : 0;
  const q95 = deviationQuantile(reference, center, scale, 0.95);
  const heaviness = Math.min(Math.max(1, cap), Math.max(1, q95 / NORMAL_Q95));
  const z = raw / heaviness;
  const upper = Math.exp(logNormalTail(z)) / 2;
  return {
    z,
    up: Math.max(MIN_P, z > 0 ? upper : 1 - upper),
    down: Math.max(MIN_P, z < 0 ? upper : 1 - upper),
    two: Math.max(MIN_P, 2 * upper),
  };
}

/** 90th and 95th percentiles of |z| under a normal distribution. */
const NORMAL_Q90 = 1.645;
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
 * The event counts of each series for the event list they were last made for: one scoring call
 * reads them for every event with the same list (a new list, as a new call makes, replaces
 * them), so one lookup per event instead of one per series and one per list.
 */
const eventCountCache = new WeakMap<PreparedSeries, { eventTimes: Float64Array; counts: Uint16Array | Uint32Array }>();

/**
 * counts[i] = number of event times before times[i]: built once per series and event list in
 * O(n + m log n), so whether a window holds an event costs O(1) for any position, in any order.
 */
function eventCounts(series: PreparedSeries, eventTimes: Float64Array): Uint16Array | Uint32Array {
  const cached = eventCountCache.get(series);
  if (cached !== undefined && cached.eventTimes === eventTimes) {
    return cached.counts;
  }
  const counts = countEvents(series.times, eventTimes);
  eventCountCache.set(series, { eventTimes, counts });
  return counts;
}

/**
 * The counts of eventCounts, made (a function of its own: its loop is compiled while it first
 * runs, and the lookups above, which every later event takes, would have had no feedback in
 * that compilation yet).
 */
function countEvents(times: Float64Array, eventTimes: Float64Array): Uint16Array | Uint32Array {
  // Half the memory when the counts fit, so half the fresh pages to fault in for a long series.
  const counts = eventTimes.length < 0xffff ? new Uint16Array(times.length) : new Uint32Array(times.length);
  // Samples from just after event k − 1 up to event k count k: one native fill per event
  // instead of a pass over every sample (times are strictly increasing once prepared).
  let from = 0;
  for (let k = 0; k < eventTimes.length; k++) {
    const at = lowerBound(times, eventTimes[k]);
    const after = at < times.length && times[at] === eventTimes[k] ? at + 1 : at;
    if (after > from) {
      counts.fill(k, from, after);
      from = after;
    }
  }
  counts.fill(eventTimes.length, from, times.length);
  return counts;
}

/**
 * Which positions are quiet: those whose guard and impact window (gap samples before, na after)
 * hold no event time, read from the event counts in O(1) per position; counts null when there
 * are no events (every position is quiet). A record quietSpread reads in its loop, not a
 * closure it calls for every position.
 */
interface QuietWindows {
  counts: Uint16Array | Uint32Array | null;
  /** The series' last index. */
  end: number;
  gap: number;
  na: number;
}

function quietWindows(series: PreparedSeries, eventTimes: Float64Array | undefined, gap: number, na: number): QuietWindows {
  const counts = eventTimes && eventTimes.length > 0 ? eventCounts(series, eventTimes) : null;
  return { counts, end: series.times.length - 1, gap, na };
}
