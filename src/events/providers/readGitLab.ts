import { HttpClient } from '../../http/createHttpClient';
import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { appendAll } from './appendAll';
import { inRange } from './inRange';
import { parseItems } from './parseItems';
import { attachShippedMergeRequests } from './readGitLabMergeRequests';
import { nextLink } from './nextLink';
import { Page, PageRequest, readPages } from './readPages';
import { Provider, ProviderDescription, ProviderRequest, SkipCounter } from './types';

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
  const deployments = await walk(request, `${base}/deployments`, `deployments of ${project}`, { ...window, environment: request.environment }, (item) =>
    parseGitLabDeployment(item, project)
  );
  // Nothing read at all (a wrong token, host or project): the pipelines would fail the same way,
  // and the one cause is said once, as for the Kubernetes lists. Pipelines are not narrowed by
  // environment: of several environments, the first one's read has them.
  const pipelines =
    deployments.nothingRead || request.environmentOnly
      ? { events: [], notices: [] }
      : await walk(request, `${base}/pipelines`, `pipelines of ${project}`, window, (item) => parseGitLabPipeline(item, project));
  const named = (list: DeployEvent[]) => list.filter((e) => inRange(e, request.range)).map((e) => (e.service ? e : { ...e, service }));
  const shipped = request.shippedChanges
    ? await attachShippedMergeRequests(named(deployments.events), { client: request.client, projectPath: base, project, signal: request.signal })
    : { events: named(deployments.events), notices: [] };
  const events = appendAll(appendAll([], shipped.events), named(pipelines.events));
  return { events, notices: [...deployments.notices, ...shipped.notices, ...pipelines.notices] };
};

/** GitLab: deployments are asked for one environment (`environment=`), so several take a read each. */
export const GITLAB: ProviderDescription = { read: readGitLab, environment: 'server', oneScope: true };

/** Pages by `page` number as GitLab's pagination headers say (see `gitlabNextPage`); a short page ends the walk. */
async function walk(
  request: ProviderRequest,
  path: string,
  what: string,
  query: Record<string, string | undefined>,
  parse: (item: unknown) => DeployEvent | string
): Promise<{ events: DeployEvent[]; notices: EventNotice[]; nothingRead: boolean }> {
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  const read = await readPages({
    client: request.client,
    what,
    first: { url: path, query: { ...query, per_page: PER_PAGE, page: '1' } },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => (Array.isArray(data) ? data : `${path} did not return a list`),
    // An `x-next-page` the server does not honour would hand out the same items again.
    itemKey: (item) => text(get(item, 'id')),
    onItems: (items) => {
      const pageEvents = parseItems(items, parse, skipped);
      appendAll(events, pageEvents);
      request.onProgress?.(pageEvents.filter((e) => inRange(e, request.range)));
    },
    nextPage: (page, items) => gitlabNextPage(page, items, { url: path, query: { ...query, per_page: PER_PAGE } }, request.client),
  });
  return { events, notices: [...read.notices, ...skipped.notices(`GitLab items of ${path}`)], nothingRead: read.pages === 0 && !read.complete };
}

/**
 * The page after `page` of a GitLab listing. `x-next-page` when GitLab sends it (empty on the
 * last page); some answers come without any pagination header (gitlab-org/gitlab#331297), so
 * then the `Link` header's `rel="next"`, and failing that the next page number when this page
 * was full: a full page may have more behind it. A short page ends the walk, and a server
 * that answers every page number with the same items is stopped by the kit's repeat rule.
 */
export function gitlabNextPage(page: Page, items: unknown[], first: PageRequest, client: HttpClient): PageRequest | null {
  if (items.length < PER_PAGE) {
    return null;
  }
  const header = page.response.header('x-next-page');
  if (header !== null) {
    const next = header.trim();
    return next ? { url: first.url, query: { ...first.query, page: next } } : null;
  }
  const link = nextLink(page.response.header('link'));
  if (link) {
    return { url: client.rebase(link) };
  }
  const current = Number(page.request.query?.page ?? 1);
  return { url: first.url, query: { ...first.query, page: String((Number.isFinite(current) ? current : 1) + 1) } };
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
