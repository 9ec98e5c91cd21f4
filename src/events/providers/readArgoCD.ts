import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { inRange } from './inRange';
import { oldestTime } from './oldestTime';
import { readPages } from './readPages';
import { keptFor, namesEnvironment, Provider, ProviderDescription } from './types';

/**
 * An application's syncs are all of its destination namespace, the events' environment; Argo CD
 * is not asked for one, so the syncs are kept when they name the one asked for.
 */
const ENVIRONMENT = namesEnvironment;

/** Argo CD's default `revisionHistoryLimit`: older syncs are gone from `status.history`. */
const DEFAULT_HISTORY_LIMIT = 10;

const PHASE_STATUS: Record<string, EventStatus> = {
  Running: EventStatus.InProgress,
  Terminating: EventStatus.InProgress,
  Failed: EventStatus.Failure,
  Error: EventStatus.Failure,
  Succeeded: EventStatus.Success,
};

/**
 * What the application's health says of the sync that deployed its current revision: a sync
 * that left the app Degraded or Missing failed, one still Progressing is not done yet.
 */
const HEALTH_STATUS: Record<string, EventStatus> = {
  Degraded: EventStatus.Failure,
  Missing: EventStatus.Failure,
  Progressing: EventStatus.InProgress,
};

/** A history entry's or the sync status's revision; multi-source apps list `revisions`. */
function revisionOf(value: unknown): string {
  return text(get(value, 'revision')) || text(get(value, 'revisions', 0));
}

/** Index of the newest history entry of `revision`, or -1. */
function newestEntryOf(entries: unknown[], revision: string): number {
  for (let i = entries.length - 1; revision && i >= 0; i--) {
    if (revisionOf(entries[i]) === revision) {
      return i;
    }
  }
  return -1;
}

/**
 * Index of the history entry whose sync the app's live state (and so its health) comes from:
 * the newest entry of the revision the app is synced to (`status.sync`), else of the revision
 * the last operation synced when it succeeded (an app OutOfSync with a newer commit still runs
 * that one); -1 when neither holds (a newer revision is being synced, or none is known).
 */
function currentEntryIndex(app: unknown, entries: unknown[]): number {
  const synced = newestEntryOf(entries, revisionOf(get(app, 'status', 'sync')));
  const operation = get(app, 'status', 'operationState');
  if (synced >= 0 || text(get(operation, 'phase')) !== 'Succeeded') {
    return synced;
  }
  return newestEntryOf(entries, revisionOf(get(operation, 'syncResult')) || revisionOf(get(operation, 'operation', 'sync')));
}

/** Sync history of one Argo CD application (`name`, or `namespace/name` for apps in other namespaces). */
export const readArgoCD: Provider = async (request) => {
  const scope = request.scope.trim();
  if (!scope) {
    return { events: [], notices: [{ severity: 'error', text: 'Argo CD: set the application name.' }] };
  }
  const [namespace, name] = scope.includes('/') ? scope.split('/', 2) : ['', scope];
  let app: unknown = null;
  const read = await readPages({
    client: request.client,
    what: `application ${scope}`,
    first: { url: `/api/v1/applications/${encodeURIComponent(name)}`, query: { appNamespace: namespace || undefined } },
    maxPages: 1,
    signal: request.signal,
    items: (data) => {
      const problem = notAnApplication(data);
      return problem ?? [data];
    },
    onItems: ([data]) => {
      app = data;
    },
    nextPage: () => null,
  });
  if (app === null) {
    return { events: [], notices: read.notices };
  }
  const { events, notices } = parseArgoApplication(app);
  const service = request.service;
  const kept = events
    .filter((e) => inRange(e, request.range))
    .filter(keptFor(ENVIRONMENT, request.environment))
    .map((e) => (service && !e.service ? { ...e, service } : e));
  const oldest = oldestTime(events, (e) => e.time);
  const limit = get(app, 'spec', 'revisionHistoryLimit');
  const history = get(app, 'status', 'history');
  const historyLength = Array.isArray(history) ? history.length : 0;
  if (historyLength >= (typeof limit === 'number' ? limit : DEFAULT_HISTORY_LIMIT) && oldest !== null && oldest > request.range.from) {
    notices.push({
      severity: 'info',
      text: `Argo CD keeps only the last ${historyLength} syncs of ${name}; syncs before ${new Date(oldest).toISOString()} are no longer in its history.`,
    });
  }
  request.onProgress?.(kept);
  return { events: kept, notices };
};

