// The host's runRequest, which @grafana/runtime's setRunRequest hands to @grafana/scenes:
// Grafana's own (public/app/features/query/state/runRequest.ts) is part of Grafana's build,
// not of a published package. Behaviour as that file shows it: one datasource call per
// request, response packets merged by `key` (a later packet with the same key replaces the
// earlier one), annotation frames (`meta.dataTopic: 'annotations'`) moved to
// `PanelData.annotations`, any packet's error puts the whole result in the Error state with
// every error listed, and a thrown error or failed observable becomes an Error result.
import {
  DataFrame,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataTopic,
  LoadingState,
  PanelData,
  toDataFrame,
} from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import { from, isObservable, Observable, of } from 'rxjs';
import { catchError, map, scan } from 'rxjs/operators';

type QueryFunction = (request: DataQueryRequest) => Observable<DataQueryResponse> | Promise<DataQueryResponse>;

/** Merges one more response packet into the panel data built from the earlier ones. */
function mergePacket(packets: Record<string, DataQueryResponse>, packet: DataQueryResponse): Record<string, DataQueryResponse> {
  return { ...packets, [packet.key ?? 'A']: packet };
}

function toPanelData(packets: Record<string, DataQueryResponse>, request: DataQueryRequest): PanelData {
  const responses = Object.values(packets);
  const errors: DataQueryError[] = responses.flatMap((r) => r.errors ?? (r.error ? [r.error] : []));
  const loading = responses.some((r) => r.state === LoadingState.Loading);
  const streaming = responses.some((r) => r.state === LoadingState.Streaming);
  const series: DataFrame[] = [];
  const annotations: DataFrame[] = [];
  for (const frame of responses.flatMap((r) => r.data.map((d) => toDataFrame(d)))) {
    (frame.meta?.dataTopic === DataTopic.Annotations ? annotations : series).push(frame);
  }
  return {
    state: errors.length ? LoadingState.Error : loading ? LoadingState.Loading : streaming ? LoadingState.Streaming : LoadingState.Done,
    series,
    annotations,
    errors: errors.length ? errors : undefined,
    error: errors[0],
    request,
    timeRange: request.range,
  };
}

/**
 * Runs `request` on `datasource` (or its `queryFunction`, as Grafana runs a variable's
 * CustomVariableSupport query) and streams the merged PanelData.
 */
export function runRequest(datasource: DataSourceApi, request: DataQueryRequest, queryFunction?: QueryFunction): Observable<PanelData> {
  let result: ReturnType<QueryFunction>;
  try {
    result = queryFunction ? queryFunction(request) : datasource.query(request);
  } catch (err) {
    return of({ state: LoadingState.Error, series: [], error: toDataQueryError(err), errors: [toDataQueryError(err)], request, timeRange: request.range });
  }
  const responses: Observable<DataQueryResponse> = isObservable(result) ? result : from(result);
  return responses.pipe(
    scan(mergePacket, {} as Record<string, DataQueryResponse>),
    map((packets) => toPanelData(packets, request)),
    catchError((err: unknown) =>
      of({ state: LoadingState.Error, series: [], error: toDataQueryError(err as never), errors: [toDataQueryError(err as never)], request, timeRange: request.range })
    )
  );
}
