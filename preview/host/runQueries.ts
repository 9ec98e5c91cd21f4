import {
  AnnotationEvent,
  arrayToDataFrame,
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataTopic,
  FieldType,
  getFieldDisplayName,
  LoadingState,
  PanelData,
  TimeRange,
  toDataFrame,
} from '@grafana/data';
import { DataSourceSrv } from '@grafana/runtime';
import { DataQuery } from '@grafana/schema';
import { firstValueFrom, from, isObservable, merge, Observable, of } from 'rxjs';
import { catchError, map, mergeMap, scan } from 'rxjs/operators';

import { packetsState } from './packetsState';

export interface PanelTarget extends DataQuery {
  [key: string]: unknown;
}

let requestCounter = 0;

function request(targets: DataQuery[], range: TimeRange, maxDataPoints: number): DataQueryRequest {
  const intervalMs = Math.max(1000, Math.floor((range.to.valueOf() - range.from.valueOf()) / Math.max(1, maxDataPoints)));
  return {
    requestId: `preview-${++requestCounter}`,
    app: 'dashboard',
    targets,
    range,
    rangeRaw: range.raw,
    interval: `${Math.round(intervalMs / 1000)}s`,
    intervalMs,
    maxDataPoints,
    scopedVars: {},
    timezone: 'utc',
    startTime: Date.now(),
  } as DataQueryRequest;
}

function asObservable(ds: DataSourceApi, req: DataQueryRequest): Observable<DataQueryResponse> {
  const result = ds.query(req);
  return isObservable(result) ? result : from(result);
}

/** The uid (and name) of Grafana's `-- Mixed --` datasource; its type is `datasource`. */
export const MIXED_DATASOURCE_UID = '-- Mixed --';

type DatasourceRef = { uid?: string; type?: string } | null | undefined;

const refOf = (target: DataQuery): DatasourceRef => target.datasource as DatasourceRef;

/**
 * Which datasource gets which targets, as Grafana decides it: the panel's datasource takes
 * every target; without one, the first target that names a datasource decides for all
 * (SceneQueryRunner's `findFirstDatasource`), else the default datasource (`''` here).
 * Per-target datasources count only under `-- Mixed --` (MixedDatasource groups by them).
 * Hidden targets still go along, as in Grafana; each datasource decides what `hide` means.
 *
 * @example
 * // TestData first, no panel datasource: the SafeDeploy target goes to TestData too.
 * routeTargets(undefined, [{ refId: 'A', datasource: { uid: 'metrics' } }, { refId: 'E', datasource: { uid: 'events' } }]);
 * // => Map { 'metrics' => [A, E] }
 */
export function routeTargets(panelDatasource: DatasourceRef, targets: DataQuery[]): Map<string, DataQuery[]> {
  const groups = new Map<string, DataQuery[]>();
  const add = (uid: string, target: DataQuery) => groups.set(uid, [...(groups.get(uid) ?? []), target]);
  const panelRef = panelDatasource?.uid ? panelDatasource : targets.map(refOf).find((ref) => ref?.uid);
  for (const target of targets) {
    if (panelRef?.uid === MIXED_DATASOURCE_UID) {
      add(refOf(target)?.uid ?? '', target);
    } else {
      add(panelRef?.uid ?? '', target);
    }
  }
  return groups;
}

/**
 * Runs a panel's targets against the datasources Grafana would send them to (see
 * `routeTargets`) and merges streamed packets by `key`, as Grafana's query runner does:
 * a later packet with the same key replaces the earlier one; state and errors as `packetsState`.
 */
