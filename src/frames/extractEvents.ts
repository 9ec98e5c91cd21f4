import { DataFrame, Field, FieldType } from '@grafana/data';

import { EventFrameField, READ_FAILURE_TAG } from '../events/frameFields';
import { gateVerdictOf } from '../events/gateVerdict';
import { parseTimeText, safeUrl } from '../events/normalize';
import { EVENT_KINDS, EVENT_SOURCES, EventKind } from '../events/types';
import { PanelEvent } from './types';
import { annotationHtmlToText } from '../events/annotationHtml';
import { attachGateVerdicts } from './attachGateVerdicts';

function field(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

/**
 * A frame carries events when it has a time field named `time` and a `title` or `text`
 * field: SafeDeploy Events frames, Grafana annotation frames, any table shaped like them.
 */
export function carriesEvents(frame: DataFrame): boolean {
  const time = field(frame, 'time');
  return Boolean(time && (time.type === FieldType.time || time.type === FieldType.number) && (field(frame, 'title') || field(frame, 'text')));
}

function asText(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** Epoch ms of a frame's time: a number as it is, text as the providers read it (an ISO time without a zone is UTC, for every viewer). */
function asTime(value: unknown): number | null {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseTimeText(value) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/** Merge times from a `mergeTimes` field: an array of epoch ms (or a JSON text of one); null when absent. */
function asTimes(value: unknown): number[] | null {
  let list = value;
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      list = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Array.isArray(list) ? list.map(asTime).filter((t): t is number => t !== null).sort((a, b) => a - b) : null;
}

/** The merged changes a deploy row carries, when its `mergedChanges` field holds a count. */
function mergedChangesOf(count: unknown, times: unknown, lowerBound: unknown): Pick<PanelEvent, 'mergedChanges' | 'mergeTimes' | 'mergedChangesLowerBound'> {
  const n = typeof count === 'number' ? count : typeof count === 'string' && count.trim() !== '' ? Number(count) : NaN;
  if (!Number.isInteger(n) || n < 0) {
    return {};
  }
  return { mergedChanges: n, mergeTimes: asTimes(times) ?? [], mergedChangesLowerBound: lowerBound === true || lowerBound === 'true' };
}

function asTags(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.filter((t): t is string => typeof t === 'string');
  }
  return typeof value === 'string' && value ? value.split(',').map((t) => t.trim()) : [];
}

/** Kind from a `kind` field, else from a tag naming one (annotations); null when neither names one. */
function declaredKind(kind: string, tags: string[]): EventKind | null {
  const known = (value: string) => (EVENT_KINDS as readonly string[]).includes(value);
  if (known(kind)) {
    return kind as EventKind;
  }
  const tag = tags.map((t) => t.toLowerCase()).find(known);
  return (tag as EventKind | undefined) ?? null;
}

/** The alert state Grafana writes when an alert fires (`Alerting`; legacy alerting `alerting`). */
const FIRING_STATE = 'alerting';

/**
 * The kind of an annotation, or null to leave it out. A query of ours reads only changes, so
 * its rows are deploys unless they say otherwise; an annotation layer also brings what people
 * and alerts write (Grafana's built-in "Annotations & Alerts"). There an alert that fires is an
 * incident (drawn for context, never scored), any other alert state change is left out, and a
 * note is a change only when it names its kind or is the release gate's verdict on a deploy.
 */
function annotationKind(kind: EventKind | null, gateVerdict: string, alertId: unknown, newState: unknown): EventKind | null {
  const state = asText(newState).toLowerCase();
  if ((typeof alertId === 'number' && alertId > 0) || state !== '') {
    return state === FIRING_STATE ? EventKind.Incident : null;
  }
  return kind ?? (gateVerdict ? EventKind.Deploy : null);
}

/**
 * The layer an annotation came from: Grafana sets each annotation's `source` to its layer's
 * query (`postProcessQueryResult` in @grafana/scenes' AnnotationsDataLayer, and in
 * DashboardQueryRunner before scenes), replacing the event's own `source`; the provider is then
 * the layer query's. Null when `source` is not such an object.
 */
function layerOf(source: unknown): { provider: string; layer: NonNullable<PanelEvent['layer']> } | null {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    return null;
  }
  const query = source as { name?: unknown; datasource?: unknown; target?: { provider?: unknown } };
  // A saved ref is `{ type, uid }`; an old dashboard's data source name (a string) names no uid.
  const ref = typeof query.datasource === 'object' && query.datasource !== null ? (query.datasource as { type?: unknown; uid?: unknown }) : null;
  const datasource = ref && {
    ...(typeof ref.type === 'string' ? { type: ref.type } : {}),
    ...(typeof ref.uid === 'string' ? { uid: ref.uid } : {}),
  };
  const provider = typeof query.target?.provider === 'string' && (EVENT_SOURCES as readonly string[]).includes(query.target.provider) ? query.target.provider : '';
  return { provider, layer: { name: asText(query.name), datasource } };
}

/**
 * Events from query frames that carry them and from the dashboard's annotations, one per id
 * (the same event often arrives both ways). An annotation that names no kind (a `kind` field or
 * a tag such as `deploy`) and is no release gate verdict is left out, and an alert's state
 * change is at most an incident: a note or an alert is not a deploy. Everything stays text;
 * URLs survive only when http or https. Sorted by time.
 */
export function extractEvents(series: DataFrame[], annotations: DataFrame[] = []): PanelEvent[] {
  const byId = new Map<string, PanelEvent>();
  for (const [index, frame] of [...series, ...annotations].entries()) {
    if (!carriesEvents(frame)) {
      continue;
    }
    // Only a query frame's refId names one of the panel's queries; an annotation's does not.
    const isAnnotation = index >= series.length;
    const refId = !isAnnotation && frame.refId ? { refId: frame.refId } : {};
    // Grafana annotations hold HTML in `title` and `text`; the panel shows them as text.
    const textOf = (value: unknown) => (isAnnotation ? annotationHtmlToText(asText(value)) : asText(value));
    // The declared fields (events/frameFields); `login`, the author of a Grafana annotation, and
    // `alertId`/`newState`, which Grafana sets on an alert's state change.
    const get = (name: EventFrameField | 'login' | 'alertId' | 'newState', i: number) => field(frame, name)?.values[i];
    for (let i = 0; i < frame.length; i++) {
      const time = asTime(get('time', i));
      if (time === null) {
        continue;
      }
      const tags = asTags(get('tags', i));
      const title = textOf(get('title', i));
      const text = textOf(get('text', i));
      const end = asTime(get('timeEnd', i));
      const service = asText(get('service', i)) || (tags.find((t) => t.startsWith('service:'))?.slice(8) ?? '');
      const environment = asText(get('environment', i)) || (tags.find((t) => t.startsWith('env:'))?.slice(4) ?? '');
      // Without an id (a Prometheus or Loki annotation query), one pipeline deploying two
      // services in the same second with the same text is still two events.
      const id = asText(get('id', i)) || JSON.stringify([time, title || text, service, environment, tags]);
      const declared = declaredKind(asText(get('kind', i)), tags);
      const gateVerdict = asText(get('gateVerdict', i)) || gateVerdictOf(tags);
      const kind = isAnnotation ? annotationKind(declared, gateVerdict, get('alertId', i), get('newState', i)) : (declared ?? EventKind.Deploy);
      if (byId.has(id) || kind === null) {
        continue;
      }
      const layer = isAnnotation ? layerOf(get('source', i)) : null;
      byId.set(id, {
        id,
        time,
        timeEnd: end !== null && end > time ? end : null,
        title: title || text.split('\n')[0] || 'Event',
        text,
        kind,
        status: asText(get('status', i)),
        service,
        environment,
        version: asText(get('version', i)),
        commit: asText(get('commit', i)),
        author: asText(get('author', i)) || asText(get('login', i)),
        url: safeUrl(get('url', i)),
        source: asText(get('source', i)) || layer?.provider || (frame.name ?? ''),
        tags,
        flagKey: asText(get('flagKey', i)) || (tags.find((t) => t.startsWith('flag:'))?.slice(5) ?? ''),
        fromState: asText(get('fromState', i)),
        toState: asText(get('toState', i)),
        ...(gateVerdict ? { gateVerdict } : {}),
        ...refId,
        ...(layer ? { layer: layer.layer } : {}),
        ...mergedChangesOf(get('mergedChanges', i), get('mergeTimes', i), get('mergedChangesLowerBound', i)),
      });
    }
  }
  return attachGateVerdicts(Array.from(byId.values()).sort((a, b) => a.time - b.time));
}

/**
 * What the dashboard's SafeDeploy Events layers said they could not read: the title and text of
 * each annotation tagged READ_FAILURE_TAG, as text ("SafeDeploy Events read nothing: GitHub
 * answered 401 ..."). The panel scores no such annotation (it names no kind); it says this
 * instead of asking for a query that is there. O(rows).
 */
export function readFailures(annotations: DataFrame[]): string[] {
  const said: string[] = [];
  for (const frame of annotations) {
    const tags = field(frame, 'tags');
    for (let i = 0; tags && i < frame.length; i++) {
      if (asTags(tags.values[i]).includes(READ_FAILURE_TAG)) {
        const title = annotationHtmlToText(asText(field(frame, 'title')?.values[i]));
        const text = annotationHtmlToText(asText(field(frame, 'text')?.values[i]));
        said.push([title, text].filter(Boolean).join(': '));
      }
    }
  }
  return [...new Set(said)];
}
