import { HttpClient, HttpFailureKind } from '../../http/createHttpClient';
import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus, GitHubFeed } from '../types';
import { appendAll } from './appendAll';
import { endedBefore, inRange } from './inRange';
import { nextLink } from './nextLink';
import { oldestTime } from './oldestTime';
import { parseItems } from './parseItems';
import { readGitHubDeploymentsGraphql, RestDeployment } from './readGitHubDeploymentsGraphql';
import { attachShippedPulls } from './readGitHubShippedPulls';
import { Page, PageRequest, readPages } from './readPages';
import { anyEnvironment, Provider, ProviderDescription, ProviderRequest, ProviderResult, SkipCounter, splitScope } from './types';

/**
 * A deployment created this long before the range can still take effect inside it (its
 * final status comes later), so listing continues this far past the range start.
 */
export const DEPLOY_LOOKBACK_MS = 60 * 60 * 1000;
/**
 * A workflow run created this long before the range can still be running inside it: GitHub
 * ends a job on its hosted runners after 6 hours, so runs are listed from that far back.
 */
export const RUN_LOOKBACK_MS = 6 * 60 * 60 * 1000;
const PER_PAGE = 100;

export interface GitHubOptions {
  /**
   * Where GraphQL queries go: `/graphql` under the data-proxy route (the default), or GitHub's
   * absolute GraphQL URL (see `githubGraphqlUrl`); null reads deployments through REST only.
   */
  graphqlUrl?: string | null;
}

/**
 * Reads deployments (with statuses), workflow runs and releases of one or more repositories.
 * Deployments come through GraphQL, 100 with their statuses per request, and through REST
 * (one request per 100 deployments plus one per deployment for its statuses) when GraphQL is
 * unavailable; an info notice says which was used.
 */
export function readGitHub(feeds: readonly GitHubFeed[] = [GitHubFeed.Deployments], options: GitHubOptions = {}): Provider {
  const graphqlUrl = options.graphqlUrl === undefined ? '/graphql' : options.graphqlUrl;
  const readers: Record<GitHubFeed, FeedReader> = { ...FEED_READERS, [GitHubFeed.Deployments]: (repo, request) => readDeployments(repo, request, graphqlUrl) };
  return async (request) => {
    const repos = splitScope(request.scope);
    if (repos.length === 0) {
      return { events: [], notices: [{ severity: 'error', text: 'GitHub: set the repository as owner/repo (several may be separated by commas).' }] };
    }
    const results: ProviderResult[] = [];
    for (const repo of repos) {
      if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) {
        results.push({ events: [], notices: [{ severity: 'error', text: `GitHub: "${repo}" is not a repository; write it as owner/repo.` }] });
        continue;
      }
      // Only deployments are narrowed by environment: of several, the first one's read has the rest.
      for (const feed of request.environmentOnly ? feeds.filter((f) => f === GitHubFeed.Deployments) : feeds) {
        results.push(await readers[feed](repo, request));
      }
    }
    return {
      events: results.flatMap((r) => r.events),
      notices: results.flatMap((r) => r.notices),
    };
  };
}

/**
 * GitHub reading `feeds`: deployments are asked for one environment (`environment=`, GraphQL's
 * `environments`), so several take a read each; workflow runs and releases name no environment
 * and are not narrowed by one, so a read of those alone serves every environment at once.
 */
export function describeGitHub(feeds: readonly GitHubFeed[] = [GitHubFeed.Deployments], options: GitHubOptions = {}): ProviderDescription {
  return { read: readGitHub(feeds, options), environment: feeds.includes(GitHubFeed.Deployments) ? 'server' : anyEnvironment };
}

type FeedReader = (repo: string, request: ProviderRequest) => Promise<ProviderResult>;

const FEED_READERS: Record<Exclude<GitHubFeed, GitHubFeed.Deployments>, FeedReader> = {
  [GitHubFeed.WorkflowRuns]: (repo, request) =>
    readPaged(
      repo,
      request,
      `/repos/${repo}/actions/runs`,
      { created: `${isoDate(request.range.from - RUN_LOOKBACK_MS)}..${isoDate(request.range.to + 86_400_000)}` },
      'workflow_runs',
      parseWorkflowRun,
      (items) => runsPastRange(items, repo, request.range.from)
    ),
  [GitHubFeed.Releases]: (repo, request) =>
    readPaged(repo, request, `/repos/${repo}/releases`, {}, null, parseRelease, (items) => createdBefore(items, request.range.from)),
};

