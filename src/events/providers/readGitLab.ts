import { HttpResult } from '../http/createHttpClient';
import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { Provider, ProviderRequest, SkipCounter } from './types';

/** A deploy finishing this long after the range end can still have started inside it. */
const LOOKAHEAD_MS = 60 * 60 * 1000;
const PER_PAGE = 100;

const DEPLOYMENT_STATUS: Record<string, EventStatus> = {
  created: EventStatus.InProgress,
  running: EventStatus.InProgress,
  blocked: EventStatus.InProgress,
  success: EventStatus.Success,
  failed: EventStatus.Failure,
  canceled: EventStatus.Cancelled,
  skipped: EventStatus.Cancelled,
};

const PIPELINE_STATUS: Record<string, EventStatus> = {
  created: EventStatus.InProgress,
  waiting_for_resource: EventStatus.InProgress,
  preparing: EventStatus.InProgress,
  pending: EventStatus.InProgress,
  running: EventStatus.InProgress,
  scheduled: EventStatus.InProgress,
  manual: EventStatus.InProgress,
  success: EventStatus.Success,
  failed: EventStatus.Failure,
  canceled: EventStatus.Cancelled,
  skipped: EventStatus.Cancelled,
};

const TERMINAL = new Set([EventStatus.Success, EventStatus.Failure, EventStatus.Cancelled]);

/**
 * Deployments and pipelines of one GitLab project (`group/project` or numeric id). The base
 * URL is the GitLab host; requests go to `/api/v4`. GitLab 16+ requires `updated_after` and
 * `updated_before` to come with `order_by=updated_at`, which also bounds the listing.
 */
export const readGitLab: Provider = async (request) => {
  const project = request.scope.trim();
  if (!project) {
    return { events: [], notices: [{ severity: 'error', text: 'GitLab: set the project as group/project or its numeric id.' }] };
  }
  const base = `/api/v4/projects/${encodeURIComponent(project)}`;
  const window = {
    updated_after: new Date(request.range.from).toISOString(),
    updated_before: new Date(request.range.to + LOOKAHEAD_MS).toISOString(),
    order_by: 'updated_at',
    sort: 'desc',
  };
  const service = request.service || project.split('/').pop() || project;
  const deployments = await walk(request, `${base}/deployments`, { ...window, environment: request.environment }, (item) =>
    parseGitLabDeployment(item, project)
  );
  const pipelines = await walk(request, `${base}/pipelines`, window, (item) => parseGitLabPipeline(item, project));
  const events = [...deployments.events, ...pipelines.events]
    .filter((e) => e.time >= request.range.from && e.time <= request.range.to)
    .map((e) => (e.service ? e : { ...e, service }));
  return { events, notices: [...deployments.notices, ...pipelines.notices] };
};

async function walk(
  request: ProviderRequest,
  path: string,
  query: Record<string, string | undefined>,
  parse: (item: unknown) => DeployEvent | string
): Promise<{ events: DeployEvent[]; notices: EventNotice[] }> {
  const events: DeployEvent[] = [];
  const notices: EventNotice[] = [];
  const skipped = new SkipCounter();
  let page: string | null = '1';
  let pages = 0;
  while (page) {
    if (pages >= request.maxPages) {
      notices.push({ severity: 'warning', text: `GitLab: stopped after ${pages} pages of ${path}; narrow the time range or raise "Max pages".` });
      break;
    }
    const result: HttpResult<unknown> = await request.client.getJson(path, { ...query, per_page: PER_PAGE, page }, request.signal);
    pages++;
    if (!result.ok) {
      notices.push({ severity: 'error', text: result.error.message });
      break;
    }
    if (!Array.isArray(result.data)) {
      notices.push({ severity: 'error', text: `GitLab: ${path} did not return a list; the page was skipped.` });
      break;
    }
    const pageEvents: DeployEvent[] = [];
    for (const item of result.data) {
      const parsed = parse(item);
      if (typeof parsed === 'string') {
        skipped.skip(parsed);
      } else {
        pageEvents.push(parsed);
      }
    }
    events.push(...pageEvents);
    request.onProgress?.(pageEvents.filter((e) => e.time >= request.range.from && e.time <= request.range.to));
    // `x-next-page` is empty on the last page; some GitLab.com responses omit it, so a short page also ends.
    const next: string | null = result.response.header('x-next-page');
    page = next && next.trim() !== '' && result.data.length >= PER_PAGE ? next.trim() : null;
  }
  return { events, notices: [...notices, ...skipped.notices(`GitLab items of ${path}`)] };
}

/** A GitLab deployment: starts when its job started (else when created), ends when it finished. */
export function parseGitLabDeployment(item: unknown, project: string): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  if (typeof item.id !== 'number') {
    return 'missing id';
  }
  const start = toEpochMs(get(item, 'deployable', 'started_at')) ?? toEpochMs(item.created_at);
  if (start === null) {
    return 'missing or impossible created_at';
  }
  const status = DEPLOYMENT_STATUS[text(item.status)] ?? EventStatus.Unknown;
  const end = TERMINAL.has(status)
    ? (toEpochMs(item.finished_at) ?? toEpochMs(get(item, 'deployable', 'finished_at')) ?? toEpochMs(item.updated_at))
    : null;
  const environment = text(get(item, 'environment', 'name'));
  const ref = text(item.ref);
  return makeEvent({
    time: start,
    timeEnd: end,
    id: `gitlab:deployment:${project}:${item.id}`,
    source: EventSource.GitLab,
    kind: EventKind.Deploy,
    status,
    environment,
    version: ref,
    commit: text(item.sha),
    author: text(get(item, 'user', 'username')) || text(get(item, 'deployable', 'commit', 'author_name')),
    title: `Deploy ${ref || text(item.sha).slice(0, 8)}${environment ? ` to ${environment}` : ''}`,
    text: text(get(item, 'deployable', 'commit', 'title')),
    url: text(get(item, 'deployable', 'pipeline', 'web_url')) || text(get(item, 'environment', 'external_url')),
    tags: [project],
  });
}

/** A GitLab pipeline from the (slim) list item: created to last update once it has finished. */
export function parseGitLabPipeline(item: unknown, project: string): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  if (typeof item.id !== 'number') {
    return 'missing id';
  }
  const start = toEpochMs(item.started_at) ?? toEpochMs(item.created_at);
  if (start === null) {
    return 'missing or impossible created_at';
  }
  const status = PIPELINE_STATUS[text(item.status)] ?? EventStatus.Unknown;
  const end = TERMINAL.has(status) ? (toEpochMs(item.finished_at) ?? toEpochMs(item.updated_at)) : null;
  const ref = text(item.ref);
  return makeEvent({
    time: start,
    timeEnd: end,
    id: `gitlab:pipeline:${project}:${item.id}`,
    source: EventSource.GitLab,
    kind: EventKind.Pipeline,
    status,
    version: ref,
    commit: text(item.sha),
    author: text(get(item, 'user', 'username')),
    title: `${text(item.name) || 'Pipeline'} #${text(item.iid) || text(item.id)}${ref ? ` on ${ref}` : ''}`,
    text: text(item.source),
    url: text(item.web_url),
    tags: [project, text(item.source)].filter(Boolean),
  });
}
