import { finalizeEvents } from './finalizeEvents';
import { HttpClient } from './http/createHttpClient';
import { readArgoCD } from './providers/readArgoCD';
import { readCDEvents } from './providers/readCDEvents';
import { GitHubFeed, readGitHub } from './providers/readGitHub';
import { readGitLab } from './providers/readGitLab';
import { readJenkins } from './providers/readJenkins';
import { DEFAULT_MAX_PAGES, Provider, TimeRange } from './providers/types';
import { DeployEvent, EventBatch, EventKind, EventSource, EventStatus } from './types';

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
  maxPages?: number;
  /** Receives all events read so far, finalized, each time a page arrives. */
  onProgress?: (events: DeployEvent[]) => void;
  signal?: AbortSignal;
}

function providerFor(options: ReadEventsOptions): Provider {
  switch (options.source) {
    case EventSource.GitHub:
      return readGitHub(options.githubFeeds?.length ? options.githubFeeds : undefined);
    case EventSource.GitLab:
      return readGitLab;
    case EventSource.Jenkins:
      return readJenkins;
    case EventSource.ArgoCD:
      return readArgoCD;
    case EventSource.CDEvents:
      return readCDEvents;
  }
}

/**
 * Reads one provider's events for a time range, the same way in the datasource, the command
 * line and tests. Never throws for API trouble: failures come back as notices next to the
 * events that could be read.
 */
export async function readEvents(options: ReadEventsOptions): Promise<EventBatch> {
  const filter = { kinds: options.kinds, statuses: options.statuses };
  const sofar: DeployEvent[] = [];
  const provider = providerFor(options);
  const result = await provider({
    client: options.client,
    scope: options.scope.trim(),
    environment: options.environment?.trim() || undefined,
    service: options.service?.trim() || undefined,
    range: options.range,
    maxPages: options.maxPages && options.maxPages > 0 ? options.maxPages : DEFAULT_MAX_PAGES,
    signal: options.signal,
    onProgress: options.onProgress
      ? (page) => {
          sofar.push(...page);
          options.onProgress?.(finalizeEvents(sofar, filter));
        }
      : undefined,
  });
  return { events: finalizeEvents(result.events, filter), notices: result.notices };
}
