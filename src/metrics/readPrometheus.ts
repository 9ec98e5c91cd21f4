import { SeriesInput } from '../engine';
import { MAX_ABS_VALUE } from '../engine/limits';
import { isRecord } from '../events/normalize';
import { HttpClient, HttpFailureKind } from '../http/createHttpClient';
import { Scrubber } from '../http/createScrubber';
import { cutScrubbed } from '../http/cutScrubbed';
import { MAX_POINTS_PER_SERIES } from './defaultStep';
import { missingDataWarning } from './missingDataWarning';
import { parseSampleTime, parseSampleValue } from './parseSample';

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
  /**
   * Labels that carry the version a series measures, first found first (e.g. `version`,
   * `app_version`, `image_tag`, `rollouts_pod_template_hash`): the engine then compares the
   * deployed version with the others. None read when absent.
   */
  versionLabels?: readonly string[];
  /**
   * Epoch ms from which the samples are what is judged (the deploy's time): when every sample
   * from then on is NaN or infinite, the read fails, since gaps alone are not data.
   */
  judgedFrom?: number;
  /**
   * What the queries read, for notices that must be told from another read's ("requests"): a
   * query cut short in a notice can read the same as another's.
   */
  role?: string;
}

export type PrometheusRead =
  | {
      ok: true;
      series: SeriesInput[];
      /** Finite samples read, over all series. */
      samples: number;
      /** Things to say once: NaN/Inf samples read as gaps, Prometheus's own warnings. */
      notices: string[];
      /**
       * Why the answer may lack data (the first query whose warnings say a store or backend
       * was not read, see missingDataWarning), or null for a whole read: a verdict on a read in
       * part is not acted on.
       */
      partial: string | null;
    }
  | { ok: false; message: string; status: number | null; kind?: HttpFailureKind };

