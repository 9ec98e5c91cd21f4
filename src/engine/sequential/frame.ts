import { lowerBound, PreparedSeries } from '../prepareSeries';
import { median } from '../stats/robust';
import { ImpactOptions } from '../types';
import { SequentialOptions } from './types';

const DAY = 86_400_000;
/** Values read per baseline window at an earlier moment (evenly strided): bounds the calibration's cost. */
export const BASELINE_READS = 16;

/** Where one series' baseline and looks lie, as sample indices. */
export interface Frame {
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
export function frameOf(series: PreparedSeries, time: number, options: ImpactOptions, cutAt = Infinity): Frame | null {
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
export function stridedMedian(values: Float64Array, from: number, to: number, buffer: Float64Array): number {
  const stride = Math.max(1, Math.ceil((to - from) / BASELINE_READS));
  let m = 0;
  for (let i = from; i < to; i += stride) {
    buffer[m++] = values[i];
  }
  return median(buffer.subarray(0, m));
}

/** How an excess is read: against the baseline alone (days 0), or less the mean excess at the same time on earlier days. */
export interface Model {
  days: number;
  /** Samples per day. */
  period: number;
}

export const RAW: Model = { days: 0, period: 0 };
/** Earlier days averaged into the seasonal expectation at most. */
const SEASONAL_DAYS = 3;
/** The seasonal reading is used when it narrows the calibrated unit at least this much (as calibrate.ts). */
export const SEASONAL_GAIN = 0.9;

/**
 * The seasonal model for a series sampled regularly at most eight times a day apart: samples
 * per day, and how many whole earlier days leave room to calibrate; null when there are none.
 */
export function seasonalModel(series: PreparedSeries, frame: Frame, seq: SequentialOptions): Model | null {
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
export function expectation(values: Float64Array, p: number, nb: number, model: Model, buffer: Float64Array, levels: Float64Array): (k: number) => number {
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