export function runPanelQueries(
  dsSrv: DataSourceSrv,
  panelDatasource: { uid?: string } | undefined,
  targets: PanelTarget[],
  range: TimeRange,
  maxDataPoints: number
): Observable<PanelData> {
  const groups = routeTargets(panelDatasource, targets);
  // The panel's one request with all its queries, which Grafana's runRequest hands the panel as
  // `data.request` (public/app/features/query/state/runRequest.ts, v10.4.0).
  const panelRequest = request(targets, range, maxDataPoints);
  if (groups.size === 0) {
    return of({ state: LoadingState.Done, series: [], timeRange: range });
  }
  const streams = Array.from(groups.entries()).map(([uid, group], index) =>
    from(dsSrv.get(uid ? { uid } : null)).pipe(
      // Grafana's query runner leaves out what the datasource's filterQuery rejects (hidden queries).
      mergeMap((ds) => asObservable(ds, request(group.filter((t) => ds.filterQuery?.(t) ?? true), range, maxDataPoints))),
      map((response) => ({ key: response.key ?? `group-${index}`, response })),
      catchError((err: unknown) =>
        of({
          key: `group-${index}`,
          response: { data: [], state: LoadingState.Error, error: { message: err instanceof Error ? err.message : 'Query failed' } } as DataQueryResponse,
        })
      )
    )
  );
  return merge(...streams).pipe(
    scan(
      (acc, packet) => ({ packets: { ...acc.packets, [packet.key]: packet.response }, latest: packet.response }),
      { packets: {} as Record<string, DataQueryResponse>, latest: { data: [] } as DataQueryResponse }
    ),
    map(({ packets, latest }) => {
      // Frames a query returns as annotations (`meta.dataTopic`) are the panel's own annotations, as in Grafana's runRequest.
      const frames = Object.values(packets).flatMap((r) => r.data.map((d) => toDataFrame(d)));
      const isAnnotation = (frame: DataFrame) => frame.meta?.dataTopic === DataTopic.Annotations;
      return {
        ...packetsState(packets, latest),
        series: frames.filter((frame) => !isAnnotation(frame)),
        annotations: frames.filter(isAnnotation),
        timeRange: range,
        request: panelRequest,
      } as PanelData;
    })
  );
}

export interface AnnotationQuery {
  name: string;
  enable?: boolean;
  iconColor?: string;
  datasource?: { uid?: string; type?: string };
  target?: PanelTarget;
}

/** Grafana's default annotation mapping: these keys, each found by a field's display name. */
const ANNOTATION_FIELDS = [
  'time',
  'timeEnd',
  'title',
  'text',
  'tags',
  'id',
  'login',
  'email',
  'newState',
  'alertId',
  'dashboardUID',
] as const;

/**
 * A datasource without its own `annotations.processEvents` gets Grafana's default mapping:
 * fields looked up by their display name in lower case (so a `timeEnd` field shown as "End"
 * maps to nothing), `time` falling back to the first time field and `text` to the first text
 * field, `tags` split on commas; no time or no text, no annotations.
 */
function standardAnnotationEvents(frames: DataFrame[]): AnnotationEvent[] {
  return frames.flatMap((frame) => {
    const byName = new Map(frame.fields.map((f) => [getFieldDisplayName(f, frame).toLowerCase(), f] as const));
    const fields = ANNOTATION_FIELDS.map((key) => {
      const fallback =
        key === 'time'
          ? frame.fields.find((f) => f.type === FieldType.time)
          : key === 'text'
            ? frame.fields.find((f) => f.type === FieldType.string)
            : undefined;
      return [key, byName.get(key.toLowerCase()) ?? fallback] as const;
    });
    if (!fields.find(([key, f]) => key === 'time' && f) || !fields.find(([key, f]) => key === 'text' && f)) {
      return [];
    }
    return Array.from({ length: frame.length }, (_, i) => {
      const event: Record<string, unknown> = { type: 'default', color: 'red' };
      for (const [key, field] of fields) {
        const value = field?.values[i];
        if (value !== null && value !== undefined) {
          event[key] = key === 'tags' && typeof value === 'string' ? value.split(',') : value;
        }
      }
      return event as AnnotationEvent;
    });
  });
}

/** What Grafana adds to every event of an annotation query: its layer, colour, type and region flag. */
function postProcess(annotation: AnnotationQuery, events: AnnotationEvent[]): Array<Record<string, unknown>> {
  return events.map((event) => ({
    ...event,
    source: annotation,
    color: annotation.iconColor,
    type: annotation.name,
    isRegion: Boolean(event.timeEnd && event.time !== event.timeEnd),
  }));
}

