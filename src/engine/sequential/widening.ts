import { probit } from 'simple-statistics';

import { PreparedSeries } from '../prepareSeries';
import { median, quantile } from '../stats/robust';
import { BASELINE_READS, expectation, Frame, Model, stridedMedian } from './frame';
import { sumBoundary } from './normalMixture';
import { SequentialOptions } from './types';

/**
 * How much the short-term noise must be widened for a reading of the test to stay quiet on this
 * series' own past, judged at up to calibrationPositions earlier moments (each against its own
 * baseline median, over the looks of the whole wait). The larger of:
 * - the smallest widening at which the reading would have said roll_back at no more than a share
 *   calibrationAlarms of the moments: a series whose bursts or sudden shifts would have crossed
 *   gets a unit wide enough that they no longer do, a quiet one keeps its short-term noise;
 * - what the model needs (see modelWidening): where the sums at earlier moments spread wider
 *   than a normal's (autocorrelation, drift), the unit widens as much, crossings or not.
 * 1 at least; null when the history holds fewer than minCalibrationPositions moments.
 * O(k·looks), and more only at moments where the change was large.
 */
export function widening(series: PreparedSeries, frame: Frame, noise: number, sign: number, seq: SequentialOptions, model: Model, reading: Reading): number | null {
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
  // sums[(n − 1)·k + j]: the capped sum after n looks at the j-th moment, over √n.
  const sums = new Float64Array(looks * k);
  // As at the deploy: largeness reads the plain excess over the baseline, the sum the model's.
  const plain = new Float64Array(looks);
  const excess = new Float64Array(looks);
  const buffer = new Float64Array(Math.max(BASELINE_READS + 1, looks));
  const levels = new Float64Array(model.days + 1);
  const highest = reading.alarms === null ? null : new Highest(Math.floor(reading.alarms * k) + 1);
  const { values } = series;
  for (let j = 0; j < k; j++) {
    const p = first + Math.floor((j * (count - 1)) / Math.max(1, k - 1));
    const level = stridedMedian(values, p - nb, p, buffer);
    const expected = expectation(values, p, nb, model, buffer, levels);
    for (let n = 0; n < looks; n++) {
      plain[n] = sign * (values[p + n] - level);
      excess[n] = plain[n] - sign * expected(n);
    }
    const threshold = reading.threshold(level);
    highest?.add(momentWidening({ plain, excess }, noise, threshold, reading, seq, buffer, highest.floor()));
    let sum = 0;
    const cap = reading.capShare * threshold;
    for (let n = 1; n <= looks; n++) {
      sum += Math.min(cap, excess[n - 1]) / noise;
      sums[(n - 1) * k + j] = sum / Math.sqrt(n);
    }
  }
  // The (allowed + 1)-th largest: exactly `allowed` moments would still have crossed.
  return Math.max(1, highest?.floor() ?? 1, modelWidening(sums, k, looks, seq));
}

/** The `size` largest values added, and the smallest of them: what a new value must beat to count. */
class Highest {
  private readonly kept: number[] = [];

  constructor(private readonly size: number) {}

  /** The smallest value kept once `size` are kept; 1 (no widening) before that. */
  floor(): number {
    return this.kept.length < this.size ? 1 : this.kept[0];
  }

  add(value: number): void {
    if (value <= this.floor() && this.kept.length >= this.size) {
      return;
    }
    this.kept.push(value);
    this.kept.sort((a, b) => a - b);
    if (this.kept.length > this.size) {
      this.kept.shift();
    }
  }
}

/**
 * How much wider than the model's the ordinary standardised sums S_n/√n are: at each number of
 * looks, their `calibrationShare` quantile over the moments against the same quantile of a
 * standard normal; the largest over n. Catches autocorrelation and drift that make sums grow
 * faster than √n even where no single moment crossed.
 */
function modelWidening(sums: Float64Array, k: number, looks: number, seq: SequentialOptions): number {
  const normalQuantile = probit(seq.calibrationShare);
  let widest = 1;
  for (let n = seq.minSamples; n <= looks; n++) {
    widest = Math.max(widest, quantile(sums.subarray((n - 1) * k, n * k), seq.calibrationShare) / normalQuantile);
  }
  return widest;
}

/** How one reading of the test judges a moment (see sequentialSeries). */
export interface Reading {
  /** The median excess at which a change is large, at a moment whose baseline median is `level`. */
  threshold: (level: number) => number;
  /** Each excess counts at most this many times that threshold (Infinity: in full). */
  capShare: number;
  /** ln of the e-value the reading must reach. */
  logBound: number;
  /** Share of earlier moments at which the reading may have crossed; null: only the model's widening. */
  alarms: number | null;
}

/**
 * The smallest widening at which the test, run on these excesses, would not have said roll_back
 * at any look: the largest, over looks n where the median excess so far is large, of the widening
 * that brings the clipped sum down to the boundary. Looks that cannot need more than `atLeast`
 * are skipped (the sum of the positive capped excesses over the boundary bounds what they need),
 * so the result is exact only above `atLeast`: all the caller keeps. 1 when no look needs more.
 */
function momentWidening(moment: { plain: Float64Array; excess: Float64Array }, noise: number, threshold: number, reading: Reading, seq: SequentialOptions, buffer: Float64Array, atLeast: number): number {
  const { plain, excess } = moment;
  const cap = reading.capShare * threshold;
  let needed = Math.max(1, atLeast);
  let largeSoFar = 0;
  let positive = 0;
  for (let n = 1; n <= excess.length; n++) {
    largeSoFar += plain[n - 1] >= threshold ? 1 : 0;
    positive += Math.max(0, Math.min(cap, excess[n - 1]));
    // The median of n values reaches the threshold only when at least half of them do.
    if (n < seq.minSamples || 2 * largeSoFar < n || positive / (noise * boundaryOf(n, reading.logBound, seq)) <= needed) {
      continue;
    }
    buffer.set(plain.subarray(0, n));
    if (median(buffer.subarray(0, n)) < threshold) {
      continue;
    }
    needed = Math.max(needed, wideningToBoundary(excess.subarray(0, n), noise, boundaryOf(n, reading.logBound, seq), seq.clip, cap));
  }
  return needed;
}

/** The widening w ≥ 1 at which the sum of clip(excess / (noise·w)) falls to `boundary`; 1 when it is under it already. */
function wideningToBoundary(excess: Float64Array, noise: number, boundary: number, clip: number, cap: number): number {
  const sumAt = (w: number) => {
    let sum = 0;
    for (const e of excess) {
      sum += Math.max(-clip, Math.min(clip, Math.min(cap, e) / (noise * w)));
    }
    return sum;
  };
  if (sumAt(1) < boundary) {
    return 1;
  }
  let lo = 1;
  let hi = 2;
  while (sumAt(hi) >= boundary && hi < 1e12) {
    hi *= 2;
  }
  // Bisection on a log scale: 40 halvings leave under 2^-40 of relative error.
  for (let i = 0; i < 40; i++) {
    const mid = Math.sqrt(lo * hi);
    if (sumAt(mid) >= boundary) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}

const boundaries = new Map<string, number>();

/** The clipped sum after n looks at which the e-value reaches e^logBound (cached: it depends on the options alone). */
export function boundaryOf(n: number, logBound: number, seq: SequentialOptions): number {
  const key = `${n}:${logBound}:${seq.mixtureScale}`;
  let b = boundaries.get(key);
  if (b === undefined) {
    b = sumBoundary(logBound, n, seq.mixtureScale);
    boundaries.set(key, b);
  }
  return b;
}

