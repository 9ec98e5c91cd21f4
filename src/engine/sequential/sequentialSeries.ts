import { probit } from 'simple-statistics';

import { lowerBound, PreparedSeries } from '../prepareSeries';
import { longNoise } from '../judge/classifyChange';
import { median, quantile, rangeMedian } from '../stats/robust';
import { excessBuffer } from './excessBuffer';
import { roundRatio } from '../stats/roundRatio';
import { Direction, ImpactOptions } from '../types';
import { logNormalMixture } from './normalMixture';
import { SequentialDecision, SequentialOptions } from './types';

const DAY = 86_400_000;
/** Values read per baseline window at an earlier moment (evenly strided): bounds the calibration's cost. */
const BASELINE_READS = 16;
/** Samples whose median says whether the change is still there at the last look. */
const LAST_SAMPLES = 3;
/**
 * The change is still there while that median keeps this share of the large thresholds
 * (largeSize, and largeRatio's excess over 1): noise around a large step does not undo the
 * decision, a return towards the baseline does.
 */
const STILL_THERE_SHARE = 0.5;

/** Where one series' baseline and looks lie, as sample indices. */
interface Frame {
  bStart: number;
  bEnd: number;
  /** First sample at or after the deploy. */
  event: number;
  /** Looks read: samples event .. event + looks − 1. */
  looks: number;
  /** Looks of the whole wait, whether read yet or not: what the calibration judges earlier moments over. */
  wait: number;
  /** First index of the history the calibration may read. */
  history: number;
}

/**
 * The baseline [time − guard − before, time − guard) widened back to minBeforeSamples, and the
 * looks: the samples since the deploy through the impact window (at least minAfterSamples
 * unless strict, at most maxWindowSamples). Null when the series cannot be judged this way.
 */
function frameOf(series: PreparedSeries, time: number, options: ImpactOptions, cutAt = Infinity): Frame | null {
  const { times } = series;
  const n = times.length;
  if (n === 0 || time < times[0]) {
    return null;
  }
  const event = lowerBound(times, time);
  const bEnd = Math.min(event, lowerBound(times, time - options.guardMs));
  const bStart = Math.min(lowerBound(times, time - options.guardMs - options.beforeMs), Math.max(0, bEnd - options.minBeforeSamples));
  if (bEnd - bStart < options.minBeforeSamples || event >= n) {
    return null;
  }
  const inWindow = lowerBound(times, time + options.afterMs) - event;
  const wanted = options.strictAfter ? inWindow : Math.max(inWindow, options.minAfterSamples);
  const wait = Math.max(1, Math.min(options.maxWindowSamples, options.strictAfter ? inWindow : Math.max(Math.round(options.afterMs / Math.max(series.step, 1)), options.minAfterSamples)));
  // Never past the next change: what follows it is that change's doing.
  const looks = Math.min(n - event, wanted, options.maxWindowSamples, lowerBound(times, cutAt) - event);
  if (looks < 1) {
    return null;
  }
  return { bStart, bEnd, event, looks, wait, history: lowerBound(times, time - options.historyMs) };
}

/** Median of values[from..to) read at most BASELINE_READS times, evenly strided. */
function stridedMedian(values: Float64Array, from: number, to: number, buffer: Float64Array): number {
  const stride = Math.max(1, Math.ceil((to - from) / BASELINE_READS));
  let m = 0;
  for (let i = from; i < to; i += stride) {
    buffer[m++] = values[i];
  }
  return median(buffer.subarray(0, m));
}

/**
 * How much the short-term noise must be widened for this series' ordinary moves to look like
 * the test's model: at up to calibrationPositions earlier moments (their own baseline median,
 * the looks of the whole wait), the standardised sum S_n/√n after each number of looks n; its
 * `calibrationShare` quantile over the moments, against the same quantile of a standard normal,
 * is how much wider the ordinary sums are than the model's. The largest over n is the widening,
 * so autocorrelation (sums that grow faster than √n), drift and bursts all widen the unit.
 * 1 at least; null when the history holds fewer than minCalibrationPositions moments.
 * O(k·(16 + looks·log k)) for k ≤ calibrationPositions.
 */