/** Argo CD: read once, its syncs kept by environment here. */
export const ARGO_CD: ProviderDescription = { read: readArgoCD, environment: ENVIRONMENT, oneScope: true };

/**
 * Why a 200 answer is not an application, or null when it is one. Argo CD answers some
 * failures (an unknown application behind some proxies, RBAC) with 200 and `{"message": ...}`.
 */
function notAnApplication(data: unknown): string | null {
  if (isRecord(data) && isRecord(data.metadata)) {
    return null;
  }
  const message = text(get(data, 'message')) || text(get(data, 'error'));
  return message ? `Argo CD answered with a message instead of the application: ${message}` : 'the answer was not an application object';
}

/** One event per `status.history` entry, plus the running or failed `operationState`. */
export function parseArgoApplication(app: unknown): { events: DeployEvent[]; notices: EventNotice[] } {
  const notices: EventNotice[] = [];
  if (!isRecord(app)) {
    return { events: [], notices: [{ severity: 'error', text: 'Argo CD: the answer was not an application object.' }] };
  }
  const name = text(get(app, 'metadata', 'name'));
  const environment = text(get(app, 'spec', 'destination', 'namespace')) || text(get(app, 'spec', 'destination', 'name'));
  const history = get(app, 'status', 'history');
  const events: DeployEvent[] = [];
  let skipped = 0;
  const operation = get(app, 'status', 'operationState');
  const operationAuthor = text(get(operation, 'operation', 'initiatedBy', 'username'));
  const entries = Array.isArray(history) ? history : [];
  const current = currentEntryIndex(app, entries);
  const health = text(get(app, 'status', 'health', 'status'));
  entries.forEach((entry, index) => {
    const deployed = toEpochMs(get(entry, 'deployedAt'));
    const started = toEpochMs(get(entry, 'deployStartedAt')) ?? deployed;
    if (deployed === null || started === null) {
      skipped++;
      return;
    }
    const revision = revisionOf(entry);
    const isLatest = index === entries.length - 1;
    events.push(
      makeEvent({
        time: started,
        timeEnd: deployed,
        id: `argocd:${name}:${text(get(entry, 'id'))}`,
        source: EventSource.ArgoCD,
        kind: EventKind.Deploy,
        status: (index === current && HEALTH_STATUS[health]) || EventStatus.Success,
        service: name,
        environment,
        version: text(get(entry, 'source', 'targetRevision')) || revision,
        commit: /^[0-9a-f]{40}$/i.test(revision) ? revision : '',
        author: text(get(entry, 'initiatedBy', 'username')) || (isLatest ? operationAuthor : ''),
        title: `Sync ${name} to ${revision.slice(0, 8)}`,
        // A repoURL may carry a token (`https://oauth2:<token>@gitlab...`): makeEvent drops it.
        text: text(get(entry, 'source', 'repoURL')),
        tags: [name],
      })
    );
  });
  const phase = text(get(operation, 'phase'));
  const opStart = toEpochMs(get(operation, 'startedAt'));
  if (opStart !== null && phase && phase !== 'Succeeded') {
    const revision = text(get(operation, 'operation', 'sync', 'revision')) || text(get(operation, 'syncResult', 'revision'));
    events.push(
      makeEvent({
        time: opStart,
        timeEnd: toEpochMs(get(operation, 'finishedAt')),
        id: `argocd:${name}:operation:${opStart}`,
        source: EventSource.ArgoCD,
        kind: EventKind.Deploy,
        status: PHASE_STATUS[phase] ?? EventStatus.Unknown,
        service: name,
        environment,
        version: revision,
        commit: /^[0-9a-f]{40}$/i.test(revision) ? revision : '',
        author: operationAuthor,
        title: `Sync ${name} to ${revision.slice(0, 8)} (${phase})`,
        // Argo CD's messages quote repo URLs as configured, credentials included: makeEvent drops them.
        text: text(get(operation, 'message')),
        tags: [name],
      })
    );
  }
  if (skipped > 0) {
    notices.push({ severity: 'warning', text: `${skipped} Argo CD history entries skipped: missing or impossible deployedAt.` });
  }
  return { events, notices };
}
