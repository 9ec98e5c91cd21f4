import { finalizeEvents } from './finalizeEvents';
import { HttpClient } from '../http/createHttpClient';
import { cutScrubbed } from '../http/cutScrubbed';
import { setReadDeadline } from '../http/readDeadline';
import { DeadlineExceeded } from '../http/types';
import { appendAll } from './providers/appendAll';
import { ARGO_CD } from './providers/readArgoCD';
import { CDEVENTS } from './providers/readCDEvents';
import { describeGitHub } from './providers/readGitHub';
import { GITLAB } from './providers/readGitLab';
import { GRAFANA_ANNOTATIONS } from './providers/readGrafanaAnnotations';
import { JENKINS } from './providers/readJenkins';
import { KUBERNETES } from './providers/readKubernetes';
import { LAUNCHDARKLY } from './providers/readLaunchDarkly';
import { UNLEASH } from './providers/readUnleash';
import { DEFAULT_MAX_PAGES, EnvironmentTest, keptFor, ProviderDescription, ProviderRequest, TimeRange } from './providers/types';
import { splitValues, valueNotices } from './readMultiValue';
import { DeployEvent, EventBatch, EventKind, EventNotice, EventSource, EventStatus, GitHubFeed } from './types';

/** A whole read (all pages, all feeds) gets this long; what was read by then is kept. */
export const DEFAULT_READ_DEADLINE_MS = 120_000;
/** Notices are cut to this length after scrubbing, so a long API message stays one readable line. */
const MAX_NOTICE_LENGTH = 400;

export interface ReadEventsOptions {
  source: EventSource;
  client: HttpClient;
  scope: string;
  range: TimeRange;
  environment?: string;
  service?: string;
  kinds?: readonly EventKind[];
  statuses?: readonly EventStatus[];
  githubFeeds?: readonly GitHubFeed[];
  /** GitHub's GraphQL endpoint: default `/graphql` under the client's base; null reads REST only. */
  githubGraphqlUrl?: string | null;
  maxPages?: number;
  /** Receives all events read so far, finalized, each time a page arrives. */
  onProgress?: (events: DeployEvent[]) => void;
  signal?: AbortSignal;
  /** Overall deadline of the read in ms; default 2 minutes. */
  deadlineMs?: number;
  /**
   * Whether GitHub and GitLab deployments look up the changes they shipped (one request per
   * deploy, see `attachShippedChanges`); default false. The release health pages (through
   * their queries' `shippedChanges`) and `safedeploy events --shipped-changes` turn it on.
   */
  shippedChanges?: boolean;
}

/**
 * The provider a read goes to: how to read it, and whether its API can be asked for one
 * environment (see ProviderDescription).
 *
 * @example
 * describeProvider({ source: EventSource.Jenkins, ... }).environment // namesEnvironmentOrNone: read once, kept by environment
 */
export function describeProvider(options: Pick<ReadEventsOptions, 'source' | 'githubFeeds' | 'githubGraphqlUrl'>): ProviderDescription {
  switch (options.source) {
    case EventSource.GitHub:
      return describeGitHub(options.githubFeeds?.length ? options.githubFeeds : undefined, { graphqlUrl: options.githubGraphqlUrl });
    case EventSource.GitLab:
      return GITLAB;
    case EventSource.Jenkins:
      return JENKINS;
    case EventSource.ArgoCD:
      return ARGO_CD;
    case EventSource.CDEvents:
      return CDEVENTS;
    case EventSource.Unleash:
      return UNLEASH;
    case EventSource.LaunchDarkly:
      return LAUNCHDARKLY;
    case EventSource.Kubernetes:
      return KUBERNETES;
    case EventSource.GrafanaAnnotations:
      return GRAFANA_ANNOTATIONS;
  }
}

/**
 * Reads one provider's events for a time range, the same way in the datasource, the command
 * line and tests: the one read behind `planRead`. Never throws for API trouble: failures come
 * back as notices next to the events that could be read. Each read has a deadline; every
 * notice is scrubbed by the client's scrubber, and identical notices are said once with a count.
 *
 * An environment or service may hold several values (`production,staging`, as a multi-value
 * or "All" dashboard variable fills it in). A provider whose API is asked for one environment
 * (its description says `server`) is read once per environment and the events are merged, one
 * per id. Any other is read once and its events kept by the test its read of one environment
 * keeps them by: one environment and several give the same events of the environments they
 * share, and several cost one read's requests, not one per value. Several services stamp none.
 * A scope of several values for a provider that reads one (`oneScope`: a GitLab project, a
 * Jenkins job) is read one value at a time, and the events merged.
 *
 * @example
 * const batch = await readEvents({ source: EventSource.GitLab, client, scope: 'shop/web', range: { from, to }, environment: 'production,staging' });
 */
export async function readEvents(options: ReadEventsOptions): Promise<EventBatch> {
  const scopes = describeProvider(options).oneScope ? splitValues(options.scope) : [];
  const batch = scopes.length > 1 ? await readScopes(scopes, options) : await readScope(options);
  return { events: batch.events, notices: [...valueNotices(options), ...batch.notices] };
}

/**
 * Reads each scope on its own (the provider's API reads one) and merges the events, one per
 * id; notices shared by the reads are said once, with how often.
 */
