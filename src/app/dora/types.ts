import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';

/** One deploy of a service, with what the impact engine and the later deploys say about it. */
export interface ServiceDeploy {
  id: string;
  time: number;
  service: string;
  version: string;
  title: string;
  /** http or https only, else null. */
  url: string | null;
  kind: EventKind.Deploy | EventKind.Rollback;
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
  /** Counts toward the change failure rate: verdict roll_back or fix_forward, or rolled back. */
  failed: boolean;
  /** Merge (or commit) to this deploy, ms, one per merged change; empty when the provider does not say. */
  leadTimesMs: number[];
  /** Merged changes this deploy shipped; null when the provider does not report merges. */
  changes: number | null;
  /** The provider read only part of what this deploy shipped: `changes` is a lower bound. */
  changesLowerBound?: boolean;
}

/** The four keys of one service over a range. */
export interface ServiceKeys {
  deploys: number;
  /** Deploys per day over the range. */
  deploysPerDay: number;
  /** Median merge-to-deploy time, ms; null when no deploy carries it. */
  leadTimeMedianMs: number | null;
  leadTimeSamples: number;
  /** failed / deploys; null with no deploys. */
  changeFailureRate: number | null;
  failed: number;
  /** Deploys the engine could judge (an error metric was there). */
  judged: number;
  /**
   * Median and worst over every failed deploy, ms; a failure not restored by the end of the
   * range counts as the time from it to that end (a lower bound). Null with no failures.
   */
  timeToRestoreMedianMs: number | null;
  timeToRestoreWorstMs: number | null;
  /** Failed deploys whose metrics have not recovered by the end of the range: their times are lower bounds. */
  unrestored: number;
}

export enum DoraKey {
  DeploymentFrequency = 'deploymentFrequency',
  LeadTime = 'leadTime',
  ChangeFailureRate = 'changeFailureRate',
  TimeToRestore = 'timeToRestore',
}

export enum DoraBand {
  Elite = 'elite',
  High = 'high',
  Medium = 'medium',
  Low = 'low',
}
