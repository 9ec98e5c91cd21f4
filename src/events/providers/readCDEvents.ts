import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { inRange } from './inRange';
import { readPages } from './readPages';
import { keptFor, namesEnvironmentOrNone, Provider, ProviderDescription, SkipCounter } from './types';

/**
 * An endpoint serving CDEvents is not asked for an environment: the events that name the one
 * asked for are kept, and those that name none (a merged change, a pipeline run) too.
 */
const ENVIRONMENT = namesEnvironmentOrNone;

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
 * (`context.version`) and v0.5 (`context.specversion`). Duplicates share `context.source` and `context.id`.
 */
export const readCDEvents: Provider = async (request) => {
  // No path: the endpoint is the configured URL itself, asked for as written.
  const path = request.scope.trim();
  const answer: { payload?: ReturnType<typeof splitPayload> } = {};
  const read = await readPages({
    client: request.client,
    what: path || 'the configured URL',
    first: { url: path },
    maxPages: 1,
    signal: request.signal,
    format: 'text',
    items: (data) => {
      const payload = splitPayload(String(data));
      answer.payload = payload;
      return payload.problem ?? payload.items;
    },
    onItems: () => undefined,
    nextPage: () => null,
  });
  const split = answer.payload;
  if (!read.complete || !split) {
    return { events: [], notices: read.notices };
  }
  const { events, notices: parseNotices } = parseCDEvents(split.items);
  const kept = events
    .filter((e) => inRange(e, request.range))
    .filter(keptFor(ENVIRONMENT, request.environment))
    .map((e) => (e.service ? e : { ...e, service: request.service ?? '' }));
  request.onProgress?.(kept);
  return { events: kept, notices: [...split.notices, ...parseNotices] };
};

/** CDEvents: read once, the events kept by environment here. */
export const CDEVENTS: ProviderDescription = { read: readCDEvents, environment: ENVIRONMENT, oneScope: true };

const EXPECTED = 'expected CDEvents as a JSON array, one JSON object or NDJSON';

/**
 * A JSON array, a single object, or NDJSON. An answer that holds no CDEvents at all (empty,
 * `null`, `{}`, XML, cut off) gives a `problem`; unreadable NDJSON lines in the middle are
 * counted as lost and the rest kept, and a cut-off last line is an error (the answer was truncated).
 */
export function splitPayload(body: string): { items: unknown[]; notices: EventNotice[]; problem?: string } {
  const trimmed = body.trim();
  if (trimmed === '') {
    return { items: [], notices: [], problem: `the answer was empty; ${EXPECTED}` };
  }
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    isJson = false;
  }
  if (isJson) {
    if (Array.isArray(parsed)) {
      return { items: parsed, notices: [] };
    }
    if (isRecord(parsed) && isRecord(parsed.context)) {
      return { items: [parsed], notices: [] };
    }
    const shape = parsed === null ? 'null' : isRecord(parsed) ? 'an object without "context"' : `a JSON ${typeof parsed}`;
    return { items: [], notices: [], problem: `the answer was ${shape}, not CDEvents; ${EXPECTED}` };
  }
  if (trimmed.startsWith('<')) {
    return { items: [], notices: [], problem: `the answer was XML or HTML, not JSON; ${EXPECTED}` };
  }
  const items: unknown[] = [];
  let bad = 0;
  const lines = trimmed.split(/\r?\n/);
  let lastBad = false;
  for (const line of lines) {
    if (line.trim() === '') {
      continue;
    }
    try {
      items.push(JSON.parse(line));
      lastBad = false;
    } catch {
      bad++;
      lastBad = true;
    }
  }
  if (items.length === 0) {
    return { items: [], notices: [], problem: `the answer was not valid JSON (cut off, or another format); ${EXPECTED}` };
  }
  const notices: EventNotice[] = [];
  if (lastBad && !/\n\s*$/.test(body)) {
    bad--;
    notices.push({ severity: 'error', text: 'CDEvents: the answer ends in an incomplete line (it was cut off); the events before it are kept.' });
  }
  if (bad > 0) {
    // Each unreadable line is an event lost: the read is partial, not merely noisy.
    notices.push({ severity: 'error', text: `CDEvents: ${bad} line(s) were not valid JSON and were skipped; the events on them are lost.` });
  }
  return { items, notices };
}

/**
 * Normalizes CDEvents, dropping duplicates by `context.source` and `context.id` (CloudEvents:
 * producers keep source + id unique; two sources may use the same id), and counting what it
 * cannot read.
 */
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
  // The event's identity is source + id; the source is escaped so `:` only ever separates them.
  const source = text(context.source);
  const identity = `${source.replace(/%/g, '%25').replace(/:/g, '%3A')}:${contextId}`;
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
    id: `cdevents:${identity}`,
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
    tags: [`${type[1]}.${type[2]}`, source].filter(Boolean),
  });
}
