import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { gateVerdictOf } from '../gateVerdict';
import { DeployEvent, EVENT_KINDS, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { appendAll } from './appendAll';
import { oldestTime } from './oldestTime';
import { parseItems } from './parseItems';
import { readPages } from './readPages';
import { keptFor, namesEnvironment, Provider, ProviderDescription, SkipCounter, splitScope } from './types';
import { annotationHtmlToText } from '../annotationHtml';

/** Tags people put on incident notes; matched without case. */
const INCIDENT_TAGS = new Set(['incident', 'outage', 'sev1', 'sev2', 'sev3', 'postmortem']);
/** Alert state annotations that open an incident; Grafana writes `Alerting`, legacy alerting `alerting`. */
const FIRING_STATES = new Set(['alerting']);

function kindOf(tags: string[], alertId: number, newState: string): EventKind | string {
  const lower = tags.map((t) => t.toLowerCase());
  if (alertId > 0) {
    return FIRING_STATES.has(newState.toLowerCase()) ? EventKind.Incident : 'alert state change other than firing';
  }
  if (lower.some((t) => INCIDENT_TAGS.has(t))) {
    return EventKind.Incident;
  }
  // A tag naming a kind (`deploy`, `rollback`, `flag`...) says what the note records.
  const named = lower.find((t) => (EVENT_KINDS as readonly string[]).includes(t));
  return (named as EventKind | undefined) ?? EventKind.Config;
}

/** `service:x` and `env:x` tags, the convention SafeDeploy's own annotations follow. */
function tagValue(tags: string[], prefix: string): string {
  return tags.find((t) => t.startsWith(prefix))?.slice(prefix.length) ?? '';
}

/**
 * One annotation of this Grafana (`GET /api/annotations`) as an event: incident notes
 * (tagged incident, outage, sev1-3, postmortem) and firing alerts become `incident`; a note
 * tagged with a kind (`deploy`, `flag`...) takes that kind; any other manual note is a
 * `config` change. Alert state changes other than firing are skipped with a reason.
 *
 * @example
 * parseGrafanaAnnotation({ id: 7, time: 1507266395000, text: 'Raised DB pool to 80', tags: ['service:checkout'] })
 * // → { kind: 'config', title: 'Raised DB pool to 80', service: 'checkout', ... }
 */
export function parseGrafanaAnnotation(item: unknown): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  if (typeof item.id !== 'number') {
    return 'missing id';
  }
  const time = toEpochMs(item.time);
  if (time === null) {
    return 'missing or impossible time';
  }
  const tags = Array.isArray(item.tags) ? item.tags.map(text).filter(Boolean) : [];
  // The release gate's verdict annotations (`safedeploy gate --annotate`) record a judged deploy.
  const gateVerdict = gateVerdictOf(tags);
  const kind = gateVerdict ? EventKind.Deploy : kindOf(tags, typeof item.alertId === 'number' ? item.alertId : 0, text(item.newState));
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
    return kind;
  }
  // Grafana keeps an annotation's text as the HTML its tooltip shows (the gate writes <br /> and escapes).
  const body = annotationHtmlToText(text(item.text));
  const [firstLine, ...rest] = body.split('\n');
  const end = toEpochMs(item.timeEnd);
  return makeEvent({
    time,
    timeEnd: end !== null && end > time ? end : null,
    id: `grafana:annotation:${item.id}`,
    source: EventSource.GrafanaAnnotations,
    kind: kind as EventKind,
    status: kind === EventKind.Incident ? EventStatus.Failure : EventStatus.Success,
    service: tagValue(tags, 'service:'),
    environment: tagValue(tags, 'env:'),
    author: text(item.login) || text(item.email) || text(item.userName),
    title: firstLine.trim() || (kind === EventKind.Incident ? 'Incident' : 'Change note'),
    text: rest.join('\n').trim(),
    tags,
    ...(gateVerdict ? { gateVerdict } : {}),
  });
}

/** Where Grafana orders an annotation: its end; a point's timeEnd equals its time, or is missing or 0 in old ones. */
function annotationEnd(item: unknown): number | null {
  const time = toEpochMs(get(item, 'time'));
  const end = toEpochMs(get(item, 'timeEnd'));
  return end !== null && (time === null || end >= time) ? end : time;
}

