// The host's runRequest, which @grafana/runtime's setRunRequest hands to @grafana/scenes:
// Grafana's own (public/app/features/query/state/runRequest.ts) is part of Grafana's build,
// not of a published package. Behaviour as that file shows it: one datasource call per
// request, response packets merged by `key` (a later packet with the same key replaces the
// earlier one), annotation frames (`meta.dataTopic: 'annotations'`) moved to
// `PanelData.annotations`, state and errors as `packetsState` (the latest packet's state, the
// last failing packet's errors), and a thrown error or failed observable becomes an Error result.
import {
  DataFrame,
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

import { packetsState } from '../packetsState';

type QueryFunction = (request: DataQueryRequest) => Observable<DataQueryResponse> | Promise<DataQueryResponse>;

interface Packets {
  packets: Record<string, DataQueryResponse>;
  latest: DataQueryResponse;
}

/** Merges one more response packet into the earlier ones, by its key (else its first frame's refId, else A). */
function mergePacket({ packets }: Packets, packet: DataQueryResponse): Packets {
  const key = packet.key ?? (packet.data?.[0] as { refId?: string } | undefined)?.refId ?? 'A';
  return { packets: { ...packets, [key]: packet }, latest: packet };
}

function toPanelData({ packets, latest }: Packets, request: DataQueryRequest): PanelData {
  const series: DataFrame[] = [];
  const annotations: DataFrame[] = [];
  for (const frame of Object.values(packets).flatMap((r) => r.data.map((d) => toDataFrame(d)))) {
    (frame.meta?.dataTopic === DataTopic.Annotations ? annotations : series).push(frame);
  }
  return { ...packetsState(packets, latest), series, annotations, request, timeRange: request.range };
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
    scan(mergePacket, { packets: {}, latest: { data: [] } } as Packets),
    map((packets) => toPanelData(packets, request)),
    catchError((err: unknown) =>
      of({ state: LoadingState.Error, series: [], error: toDataQueryError(err as never), errors: [toDataQueryError(err as never)], request, timeRange: request.range })
    )
  );
}
