// Grafana's `-- Mixed --` datasource, for the scenes host: Grafana's own is a core plugin
// (public/app/plugins/datasource/mixed/MixedDataSource.ts), not a published package.
// Behaviour as that file shows it: the request's targets are grouped by their own datasource
// (targets naming `-- Mixed --` itself are dropped), each group goes to its datasource as one
// request, a group whose datasource fails answers with an error packet, and every packet's
// key is prefixed with its group so packets of different groups never replace each other.
import { DataQuery, DataQueryRequest, DataQueryResponse, DataSourceApi, DataSourceInstanceSettings, LoadingState, PluginType } from '@grafana/data';
import { getDataSourceSrv, toDataQueryError } from '@grafana/runtime';
import { from, isObservable, merge, Observable, of } from 'rxjs';
import { catchError, map, mergeMap } from 'rxjs/operators';

export const MIXED_DATASOURCE_UID = '-- Mixed --';

/** The instance settings Grafana lists for `-- Mixed --` (`meta.mixed` tells scenes not to re-point targets). */
export const MIXED_SETTINGS = {
  id: -1,
  uid: MIXED_DATASOURCE_UID,
  name: MIXED_DATASOURCE_UID,
  type: 'datasource',
  access: 'proxy',
  jsonData: {},
  readOnly: true,
  meta: { id: 'mixed', name: 'Mixed', type: PluginType.datasource, mixed: true, metrics: true, builtIn: true, module: 'core', baseUrl: '', info: { logos: { small: '', large: '' } } },
} as unknown as DataSourceInstanceSettings;

export class MixedDataSource extends DataSourceApi<DataQuery> {
  constructor() {
    super(MIXED_SETTINGS);
  }

  query(request: DataQueryRequest<DataQuery>): Observable<DataQueryResponse> {
    const groups = new Map<string, DataQuery[]>();
    for (const target of request.targets) {
      const uid = target.datasource?.uid ?? '';
      if (uid !== MIXED_DATASOURCE_UID) {
        groups.set(uid, [...(groups.get(uid) ?? []), target]);
      }
    }
    if (groups.size === 0) {
      return of({ data: [], state: LoadingState.Done });
    }
    const streams = Array.from(groups.entries()).map(([uid, targets], index) =>
      from(getDataSourceSrv().get(uid ? { uid } : null)).pipe(
        mergeMap((ds) => {
          const result = ds.query({ ...request, targets, requestId: `${request.requestId}-${index}` });
          return isObservable(result) ? result : from(result);
        }),
        map((response) => ({ ...response, key: `mixed-${index}-${response.key ?? ''}` })),
        catchError((err: unknown) =>
          of({ data: [], state: LoadingState.Error, error: { ...toDataQueryError(err as never), refId: targets[0]?.refId }, key: `mixed-${index}-` })
        )
      )
    );
    return merge(...streams);
  }

  async testDatasource() {
    return { status: 'success', message: '' };
  }
}