/**
 * `/api/annotations` filters by tags, all of which an annotation must carry, so it cannot be
 * asked for one environment among several: annotations are kept when their `env:` tag names
 * the one asked for.
 */
const ENVIRONMENT = namesEnvironment;

/** Annotations per request; Grafana's own default is 100. */
const ANNOTATION_PAGE = 500;
/**
 * Largest page asked for when more annotations than a page share one millisecond (alert
 * state annotations of one evaluation do): the API pages only by time, so ties are read by
 * asking for more at once. Beyond this many ties, the rest cannot be told apart: exit 3.
 */
export const MAX_TIE_PAGE = 16_000;

/**
 * The request after a full page. Grafana returns annotations with `time <= to` and
 * `timeEnd >= from`, ordered by `timeEnd` then `time`, newest first
 * (pkg/services/annotations/annotationsimpl/xorm_store.go), so every annotation not yet read
 * ends no later than the page's earliest end: `to` moves to that end, never to the earliest
 * start (a long region on the page would jump back past unread ones). That re-reads the
 * annotations that start by then (dropped as seen); when the whole page ends at `to`, moving
 * it gains nothing, so the same `to` is asked again with twice the limit, until the ties fit.
 */
function nextAfterFullPage(oldest: number, to: number, limit: number): { to: number; limit: number } | 'ties' {
  if (oldest < to) {
    return { to: oldest, limit: ANNOTATION_PAGE };
  }
  return limit >= MAX_TIE_PAGE ? 'ties' : { to, limit: Math.min(MAX_TIE_PAGE, limit * 2) };
}

/**
 * This Grafana's annotations in the range (`/api/annotations`, newest first), optionally
 * only those with all of the scope's tags, paged by moving `to` to the earliest end read;
 * annotations that share a millisecond are never dropped silently (see MAX_TIE_PAGE).
 */
export const readGrafanaAnnotations: Provider = async (request) => {
  const tags = splitScope(request.scope);
  const url = '/api/annotations';
  const query = (to: number, limit = ANNOTATION_PAGE) => ({ from: request.range.from, to, limit, tags });
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  const notices: EventNotice[] = [];
  // Moving `to` to the oldest annotation read returns that annotation again: read each once.
  const seen = new Set<unknown>();
  const read = await readPages({
    client: request.client,
    what: tags.length ? `annotations tagged ${tags.join(', ')}` : 'annotations',
    first: { url, query: query(request.range.to) },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => (Array.isArray(data) ? data : 'the answer is not a list of annotations'),
    onItems: (items) => {
      const fresh = items.filter((item) => !seen.has(get(item, 'id')));
      fresh.forEach((item) => seen.add(get(item, 'id')));
      const pageEvents = parseItems(fresh, parseGrafanaAnnotation, skipped, keptFor(ENVIRONMENT, request.environment)).map((event) =>
        request.service && !event.service ? { ...event, service: request.service } : event
      );
      appendAll(events, pageEvents);
      request.onProgress?.(pageEvents);
    },
    nextPage: (page, items) => {
      const limit = Number(get(page.request.query, 'limit'));
      const to = Number(get(page.request.query, 'to'));
      const oldest = oldestTime(items, annotationEnd);
      if (items.length < limit || oldest === null) {
        return null;
      }
      const next = nextAfterFullPage(oldest, to, limit);
      if (next === 'ties') {
        notices.push({
          severity: 'error',
          text: `Grafana annotations: more than ${MAX_TIE_PAGE.toLocaleString('en-US')} annotations share the time ${new Date(oldest).toISOString()}; the API cannot page through them, so some are missing. Narrow the query with tags.`,
        });
        return null;
      }
      return { url, query: query(next.to, next.limit) };
    },
  });
  return { events, notices: [...read.notices, ...notices, ...skipped.notices('Grafana annotations')] };
};

/** Grafana annotations: read once, kept by their `env:` tag here. */
export const GRAFANA_ANNOTATIONS: ProviderDescription = { read: readGrafanaAnnotations, environment: ENVIRONMENT };
