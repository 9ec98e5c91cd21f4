import { createHttpClient, HttpClient, SettingsAt } from '../http/createHttpClient';
import { Limiter } from '../http/createLimiter';
import { Scrubber } from '../http/createScrubber';
import { Transport } from '../http/types';
import { githubGraphqlUrl } from './providers/githubGraphqlUrl';
import { ReadEventsOptions } from './readEvents';
import { EventKind, EventSource, EventStatus, GitHubFeed, PROVIDER_LABEL, SCOPE_OPTIONAL } from './types';

/**
 * The provider of a query that names none. Saved queries from before providers were a choice
 * have no `provider`; they were GitHub queries.
 */
export const DEFAULT_PROVIDER = EventSource.GitHub;

/** What a query asks of one provider, whoever asks: a panel query, a dashboard variable, the command line. */
export interface EventsQueryFields {
  /** Absent in saved queries of the first release: see DEFAULT_PROVIDER. */
  provider?: EventSource;
  scope?: string;
  environment?: string;
  service?: string;
  kinds?: readonly EventKind[];
  statuses?: readonly EventStatus[];
  /** GitHub only: which feeds to read; deployments when absent. */
  feeds?: readonly GitHubFeed[];
  /**
   * Also look up the changes each deploy shipped (one request per deploy, the newest 50):
   * the release health pages ask for them; a panel or annotation query does not pay for them.
   */
  shippedChanges?: boolean;
}

/**
 * How requests reach a provider's API.
 * - `proxy` (Grafana): through the datasource's data-proxy route, which adds the token;
 *   Grafana annotations come from this Grafana's own API, with the viewer's session.
 * - `direct` (the command line): to the API's own URL, the token added by the transport.
 */
export type Endpoint =
  | {
      via: 'proxy';
      datasourceUid: string;
      /** The API's URL from the settings, for rebasing its next-page links onto the route. */
      upstreamUrl?: string;
      /** True when the settings name GitHub's GraphQL endpoint, so the `github/graphql` route exists. */
      githubGraphql: boolean;
    }
  | { via: 'direct'; url: string };

export interface Connection {
  endpoint: Endpoint;
  transport: Transport;
  /** Shared by all clients of one datasource, so its providers share one cap on requests in flight. */
  limiter?: Limiter;
  /** Per request; the client's default when absent. */
  timeoutMs?: number;
  /** Cleans every message; made from the secrets the process holds (command line). */
  scrub?: Scrubber;
  /** Removes the held secrets from every answer before it is parsed (command line); see HttpClientOptions. */
  redactAnswers?: Scrubber;
  /** Where the URL and token are set, as messages name them: the data source settings unless said (command line: its flags). */
  settingsAt?: SettingsAt;
}

/** What a read needs besides the query and the connection. */
export type ReadSettings = Pick<ReadEventsOptions, 'range' | 'maxPages' | 'deadlineMs' | 'signal' | 'onProgress' | 'shippedChanges'>;

/**
 * The provider a query reads: its own, or DEFAULT_PROVIDER.
 *
 * @example
 * providerOf({}) // EventSource.GitHub
 */
export function providerOf(query: Pick<EventsQueryFields, 'provider'>): EventSource {
  return query.provider ?? DEFAULT_PROVIDER;
}

/**
 * True when the provider needs a scope and the query has none (CDEvents, Unleash,
 * LaunchDarkly and Grafana annotations read everything they can see without one).
 *
 * @example
 * scopeMissing(EventSource.GitHub, ' ') // true
 */
export function scopeMissing(source: EventSource, scope: string | undefined): boolean {
  return !scope?.trim() && !SCOPE_OPTIONAL.has(source);
}

/**
 * The HTTP client for one provider over a connection. Grafana names providers as people know
 * them ("Argo CD"); the command line as its user typed them after --provider ("argocd").
 *
 * @example
 * const client = createEventsClient(EventSource.GitLab, { endpoint: { via: 'direct', url: 'https://gitlab.com' }, transport });
 */
export function createEventsClient(source: EventSource, connection: Connection): HttpClient {
  const { endpoint } = connection;
  const proxied = endpoint.via === 'proxy';
  return createHttpClient({
    baseUrl: proxied ? routeOf(source, endpoint.datasourceUid) : endpoint.url,
    upstreamUrl: proxied ? endpoint.upstreamUrl || undefined : endpoint.url,
    providerName: proxied ? PROVIDER_LABEL[source] : source,
    settingsAt: connection.settingsAt,
    transport: connection.transport,
    limiter: connection.limiter,
    timeoutMs: connection.timeoutMs,
    scrub: connection.scrub,
    redactAnswers: connection.redactAnswers,
  });
}

/** The data-proxy route of a provider; Grafana annotations are read from Grafana's own API. */
function routeOf(source: EventSource, datasourceUid: string): string {
  return source === EventSource.GrafanaAnnotations ? '' : `/api/datasources/proxy/uid/${datasourceUid}/${source}`;
}

/**
 * Where GitHub's GraphQL queries go: the `github/graphql` route under the GitHub route when
 * the settings name it (else null: REST only); from the command line, the endpoint derived
 * from --url (GitHub Enterprise answers at /api/graphql, beside, not under, /api/v3).
 */
function graphqlUrlOf(endpoint: Endpoint): string | null {
  if (endpoint.via === 'proxy') {
    return endpoint.githubGraphql ? '/graphql' : null;
  }
  return githubGraphqlUrl(endpoint.url);
}

/**
 * The one way from a query to a read: the provider (defaulted once), its client over the
 * connection, the GitHub feeds and GraphQL endpoint, and the query's filters. The caller
 * checks `scopeMissing` first and words the problem for its own user.
 *
 * @example
 * const batch = await readEvents(planRead({ provider: EventSource.GitLab, scope: 'shop/web' }, connection, { range }));
 */
export function planRead(query: EventsQueryFields, connection: Connection, settings: ReadSettings): ReadEventsOptions {
  const source = providerOf(query);
  const github = source === EventSource.GitHub;
  return {
    ...settings,
    source,
    client: createEventsClient(source, connection),
    scope: query.scope ?? '',
    environment: query.environment,
    service: query.service,
    kinds: query.kinds,
    statuses: query.statuses,
    githubFeeds: github ? query.feeds : undefined,
    githubGraphqlUrl: github ? graphqlUrlOf(connection.endpoint) : undefined,
    shippedChanges: settings.shippedChanges ?? query.shippedChanges,
  };
}
