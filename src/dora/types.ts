import { EventKind, Verdict } from '../vocabulary';

/** A feature flag change: which flag, what it became, and when the same flag was turned off after it. */
export interface FlagChange {
  key: string;
  /** `on`, `off`, `on for 25%`…, as the provider's event says; '' when unknown. */
  toState: string;
  /** The first later event of the same flag and environment that turned it off; null when none in the range. */
  turnedOffAt: number | null;
}

/**
 * One change of a service (a deploy, or a feature flag change), with what the impact engine
 * and the later changes say about it.
 */
export interface ServiceDeploy {
  id: string;
  time: number;
  service: string;
  version: string;
  title: string;
  /** http or https only, else null. */
  url: string | null;
  kind: EventKind.Deploy | EventKind.Rollback | EventKind.Flag;
  /** Set on flag changes only (kind `flag`). */
  flag?: FlagChange;
  /** The engine's verdict; null when no error metric of the service could score it. */
  verdict: Verdict | null;
  /** Id of the later event that restored the metrics, if the engine found one. */
  fixedBy: string | null;
  /** The decision a later deploy actually took (rolled back or fixed forward). */
  decisionTaken: Verdict.RollBack | Verdict.FixForward | Verdict.TurnOff | null;
  /** Deploy to recovery, ms; null when it did not fail or has not recovered. */
  timeToRestoreMs: number | null;
  /** The next deploy of the same service and environment went back to an earlier version. */
  rolledBack: boolean;
  /** Counts toward the change failure rate: see isFailedChange, the one rule for it. */
  failed: boolean;
  /** Merge to this deploy finishing (its end, else its time), ms, one per merged change; empty when the provider does not say. */
  leadTimesMs: number[];
  /** Merged changes this deploy shipped; null when the provider does not report merges. */
  changes: number | null;
  /** The provider read only part of what this deploy shipped: `changes` is a lower bound. */
  changesLowerBound?: boolean;
}

/** The four keys of one service over a range. */
export interface ServiceKeys {
  /** Deploys and rollbacks; flag changes are not deploys, so they do not count here. */
  deploys: number;
  /** Feature flag changes in the range. */
  flagChanges: number;
  /** Deploys plus flag changes: what the change failure rate is over. */
  changes: number;
  /** Deploys per day over the range. */
  deploysPerDay: number;
  /** Median merge-to-deploy time, ms; null when no deploy carries it. */
  leadTimeMedianMs: number | null;
  leadTimeSamples: number;
  /** failed / changes; null with no changes. Changes without a verdict count as not failed unless rolled back. */
  changeFailureRate: number | null;
  /**
   * The rate were every change without a verdict (and not rolled back) a failure: the true rate
   * lies between the two. Equal to changeFailureRate when every change was judged; null with no changes.
   */
  changeFailureRateMax: number | null;
  /** Failed changes, flag changes included. */
  failed: number;
  /** Of `failed`, the flag changes the engine judged turn_off (or roll_back, fix_forward). */
  failedFlagChanges: number;
  /** Deploys the engine could judge (an error metric was there). */
  judged: number;
  /**
   * Median and worst over every failed change, ms; a failure not restored by the end of the
   * range counts as the time from it to that end (a lower bound). Null with no failures.
   */
  timeToRestoreMedianMs: number | null;
  timeToRestoreWorstMs: number | null;
  /**
   * The most the median can be once the open failures are restored: the median with each of
   * them never restored, ms. Equal to the median with none open; null with no failures, or
   * with half or more of them open (then nothing bounds it).
   */
  timeToRestoreMedianMaxMs: number | null;
  /** Failed changes whose metrics have not recovered by the end of the range: their times are lower bounds. */
  unrestored: number;
}
