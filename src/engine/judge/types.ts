/**
 * What the steps of the judge hand each other, in the order they run: the input, the two
 * windows (prepareWindows), their summary (compareWindows), the classification
 * (classifyChange) and what followed the change (measureAftermath).
 */
import type { calibrate } from '../calibrate';
import type { PreparedSeries } from '../prepareSeries';
import type { sortedMannWhitney } from '../stats/mannWhitney';
import type { ImpactOptions, SpikeSize } from '../types';

export interface ScoreSeriesInput {
  series: PreparedSeries;
  time: number;
  options: ImpactOptions;
  /** The impact window stops here (the next event's time), if earlier than time + after. */
  cutAt?: number;
  /** Sorted times of all events, kept out of the calibration. */
  eventTimes?: Float64Array;
  /** Buffers reused from one event to the next (see createWindowScratch); fresh ones when absent. */
  scratch?: WindowScratch;
}

/**
 * Buffers for the two windows of one event, reused across the events of one scoreEvents call
 * so the per-event work allocates no arrays. Grown as needed; read nothing from them across calls.
 */
export interface WindowScratch {
  before: Float64Array;
  after: Float64Array;
  sortedBefore: Float64Array;
  sortedAfter: Float64Array;
  diffs: Float64Array;
  /** Views of `after` by length, made once each: a view per event is an allocation per event. */
  afterViews: Float64Array[];
}

/** Where the baseline and the impact window lie in one series, as sample indices. */
export interface Windows {
  /** Baseline [bStart, bEnd). */
  bStart: number;
  bEnd: number;
  /** First sample at or after the event; the impact window is [event, aEnd). */
  event: number;
  aEnd: number;
  time: number;
  widened: boolean;
  incomplete: boolean;
  /** The last sample the impact window may read. */
  lastAllowed: number;
  /** Notes for the reasons, in the order they arose. */
  notes: string[];
}

/** The two windows bucketed and summarised: what the classification and the score read. */
export interface WindowStats {
  /** The impact window's buckets, in time order. */
  after: Float64Array;
  baseMedian: number;
  afterMedian: number;
  baseMean: number;
  afterMean: number;
  /** The baseline's spread: robust SD, successive-difference noise or the level floor, whichever is largest. */
  scale: number;
  levelFloor: number;
  absoluteChange: number;
  robustZ: number;
  /** No negative sample in either window: a count-like series, for which ratios mean something. */
  nonNegative: boolean;
  ratio: number | null;
  medianRatio: number | null;
  test: ReturnType<typeof sortedMannWhitney>;
}

/** What the classification found: the evidence, whether the change is harmful, and its size. */
export interface Classification {
  calibration: ReturnType<typeof calibrate>;
  calibratedZ: number;
  evidenceP: number;
  /** −ln p when the level moved the harmful way, else 0. */
  evidence: number;
  sizeHarm: number;
  harmful: boolean;
  /** The unit `size` is in: the short-term noise of the day before (Infinity when not harmful). */
  noiseScale: number;
  size: number;
}

/** When a harmful change recovered (null: not within what was read), and how finely that was measured. */
export interface Recovery {
  recoveredAt: number | null;
  /** The last sample time the search for a recovery read. */
  lastRead: number;
  /** The recovery time is known to within this much (the rolling run of buckets). */
  resolutionMs: number;
}

/** What followed a change: whether it lasts or grows, when it recovered, and the spike's size. */
export interface Aftermath {
  trend: { persistent: boolean; rising: boolean };
  recovery: Recovery | null;
  endRead: number;
  spike: SpikeSize;
}