function widening(series: PreparedSeries, frame: Frame, noise: number, sign: number, seq: SequentialOptions, model: Model): number | null {
  const nb = frame.bEnd - frame.bStart;
  // Over the whole wait, not the looks read so far: the unit, and so every earlier decision, stays the same at every look.
  const looks = frame.wait;
  const first = frame.history + nb + model.days * model.period;
  const last = frame.event - looks;
  const count = last - first + 1;
  if (count < seq.minCalibrationPositions) {
    return null;
  }
  const k = Math.min(seq.calibrationPositions, count);
  // sums[(n − 1)·k + j]: the sum after n looks at the j-th moment.
  const sums = new Float64Array(looks * k);
  const buffer = new Float64Array(BASELINE_READS + 1);
  const levels = new Float64Array(model.days + 1);
  const { values } = series;
  for (let j = 0; j < k; j++) {
    const p = first + Math.floor((j * (count - 1)) / Math.max(1, k - 1));
    const level = stridedMedian(values, p - nb, p, buffer);
    const expected = expectation(values, p, nb, model, buffer, levels);
    let sum = 0;
    for (let n = 1; n <= looks; n++) {
      sum += (sign * (values[p + n - 1] - level - expected(n - 1))) / noise;
      sums[(n - 1) * k + j] = sum / Math.sqrt(n);
    }
  }
  const normalQuantile = probit(seq.calibrationShare);
  let widest = 1;
  for (let n = seq.minSamples; n <= looks; n++) {
    widest = Math.max(widest, quantile(sums.subarray((n - 1) * k, n * k), seq.calibrationShare) / normalQuantile);
  }
  return widest;
}

/** How an excess is read: against the baseline alone (days 0), or less the mean excess at the same time on earlier days. */
interface Model {
  days: number;
  /** Samples per day. */
  period: number;
}

const RAW: Model = { days: 0, period: 0 };
/** Earlier days averaged into the seasonal expectation at most. */
const SEASONAL_DAYS = 3;
/** The seasonal reading is used when it narrows the calibrated unit at least this much (as calibrate.ts). */
const SEASONAL_GAIN = 0.9;

/**
 * The seasonal model for a series sampled regularly at most eight times a day apart: samples
 * per day, and how many whole earlier days leave room to calibrate; null when there are none.
 */
function seasonalModel(series: PreparedSeries, frame: Frame, seq: SequentialOptions): Model | null {
  const { step, times } = series;
  if (!(step > 0) || step > DAY / 8) {
    return null;
  }
  const period = Math.round(DAY / step);
  const back = frame.event - period;
  // Index arithmetic assumes regular sampling: one period back must really be a day back.
  if (back < 0 || Math.abs(times[frame.event] - times[back] - DAY) > 2 * step) {
    return null;
  }
  const room = frame.event - frame.wait - frame.history - (frame.bEnd - frame.bStart) - seq.minCalibrationPositions;
  const days = Math.min(SEASONAL_DAYS, Math.floor(room / period));
  return days >= 1 ? { days, period } : null;
}

/**
 * The expected excess k looks after position p under the model: the mean, over the model's
 * earlier days, of the excess at the same time of day over that day's own baseline median.
 * 0 for the raw model. O(days · 16) to set up, O(days) per look.
 */
function expectation(values: Float64Array, p: number, nb: number, model: Model, buffer: Float64Array, levels: Float64Array): (k: number) => number {
  if (model.days === 0) {
    return () => 0;
  }
  for (let d = 1; d <= model.days; d++) {
    const at = p - d * model.period;
    levels[d] = stridedMedian(values, at - nb, at, buffer);
  }
  return (k: number) => {
    let sum = 0;
    for (let d = 1; d <= model.days; d++) {
      sum += values[p + k - d * model.period] - levels[d];
    }
    return sum / model.days;
  };
}

