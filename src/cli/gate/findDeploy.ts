import { EngineEvent } from '../../engine';
import { createHttpClient } from '../../events/http/createHttpClient';
import { Scrubber } from '../../events/http/createScrubber';
import { githubGraphqlUrl } from '../../events/providers/githubGraphqlUrl';
import { readEvents } from '../../events/readEvents';
import { EVENT_SOURCES, EventKind, EventSource, EventStatus } from '../../events/types';
import { fetchTransport } from '../fetchTransport';
import { parseDuration, parseTime } from '../parseTime';
import { UsageError } from '../readInputs';
import { routeHeaders } from '../routeHeaders';

/**
 * The `events` command's flags, read the same way, for finding the deploy to judge. The
 * provider's token comes from --provider-token-env, since --token-env is Prometheus's.
 */
export const EVENTS_FLAGS = {
  provider: { type: 'string' },
  url: { type: 'string' },
  scope: { type: 'string' },
  environment: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'provider-token-env': { type: 'string' },
  'max-pages': { type: 'string' },
  deadline: { type: 'string' },
} as const;

export interface EventsRead {
  source: EventSource;
  url: string;
  scope: string;
  environment?: string;
  service?: string;
  range: { from: number; to: number };
  maxPages?: number;
  /** The whole read's deadline, ms (--deadline); the events command's default when absent. */
  deadlineMs?: number;
  token?: string;
}

type Values = Record<string, string | string[] | boolean | undefined>;

/**
 * The provider read the events flags describe, or null when --provider is absent. Throws a
 * UsageError naming the flag to fix. Defaults: --from now-1d, --to now.
 *
 * @example
 * parseEventsFlags({ provider: 'github', url: 'https://api.github.com', scope: 'octo/app' }, undefined, Date.now(), process.env)
 */
export function parseEventsFlags(
  values: Values,
  service: string | undefined,
  now: number,
  env: Record<string, string | undefined>
): EventsRead | null {
  const provider = values.provider as string | undefined;
  if (provider === undefined) {
    const stray = Object.keys(EVENTS_FLAGS).find((flag) => values[flag] !== undefined);
    if (stray) {
      throw new UsageError(
        `--${stray} reads deploy events and needs --provider; or give the deploy with --deploy-time and --service`
      );
    }
    return null;
  }
  if (!EVENT_SOURCES.includes(provider as EventSource)) {
    throw new UsageError(`--provider must be one of ${EVENT_SOURCES.join(', ')}`);
  }
  const url = values.url as string | undefined;
  if (!url || !/^https?:\/\//.test(url)) {
    throw new UsageError('--url must be the http(s) base URL of the CI/CD API');
  }
  const scope = (values.scope as string | undefined) ?? '';
  if (!scope && provider !== EventSource.CDEvents) {
    throw new UsageError('--scope is required (owner/repo, project, job or application)');
  }
  const from = parseTime((values.from as string | undefined) ?? 'now-1d', now);
  const to = parseTime((values.to as string | undefined) ?? 'now', now);
  if (from === null || to === null || from > to) {
    throw new UsageError('--from and --to must be times (ISO 8601, epoch ms or now-1d) with from before to');
  }
  const tokenEnv = values['provider-token-env'] as string | undefined;
  const token = tokenEnv ? env[tokenEnv] : undefined;
  if (tokenEnv && !token) {
    throw new UsageError(`the environment variable ${tokenEnv} named by --provider-token-env is empty or unset`);
  }
  const maxPages = values['max-pages'] ? Number(values['max-pages']) : undefined;
  if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
    throw new UsageError('--max-pages must be a positive whole number');
  }
  const deadlineText = values.deadline as string | undefined;
  const deadlineMs = deadlineText === undefined ? undefined : parseDuration(deadlineText);
  if (deadlineMs === null || (deadlineMs !== undefined && deadlineMs <= 0)) {
    throw new UsageError('--deadline must be a duration like 30s or 2m');
  }
  return {
    source: provider as EventSource,
    url,
    scope,
    environment: values.environment as string | undefined,
    service,
    range: { from, to },
    maxPages,
    deadlineMs,
    token,
  };
}

export type FoundDeploy = { ok: true; deploy: EngineEvent; events: EngineEvent[] } | { ok: false; message: string };

/** Deploys that ran or are running; failed and cancelled ones changed nothing. */
const LIVE_STATUSES = [EventStatus.Success, EventStatus.InProgress, EventStatus.Unknown];

/**
 * The newest deploy the provider reports in the range (each request ends after `timeoutMs`), with every change event read (the
 * engine keeps them out of the baseline, as the panel does). Never throws for API trouble.
 *
 * @example
 * const found = await findDeploy(parseEventsFlags(values, 'checkout', Date.now(), process.env)!, 30_000, createScrubber([token]));
 */
export async function findDeploy(read: EventsRead, timeoutMs: number, scrub: Scrubber): Promise<FoundDeploy> {
  const client = createHttpClient({
    baseUrl: read.url,
    upstreamUrl: read.url,
    providerName: read.source,
    transport: fetchTransport(routeHeaders(read.source, read.token)),
    timeoutMs,
    scrub,
  });
  const batch = await readEvents({
    source: read.source,
    client,
    scope: read.scope,
    environment: read.environment,
    service: read.service,
    range: read.range,
    // as `safedeploy events`: GitHub Enterprise answers GraphQL at /api/graphql, beside /api/v3
    githubGraphqlUrl: read.source === EventSource.GitHub ? githubGraphqlUrl(read.url) : undefined,
    maxPages: read.maxPages,
    deadlineMs: read.deadlineMs,
    statuses: LIVE_STATUSES,
  });
  const events = batch.events.map((event): EngineEvent => ({ ...event }));
  const deploys = events.filter((event) => event.kind === EventKind.Deploy).sort((a, b) => a.time - b.time);
  const newest = deploys[deploys.length - 1];
  if (!newest) {
    const errors = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text);
    const window = `${new Date(read.range.from).toISOString()} to ${new Date(read.range.to).toISOString()}`;
    return {
      ok: false,
      message: errors.length
        ? `could not read deploy events: ${errors[0]}`
        : `no deploy${read.service ? ` of ${read.service}` : ''} in ${read.scope || read.url} from ${window}: check --scope, --environment, --service and --from, or give --deploy-time`,
    };
  }
  return { ok: true, deploy: newest, events };
}
