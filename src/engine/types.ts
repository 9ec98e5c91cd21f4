/**
 * Types of the impact engine. Plain data: numbers, typed arrays and timestamps; no Grafana,
 * React or rxjs types, so the panel and the command line can both adapt to it.
 */
import { Verdict } from '../vocabulary';
import type { SequentialOptions } from './sequential/types';

export enum Direction {
  /** Higher is bad: errors, latency. The default. */
  Up = 'up',
  /** Lower is bad: throughput, success rate. */
  Down = 'down',
  Either = 'either',
}

export { Verdict };

export enum Severity {
  None = 'none',
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Critical = 'critical',
}

/** A metric series as the caller has it; `prepareSeries` cleans it. */
export interface SeriesInput {
  id: string;
  /** Shown in reasons, e.g. "checkout errors". */
  name?: string;
  /** The service this series measures, to tell "broke its own service" from "broke another". */
  service?: string;
  /**
   * The version this series measures (from a `version` label or the like): with the event's
   * version, the new version is compared with the others over the same minutes.
   */
  version?: string;
  times: ArrayLike<number>;
  values: ArrayLike<number | null | undefined>;
  /** The values are an error ratio (0..1, errors / requests): with an SLO, the budget burned is known. */
  errorRatio?: boolean;
  /**
   * The matching total (requests), in the same unit as the errors: the series is then judged
   * as its error ratio (errors / requests), so traffic alone does not look like harm; with an
   * SLO, the budget burned is known.
   */
  total?: { times: ArrayLike<number>; values: ArrayLike<number | null | undefined> };
}

/** A service level objective: the share of good events over a rolling window. */
export interface Slo {
  /** e.g. 0.999 for 99.9%. */
  target: number;
  /** e.g. 30 days in ms. */
  windowMs: number;
}

/** How big a change was, in the series' own unit. */
export interface SpikeSize {
  /** The most extreme value of the impact in the harmful direction. */
  peak: number;
  /** peak / baseline mean, for a non-negative series with a positive baseline; else null. */
  peakRatio: number | null;
  /**
   * Area between the series and its baseline median over the impact, summed over samples, in
   * the harmful direction: for a count per scrape interval, the extra count. Negative when the
   * series moved the other way.
   */
  excess: number;
  /** How long the excess was summed over, ms: to the recovery, or the end of the data read. */
  excessMs: number;
  /** Share of the SLO's error budget the excess used (0.25 = a quarter); null without an SLO. */
  budgetBurned: number | null;
}

/** An event to score; only `time` is required, the rest is passed through and used when present. */
export interface EngineEvent {
  time: number;
  id?: string;
  service?: string;
  kind?: string;
  version?: string;
  environment?: string;
  title?: string;
  [key: string]: unknown;
}

export interface Thresholds {
  /**
   * A change counts as real when the chance that an earlier position moved as much, in level
   * and spread combined, is below this.
   */
  calibratedAlpha: number;
  /** Mann-Whitney p below which a change counts as real when history is too short to calibrate. */
  alpha: number;
  /** Size (robust standard deviations of the baseline) below which a real change is small: `watch`. */
  smallSize: number;
  /** Size from which a change is large. */
  largeSize: number;
  /** Ratio to baseline from which a change of a non-negative series is large (2 = doubled). */
  largeRatio: number;
  /** Ratio to baseline below which a change of a non-negative series is small. */
  smallRatio: number;
  /**
   * When the median moved far (largeSize or largeRatio), its shift is also compared with the
   * shifts of earlier medians. Heavy tails there (earlier incidents) make it less surprising,
   * but by at most this factor: a shift this many times beyond the ordinary reach is
   * significant whatever the history held.
   */
  heavinessCap: number;
  /**
   * Version against version: the new version counts as worse when the lower end of the
   * confidence interval of its shift over the other versions is above this share of their
   * level (0.2: more than 20% worse).
   */
  versionTolerance: number;
  /** Confidence level of that interval (0.95). */
  versionConfidence: number;
}

