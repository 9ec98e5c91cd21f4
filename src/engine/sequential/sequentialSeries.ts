import { PreparedSeries } from '../prepareSeries';
import { longNoise, noiseExceeds } from '../judge/classifyChange';
import { median, rangeMedian } from '../stats/robust';
import { roundRatio } from '../stats/roundRatio';
import { Direction, ImpactOptions } from '../types';
import { excessBuffer } from './excessBuffer';
import { BASELINE_READS, expectation, Frame, frameOf, Model, RAW, SEASONAL_GAIN, seasonalModel } from './frame';
import { logNormalMixture } from './normalMixture';
import { SequentialDecision, SequentialOptions } from './types';
import { widening } from './widening';

const DAY = 86_400_000;

/** Samples whose median says whether the change is still there at the last look. */
const LAST_SAMPLES = 3;
/**
 * The change is still there while that median keeps this share of the large thresholds
 * (largeSize, and largeRatio's excess over 1): noise around a large step does not undo the
 * decision, a return towards the baseline does.
 */
const STILL_THERE_SHARE = 0.5;

interface Path {
  decidedAt: number | null;
  logEvidence: number;
  /** Decided on the pairs reading (see pairMinima). */
  pairs: boolean;
}

/** The first look at which the clipped, standardised excesses cross the boundary while the change is large. */
function crossing(excess: Float64Array, unit: number, logBound: number, seq: SequentialOptions, large: (n: number) => boolean): Path {
  let sum = 0;
  let best = -Infinity;
  for (let n = 1; n <= excess.length; n++) {
    sum += Math.max(-seq.clip, Math.min(seq.clip, excess[n - 1] / unit));
    const log = logNormalMixture(sum, n, seq.mixtureScale);
    best = Math.max(best, log);
    if (n >= seq.minSamples && log >= logBound && large(n)) {
      return { decidedAt: n, logEvidence: log, pairs: false };
    }
  }
  return { decidedAt: null, logEvidence: Number.isFinite(best) ? best : 0, pairs: false };
}

/**
 * The pairs reading: the lower of each two successive excesses, the j-th pair ending at look
 * j + 2. One burst beside a quiet sample reads as quiet, while a change that stays reads at
 * its full size from the second sample on: on a bursty series the reading's calibrated unit
 * need not cover the bursts, so a step stands out within a few samples.
 */
export function pairMinima(excess: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, excess.length - 1));
  for (let j = 0; j < out.length; j++) {
    out[j] = Math.min(excess[j], excess[j + 1]);
  }
  return out;
}

/** crossing on the pairs reading, in looks since the deploy: its n-th term is known at look n + 1. */
function pairsCrossing(excess: Float64Array, unit: number, logBound: number, seq: SequentialOptions, large: (n: number) => boolean): Path {
  const path = crossing(pairMinima(excess), unit, logBound, { ...seq, minSamples: Math.max(1, seq.minSamples - 1) }, (n) => large(n + 1));
  return { ...path, decidedAt: path.decidedAt === null ? null : path.decidedAt + 1, pairs: true };
}

/**
 * Whether either reading could cross at some unit of at least the short-term noise: every term
 * at most its positive part at that unit (a wider unit shrinks a positive excess and moves a
 * negative one towards 0, never past it), so these sums bound every widened reading's.
 */
function mayCross(excess: Float64Array, noise: number, logBound: number, seq: SequentialOptions, large: (n: number) => boolean): boolean {
  return earlierReading(excess.map((e) => Math.max(0, e)), noise, [1, 1], logBound, seq, large).path.decidedAt !== null;
}

/**
 * The anytime-valid sequential judgement of one series after a deploy: each sample since the
 * deploy, less the baseline median, in noise units, clipped, feeds a one-sided normal-mixture
 * e-process (see logNormalMixture) in the harmful direction; so do the lower of each two
 * successive samples (see pairMinima). Each of the two readings has alpha/2 (each side alpha/4
 * for Direction.Either), so by a union bound an effect-free deploy crosses either at any look
 * with chance at most alpha when its samples, given the earlier ones, are normal in the unit
 * with mean at most the level (the clip's floor raises a sample far below the level: harmless
 * for normal samples, not exactly so for skewed ones; the pairs reading's terms are never above
 * the sample they end at, and the mixture weighs only shifts ≥ 0). It decides roll_back at the first look, from minSamples on, where
 * a reading's e-value reaches its boundary and the change is large by the engine's own
 * thresholds (median excess ≥ largeSize short-term noise SDs, or median ratio ≥ largeRatio).
 * Each reading's noise unit is the short-term noise of the day before, widened by calibration
 * on earlier moments of the series (see widening), so the false-alarm bound holds on real
 * series, not only on white noise.
 * Scale-free: multiplying the series by c > 0 changes no decision. Reads nothing after the last
 * look, nor at or after `cutAt` (the next change). O(n_b + looks + calibration). Null when the
 * series cannot be judged (no baseline, no sample since the deploy, a constant series).
 *
 * @example
 * sequentialSeries(series, deployAt, options, DEFAULT_SEQUENTIAL_OPTIONS) // { decidedAfterSamples: 2, ratio: 3, ... }
 */
