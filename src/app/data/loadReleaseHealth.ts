import { DataFrame } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom, timeout, TimeoutError } from 'rxjs';

import { EventImpact, pairTotals } from '../../engine';
import { PROVIDER_LABEL } from '../../events/types';
import { extractEvents } from '../../frames/extractEvents';
import { extractSeries, PanelSeries } from '../../frames/extractSeries';
import { PanelEvent } from '../../frames/types';
import { buildChanges, computeKeys, isDeploy, isFlagChange, ServiceDeploy, ServiceKeys } from '../../dora';
import { countFiringAlerts, historyRowCount } from '../readiness/countFiringAlerts';
import { MetricStatus, PagerLoad } from '../readiness/types';
import { AppSettings, MetricQueryConfig } from '../types';
import { interpolateService } from './interpolateService';
import { QUERY_TIMEOUT_MS, runQuery } from './runQuery';
import { scoreReleaseEvents } from './scoreReleaseEvents';

export interface Notice {
  severity: 'error' | 'warning' | 'info';
  text: string;
}

export interface ServiceHealth {
  service: string;
  deploys: ServiceDeploy[];
  keys: ServiceKeys;
  metric: MetricStatus;
  /** Providers the service's deploys (not its flag changes) came from, to say where lead time is not reported. */
  sources: string[];
}

export interface ReleaseHealth {
  range: { from: number; to: number };
  services: ServiceHealth[];
  /** The keys over every service's changes together: what a panel showing all services says. */
  allServices: ServiceKeys;
  /** Every event read in the range, for the Deploy Impact view. */
  events: PanelEvent[];
  /** Every service's metric series, for the Deploy Impact view. */
  series: PanelSeries[];
  /** The engine's result for each event, by event id; none without metric series. */
  impacts: ReadonlyMap<string, EventImpact>;
  /** Where the panel's scoring backend computed them; null when there was nothing to score. */
  scoredIn: 'worker' | 'main thread' | null;
  /** `partial`: the history answered HISTORY_LIMIT rows, so the counts are lower bounds. */
  pager: { state: 'ok'; counts: Map<string, number>; partial: boolean } | { state: 'unavailable'; reason: string };
  /** Problems met on the way; results are kept and flagged as partial. */
  notices: Notice[];
}

/** Metric queries in flight at once: thousands of services must not flood the datasources. */
const METRIC_CONCURRENCY = 4;
/**
 * Points per metric query, Prometheus' limit per series: one-minute steps up to a week; over
 * 30 days about four minutes, still enough samples for the engine's 30-minute windows.
 */
const METRIC_POINTS = 11_000;
/** The service of events that name none. */
export const UNNAMED_SERVICE = '(no service)';

async function pool<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The metric query of a service: its own entry, else the `$service` template. */
export function metricQueryFor(settings: AppSettings, service: string): MetricQueryConfig | null {
  const own = settings.serviceMetrics.find((m) => m.service === service);
  if (own) {
    return own;
  }
  return settings.metricTemplate
    ? {
        datasource: settings.metricTemplate.datasource,
        query: interpolateService(settings.metricTemplate.query, service),
      }
    : null;
}

/** The requests query of a service: the `$service` template for it. */
function requestsQueryFor(template: MetricQueryConfig, service: string): MetricQueryConfig {
  return { datasource: template.datasource, query: interpolateService(template.query, service) };
}

type ServiceSeries = { series: PanelSeries[]; error: string | null };

/** One service's numeric series from its query, named after the service when they carry no service label. */
async function readServiceSeries(
  config: MetricQueryConfig,
  service: string,
  range: { from: number; to: number }
): Promise<ServiceSeries & { timedOut: boolean }> {
  const result = await runQuery(config.datasource, [{ ...config.query, refId: 'A', datasource: config.datasource }], range, METRIC_POINTS);
  const series = extractSeries(result.frames).map((s) => ({ ...s, id: `${service}/${s.id}`, service: s.service ?? service }));
  return { series, error: result.error, timedOut: result.timedOut === true };
}

/**
 * Reads services' series, but queries no more a data source that let one query run out its
 * deadline: each of hundreds of services waiting out its own would hold the pages for hours.
 * The services not queried get an error saying why, and `notices` says it once per data source.
 */