/** True when some item of the page was created before `time` (pages come newest-first). */
function createdBefore(items: unknown[], time: number): boolean {
  const oldest = oldestTime(items, (item) => toEpochMs(get(item, 'created_at')));
  return oldest !== null && oldest < time;
}

/**
 * Runs come newest-first by creation: a page holding a run that was over before the range (or
 * one created more than `RUN_LOOKBACK_MS` before it) is the last that can overlap the range;
 * a run started before the range may still be running inside it.
 */
function runsPastRange(items: unknown[], repo: string, from: number): boolean {
  return (
    createdBefore(items, from - RUN_LOOKBACK_MS) ||
    items.some((item) => {
      const run = parseWorkflowRun(item, repo);
      return typeof run !== 'string' && endedBefore(run, from);
    })
  );
}

/**
 * Walks `Link` pages newest-first and stops at the first page `pastRange` says reaches past
 * the range; the kit handles the page limit, failures, loops and next links on
 * another origin (refused by the client).
 */
function walkPages(
  what: string,
  path: string,
  query: Record<string, string | number>,
  envelope: string | null,
  request: ProviderRequest,
  pastRange: (items: unknown[]) => boolean,
  onPage: (items: unknown[], page: Page) => Promise<void>
) {
  const { client } = request;
  return readPages({
    client,
    what,
    first: { url: path, query: { ...query, per_page: PER_PAGE } },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => {
      const body: unknown = envelope ? get(data, envelope) : data;
      return Array.isArray(body) ? body : `${path} did not return a list`;
    },
    // Deployments, runs and releases all carry an `id`: a `Link` to a fresh URL over the same items is a loop too.
    itemKey: (item) => text(get(item, 'id')),
    onItems: async (items, page) => {
      await onPage(items, page);
      return pastRange(items) ? 'stop' : undefined;
    },
    nextPage: (page, items) => githubNextPage(page, items, client),
  });
}

/**
 * The page after `page` of a GitHub listing: its `Link` header's `rel="next"`, never a guessed
 * page number. GitHub serves no empty page inside a listing: one that still links on is the
 * end (a server handing out empty pages with fresh links would otherwise be read to the page limit).
 */
export function githubNextPage(page: Page, items: unknown[], client: HttpClient): PageRequest | null {
  const next = items.length > 0 ? nextLink(page.response.header('link')) : null;
  return next ? { url: client.rebase(next) } : null;
}

async function readPaged(
  repo: string,
  request: ProviderRequest,
  path: string,
  query: Record<string, string>,
  envelope: string | null,
  parse: (item: unknown, repo: string) => DeployEvent | string,
  pastRange: (items: unknown[]) => boolean
): Promise<ProviderResult> {
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  const what = `${path.split('/').pop()} of ${repo}`;
  // What the listing says it holds (`total_count`, workflow runs) against what it served.
  const count = { served: 0, total: 0, pastRange: false };
  const stopAt = (items: unknown[]) => (count.pastRange = pastRange(items));
  const read = await walkPages(what, path, query, envelope, request, stopAt, async (items, page) => {
    const total = get(page.data, 'total_count');
    count.total = Math.max(count.total, typeof total === 'number' ? total : 0);
    count.served += items.length;
    const pageEvents = parseItems(items, (item) => parse(item, repo), skipped, (event) => inRange(event, request.range)).map((event) =>
      withService(event, request, repo)
    );
    appendAll(events, pageEvents);
    request.onProgress?.(pageEvents);
  });
  // Ended by the listing itself (no next link), not by the range, a page limit or a failure.
  const cut = read.complete && read.notices.length === 0 && !count.pastRange && count.served < count.total;
  const lost = cut ? [servedLessNotice(what, count.served, count.total, query)] : [];
  return { events, notices: [...lost, ...read.notices, ...skipped.notices(`GitHub items of ${repo}`)] };
}