export interface ImpactOptions {
  direction: Direction;
  /** Baseline window before each event, ms. */
  beforeMs: number;
  /**
   * Gap left out between the baseline and the event, ms. Deploy events carry the time the
   * rollout finished, and the change starts taking effect while it rolls out.
   */
  guardMs: number;
  /** Impact window after each event, ms. */
  afterMs: number;
  /** When true, no data later than `time + afterMs` is read, even to reach `minAfterSamples`. */
  strictAfter: boolean;
  minBeforeSamples: number;
  minAfterSamples: number;
  /** Windows with more samples are summarised into this many equal-count buckets (cost bound). */
  maxWindowSamples: number;
  /** How far back the engine looks to calibrate (and for daily seasonality), ms. */
  historyMs: number;
  /**
   * History a series needs before an event for a moderate rise to be acted on, ms: with
   * less, the rise may be the daily pattern, so the verdict is at most `watch`.
   */
  minHistoryMs: number;
  /** How far after an event recovery is looked for when `strictAfter` is false, ms. */
  recoveryHorizonMs: number;
  /** A later deploy of the same service this close before the recovery is taken as the fix, ms. */
  fixLagMs: number;
  thresholds: Thresholds;
  /** With an error ratio or a total series, reports the share of the error budget each change burned. */
  slo?: Slo;
  /** Epoch ms of "now", to tell "not enough data yet" from "no data"; defaults to the last sample. */
  now?: number;
  /** The anytime-valid sequential judgement's options; DEFAULT_SEQUENTIAL_OPTIONS where absent. */
  sequential?: Partial<SequentialOptions>;
}

/** Why a series or event could not be judged; the single rule for degenerate input. */
export interface Insufficient {
  status: 'insufficient_data';
  reason: string;
}

export interface WindowSummary {
  from: number;
  to: number;
  /** Samples read (before bucketing). */
  samples: number;
  median: number;
  mean: number;
  /** Robust standard deviation: 1.4826 × MAD, floored by the series' noise. */
  scale: number;
}

export interface SeriesImpact {
  seriesId: string;
  name: string;
  service?: string;
  status: 'ok' | 'insufficient_data';
  /** Set when status is insufficient_data, and for notes such as widened windows. */
  reason?: string;
  baseline?: WindowSummary;
  impact?: WindowSummary;
  /** True when a window was widened to reach the minimum number of samples. */
  widened: boolean;
  /** median(impact) − median(baseline), in the series' unit. */
  absoluteChange: number;
  /** impact/baseline level, when the baseline level is positive; else null. */
  ratio: number | null;
  /** Median shift in robust standard deviations of the baseline (signed). */
  robustZ: number;
  /**
   * Size of the change in the harmful direction, in robust SDs of the short-term noise of the
   * day before (successive differences): the larger of the median's shift and the mean
   * excess over the impact window. What the score grows with and what "small" and "large" mean.
   * 0 unless the change is harmful (not measured).
   */
  size: number;
  /** The spike's peak from the baseline median, in the same noise units: a short spike is not small. 0 unless harmful. */
  peakSize: number;
  mannWhitneyU: number;
  /** Two-sided p of the Mann-Whitney test with tie correction. */
  pValue: number;
  /** Cliff's delta from U: −1..1, share of (after, before) pairs where after is higher minus lower. */
  effectSize: number;
  /** The change of level against what history says is normal here, in robust SDs of earlier changes (signed). */
  calibratedZ: number;
  /**
   * Chance that an earlier position moved this much in the harmful direction, level and
   * spread combined (Fisher's method); the rank test's p when history is too short.
   */
  calibratedP: number;
  /** The change of spread (volatility) against what history says is normal here, in robust SDs. */
  spreadZ: number;
  /** How far back the data before the event reaches, ms. */
  historySpanMs: number;
  /** How many earlier positions calibrated it; 0 when history was too short. */
  calibrationSamples: number;
  /** True when the comparison was made against the same time on earlier days. */
  seasonal: boolean;
  /** Harm in the configured direction: 0..100. */
  score: number;
  /** How big the change was: peak, extra over the baseline, for how long, budget burned. */
  spike: SpikeSize;
  /** True when the change is significant and in the harmful direction. */
  harmful: boolean;
  persistent: boolean;
  /** True when the change keeps growing through the impact window. */
  rising: boolean;
  /** Epoch ms when the series returned to baseline, null if it has not. */
  recoveredAt: number | null;
  /** The recovery time is known to within this many ms (the rolling window it is read from). */
  recoveryResolutionMs: number;
  /** How long the change lasted, ms, up to recovery or the end of the data read. */
  durationMs: number;
  /** True when data after the event is still arriving (the impact window is not complete yet). */
  incomplete: boolean;
  /** For a series judged as an error ratio: how errors and requests themselves changed (after / before). */
  traffic: { errors: number | null; requests: number | null } | null;
}