export function sequentialSeries(series: PreparedSeries, time: number, options: ImpactOptions, seq: SequentialOptions, cutAt?: number): SequentialDecision | null {
  const frame = frameOf(series, time, options, cutAt);
  return frame ? judgeFrame(series, frame, options, seq) : null;
}

/**
 * sequentialSeries when it decides (decidedAfterSamples set), else null or an undecided result:
 * for the callers that act on a decision alone. Most deploys change nothing large, and for them
 * bounds from the extremes of the baseline and the looks prove it without the baseline median,
 * the noise's selection, or the e-process. Same cost as sequentialSeries when they do not.
 *
 * @example
 * sequentialDecision(series, deployAt, options, DEFAULT_SEQUENTIAL_OPTIONS) // null: nothing large since the deploy
 */
export function sequentialDecision(series: PreparedSeries, time: number, options: ImpactOptions, seq: SequentialOptions, cutAt?: number): SequentialDecision | null {
  const frame = frameOf(series, time, options, cutAt);
  return frame && !cannotBeLarge(series, frame, options) ? judgeFrame(series, frame, options, seq) : null;
}

/** The relative margin every bound below keeps over the rounding of the quantities it bounds. */
const MARGIN = 1e-9;

/**
 * True when no median of the looks' excesses can be large on either side, whatever the baseline
 * median and the noise turn out to be, so judgeOneSide decides nothing (a decision needs a large
 * median; a median is at most the largest excess). The level lies between the baseline's
 * extremes, so the largest excess is at most the largest look less the smallest baseline value
 * (upwards); the ratio at most the largest look over the smallest baseline value; the noise
 * need only be shown above the size threshold's share of that excess. False when it cannot tell.
 */
function cannotBeLarge(series: PreparedSeries, frame: Frame, options: ImpactOptions): boolean {
  const { values } = series;
  const { thresholds } = options;
  extremes(values, frame.bStart, frame.bEnd);
  const minB = range[0];
  const maxB = range[1];
  extremes(values, frame.event, frame.event + frame.looks);
  const minL = range[0];
  const maxL = range[1];
  // As judgeOneSide's ratioOf: a ratio only for a series with no negative value in the frame and a positive level.
  const ratios = series.negatives[frame.event + frame.looks] - series.negatives[frame.bStart] === 0 && maxB > 0;
  let most = -Infinity;
  if (options.direction !== Direction.Down) {
    if (ratios && !(minB > 0 && ratioBelow(maxL > 0 ? maxL / minB : 0, thresholds.largeRatio))) {
      return false;
    }
    most = Math.max(most, maxL - minB);
  }
  if (options.direction !== Direction.Up) {
    // level / (level − excess) ≤ maxB / minL, the level's rounding small beside minL.
    if (ratios && !(minL > 1e-3 * maxB && ratioBelow(maxB / minL, thresholds.largeRatio))) {
      return false;
    }
    most = Math.max(most, maxB - minL);
  }
  // No excess above zero is large at any noise above zero (and a zero noise is not judged).
  return most <= 0 || noiseExceeds(series, frame.bEnd - 1, Math.min(DAY, options.historyMs), (most / thresholds.largeSize) * (1 + MARGIN));
}

/** Whether a ratio is below largeRatio by more than the rounding of either (a function, not a closure made for every event). */
function ratioBelow(r: number, largeRatio: number): boolean {
  return r * (1 + MARGIN) + MARGIN < largeRatio * (1 - MARGIN);
}

/** Where extremes writes: read at once (cannotBeLarge runs for every event; a pair destructured from an array goes through an iterator in unoptimised code). */
const range = new Float64Array(2);

/** The smallest and largest of values[from..to), into range[0] and range[1]. */
function extremes(values: Float64Array, from: number, to: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i];
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  range[0] = min;
  range[1] = max;
}

