import { ServiceDeploy } from '../dora/types';

/** Whether a service's error metric is configured and returns data. */
export type MetricStatus =
  | { state: 'reporting'; series: number }
  | { state: 'missing' }
  | { state: 'empty' }
  | { state: 'error'; message: string };

/** Firing alerts for the service from Grafana alerting's state history, or why it is unknown. */
/** `lowerBound`: the state history answered its row limit, so more alerts may have fired. */
export type PagerLoad = { state: 'ok'; firing: number; lowerBound: boolean } | { state: 'unavailable'; reason: string };

export enum ItemStatus {
  Pass = 'pass',
  Fail = 'fail',
  /** The data to decide is missing: never counted as a pass. */
  Unknown = 'unknown',
}

export enum ReadinessItemId {
  Metric = 'metric',
  Deploys = 'deploys',
  ChangeFailureRate = 'changeFailureRate',
  TimeToRestore = 'timeToRestore',
  UnresolvedRollBack = 'unresolvedRollBack',
  SmallBatches = 'smallBatches',
  PagerLoad = 'pagerLoad',
  Warranty = 'warranty',
}

export interface ReadinessItem {
  id: ReadinessItemId;
  title: string;
  status: ItemStatus;
  /** What the data shows, with numbers. */
  evidence: string;
  /** The rule, with the threshold from the app settings. */
  threshold: string;
  /** The deploys behind a failure, to link to. */
  deploys: ServiceDeploy[];
}

export interface ReviewResult {
  status: ItemStatus;
  failing: ReadinessItemId[];
  unknown: ReadinessItemId[];
}

export interface ReadinessReport {
  service: string;
  range: { from: number; to: number };
  items: ReadinessItem[];
  /** Before production: monitoring, deploy process, failure rate and recovery. */
  launch: ReviewResult;
  /** Before operations take over: the launch items plus pager load and the warranty period. */
  handoff: ReviewResult;
}