/** Which comparison judged an event. */
export enum Comparison {
  /** The new version against the other versions of the service over the same minutes. */
  Versions = 'versions',
  /** Each series after the event against the same series before it. */
  BeforeAfter = 'before_after',
  /**
   * The service as a whole, after the event against before it (errors summed over its versions
   * over requests summed): when a cutover left too few samples of one version to compare.
   */
  Service = 'service',
}

/** The new version's series against the other versions' over the same minutes (a canary judgement). */
export interface VersionComparison {
  version: string;
  /** The versions it was compared with. */
  others: string[];
  service?: string;
  /** True when judged on error ratios (errors / requests), false on the values as given. */
  errorRatio: boolean;
  /** The compared minutes: the impact window from the deploy, ms. */
  windowMs: number;
  /** Samples of each side in the compared minutes. */
  samples: { version: number; others: number };
  /** Median level of each side over those minutes. */
  level: { version: number; others: number };
  /** Mean of the new version over the mean of the others; null when theirs is not positive. */
  ratio: number | null;
  /** Hodges-Lehmann shift (new minus others) and its confidence interval, in the series' unit. */
  shift: number;
  low: number;
  high: number;
  confidence: number;
  /** Shift the new version may have before it counts as worse (versionTolerance × the others' level). */
  tolerance: number;
  /** Two-sided Mann-Whitney p. */
  pValue: number;
  /** The interval lies beyond the tolerance in the harmful direction. */
  worse: boolean;
}

export interface EventImpact {
  time: number;
  id: string;
  score: number;
  severity: Severity;
  verdict: Verdict;
  reasons: string[];
  /** The size of the change on the series that moved most (or the highest scored one); null when none was scored. */
  spike: SpikeSize | null;
  series: SeriesImpact[];
  /** Ids of series whose change was significant and harmful. */
  moved: string[];
  /** The later event that restored the series, if any. */
  fixedBy: string | null;
  timeToRestoreMs: number | null;
  /** When the impact window was shared with another event: who the change is attributed to and why. */
  attribution: { to: string; reason: string } | null;
  /** If a later event rolled this one back or fixed it: the decision that was actually taken. */
  decisionTaken: Verdict.RollBack | Verdict.FixForward | Verdict.TurnOff | null;
  /** The event as given, passed through. */
  event: EngineEvent;
  /**
   * Which comparison judged the event: version against version when both had enough data,
   * else before/after. Always set by scoreEvents; optional so results stored before it existed still read.
   */
  comparison?: Comparison;
  /** The version comparison that judged the event, when there was one. */
  versions?: VersionComparison | null;
  /**
   * Samples since the event after which the verdict was reached: where the sequential test
   * crossed its boundary, else the samples the impact window held; null when nothing was scored.
   */
  decidedAfterSamples?: number | null;
  /**
   * Samples since the event after which every judged series of its service had ruled out a
   * large harmful change (the sequential test's healthy side, see sequential/settled); null when
   * that has not happened yet. Computed only when `sequential.settle` is set (the gate sets it).
   */
  healthyAfterSamples?: number | null;
}