/**
 * The one error for a listing that ended before serving all it counts: GitHub serves at most
 * 1,000 workflow runs for a `created` filter (its REST reference, "List workflow runs for a
 * repository"), with no next link past them. The runs not served are the oldest of the
 * window, and they are lost to this read, so it is an error (the command line exits 3).
 */
function servedLessNotice(what: string, served: number, total: number, query: Record<string, string>): EventNotice {
  const window = query.created ? ` created ${query.created}` : '';
  const n = (value: number) => value.toLocaleString('en-US');
  return {
    severity: 'error',
    text: `GitHub: served ${n(served)} of the ${n(total)} ${what}${window} and no more (GitHub serves at most 1,000 workflow runs per search); the oldest ${n(total - served)} are missing. Narrow the time range to read them. The runs read are kept.`,
  };
}

/**
 * Failures of the first GraphQL page after which REST may still work: an HTTP error status
 * (404/405/501 from a server without GraphQL, an exhausted GraphQL rate limit, which REST
 * counts apart), a web page or malformed JSON instead of a GraphQL answer. A network, TLS or
 * timeout failure would hit REST the same way, so it is reported instead.
 */
const GRAPHQL_UNAVAILABLE = new Set<HttpFailureKind>(['http', 'rate_limit', 'html', 'json']);

/**
 * Deployments of one repository, through GraphQL when `graphqlUrl` is set and the server
 * answers it, else through REST. GraphQL counts as unavailable when its first page fails that
 * way or answers with `errors` or another shape: REST then reads from the start, so nothing
 * is read twice. A 401 is not retried through REST (same token), nor is a cancelled read.
 */
async function readDeployments(repo: string, request: ProviderRequest, graphqlUrl: string | null): Promise<ProviderResult> {
  const sink = deploymentSink(repo, request);
  const stopBefore = request.range.from - DEPLOY_LOOKBACK_MS;
  let unavailable = 'not configured';
  if (graphqlUrl) {
    const read = await readGitHubDeploymentsGraphql({ repo, request, url: graphqlUrl, stopBefore, onPage: sink.add });
    const nothingRead = !read.complete && read.delivered === 0;
    if (!nothingRead) {
      const via: EventNotice = { severity: 'info', text: `GitHub: read deployments of ${repo} via GraphQL.` };
      // A read cut short by a failing server is flagged already; its deploys are not looked up.
      const shipped =
        read.failure || !request.shippedChanges
          ? { events: sink.events, notices: [] }
          : await attachShippedPulls(sink.events, { client: request.client, graphqlUrl, repo, refs: sink.refs, signal: request.signal });
      return { events: shipped.events, notices: [via, ...read.notices, ...sink.notices(), ...shipped.notices] };
    }
    if (request.signal?.aborted || (read.failure && !GRAPHQL_UNAVAILABLE.has(read.failure.kind)) || read.failure?.status === 401) {
      return { events: [], notices: read.notices };
    }
    unavailable = read.problem ?? 'no answer';
  }
  const statusFailures: string[] = [];
  const read = await walkPages(`deployments of ${repo}`, `/repos/${repo}/deployments`, request.environment ? { environment: request.environment } : {}, null, request, (items) => createdBefore(items, stopBefore), async (items) => {
    // Statuses only for deployments inside the range: one request each, at most 4 in flight.
    const deployments = await Promise.all(
      sink.candidates(items).map(async (item): Promise<RestDeployment> => {
        const statuses = await request.client.getJson(`/repos/${repo}/deployments/${get(item, 'id')}/statuses`, { per_page: PER_PAGE }, request.signal);
        if (!statuses.ok) {
          statusFailures.push(statuses.error.message);
        }
        return { item, statuses: statuses.ok && Array.isArray(statuses.data) ? statuses.data : [] };
      })
    );
    sink.add(deployments, false);
  });
  const via: EventNotice = { severity: 'info', text: `GitHub: read deployments of ${repo} via REST (GraphQL unavailable: ${unavailable}).` };
  // Pull requests come through GraphQL only (a data source without it reports no lead time): tried
  // here too, since the deployments query may be all that failed, and stopped at the first failure.
  const shipped =
    graphqlUrl && !read.failure && request.shippedChanges
      ? await attachShippedPulls(sink.events, { client: request.client, graphqlUrl, repo, refs: sink.refs, signal: request.signal })
      : { events: sink.events, notices: [] };
  const notices = [...(graphqlUrl ? [via] : []), ...read.notices, ...statusNotice(statusFailures, repo), ...sink.notices(), ...shipped.notices];
  if (!graphqlUrl && request.shippedChanges) {
    notices.push(noGraphqlForLeadTime(repo));
  }
  return { events: shipped.events, notices };
}

