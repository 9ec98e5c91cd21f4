import { finalizeEvents } from './finalizeEvents';
import { HttpClient } from '../http/createHttpClient';
import { cutScrubbed } from '../http/cutScrubbed';
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
import { DEFAULT_MAX_PAGES, ProviderDescription, TimeRange } from './providers/types';
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
 * line and tests. Never throws for API trouble: failures come back as notices next to the
 * events that could be read. The whole read has a deadline; every notice is scrubbed by the
 * client's scrubber, and identical notices are said once with a count.
 *
 * @example
 * const batch = await readEvents({ source: EventSource.GitLab, client, scope: 'shop/web', range: { from, to } });
 */
export async function readEvents(options: ReadEventsOptions): Promise<EventBatch> {
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

/** Scrubs each notice and says identical ones once, with how often they happened, errors first. */
export function summarizeNotices(notices: readonly EventNotice[], scrub: (text: string) => string): EventNotice[] {
  const byText = new Map<string, { notice: EventNotice; count: number }>();
  for (const notice of notices) {
    const text = cutScrubbed(notice.text, MAX_NOTICE_LENGTH, scrub);
    const key = `${notice.severity}\u0000${text}`;
    const seen = byText.get(key);
    if (seen) {
      seen.count++;
    } else {
      byText.set(key, { notice: { severity: notice.severity, text }, count: 1 });
    }
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return Array.from(byText.values())
    .map(({ notice, count }) => (count > 1 ? { ...notice, text: `${notice.text} (${count} times)` } : notice))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}