function metricReader(range: { from: number; to: number }) {
  const silent = new Map<string, number>();
  return {
    read: async (config: MetricQueryConfig, service: string): Promise<ServiceSeries> => {
      const uid = config.datasource.uid ?? '';
      const skipped = silent.get(uid);
      if (skipped !== undefined) {
        silent.set(uid, skipped + 1);
        return { series: [], error: `not queried: the data source ${uid} did not answer within ${QUERY_TIMEOUT_MS / 1000} s` };
      }
      const result = await readServiceSeries(config, service, range);
      if (result.timedOut && !silent.has(uid)) {
        silent.set(uid, 0);
      }
      return result;
    },
    notices: (): Notice[] =>
      Array.from(silent)
        .filter(([, skipped]) => skipped > 0)
        .map(([uid, skipped]) => ({
          severity: 'warning',
          text: `The data source ${uid} did not answer within ${QUERY_TIMEOUT_MS / 1000} s: the error metrics of ${skipped} services were not queried, so their failures count rollbacks only. Check the data source, then reload.`,
        })),
  };
}

async function readEventsFrom(
  settings: AppSettings,
  range: { from: number; to: number },
  notices: Notice[]
): Promise<DataFrame[]> {
  const results = await Promise.all(
    settings.eventSources.map(async (source, i) => {
      const target = {
        refId: `E${i}`,
        provider: source.provider,
        scope: source.scope,
        environment: source.environment,
        service: source.service,
        datasource: source.datasource,
        // Lead time and batch size need what each deploy shipped.
        shippedChanges: true,
      };
      const result = await runQuery(source.datasource, [target], range);
      const name = `${PROVIDER_LABEL[source.provider] ?? source.provider} ${source.scope}`.trim();
      if (result.error) {
        notices.push({ severity: 'error', text: `Events from ${name} failed: ${result.error}` });
      }
      for (const frame of result.frames) {
        for (const n of frame.meta?.notices ?? []) {
          notices.push({
            severity: n.severity === 'error' ? 'error' : n.severity === 'warning' ? 'warning' : 'info',
            text: `${name}: ${n.text}`,
          });
        }
      }
      return result.frames;
    })
  );
  return results.flat();
}

/** Rows asked of the state history API; an answer this long may have been cut. */
export const HISTORY_LIMIT = 10_000;
/** Every request has a deadline: a state history that never answers must not hold every page. As the queries' (runQuery). */
export const PAGER_TIMEOUT_MS = 60_000;

/** What Grafana's default (annotations) state-history backend answers a query that names no alert rule. */
const ANNOTATIONS_BACKEND = /ruleUID is required/i;

function errorMessage(err: unknown): string {
  const data = typeof err === 'object' && err !== null ? (err as { data?: unknown }).data : undefined;
  const message = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : data;
  return typeof message === 'string' ? message : '';
}

async function readPager(
  settings: AppSettings,
  range: { from: number; to: number },
  notices: Notice[]
): Promise<ReleaseHealth['pager']> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<unknown>({
        url: '/api/v1/rules/history',
        // The API takes Unix seconds.
        params: { from: Math.floor(range.from / 1000), to: Math.ceil(range.to / 1000), limit: HISTORY_LIMIT },
        showErrorAlert: false,
        showSuccessAlert: false,
      }).pipe(timeout({ first: PAGER_TIMEOUT_MS }))
    );
    const counts = countFiringAlerts(response.data, settings.alertServiceLabel);
    if (!counts) {
      return { state: 'unavailable', reason: 'Grafana alerting state history answered with an unexpected shape' };
    }
    const partial = historyRowCount(response.data) >= HISTORY_LIMIT;
    if (partial) {
      notices.push({
        severity: 'warning',
        text: `Grafana alerting state history returned its limit of ${HISTORY_LIMIT.toLocaleString('en-US')} transitions for this range: older ones were not read, so pager load is a lower bound. Narrow the range to read it whole.`,
      });
    }
    return { state: 'ok', counts, partial };
  } catch (err) {
    if (err instanceof TimeoutError) {
      return {
        state: 'unavailable',
        reason: `Grafana alerting state history did not answer within ${PAGER_TIMEOUT_MS / 1000} s: narrow the range, or check the state-history backend (Loki)`,
      };
    }
    if (ANNOTATIONS_BACKEND.test(errorMessage(err))) {
      return {
        state: 'unavailable',
        reason:
          "Grafana alerting state history is kept in annotations (Grafana's default backend), which answer only one alert rule at a time (\"ruleUID is required to query annotations\"): pager load needs the Loki state-history backend ([unified_alerting.state_history] backend = loki)",
      };
    }
    const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
    return {
      state: 'unavailable',
      reason: `Grafana alerting state history is not available${typeof status === 'number' && status ? ` (HTTP ${status})` : ''}: it needs Grafana 10 or later with unified alerting and the Loki state-history backend ([unified_alerting.state_history] backend = loki)`,
    };
  }
}

