import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { Provider, SkipCounter } from './types';

/** CDEvents subject.predicate to our kind and the status it implies. */
const TYPE_MAP: Record<string, { kind: EventKind; status: EventStatus }> = {
  'service.deployed': { kind: EventKind.Deploy, status: EventStatus.Success },
  'service.upgraded': { kind: EventKind.Deploy, status: EventStatus.Success },
  'service.rolledback': { kind: EventKind.Rollback, status: EventStatus.Success },
  'pipelinerun.finished': { kind: EventKind.Pipeline, status: EventStatus.Unknown },
  // A merged change is not live yet; it is shown as a release of source so it can be correlated.
  'change.merged': { kind: EventKind.Release, status: EventStatus.Success },
  'incident.detected': { kind: EventKind.Incident, status: EventStatus.Failure },
  'environment.modified': { kind: EventKind.Config, status: EventStatus.Success },
};

const OUTCOME_STATUS: Record<string, EventStatus> = {
  success: EventStatus.Success,
  failure: EventStatus.Failure,
  error: EventStatus.Failure,
  cancel: EventStatus.Cancelled,
};

/**
 * CDEvents served by an HTTP endpoint (a JSON array, one object, or NDJSON), spec v0.4
 * (`context.version`) and v0.5 (`context.specversion`). Duplicates share `context.id`.
 */
export const readCDEvents: Provider = async (request) => {
  const path = request.scope.trim() || '/';
  const result = await request.client.getText(path, undefined, request.signal);
  if (!result.ok) {
    return { events: [], notices: [{ severity: 'error', text: result.error.message }] };
  }
  const { items, notices } = splitPayload(result.data);
  const { events, notices: parseNotices } = parseCDEvents(items);
  const inRange = events
    .filter((e) => e.time >= request.range.from && e.time <= request.range.to)
    .filter((e) => !request.environment || !e.environment || e.environment === request.environment)
    .map((e) => (e.service ? e : { ...e, service: request.service ?? '' }));
  request.onProgress?.(inRange);
  return { events: inRange, notices: [...notices, ...parseNotices] };
};

/** A JSON array, a single object, or NDJSON; unreadable NDJSON lines are counted, the rest kept. */
export function splitPayload(body: string): { items: unknown[]; notices: EventNotice[] } {
  const trimmed = body.trim();
  if (trimmed === '') {
    return { items: [], notices: [] };
  }
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return { items: Array.isArray(parsed) ? parsed : [parsed], notices: [] };
  } catch {
    // not one JSON document: try NDJSON below
  }
  const items: unknown[] = [];
  let bad = 0;
  for (const line of trimmed.split(/\r?\n/)) {
    if (line.trim() === '') {
      continue;
    }
    try {
      items.push(JSON.parse(line));
    } catch {
      bad++;
    }
  }
  const notices: EventNotice[] =
    bad > 0 ? [{ severity: 'warning', text: `CDEvents: ${bad} line(s) were not valid JSON and were skipped.` }] : [];
  return { items, notices };
}

/** Normalizes CDEvents, dropping duplicates by `context.id` and counting what it cannot read. */
export function parseCDEvents(items: unknown[]): { events: DeployEvent[]; notices: EventNotice[] } {
  const seen = new Set<string>();
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  for (const item of items) {
    const parsed = parseCDEvent(item);
    if (typeof parsed === 'string') {
      skipped.skip(parsed);
    } else if (!seen.has(parsed.id)) {
      seen.add(parsed.id);
      events.push(parsed);
    }
  }
  return { events, notices: skipped.notices('CDEvents') };
}

/** The version in a package URL: `pkg:oci/myapp@sha256%3A0b31…` gives `sha256:0b31…`. */
export function purlVersion(purl: string): string {
  const at = purl.lastIndexOf('@');
  if (at < 0) {
    return '';
  }
  const version = purl.slice(at + 1).split(/[?#]/)[0];
  try {
    return decodeURIComponent(version);
  } catch {
    return version;
  }
}

function purlName(purl: string): string {
  const withoutVersion = purl.split('@')[0];
  return withoutVersion.split('/').pop() ?? '';
}

export function parseCDEvent(item: unknown): DeployEvent | string {
  if (!isRecord(item) || !isRecord(item.context)) {
    return 'no context';
  }
  const context = item.context;
  const contextId = text(context.id);
  if (!contextId) {
    return 'missing context.id';
  }
  const type = text(context.type).match(/^dev\.cdevents\.([a-z]+)\.([a-z]+)\.\d+\.\d+\.\d+(-draft)?$/);
  if (!type) {
    return 'unrecognized context.type';
  }
  const mapping = TYPE_MAP[`${type[1]}.${type[2]}`];
  if (!mapping) {
    return `unsupported type ${type[1]}.${type[2]}`;
  }
  const time = toEpochMs(context.timestamp);
  if (time === null) {
    return 'missing or impossible context.timestamp';
  }
  const content = get(item, 'subject', 'content');
  const subjectId = text(get(item, 'subject', 'id'));
  const artifact = text(get(content, 'artifactId'));
  const outcome = text(get(content, 'outcome'));
  const isService = type[1] === 'service';
  const service = text(get(content, 'service', 'id')) || (isService ? subjectId || purlName(artifact) : '');
  const environment = text(get(content, 'environment', 'id')) || (type[1] === 'environment' ? subjectId : '');
  const status = outcome ? (OUTCOME_STATUS[outcome] ?? mapping.status) : mapping.status;
  const title =
    text(get(content, 'pipelineName')) ||
    text(get(content, 'description')) ||
    `${type[1]} ${type[2]}${service ? `: ${service}` : ''}`;
  return makeEvent({
    time,
    id: `cdevents:${contextId}`,
    source: EventSource.CDEvents,
    kind: mapping.kind,
    status,
    service,
    environment,
    version: purlVersion(artifact),
    author: text(get(item, 'customData', 'author')),
    title,
    text: text(get(content, 'errors')) || text(get(content, 'description')),
    url: text(get(content, 'url')) || text(get(content, 'uri')),
    tags: [`${type[1]}.${type[2]}`, text(context.source)].filter(Boolean),
  });
}