interface Path {
  decidedAt: number | null;
  logEvidence: number;
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
      return { decidedAt: n, logEvidence: log };
    }
  }
  return { decidedAt: null, logEvidence: Number.isFinite(best) ? best : 0 };
}

/**
 * The anytime-valid sequential judgement of one series after a deploy: each sample since the
 * deploy, less the baseline median, in noise units, clipped, feeds a one-sided normal-mixture
 * e-process (see logNormalMixture) in the harmful direction (both, each at alpha/2, for
 * Direction.Either). It decides roll_back at the first look, from minSamples on, where the
 * e-value reaches 1/alpha and the change is large by the engine's own thresholds (median
 * excess ≥ largeSize short-term noise SDs, or median ratio ≥ largeRatio). The noise unit is the
 * short-term noise of the day before, widened by calibration on earlier moments of the series
 * (see widening), so the false-alarm bound holds on real series, not only on white noise.
 * Scale-free: multiplying the series by c > 0 changes no decision. Reads nothing after the last
 * look, nor at or after `cutAt` (the next change). O(n_b + looks + calibration). Null when the
 * series cannot be judged (no baseline, no sample since the deploy, a constant series).
 *
 * @example
 * sequentialSeries(series, deployAt, options, DEFAULT_SEQUENTIAL_OPTIONS) // { decidedAfterSamples: 2, ratio: 3, ... }
 */
export function sequentialSeries(series: PreparedSeries, time: number, options: ImpactOptions, seq: SequentialOptions, cutAt?: number): SequentialDecision | null {
  const frame = frameOf(series, time, options, cutAt);
  if (!frame) {
    return null;
  }
  const { values } = series;
  const level = rangeMedian(values, frame.bStart, frame.bEnd);
  // The engine's size unit: short-term noise of the day before, from successive differences.
  const noise = longNoise(series, frame.bEnd - 1, Math.min(DAY, options.historyMs));
  if (!(noise > 1e-12 * Math.abs(level)) || !(noise > 0)) {
    return null;
  }
  const signs = options.direction === Direction.Either ? [1, -1] : [options.direction === Direction.Down ? -1 : 1];
  const logBound = Math.log(signs.length / seq.alpha);
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
    return summarise(series, frame, side, excess, { decidedAt: null, logEvidence: lastEvidence(excess, noise, seq) }, noise, small);
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
  // The widening only ever shrinks the evidence: a reading that does not cross unwidened never
  // will, and then the calibration is not needed at all.
  const rawCrosses = crossing(excess, noise, logBound, seq, large).decidedAt !== null;
  const seasonalCrosses = seasonalExcess !== null && crossing(seasonalExcess, noise, logBound, seq, large).decidedAt !== null;
  let path: Path = { decidedAt: null, logEvidence: lastEvidence(excess, noise, seq) };
  let unit = noise;
  if (rawCrosses || seasonalCrosses) {
    // Which reading judges depends on the history alone, never on what followed the deploy.
    const rawWidening = widening(series, frame, noise, sign, seq, RAW);
    const seasonalWidening = seasonal ? widening(series, frame, noise, sign, seq, seasonal) : null;
    const useSeasonal = seasonalWidening !== null && (rawWidening === null || seasonalWidening < SEASONAL_GAIN * rawWidening);
    const widen = useSeasonal ? seasonalWidening : rawWidening;
    unit = noise * (widen ?? Infinity);
    path = widen === null ? { decidedAt: null, logEvidence: 0 } : crossing(useSeasonal ? seasonalExcess! : excess, unit, logBound, seq, large);
  }
  return summarise(series, frame, side, excess, path, unit, largeMedian);
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
    ratio: summary.ratio,
    size: summary.size,
    stillThere: largeMedian(Math.max(0, frame.looks - LAST_SAMPLES), frame.looks, STILL_THERE_SHARE).large,
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
