import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EVENT_KINDS, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { Provider, SkipCounter, splitScope } from './types';

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
  const kind = kindOf(tags, typeof item.alertId === 'number' ? item.alertId : 0, text(item.newState));
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
    return kind;
  }
  const body = text(item.text);
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
  });
}

/** Annotations per request; Grafana's own default is 100. */
const ANNOTATION_PAGE = 500;

/**
 * This Grafana's annotations in the range (`/api/annotations`, newest first), optionally
 * only those with all of the scope's tags, paged by moving `to` to the oldest one read.
 */
export const readGrafanaAnnotations: Provider = async (request) => {
  const tags = splitScope(request.scope);
  const events: DeployEvent[] = [];
  const notices: EventNotice[] = [];
  const skipped = new SkipCounter();
  const seen = new Set<unknown>();
  let to = request.range.to;
  for (let page = 0; ; page++) {
    if (page >= request.maxPages) {
      notices.push({ severity: 'warning', text: `Grafana annotations: stopped after ${page} pages; narrow the time range or the tags.` });
      break;
    }
    const result = await request.client.getJson('/api/annotations', { from: request.range.from, to, limit: ANNOTATION_PAGE, tags }, request.signal);
    if (!result.ok) {
      notices.push({ severity: 'error', text: result.error.message });
      break;
    }
    if (!Array.isArray(result.data)) {
      notices.push({ severity: 'error', text: 'Grafana annotations: /api/annotations did not return a list.' });
      break;
    }
    const pageEvents: DeployEvent[] = [];
    let oldest = Infinity;
    for (const item of result.data) {
      const id = get(item, 'id');
      if (seen.has(id)) {
        continue;
      }
      seen.add(id);
      const parsed = parseGrafanaAnnotation(item);
      if (typeof parsed === 'string') {
        skipped.skip(parsed);
        continue;
      }
      oldest = Math.min(oldest, parsed.time);
      if (!request.environment || parsed.environment === request.environment) {
        pageEvents.push(request.service && !parsed.service ? { ...parsed, service: request.service } : parsed);
      }
    }
    events.push(...pageEvents);
    request.onProgress?.(pageEvents);
    if (result.data.length < ANNOTATION_PAGE || !Number.isFinite(oldest) || oldest >= to) {
      break;
    }
    to = oldest;
  }
  return { events, notices: [...notices, ...skipped.notices('Grafana annotations')] };
};