/**
 * Why a read that asked for shipped pull requests has none: they come through GraphQL, and a
 * provisioned data source may lack its URL (the settings page fills it from the GitHub URL).
 */
function noGraphqlForLeadTime(repo: string): EventNotice {
  return {
    severity: 'info',
    text: `GitHub: no lead time or batch size for ${repo}: pull requests are read through GraphQL, and this data source has no githubGraphqlUrl (set it where the data source is provisioned, or save the GitHub URL again on its settings page, which fills it).`,
  };
}

const deploymentCreatedAt = (item: unknown) => toEpochMs(get(item, 'created_at'));

/**
 * Collects the events of a repository's deployments page by page, the same way whichever API
 * read them: deployments created too early for the range (or without a time or id) are left
 * out, the rest parsed, kept when inside the range, and reported as progress.
 */
function deploymentSink(repo: string, request: ProviderRequest) {
  const { range } = request;
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  const candidates = (items: unknown[]) =>
    items.filter((item) => {
      const created = deploymentCreatedAt(item);
      if (created === null || typeof get(item, 'id') !== 'number') {
        skipped.skip(created === null ? 'missing or impossible created_at' : 'missing id');
        return false;
      }
      return created >= range.from - DEPLOY_LOOKBACK_MS && created <= range.to;
    });
  // The ref each deployment was made from, by event id: which branch its pull requests merged into.
  const refs = new Map<string, string>();
  const add = (deployments: RestDeployment[], screen = true) => {
    const kept = screen ? new Set(candidates(deployments.map((d) => d.item))) : null;
    const parsed = deployments
      .filter((d) => kept === null || kept.has(d.item))
      .map((d) => {
        const event = parseDeployment(d.item, d.statuses, repo);
        if (typeof event !== 'string') {
          refs.set(event.id, text(get(d.item, 'ref')));
        }
        return event;
      });
    const pageEvents = parseItems(parsed, (event) => event, skipped, (event) => inRange(event, range)).map((event) => withService(event, request, repo));
    appendAll(events, pageEvents);
    request.onProgress?.(pageEvents);
  };
  return { events, refs, candidates, add, notices: () => skipped.notices(`GitHub deployments of ${repo}`) };
}

/** Events that name no service get the query's service, else the repository name. */
function withService(event: DeployEvent, request: ProviderRequest, repo: string): DeployEvent {
  return event.service ? event : { ...event, service: request.service || repo.split('/')[1] };
}

/**
 * One line for all deployments whose statuses could not be read, not one per deployment. Their
 * outcome and finish time are lost to this read (a failed deploy shows as unknown), so it is an
 * error: the command line exits 3.
 */
function statusNotice(failures: string[], repo: string): EventNotice[] {
  if (failures.length === 0) {
    return [];
  }
  const count = failures.length;
  return [
    {
      severity: 'error',
      text: `GitHub: the statuses of ${count} deployment${count === 1 ? '' : 's'} of ${repo} could not be read, so their outcome shows as unknown (first cause: ${failures[0]})`,
    },
  ];
}

const GITHUB_DEPLOY_STATE: Record<string, EventStatus> = {
  success: EventStatus.Success,
  failure: EventStatus.Failure,
  error: EventStatus.Failure,
  pending: EventStatus.InProgress,
  queued: EventStatus.InProgress,
  in_progress: EventStatus.InProgress,
};

/**
 * One deployment and its statuses as an event. Outcome and time come from the newest status
 * that is not `inactive` (a deployment turns inactive when a newer one replaces it, which
 * also moves `updated_at`); a deployment without statuses keeps `created_at` and `unknown`.
 * Returns the reason as a string when the item cannot be read.
 */
