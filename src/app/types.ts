import { DataSourceRef } from '@grafana/schema';

import { ActRole } from '../act/roles';
import { EventSource } from '../events/types';

/** One SafeDeploy Events datasource and the query the app reads deploys with. */
export interface EventSourceConfig {
  datasource: DataSourceRef;
  provider: EventSource;
  /** Repositories, project, job or application, as in the datasource's query editor. */
  scope: string;
  environment?: string;
  /**
   * The service of events that name none: feature flag providers (Unleash, LaunchDarkly) know
   * projects, not services, so their flag changes count for this service.
   */
  service?: string;
}

/**
 * A metric query for a service's errors: any datasource, its query model as JSON. In the
 * template, `$service` (or `${service}`) in any text field is replaced by the service name.
 */
export interface MetricQueryConfig {
  datasource: DataSourceRef;
  query: Record<string, unknown>;
}

export interface ServiceMetricConfig extends MetricQueryConfig {
  service: string;
}

/** Readiness thresholds; every one is an app setting with the documented default below. */
export interface ReadinessThresholds {
  /** At least this many deploys in the range. */
  minDeploys: number;
  /** Change failure rate strictly under this share (0..1). */
  maxChangeFailureRate: number;
  /** Median time to restore strictly under this, ms. */
  maxMedianTimeToRestoreMs: number;
  /** Median merged changes per deploy at most this many. */
  maxMedianChangesPerDeploy: number;
  /** Firing alerts per week for the service at most this many. */
  maxPagesPerWeek: number;
  /** Days at the end of the range in which no harmful deploy may be left unresolved. */
  warrantyDays: number;
}

/** The app's settings, saved in its jsonData (nothing here is secret). */
export interface AppJsonData {
  eventSources?: EventSourceConfig[];
  /** Used for every service without its own entry in `serviceMetrics`. */
  metricTemplate?: MetricQueryConfig;
  serviceMetrics?: ServiceMetricConfig[];
  /**
   * Requests of every service, a `$service` template in the error metric's unit: when set, each
   * service's errors are judged as error ratios, paired by service as in the panel.
   */
  requestsTemplate?: MetricQueryConfig;
  thresholds?: Partial<ReadinessThresholds>;
  /** Alert label that names the service in Grafana alerting's state history. */
  alertServiceLabel?: string;
  /** The lowest role that sees "Turn off now" on a flag judged *Turn flag off* in the Deploy Impact panel. */
  actRole?: ActRole;
}

export interface AppSettings {
  eventSources: EventSourceConfig[];
  metricTemplate: MetricQueryConfig | null;
  serviceMetrics: ServiceMetricConfig[];
  requestsTemplate: MetricQueryConfig | null;
  thresholds: ReadinessThresholds;
  alertServiceLabel: string;
  actRole: ActRole;
}

const HOUR = 3_600_000;

/**
 * Defaults of the readiness thresholds. CFR 15% and one hour to restore are the upper
 * bounds of DORA's medium and elite levels (State of DevOps 2023); two pages a week follows
 * the SRE book's guidance that on-call should see few, actionable pages; two weeks is the
 * warranty period the DevOps Handbook's hand-off review describes.
 */
export const DEFAULT_THRESHOLDS: ReadinessThresholds = {
  minDeploys: 5,
  maxChangeFailureRate: 0.15,
  maxMedianTimeToRestoreMs: HOUR,
  maxMedianChangesPerDeploy: 10,
  maxPagesPerWeek: 2,
  warrantyDays: 14,
};

/** Thresholds a value must stay strictly under: at 0 every service fails them, so 0 is no setting. */
export const STRICT_THRESHOLDS: ReadonlyArray<keyof ReadinessThresholds> = ['maxChangeFailureRate', 'maxMedianTimeToRestoreMs'];

export const DEFAULT_ALERT_SERVICE_LABEL = 'service';