interface MatrixEntry {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** A query is quoted in messages up to this many characters, on one line. */
const MAX_QUOTED_QUERY_LENGTH = 80;

function isMatrix(
  data: unknown
): data is { status: 'success'; data: { resultType: 'matrix'; result: unknown[] }; warnings?: unknown; isPartial?: unknown } {
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

/** A bad sample is quoted in the message up to this many characters (scrubbed first). */
const MAX_QUOTED_SAMPLE_LENGTH = 60;
/** A Prometheus warning is quoted up to this many characters (scrubbed first). */
const MAX_WARNING_LENGTH = 200;

type Converted = { series: SeriesInput[]; samples: number; nonFinite: number } | { problem: string };

/**
 * One query's result entries as engine series. A null entry, values that are not
 * `[time, "number"]` pairs, a sample that is text, or one beyond ±MAX_ABS_VALUE (whose
 * statistics overflow) makes the whole answer unreadable: a verdict from it would be a guess.
 */
function toSeries(entries: unknown[], index: number, queryCount: number, scrub: Scrubber, versionLabels?: readonly string[]): Converted {
  if (!entries.every((e) => isRecord(e) && (e.metric === undefined || isRecord(e.metric)) && Array.isArray(e.values))) {
    return { problem: 'a result entry is not a series with "metric" and a "values" list' };
  }
  const matrix = entries as MatrixEntry[];
  const varying = new Set<string>();
  for (const key of new Set(matrix.flatMap((e) => Object.keys(e.metric ?? {})))) {
    if (new Set(matrix.map((e) => e.metric?.[key])).size > 1) {
      varying.add(key);
    }
  }
  const series: SeriesInput[] = [];
  let samples = 0;
  let nonFinite = 0;
  for (const entry of matrix) {
    const metric = entry.metric ?? {};
    const times = new Float64Array(entry.values.length);
    const numbers: Array<number | null> = new Array(entry.values.length);
    for (const [i, pair] of entry.values.entries()) {
      const time = Array.isArray(pair) && pair.length === 2 ? parseSampleTime(pair[0]) : null;
      const value = time === null ? null : parseSampleValue(pair[1]);
      if (value === null) {
        return { problem: `sample ${i + 1} of a series is ${cutScrubbed(String(JSON.stringify(pair)), MAX_QUOTED_SAMPLE_LENGTH, scrub)}, not [seconds, "number"]` };
      }
      if (Math.abs(value) > MAX_ABS_VALUE && Number.isFinite(value)) {
        return { problem: `a sample is ${value}, beyond ±${MAX_ABS_VALUE}, whose statistics overflow; scale the query (e.g. / 1e6)` };
      }
      times[i] = time as number;
      numbers[i] = Number.isFinite(value) ? value : null;
      samples += Number.isFinite(value) ? 1 : 0;
      nonFinite += Number.isFinite(value) ? 0 : 1;
    }
    const label = serviceLabelOf(metric);
    const versionLabel = versionLabels?.find((key) => typeof metric[key] === 'string' && metric[key] !== '');
    const name = seriesName(metric, varying, index);
    series.push({
      // Distinct label sets make names unique within a query; the prefix keeps queries apart.
      id: queryCount > 1 ? `${index + 1}:${name}` : name,
      name,
      ...(label ? { service: metric[label] } : {}),
      ...(versionLabel ? { version: metric[versionLabel] } : {}),
      times,
      values: numbers,
    });
  }
  return { series, samples, nonFinite };
}

/**
 * Reads PromQL range queries (`GET /api/v1/query_range`) from any Prometheus-compatible
 * server into engine series. Each result series names its service by its `service`, `app`
 * or `job` label. NaN and ±Inf samples become gaps and are counted in one notice; a warning
 * that data may be missing (a Thanos store that did not answer), or VictoriaMetrics' `isPartial`,
 * marks the read `partial`. Fails,
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
  let partial: string | null = null;
  let samples = 0;
  // Per query, named: the errors' read and the requests' read each say their own.
  const nonFinite: string[] = [];
  for (const [index, query] of options.queries.entries()) {
    const shown = cutScrubbed(query, MAX_QUOTED_QUERY_LENGTH, options.client.scrub);
    const which = options.queries.length > 1 ? `query ${index + 1} (${shown})` : `query ${shown}`;
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
    const warnings = Array.isArray(result.data.warnings) ? result.data.warnings : [];
    if (warnings.length > 0) {
      // One line per query, however many warnings: a server can send thousands.
      const more = warnings.length > 1 ? ` (${warnings.length.toLocaleString('en-US')} warnings in all)` : '';
      const missing = missingDataWarning(warnings);
      const quoted = cutScrubbed(missing ?? String(warnings[0]), MAX_WARNING_LENGTH, options.client.scrub);
      notices.push(`Prometheus warned about ${which}: ${quoted}${more}${missing === null ? '' : '; the answer may lack data, so it counts as read in part'}`);
      partial ??= missing === null ? null : `${which} may lack data: ${quoted}`;
    }
    if (result.data.isPartial === true) {
      // VictoriaMetrics (cluster) marks an answer that lacks a vmstorage node this way, with no warning
      // (app/vmselect/prometheus/query_range_response.qtpl): the same loss as a Thanos store's warning.
      notices.push(`the server marked its answer to ${which} as partial (isPartial: a storage node did not answer), so it counts as read in part`);
      partial ??= `${which} may lack data: the server marked its answer as partial (isPartial)`;
    }
    const read = toSeries(entries, index, options.queries.length, options.client.scrub, options.versionLabels);
    if ('problem' in read) {
      return {
        ok: false,
        status: null,
        message: `${which}: ${read.problem}: the server's answer is broken, or it is not Prometheus-compatible`,
      };
    }
    series.push(...read.series);
    samples += read.samples;
    if (read.nonFinite > 0) {
      nonFinite.push(nonFiniteNotice(options.role ? `${options.role} ${which}` : which, read.nonFinite));
    }
  }
  const blind = options.judgedFrom === undefined ? null : onlyGapsFrom(series, options.judgedFrom);
  if (blind !== null) {
    return { ok: false, status: null, message: blind };
  }
  notices.push(...nonFinite);
  return { ok: true, series, samples, notices, partial };
}

/**
 * Why the series say nothing from `from` on: every sample there is NaN or infinite (a ratio
 * divided by zero, a broken recording rule). Null when one is a number, or there is none yet.
 */
function onlyGapsFrom(series: readonly SeriesInput[], from: number): string | null {
  let gaps = 0;
  for (const { times, values } of series) {
    for (let i = 0; i < times.length; i++) {
      if (times[i] >= from) {
        if (values[i] !== null && values[i] !== undefined) {
          return null;
        }
        gaps++;
      }
    }
  }
  return gaps === 0
    ? null
    : `all ${gaps} sample${gaps === 1 ? '' : 's'} from ${new Date(from).toISOString()} on are NaN or infinite, so there is nothing to judge: check the query (a ratio divided by zero?) in Prometheus's graph page`;
}

/** The notice for a query's NaN and infinite samples (read as gaps). */
export function nonFiniteNotice(which: string, count: number): string {
  return `${which}: ${count.toLocaleString('en-US')} NaN or infinite sample${count === 1 ? ' was' : 's were'} read as gaps (a ratio divided by zero?)`;
}

/**
 * What makes two notices the same when a command polling Prometheus says each once: the text,
 * except that a query's NaN notice is one notice whatever its count, which grows from one read
 * to the next ("query q: 3 NaN or infinite samples were read as gaps", then "... 5 ...").
 *
 * @example
 * noticeKey('query errors: 1 NaN or infinite sample was read as gaps (a ratio divided by zero?)') // 'query errors: NaN or infinite samples read as gaps'
 */
export function noticeKey(text: string): string {
  const nan = /^(.*): [\d,]+ NaN or infinite samples? (?:was|were) read as gaps \(a ratio divided by zero\?\)$/.exec(text);
  return nan ? `${nan[1]}: NaN or infinite samples read as gaps` : text;
}