async function readScopes(scopes: readonly string[], options: ReadEventsOptions): Promise<EventBatch> {
  const progress = progressOfParts(scopes.length, options.onProgress);
  return mergeBatches(await Promise.all(scopes.map((scope, i) => readScope({ ...options, scope, onProgress: progress[i] }))));
}

/** One scope's read, over each of several environments as the provider's API allows. */
async function readScope(options: ReadEventsOptions): Promise<EventBatch> {
  const environments = splitValues(options.environment);
  const services = splitValues(options.service);
  const read = { ...options, service: services.length === 1 ? services[0] : undefined };
  const { environment: test } = describeProvider(options);
  return environments.length <= 1
    ? await readOnce({ ...read, environment: environments[0] })
    : test === 'server'
      ? await readEach(environments, read)
      : await readOnceFor(environments, test, read);
}

/**
 * Reads each environment on its own (the provider's API is asked for one) and merges the
 * events, one per id; notices shared by the reads are said once, with how often.
 */
async function readEach(environments: readonly string[], options: ReadEventsOptions): Promise<EventBatch> {
  const progress = progressOfParts(environments.length, options.onProgress);
  const batches = await Promise.all(
    environments.map((environment, i) =>
      // What the API does not narrow by environment is the same for all: the first read has it.
      readOnce({ ...options, environment, onProgress: progress[i] }, { environmentOnly: i > 0 })
    )
  );
  return mergeBatches(batches);
}

/** Progress of reads in parts: each part's events so far, merged, reach `onProgress` as one read's. */
function progressOfParts(count: number, onProgress: ReadEventsOptions['onProgress']): Array<ReadEventsOptions['onProgress']> {
  const sofar: DeployEvent[][] = Array.from({ length: count }, () => []);
  return sofar.map((_, i) =>
    onProgress
      ? (events: DeployEvent[]) => {
          sofar[i] = events;
          onProgress(finalizeEvents(sofar.flat()));
        }
      : undefined
  );
}

/** The events of reads in parts, one per id; notices (each read's scrubbed already) said once, with how often. */
function mergeBatches(batches: readonly EventBatch[]): EventBatch {
  return { events: finalizeEvents(batches.flatMap((b) => b.events)), notices: summarizeNotices(batches.flatMap((b) => b.notices), (text) => text) };
}

/**
 * One read serving every environment, kept by the provider's own test: its API is not asked
 * for an environment, so a read per environment would fetch the same answer each time.
 */
async function readOnceFor(environments: readonly string[], test: EnvironmentTest, options: ReadEventsOptions): Promise<EventBatch> {
  const keep = keptFor(test, environments);
  const onProgress = options.onProgress;
  const batch = await readOnce({ ...options, environment: undefined, onProgress: onProgress ? (events) => onProgress(events.filter(keep)) : undefined });
  return { events: batch.events.filter(keep), notices: batch.notices };
}

/** One read of one provider for one environment (or none) and one service (or none), with its deadline. */
async function readOnce(options: ReadEventsOptions, part: Pick<ProviderRequest, 'environmentOnly'> = {}): Promise<EventBatch> {
  const filter = { kinds: options.kinds, statuses: options.statuses };
  const sofar: DeployEvent[] = [];
  const provider = describeProvider(options).read;
  const deadlineMs = options.deadlineMs ?? DEFAULT_READ_DEADLINE_MS;
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) {
    onAbort();
  }
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(deadlineMs)), deadlineMs);
  setReadDeadline(controller.signal, Date.now() + deadlineMs);
  try {
    const result = await provider({
      client: options.client,
      scope: options.scope.trim(),
      environment: options.environment?.trim() || undefined,
      service: options.service?.trim() || undefined,
      range: options.range,
      maxPages: options.maxPages && options.maxPages > 0 ? options.maxPages : DEFAULT_MAX_PAGES,
      signal: controller.signal,
      shippedChanges: options.shippedChanges ?? false,
      environmentOnly: part.environmentOnly,
      onProgress: options.onProgress
        ? (page) => {
            appendAll(sofar, page);
            options.onProgress?.(finalizeEvents(sofar, filter));
          }
        : undefined,
    });
    return { events: finalizeEvents(result.events, filter), notices: summarizeNotices(result.notices, options.client.scrub) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The count a summary wrote after a notice said several times: `… (3 times)`. */
const SAID_TIMES = / \((\d+) times\)$/;

/**
 * Scrubs each notice and says identical ones once, with how often they happened, errors first.
 * Notices summarized before (one read per environment, each over several repositories) add
 * their counts: `(4 times)`, not `(2 times) (2 times)`.
 */
export function summarizeNotices(notices: readonly EventNotice[], scrub: (text: string) => string): EventNotice[] {
  const byText = new Map<string, { notice: EventNotice; count: number }>();
  for (const notice of notices) {
    const said = SAID_TIMES.exec(notice.text);
    const text = cutScrubbed(said ? notice.text.slice(0, said.index) : notice.text, MAX_NOTICE_LENGTH, scrub);
    const times = said ? Number(said[1]) : 1;
    const key = `${notice.severity}\u0000${text}`;
    const seen = byText.get(key);
    if (seen) {
      seen.count += times;
    } else {
      byText.set(key, { notice: { severity: notice.severity, text }, count: times });
    }
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return Array.from(byText.values())
    .map(({ notice, count }) => (count > 1 ? { ...notice, text: `${notice.text} (${count} times)` } : notice))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}
