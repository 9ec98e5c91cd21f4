// The pre-scenes panel query runner's transformations step (Grafana 10.4; 11.6 renders with
// scenes, whose SceneDataTransformer calls the same @grafana/data transformDataFrame): each
// packet's series go through the panel's transformations before its field config is applied.
import { DataTransformerConfig, LoadingState, PanelData, ScopedVars, transformDataFrame } from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import { Observable, of } from 'rxjs';
import { catchError, map } from 'rxjs/operators';

/**
 * `data` with its series transformed, as Grafana's PanelQueryRunner.applyTransformations
 * (public/app/features/query/state/PanelQueryRunner.ts, v10.4.0): no transformations leave the
 * packet as it is; `$variables` in transformation options are filled with the request's scoped
 * variables (`interpolate`); a transformation that fails turns the packet into an error, its
 * series untransformed.
 *
 * @example
 * transformPanelData(data, [{ id: 'seriesToRows', options: {} }], (v) => templateSrv.replace(v)) // one long frame
 */
export function transformPanelData(
  data: PanelData,
  transformations: DataTransformerConfig[] | undefined,
  interpolate: (value: string, scopedVars?: ScopedVars) => string
): Observable<PanelData> {
  if (!transformations?.length) {
    return of(data);
  }
  const ctx = { interpolate: (value: string) => interpolate(value, data.request?.scopedVars) };
  return transformDataFrame(transformations, data.series, ctx).pipe(
    map((series) => ({ ...data, series })),
    catchError((err: unknown) => of({ ...data, state: LoadingState.Error, errors: [toDataQueryError(err)] }))
  );
}