async function answerOf(ds: DataSourceApi, target: DataQuery, range: TimeRange): Promise<DataQueryResponse> {
  return new Promise<DataQueryResponse>((resolve) => {
    let last: DataQueryResponse = { data: [] };
    asObservable(ds, request([target], range, 1000)).subscribe({
      next: (r) => (last = r),
      complete: () => resolve(last),
      error: () => resolve(last),
    });
  });
}

/** A toast Grafana raises for an annotation layer: its title and message. */
export interface AnnotationToast {
  title: string;
  message: string;
}

/** What Grafana's toast says for an error: its message, else its text. */
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs the dashboard's annotation queries as Grafana does: every query named `Anno`, the
 * datasource's own `annotations.processEvents` when it has one (called with the frames even
 * when the answer is an error), else the default mapping, then every event marked with its
 * layer; the events become one frame per layer, with every key they carry.
 *
 * A query that answers with an error raises nothing: Grafana's runRequest turns it into the
 * layer's data, so only a failure after it (the datasource's processEvents) or of the data
 * source lookup reaches the toast of AnnotationsQueryRunner's `catchError`
 * (`handleAnnotationQueryRunnerError`, `handleDatasourceSrvError`, v10.4.0).
 */
export async function runAnnotations(
  dsSrv: DataSourceSrv,
  list: AnnotationQuery[],
  range: TimeRange,
  { oneFrame }: { oneFrame: boolean } = { oneFrame: false }
): Promise<{ frames: DataFrame[]; errors: AnnotationToast[] }> {
  const layers: Array<Array<Record<string, unknown>>> = [];
  const errors: AnnotationToast[] = [];
  for (const annotation of list) {
    if (
      annotation.enable === false ||
      !annotation.datasource?.uid ||
      annotation.datasource.uid === 'grafana' ||
      !annotation.target
    ) {
      continue;
    }
    const ds = await dsSrv.get({ uid: annotation.datasource.uid }).catch((err: unknown) => {
      errors.push({ title: 'Failed to retrieve datasource', message: messageOf(err) });
      return null;
    });
    if (!ds) {
      continue;
    }
    const target = { ...annotation.target, refId: 'Anno' } as DataQuery;
    const response = await answerOf(ds, target, range);
    const data = response.data.map((raw) => toDataFrame(raw));
    const own = ds.annotations?.processEvents;
    let events: AnnotationEvent[];
    try {
      events = own ? ((await firstValueFrom(own(annotation as never, data))) ?? []) : standardAnnotationEvents(data);
    } catch (err) {
      errors.push({ title: 'AnnotationQueryRunner failed', message: messageOf(err) });
      continue;
    }
    if (events.length) {
      layers.push(postProcess(annotation, events));
    }
  }
  // Before scenes, every layer's events reach a panel as one frame, built from the first event's
  // keys, one event per id (DashboardQueryRunner's dedupAnnotations, mergePanelAndDashData's
  // arrayToDataFrame, v10.4.0); scenes' AnnotationsDataLayer makes a frame per layer.
  const groups = oneFrame ? (layers.length ? [onePerId(layers.flat())] : []) : layers;
  const frames = groups.map((group) => {
    const annotationsFrame = arrayToDataFrame(group);
    annotationsFrame.fields.forEach((f) => {
      if (f.name === 'time' || f.name === 'timeEnd') {
        f.type = FieldType.time;
      }
    });
    return annotationsFrame;
  });
  return { frames, errors };
}

/** The first event of each id; events without an id all kept, after them (dedupAnnotations). */
function onePerId(events: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const byId = new Map<unknown, Record<string, unknown>>();
  for (const event of events) {
    if (event.id && !byId.has(event.id)) {
      byId.set(event.id, event);
    }
  }
  return [...byId.values(), ...events.filter((event) => !event.id)];
}