export function parseDeployment(item: unknown, statuses: unknown[], repo: string): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  const created = toEpochMs(item.created_at);
  if (created === null) {
    return 'missing or impossible created_at';
  }
  if (typeof item.id !== 'number') {
    return 'missing id';
  }
  const ordered = statuses
    .filter(isRecord)
    .map((s) => ({ status: s, at: toEpochMs(s.created_at) }))
    .filter((s): s is { status: Record<string, unknown>; at: number } => s.at !== null)
    .sort((a, b) => b.at - a.at);
  const decisive = ordered.find((s) => s.status.state !== 'inactive');
  const state = decisive ? text(decisive.status.state) : '';
  const environment = text(item.environment);
  const ref = text(item.ref);
  const payloadService = text(get(item, 'payload', 'service'));
  const description = text(item.description);
  return makeEvent({
    time: decisive ? decisive.at : created,
    id: `github:deployment:${repo}:${item.id}`,
    source: EventSource.GitHub,
    kind: EventKind.Deploy,
    status: decisive ? (GITHUB_DEPLOY_STATE[state] ?? EventStatus.Unknown) : EventStatus.Unknown,
    service: payloadService,
    environment,
    version: text(get(item, 'payload', 'version')) || ref,
    commit: text(item.sha),
    author: text(get(item, 'creator', 'login')),
    title: `Deploy ${ref || text(item.sha).slice(0, 7)}${environment ? ` to ${environment}` : ''}`,
    text: [description, decisive ? text(decisive.status.description) : ''].filter(Boolean).join(' — '),
    url: decisive ? text(decisive.status.log_url) || text(decisive.status.target_url) || text(decisive.status.environment_url) : null,
    tags: [repo, text(item.task)].filter(Boolean),
  });
}

const RUN_CONCLUSION: Record<string, EventStatus> = {
  success: EventStatus.Success,
  failure: EventStatus.Failure,
  timed_out: EventStatus.Failure,
  startup_failure: EventStatus.Failure,
  action_required: EventStatus.InProgress,
  cancelled: EventStatus.Cancelled,
  skipped: EventStatus.Cancelled,
  neutral: EventStatus.Unknown,
  stale: EventStatus.Unknown,
};

/** A workflow run as a pipeline event spanning start to completion. */
export function parseWorkflowRun(item: unknown, repo: string): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  const start = toEpochMs(item.run_started_at) ?? toEpochMs(item.created_at);
  if (start === null) {
    return 'missing or impossible run_started_at';
  }
  if (typeof item.id !== 'number') {
    return 'missing id';
  }
  const completed = item.status === 'completed';
  const status = completed ? (RUN_CONCLUSION[text(item.conclusion)] ?? EventStatus.Unknown) : EventStatus.InProgress;
  const name = text(item.name) || 'Workflow';
  return makeEvent({
    time: start,
    timeEnd: completed ? toEpochMs(item.updated_at) : null,
    id: `github:run:${repo}:${item.id}:${typeof item.run_attempt === 'number' ? item.run_attempt : 1}`,
    source: EventSource.GitHub,
    kind: EventKind.Pipeline,
    status,
    version: text(item.head_branch),
    commit: text(item.head_sha),
    author: text(get(item, 'actor', 'login')) || text(get(item, 'triggering_actor', 'login')),
    title: `${name} #${text(item.run_number)}${text(item.display_title) ? `: ${text(item.display_title)}` : ''}`,
    text: text(get(item, 'head_commit', 'message')),
    url: text(item.html_url),
    tags: [repo, text(item.event)].filter(Boolean),
  });
}

/** A published release; drafts (no `published_at`) are not changes yet and are skipped. */
export function parseRelease(item: unknown, repo: string): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  if (item.draft === true) {
    return 'draft release';
  }
  const published = toEpochMs(item.published_at);
  if (published === null) {
    return 'missing or impossible published_at';
  }
  const tag = text(item.tag_name);
  const target = text(item.target_commitish);
  return makeEvent({
    time: published,
    id: `github:release:${repo}:${text(item.id)}`,
    source: EventSource.GitHub,
    kind: EventKind.Release,
    status: EventStatus.Success,
    version: tag,
    commit: /^[0-9a-f]{40}$/i.test(target) ? target : '',
    author: text(get(item, 'author', 'login')),
    title: `Release ${text(item.name) || tag}`,
    text: text(item.body),
    url: text(item.html_url),
    tags: [repo, item.prerelease === true ? 'prerelease' : ''].filter(Boolean),
  });
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