function judgeFrame(series: PreparedSeries, frame: Frame, options: ImpactOptions, seq: SequentialOptions): SequentialDecision | null {
  const { values } = series;
  const level = rangeMedian(values, frame.bStart, frame.bEnd);
  // The engine's size unit: short-term noise of the day before, from successive differences.
  const noise = longNoise(series, frame.bEnd - 1, Math.min(DAY, options.historyMs));
  if (!(noise > 1e-12 * Math.abs(level)) || !(noise > 0)) {
    return null;
  }
  const signs = options.direction === Direction.Either ? [1, -1] : [options.direction === Direction.Down ? -1 : 1];
  // Two readings (each sample, and pairs), each at half the budget, so together at alpha.
  const logBound = Math.log((2 * signs.length) / seq.alpha);
  let result: SequentialDecision | null = null;
  for (const sign of signs) {
    const decision = judgeOneSide(series, frame, { level, noise, sign, logBound }, options, seq);
    if (!result || (decision.decidedAfterSamples !== null && (result.decidedAfterSamples === null || decision.decidedAfterSamples < result.decidedAfterSamples))) {
      result = decision;
    }
  }
  return result;
}

interface Side {
  level: number;
  noise: number;
  sign: number;
  logBound: number;
}

function judgeOneSide(series: PreparedSeries, frame: Frame, side: Side, options: ImpactOptions, seq: SequentialOptions): SequentialDecision {
  const { level, noise, sign, logBound } = side;
  const { thresholds } = options;
  // Largeness reads the plain excess over the baseline: the size of the change itself.
  const excess = excessBuffer(frame.looks);
  // Accumulated in a variable no closure holds: a captured one boxes every new double.
  let peak = -Infinity;
  for (let j = 0; j < frame.looks; j++) {
    excess[j] = sign * (series.values[frame.event + j] - level);
    peak = Math.max(peak, excess[j]);
  }
  const most = peak;
  const ratioOf = (m: number) => (level > 0 && series.negatives[frame.event + frame.looks] - series.negatives[frame.bStart] === 0 ? roundRatio(sign > 0 ? m / level : level / m) : null);
  // No median can be large when no single excess is: nothing to decide, and the readings and the
  // calibration are not needed (the usual case, kept cheap: it runs for every event).
  const mostRatio = ratioOf(level + sign * most);
  if (!(most / noise >= thresholds.largeSize || (mostRatio !== null && mostRatio >= thresholds.largeRatio))) {
    // Reported from the largest excess: no median of the looks can be larger.
    const small = (): ReturnType<LargeMedian> => ({ size: most / noise, ratio: mostRatio, large: false });
    return summarise(series, frame, side, excess, { decidedAt: null, logEvidence: lastEvidence(excess, noise, seq), pairs: false }, noise, small);
  }
  const largeMedian = (from: number, to: number, share = 1) => {
    const m = median(excess.subarray(from, to));
    const ratio = ratioOf(level + sign * m);
    return { size: m / noise, ratio, large: m / noise >= share * thresholds.largeSize || (ratio !== null && ratio - 1 >= share * (thresholds.largeRatio - 1)) };
  };
  const large = (n: number) => largeMedian(0, n).large;
  const excessUnder = (model: Model) => {
    const expected = expectation(series.values, frame.event, frame.bEnd - frame.bStart, model, new Float64Array(BASELINE_READS + 1), new Float64Array(model.days + 1));
    const out = new Float64Array(frame.looks);
    for (let j = 0; j < frame.looks; j++) {
      out[j] = sign * (series.values[frame.event + j] - level - expected(j));
    }
    return out;
  };
  const seasonal = seasonalModel(series, frame, seq);
  const seasonalExcess = seasonal ? excessUnder(seasonal) : null;
  let path: Path = { decidedAt: null, logEvidence: lastEvidence(excess, noise, seq), pairs: false };
  let unit = noise;
  // The calibration is needed only when some reading could cross at all.
  if (mayCross(excess, noise, logBound, seq, large) || (seasonalExcess !== null && mayCross(seasonalExcess, noise, logBound, seq, large))) {
    // Which model judges depends on the history alone, never on what followed the deploy.
    const rawWidening = widening(series, frame, noise, sign, seq, RAW);
    const seasonalWidening = seasonal ? widening(series, frame, noise, sign, seq, seasonal) : null;
    const useSeasonal = seasonalWidening !== null && (rawWidening === null || seasonalWidening < SEASONAL_GAIN * rawWidening);
    const widen = useSeasonal ? seasonalWidening : rawWidening;
    const model = useSeasonal ? seasonal! : RAW;
    const pairsWidening = widen === null ? null : widening(series, frame, noise, sign, seq, model, true);
    ({ path, unit } = earlierReading(useSeasonal ? seasonalExcess! : excess, noise, [widen, pairsWidening], logBound, seq, large));
  }
  return summarise(series, frame, side, excess, path, unit, largeMedian);
}

