import {
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  dateTime,
  LoadingState,
  TimeRange,
  toDataFrame,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { DataQuery, DataSourceRef } from '@grafana/schema';
import { from, isObservable, lastValueFrom, Observable, scan } from 'rxjs';

export interface QueryResult {
  frames: DataFrame[];
  /** Set when the datasource could not be found or the query failed; frames may still hold partial data. */
  error: string | null;
  /** The datasource gave no answer within QUERY_TIMEOUT_MS. */
  timedOut?: boolean;
}

/** Every request has a deadline: a datasource that never answers must not hold the page. */
export const QUERY_TIMEOUT_MS = 60_000;

class QueryTimeout extends Error {}

let counter = 0;

function errorText(err: unknown): string {
  if (err instanceof Error) {
    return err.message;
  }
  if (typeof err === 'object' && err !== null) {
    const e = err as { message?: unknown; data?: { message?: unknown }; status?: unknown };
    const message = e.data?.message ?? e.message;
    if (typeof message === 'string' && message) {
      return typeof e.status === 'number' ? `${message} (HTTP ${e.status})` : message;
    }
    if (typeof e.status === 'number') {
      return `HTTP ${e.status}`;
    }
  }
  return 'the query failed';
}

/**
 * Runs queries through the datasource Grafana resolves for `ref` (backend datasources go
 * through Grafana's query API on the server), so any datasource works. Streamed packets with the
 * same key replace each other, as in Grafana's query runner; never throws.
 */
export async function runQuery(
  ref: DataSourceRef,
  targets: DataQuery[],
  range: { from: number; to: number },
  maxDataPoints = 2000
): Promise<QueryResult> {
  try {
    const ds = await getDataSourceSrv().get(ref);
    const timeRange: TimeRange = {
      from: dateTime(range.from),
      to: dateTime(range.to),
      raw: { from: dateTime(range.from), to: dateTime(range.to) },
    };
    const intervalMs = Math.max(1000, Math.floor((range.to - range.from) / maxDataPoints));
    const request = {
      requestId: `safedeploy-app-${++counter}`,
      app: 'safedeploy-deploys-app',
      targets: targets.map((t) => ({ ...t, datasource: t.datasource ?? ref })),
      range: timeRange,
      rangeRaw: timeRange.raw,
      interval: `${Math.round(intervalMs / 1000)}s`,
      intervalMs,
      maxDataPoints,
      scopedVars: {},
      timezone: 'utc',
      startTime: Date.now(),
    } as DataQueryRequest<DataQuery>;
    const result = ds.query(request);
    const stream: Observable<DataQueryResponse> = isObservable(result) ? result : from(result);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueryTimeout(`no answer within ${QUERY_TIMEOUT_MS / 1000} s`)), QUERY_TIMEOUT_MS);
    });
    const packets = await Promise.race([
      lastValueFrom(
        stream.pipe(scan((acc, r) => ({ ...acc, [r.key ?? 'A']: r }), {} as Record<string, DataQueryResponse>)),
        { defaultValue: {} as Record<string, DataQueryResponse> }
      ),
      timeout,
    ]).finally(() => clearTimeout(timer));
    const responses = Object.values(packets);
    const errors = responses.flatMap((r) => [...(r.errors ?? []), ...(r.error && !r.errors?.length ? [r.error] : [])]);
    const failed = responses.some((r) => r.state === LoadingState.Error) || errors.length > 0;
    return {
      frames: responses.flatMap((r) => (r.data ?? []).map((d) => toDataFrame(d))),
      error: failed ? errors.map((e) => e.message ?? 'query error').join('; ') || 'the query failed' : null,
    };
  } catch (err) {
    return { frames: [], error: errorText(err), timedOut: err instanceof QueryTimeout };
  }
}
