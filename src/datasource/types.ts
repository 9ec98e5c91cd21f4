import { DataSourceApi, DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

import { EventKind, EventSource, EventStatus, GitHubFeed } from '../events/types';

/** Fields every query has, whatever the provider. Text fields accept template variables. */
interface BaseEventsQuery<P extends EventSource> extends DataQuery {
  provider: P;
  /**
   * GitHub `owner/repo` (several, comma separated); GitLab project; Jenkins job; Argo CD
   * application; CDEvents path; Unleash or LaunchDarkly project (optional); Kubernetes
   * `namespace` or `namespace/label-selector`; Grafana annotation tags (optional).
   */
  scope: string;
  environment?: string;
  /** Only these kinds; empty means all. */
  kinds?: EventKind[];
  /** Only these statuses; empty means all. */
  statuses?: EventStatus[];
  /** Stamped on events that name no service. */
  service?: string;
  /** Also look up what each deploy shipped (GitHub, GitLab): set by the release health pages. */
  shippedChanges?: boolean;
}

export interface GitHubQuery extends BaseEventsQuery<EventSource.GitHub> {
  feeds?: GitHubFeed[];
}
export type GitLabQuery = BaseEventsQuery<EventSource.GitLab>;
export type JenkinsQuery = BaseEventsQuery<EventSource.Jenkins>;
export type ArgoCDQuery = BaseEventsQuery<EventSource.ArgoCD>;
export type CDEventsQuery = BaseEventsQuery<EventSource.CDEvents>;
export type UnleashQuery = BaseEventsQuery<EventSource.Unleash>;
export type LaunchDarklyQuery = BaseEventsQuery<EventSource.LaunchDarkly>;
export type KubernetesQuery = BaseEventsQuery<EventSource.Kubernetes>;
export type GrafanaAnnotationsQuery = BaseEventsQuery<EventSource.GrafanaAnnotations>;

export type EventsQuery =
  | GitHubQuery
  | GitLabQuery
  | JenkinsQuery
  | ArgoCDQuery
  | CDEventsQuery
  | UnleashQuery
  | LaunchDarklyQuery
  | KubernetesQuery
  | GrafanaAnnotationsQuery;

export const DEFAULT_QUERY: Partial<EventsQuery> = {
  provider: EventSource.GitHub,
  scope: '',
};

export enum VariableKind {
  Services = 'services',
  Environments = 'environments',
  Repositories = 'repositories',
}

/**
 * A dashboard variable query: which values to list, read from the events of `query`. A
 * DataQuery, as Grafana's CustomVariableSupport runs it like a panel query (refId
 * `SafeDeployVariableQuery` when saved before variables moved to it).
 */
export interface EventsVariableQuery extends DataQuery {
  kind: VariableKind;
  query: EventsQuery;
}

/** Non-secret settings, stored in plain `jsonData`. */
export interface EventsJsonData extends DataSourceJsonData {
  githubUrl?: string;
  /**
   * GitHub's GraphQL endpoint, derived from `githubUrl` by the config editor (`/api/graphql`
   * beside GitHub Enterprise's `/api/v3`); the `github/graphql` route's URL. Unset: REST only.
   */
  githubGraphqlUrl?: string;
  gitlabUrl?: string;
  jenkinsUrl?: string;
  /** Jenkins user name; the API token is secret and lives in `jenkinsBasicAuth`. */
  jenkinsUser?: string;
  argocdUrl?: string;
  cdeventsUrl?: string;
  unleashUrl?: string;
  launchdarklyUrl?: string;
  /** The Kubernetes API server, e.g. https://k8s.example.com:6443. */
  kubernetesUrl?: string;
  /** Upper bound of pages per query and provider; the default reads 10,000 events. */
  maxPages?: number;
}

/** Secrets: write-only from the browser, injected into requests by the routes in plugin.json. */
export interface EventsSecureJsonData {
  /** GitHub personal access or app token; sent as `Authorization: Bearer` by the `github` route. */
  githubToken?: string;
  /** GitLab personal/project access token; sent as `PRIVATE-TOKEN` by the `gitlab` route. */
  gitlabToken?: string;
  /** base64 of `user:api-token`, built by the config editor; sent as `Authorization: Basic` by the `jenkins` route. */
  jenkinsBasicAuth?: string;
  /** Argo CD account token; sent as `Authorization: Bearer` by the `argocd` route. */
  argocdToken?: string;
  /** Optional token of the CDEvents endpoint; sent as `Authorization: Bearer` by the `cdevents` route. */
  cdeventsToken?: string;
  /** Unleash admin or personal access token; sent as `Authorization` by the `unleash` route. */
  unleashToken?: string;
  /** LaunchDarkly API access token (reader role suffices); sent as `Authorization` by the `launchdarkly` route. */
  launchdarklyToken?: string;
  /** Kubernetes service account token with get/list on apps resources; sent as `Authorization: Bearer` by the `kubernetes` route. */
  kubernetesToken?: string;
}

/**
 * The jsonData key holding each provider's base URL; null for Grafana annotations, which
 * are read from this Grafana's own API and need no URL or token.
 */
export const PROVIDER_URL_KEY: Record<EventSource, keyof EventsJsonData | null> = {
  [EventSource.GitHub]: 'githubUrl',
  [EventSource.GitLab]: 'gitlabUrl',
  [EventSource.Jenkins]: 'jenkinsUrl',
  [EventSource.ArgoCD]: 'argocdUrl',
  [EventSource.CDEvents]: 'cdeventsUrl',
  [EventSource.Unleash]: 'unleashUrl',
  [EventSource.LaunchDarkly]: 'launchdarklyUrl',
  [EventSource.Kubernetes]: 'kubernetesUrl',
  [EventSource.GrafanaAnnotations]: null,
};

/**
 * The data source as its editors see it: Grafana's API for our query and settings types. The
 * editors need no more, and naming the class here would tie them back to the module that
 * registers them.
 */
export type EventsSource = DataSourceApi<EventsQuery, EventsJsonData>;
