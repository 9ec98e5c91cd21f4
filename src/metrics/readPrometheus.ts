import { SeriesInput } from '../engine';
import { HttpClient, HttpFailureKind } from '../http/createHttpClient';
import { MAX_POINTS_PER_SERIES } from './defaultStep';

/** At most this many series per query: more is a query to aggregate, not a gate input. */
export const DEFAULT_MAX_SERIES = 500;
/** Labels that name the service a series measures, in order of preference. */
export const SERVICE_LABELS = ['service', 'app', 'job'] as const;

export interface ReadPrometheusOptions {
  client: HttpClient;
  /** PromQL expressions; every series of every result becomes one engine series. */
  queries: readonly string[];
  /** Epoch ms, inclusive. */
  start: number;
  end: number;
  stepMs: number;
  maxSeries?: number;
  signal?: AbortSignal;
}

export type PrometheusRead =
  | {
      ok: true;
      series: SeriesInput[];
      /** Finite samples read, over all series. */
      samples: number;
      /** Things to say once: NaN/Inf samples read as gaps, Prometheus's own warnings. */
      notices: string[];
    }
  | { ok: false; message: string; status: number | null; kind?: HttpFailureKind };

interface MatrixEntry {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** Short form of a query for messages: one line, at most 80 characters. */
function shown(query: string): string {
  const line = query.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

function isMatrix(
  data: unknown
): data is { status: 'success'; data: { resultType: 'matrix'; result: MatrixEntry[] }; warnings?: unknown } {
  const record = data as { status?: unknown; data?: { resultType?: unknown; result?: unknown } } | null;
  return record?.status === 'success' && record.data?.resultType === 'matrix' && Array.isArray(record.data.result);
}

/** `metric{a="1",b="2"}` with the labels that tell this query's series apart; the service label is always kept. */
function seriesName(metric: Record<string, string>, varying: Set<string>, index: number): string {
  const name = metric.__name__ ?? '';
  const labels = Object.keys(metric)
    .filter((key) => key !== '__name__' && (varying.has(key) || key === serviceLabelOf(metric)))
    .sort()
    .map((key) => `${key}="${metric[key]}"`);
  if (labels.length === 0) {
    return name || `query ${index + 1}`;
  }
  return `${name}{${labels.join(',')}}`;
}

function serviceLabelOf(metric: Record<string, string>): string | undefined {
  return SERVICE_LABELS.find((label) => typeof metric[label] === 'string' && metric[label] !== '');
}

/**
 * Reads PromQL range queries (`GET /api/v1/query_range`) from any Prometheus-compatible
 * server into engine series. Each result series names its service by its `service`, `app`
 * or `job` label. NaN and ±Inf samples become gaps and are counted in one notice. Fails,
 * with a sentence naming the cause and the fix, on an HTTP or PromQL error, an empty
 * result, a result that is not a range of series, or more than `maxSeries` series.
 * Cost: one request per query, O(samples) to convert.
 *
 * @example
 * const read = await readPrometheus({ client, queries: ['sum by (service) (rate(http_errors_total[5m]))'], start, end, stepMs: 60_000 });
 */
export async function readPrometheus(options: ReadPrometheusOptions): Promise<PrometheusRead> {
  const maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  const points = Math.floor((options.end - options.start) / options.stepMs) + 1;
  if (points > MAX_POINTS_PER_SERIES) {
    return {
      ok: false,
      status: null,
      message: `the range needs ${points} points per series at this step, more than Prometheus allows (${MAX_POINTS_PER_SERIES}): raise --step or shorten --history`,
    };
  }
  const series: SeriesInput[] = [];
  const notices: string[] = [];
  let samples = 0;
  let nonFinite = 0;
  for (const [index, query] of options.queries.entries()) {
    const which = options.queries.length > 1 ? `query ${index + 1} (${shown(query)})` : `query ${shown(query)}`;
    const result = await options.client.getJson<unknown>(
      '/api/v1/query_range',
      { query, start: options.start / 1000, end: options.end / 1000, step: options.stepMs / 1000 },
      options.signal
    );
    if (!result.ok) {
      return {
        ok: false,
        status: result.error.status,
        kind: result.error.kind,
        message: `${which}: ${result.error.message}`,
      };
    }
    if (!isMatrix(result.data)) {
      return {
        ok: false,
        status: null,
        message: `${which}: the answer is not a Prometheus range result: check that --prometheus is the server's base URL (Thanos, Mimir: include the path prefix)`,
      };
    }
    const { result: entries } = result.data.data;
    if (entries.length === 0) {
      return {
        ok: false,
        status: null,
        message: `${which} returned no series between ${new Date(options.start).toISOString()} and ${new Date(options.end).toISOString()}: check the metric name and labels in Prometheus's graph page`,
      };
    }
    if (entries.length > maxSeries) {
      return {
        ok: false,
        status: null,
        message: `${which} returned ${entries.length} series, more than the ${maxSeries} the gate reads: aggregate it, e.g. sum by (service) (...)`,
      };
    }
    for (const warning of Array.isArray(result.data.warnings) ? result.data.warnings : []) {
      notices.push(`Prometheus warned about ${which}: ${String(warning).slice(0, 200)}`);
    }
    const varying = new Set<string>();
    for (const key of new Set(entries.flatMap((e) => Object.keys(e.metric ?? {})))) {
      if (new Set(entries.map((e) => e.metric?.[key])).size > 1) {
        varying.add(key);
      }
    }
    entries.forEach((entry) => {
      const metric = entry.metric ?? {};
      const values = Array.isArray(entry.values) ? entry.values : [];
      const times = new Float64Array(values.length);
      const numbers: Array<number | null> = new Array(values.length);
      values.forEach(([seconds, text], i) => {
        times[i] = Math.round(Number(seconds) * 1000);
        // Prometheus writes non-finite samples as "NaN", "+Inf", "-Inf".
        const value = Number(text);
        if (Number.isFinite(value)) {
          numbers[i] = value;
          samples++;
        } else {
          numbers[i] = null;
          nonFinite++;
        }
      });
      const label = serviceLabelOf(metric);
      const name = seriesName(metric, varying, index);
      series.push({
        // Distinct label sets make names unique within a query; the prefix keeps queries apart.
        id: options.queries.length > 1 ? `${index + 1}:${name}` : name,
        name,
        ...(label ? { service: metric[label] } : {}),
        times,
        values: numbers,
      });
    });
  }
  if (nonFinite > 0) {
    notices.push(
      `${nonFinite} NaN or infinite sample${nonFinite === 1 ? ' was' : 's were'} read as gaps (a ratio divided by zero?)`
    );
  }
  return { ok: true, series, samples, notices };
}