/**
 * The earlier decision of the two readings, each in its own calibrated unit (widenings of the
 * short-term noise, null with too little history): each sample, and the pairs (see pairMinima).
 */
function earlierReading(read: Float64Array, noise: number, [each, pairs]: [number | null, number | null], logBound: number, seq: SequentialOptions, large: (n: number) => boolean): { path: Path; unit: number } {
  if (each === null) {
    return { path: { decidedAt: null, logEvidence: 0, pairs: false }, unit: Infinity };
  }
  const onEach = crossing(read, noise * each, logBound, seq, large);
  const onPairs = pairs === null ? null : pairsCrossing(read, noise * pairs, logBound, seq, large);
  if (onPairs && onPairs.decidedAt !== null && (onEach.decidedAt === null || onPairs.decidedAt < onEach.decidedAt)) {
    return { path: onPairs, unit: noise * pairs! };
  }
  return { path: onEach, unit: noise * each };
}

type LargeMedian = (from: number, to: number, share?: number) => { size: number; ratio: number | null; large: boolean };

function summarise(series: PreparedSeries, frame: Frame, side: Side, excess: Float64Array, path: Path, unit: number, largeMedian: LargeMedian): SequentialDecision {
  const upTo = path.decidedAt ?? frame.looks;
  const summary = largeMedian(0, upTo);
  return {
    seriesId: series.id,
    name: series.name,
    decidedAfterSamples: path.decidedAt,
    looks: frame.looks,
    logEvidence: path.logEvidence,
    logBoundary: side.logBound,
    level: side.level,
    unit: Number.isFinite(unit) ? unit : side.noise,
    widening: Number.isFinite(unit / side.noise) ? unit / side.noise : 1,
    // As observed (after over before): largeness read the harm's ratio, which for a fall is its inverse.
    ratio: summary.ratio !== null && side.sign < 0 ? 1 / summary.ratio : summary.ratio,
    size: summary.size,
    stillThere: largeMedian(Math.max(0, frame.looks - LAST_SAMPLES), frame.looks, STILL_THERE_SHARE).large,
    pairs: path.pairs,
  };
}

/** ln of the unwidened e-value at the last look: what is reported when the test did not decide. */
function lastEvidence(excess: Float64Array, noise: number, seq: SequentialOptions): number {
  let sum = 0;
  for (let j = 0; j < excess.length; j++) {
    sum += Math.max(-seq.clip, Math.min(seq.clip, excess[j] / noise));
  }
  return logNormalMixture(sum, excess.length, seq.mixtureScale);
}

/** A series' frame and noise unit at an event, as sequentialSeries reads them (see calibratedNoise). */
export interface CalibratedNoise {
  /** Median of the baseline window. */
  level: number;
  /** Short-term noise of the day before. */
  noise: number;
  /** Its widening for `sign` over the whole wait (raw model, settleCalibrationShare); null with too little history. */
  widening: number | null;
  /** First sample at or after the event, and the looks read from it. */
  event: number;
  looks: number;
}

/**
 * The baseline level and short-term noise sequentialSeries would use, and the widening calibrated
 * at settleCalibrationShare, for the tests built on the same frame (the version comparison, the
 * healthy side). Null when the
 * series cannot be judged. O(n_b + calibration).
 *
 * @example
 * calibratedNoise(series, deployAt, options, DEFAULT_SEQUENTIAL_OPTIONS, -1) // { level: 10, noise: 0.4, widening: 1.3, event: 1440, looks: 6 }
 */
export function calibratedNoise(series: PreparedSeries, time: number, options: ImpactOptions, seq: SequentialOptions, sign: number, cutAt?: number): CalibratedNoise | null {
  const frame = frameOf(series, time, options, cutAt);
  const level = frame ? rangeMedian(series.values, frame.bStart, frame.bEnd) : NaN;
  const noise = frame ? longNoise(series, frame.bEnd - 1, Math.min(DAY, options.historyMs)) : NaN;
  if (!frame || !(noise > 1e-12 * Math.abs(level)) || !(noise > 0)) {
    return null;
  }
  const widened = widening(series, frame, noise, sign, { ...seq, calibrationShare: seq.settleCalibrationShare }, RAW);
  return { level, noise, widening: widened, event: frame.event, looks: frame.looks };
}