/**
 * Reads the configured event sources and each service's error metric over `range`, scores
 * every event with the impact engine (see `scoreReleaseEvents`), and computes each
 * service's keys. Never throws:
 * failures become notices and per-service metric states, and what could be read is kept.
 */
export async function loadReleaseHealth(
  settings: AppSettings,
  range: { from: number; to: number }
): Promise<ReleaseHealth> {
  const notices: Notice[] = [];
  const [eventFrames, pager] = await Promise.all([
    readEventsFrom(settings, range, notices),
    readPager(settings, range, notices),
  ]);
  const events = extractEvents(eventFrames).filter((e) => e.time >= range.from && e.time <= range.to);
  const named = events.map((e) => (e.service ? e : { ...e, service: UNNAMED_SERVICE }));
  const names = Array.from(
    new Set([
      ...named.filter((e) => isDeploy(e) || isFlagChange(e)).map((e) => e.service),
      ...settings.serviceMetrics.map((m) => m.service),
    ])
  ).sort();

  const metrics = new Map<string, MetricStatus>();
  const series: PanelSeries[] = [];
  const reader = metricReader(range);
  await pool(names, METRIC_CONCURRENCY, async (service) => {
    const config = service === UNNAMED_SERVICE ? null : metricQueryFor(settings, service);
    if (!config) {
      metrics.set(service, { state: 'missing' });
      return;
    }
    const result = await reader.read(config, service);
    const requests = settings.requestsTemplate ? await reader.read(requestsQueryFor(settings.requestsTemplate, service), service) : null;
    if (requests?.error) {
      notices.push({ severity: 'warning', text: `Requests of ${service} failed: ${requests.error}. Its errors are judged as counts.` });
    }
    // With requests, errors are judged as error ratios (the engine's pairing, as in the panel);
    // a service whose requests query returns nothing is judged on its counts.
    const paired = requests ? pairTotals(result.series, requests.series) : null;
    for (const note of paired?.notes ?? []) {
      notices.push({ severity: 'warning', text: `Requests of ${service}: ${note}.` });
    }
    const found = paired ? (paired.series as PanelSeries[]) : result.series;
    series.push(...found);
    const reporting = found.filter((s) => s.values.some((v) => typeof v === 'number' && Number.isFinite(v))).length;
    metrics.set(
      service,
      result.error
        ? { state: 'error', message: result.error }
        : reporting
          ? { state: 'reporting', series: reporting }
          : { state: 'empty' }
    );
  });

  notices.push(...reader.notices());
  const { impacts, where } = await scoreReleaseEvents(series, named);
  // Deploys and flag changes of a service in one list, oldest first: both are changes the keys count.
  const all = buildChanges(named, impacts);
  const byService = new Map<string, ServiceDeploy[]>();
  for (const d of all) {
    const list = byService.get(d.service) ?? [];
    list.push(d);
    byService.set(d.service, list);
  }
  const sourcesOf = new Map<string, Set<string>>();
  // Lead time is about deploys: flag providers have no merges to report, so they are not named there.
  for (const e of named.filter(isDeploy)) {
    sourcesOf.set(e.service, (sourcesOf.get(e.service) ?? new Set<string>()).add(e.source));
  }
  const services = names.map((service): ServiceHealth => {
    const deploys = byService.get(service) ?? [];
    return {
      service,
      deploys,
      keys: computeKeys(deploys, range),
      metric: metrics.get(service) ?? { state: 'missing' },
      sources: Array.from(sourcesOf.get(service) ?? []).filter(Boolean),
    };
  });
  return { range, services, allServices: computeKeys(all, range), events: named, series, impacts, scoredIn: where, pager, notices };
}

/** The pager load of one service from what `loadReleaseHealth` read. */
export function pagerLoadOf(health: ReleaseHealth, service: string): PagerLoad {
  return health.pager.state === 'ok'
    ? { state: 'ok', firing: health.pager.counts.get(service) ?? 0, lowerBound: health.pager.partial }
    : health.pager;
}
