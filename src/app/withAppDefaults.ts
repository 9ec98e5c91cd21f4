import { actRoleOf } from '../act/roles';
import { isRecord } from '../events/normalize';
import { EVENT_SOURCES, EventSource } from '../events/types';
import {
  AppJsonData,
  AppSettings,
  DEFAULT_ALERT_SERVICE_LABEL,
  DEFAULT_THRESHOLDS,
  EventSourceConfig,
  MetricQueryConfig,
  ReadinessThresholds,
  ServiceMetricConfig,
  STRICT_THRESHOLDS,
} from './types';

/** A saved data source reference with its uid, or null: both kinds of saved query need one. */
function datasourceOf(value: unknown): MetricQueryConfig['datasource'] | null {
  if (
    !isRecord(value) ||
    !isRecord(value.datasource) ||
    typeof value.datasource.uid !== 'string' ||
    !value.datasource.uid
  ) {
    return null;
  }
  return {
    uid: value.datasource.uid,
    type: typeof value.datasource.type === 'string' ? value.datasource.type : undefined,
  };
}

function metricQuery(value: unknown): MetricQueryConfig | null {
  const datasource = datasourceOf(value);
  if (!datasource || !isRecord(value)) {
    return null;
  }
  return { datasource, query: isRecord(value.query) ? value.query : {} };
}

function eventSource(value: unknown): EventSourceConfig | null {
  const datasource = datasourceOf(value);
  if (!datasource || !isRecord(value)) {
    return null;
  }
  const provider = (EVENT_SOURCES as readonly unknown[]).includes(value.provider)
    ? (value.provider as EventSource)
    : EventSource.GitHub;
  return {
    datasource,
    provider,
    scope: typeof value.scope === 'string' ? value.scope : '',
    environment: typeof value.environment === 'string' && value.environment ? value.environment : undefined,
    service: typeof value.service === 'string' && value.service.trim() ? value.service.trim() : undefined,
  };
}

function thresholds(value: unknown): ReadinessThresholds {
  const saved = isRecord(value) ? value : {};
  const out = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof ReadinessThresholds>) {
    const v = saved[key];
    // A cleared or negative field falls back to the default rather than passing everything, and
    // a 0 under which nothing can be, rather than failing everything.
    if (typeof v === 'number' && Number.isFinite(v) && (v > 0 || (v === 0 && !STRICT_THRESHOLDS.includes(key)))) {
      out[key] = v;
    }
  }
  return out;
}

/**
 * The app's settings from its saved jsonData, whatever shape an older release or a hand-written
 * provisioning file left there: unusable entries are dropped, missing thresholds get defaults.
 *
 * @example
 * withAppDefaults({}).thresholds.maxChangeFailureRate // 0.15
 */
export function withAppDefaults(jsonData: AppJsonData | Record<string, unknown> | undefined | null): AppSettings {
  const data: Record<string, unknown> = isRecord(jsonData) ? jsonData : {};
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return {
    eventSources: list(data.eventSources)
      .map(eventSource)
      .filter((s): s is EventSourceConfig => s !== null),
    metricTemplate: metricQuery(data.metricTemplate),
    serviceMetrics: list(data.serviceMetrics)
      .map((entry): ServiceMetricConfig | null => {
        const query = metricQuery(entry);
        return query && isRecord(entry) && typeof entry.service === 'string' && entry.service.trim()
          ? { ...query, service: entry.service.trim() }
          : null;
      })
      .filter((s): s is ServiceMetricConfig => s !== null),
    requestsTemplate: metricQuery(data.requestsTemplate),
    thresholds: thresholds(data.thresholds),
    alertServiceLabel:
      typeof data.alertServiceLabel === 'string' && data.alertServiceLabel.trim()
        ? data.alertServiceLabel.trim()
        : DEFAULT_ALERT_SERVICE_LABEL,
    actRole: actRoleOf(data.actRole),
  };
}
