/**
 * The normalized deploy/change event shared by the datasource, the panel, the impact engine
 * and the command line. Field names are also the DataFrame field names, chosen so that
 * Grafana's default annotation mapping (`time`, `timeEnd`, `title`, `text`, `tags`, `id`)
 * works without configuration.
 */
import { EventKind } from '../vocabulary';

export { EVENT_KINDS, EventKind } from '../vocabulary';

export enum EventSource {
  GitHub = 'github',
  GitLab = 'gitlab',
  Jenkins = 'jenkins',
  ArgoCD = 'argocd',
  CDEvents = 'cdevents',
  Unleash = 'unleash',
  LaunchDarkly = 'launchdarkly',
  Kubernetes = 'kubernetes',
  /** Annotations stored in the same Grafana (`/api/annotations`), read without a token. */
  GrafanaAnnotations = 'grafana',
}

export enum EventStatus {
  Success = 'success',
  Failure = 'failure',
  InProgress = 'in_progress',
  Cancelled = 'cancelled',
  Unknown = 'unknown',
}

/** Each provider's name as people know it, for labels and messages. */
export const PROVIDER_LABEL: Record<EventSource, string> = {
  [EventSource.GitHub]: 'GitHub',
  [EventSource.GitLab]: 'GitLab',
  [EventSource.Jenkins]: 'Jenkins',
  [EventSource.ArgoCD]: 'Argo CD',
  [EventSource.CDEvents]: 'CDEvents',
  [EventSource.Unleash]: 'Unleash',
  [EventSource.LaunchDarkly]: 'LaunchDarkly',
  [EventSource.Kubernetes]: 'Kubernetes',
  [EventSource.GrafanaAnnotations]: 'Grafana annotations',
};

/** What a GitHub query reads: deployments (the default), workflow runs, releases. */
export enum GitHubFeed {
  Deployments = 'deployments',
  WorkflowRuns = 'workflow_runs',
  Releases = 'releases',
}

export const EVENT_SOURCES: readonly EventSource[] = Object.values(EventSource);
/** Providers that read everything they can see when the scope is empty. */
export const SCOPE_OPTIONAL: ReadonlySet<EventSource> = new Set([EventSource.CDEvents, EventSource.Unleash, EventSource.LaunchDarkly, EventSource.GrafanaAnnotations]);
export const EVENT_STATUSES: readonly EventStatus[] = Object.values(EventStatus);

export interface DeployEvent {
  /** Epoch ms when the change took effect. */
  time: number;
  /** Epoch ms when the deploy or pipeline finished, so Grafana draws a region; null if unknown. */
  timeEnd: number | null;
  /** Stable and provider-prefixed, e.g. `github:deployment:1`. */
  id: string;
  source: EventSource;
  kind: EventKind;
  status: EventStatus;
  service: string;
  environment: string;
  /** Tag, ref or revision. */
  version: string;
  /** Commit sha, or '' when the provider does not say. */
  commit: string;
  author: string;
  title: string;
  text: string;
  /** http or https only; anything else is dropped to null. */
  url: string | null;
  tags: string[];
  /** Flag and config changes: the flag key or setting name; absent for deploys. */
  flagKey?: string;
  /**
   * State before and after a flag or config change, in the environment above: `on`/`off`
   * for a toggle, `on for 25%` for a rollout, else a short description. '' when unknown.
   */
  fromState?: string;
  toState?: string;
  /** The verdict the release gate wrote for this deploy (a `safedeploy` annotation's `verdict:` tag); absent otherwise. */
  gateVerdict?: string;
  /**
   * Deploys: how many changes (pull or merge requests) this deploy shipped, when the provider
   * looked them up; absent when it did not (which is not zero).
   */
  mergedChanges?: number;
  /** Their merge times, epoch ms, oldest first: where each change's lead time starts. */
  mergeTimes?: number[];
  /** True when the deploy shipped more changes than one lookup reads: `mergedChanges` is a lower bound. */
  mergedChangesLowerBound?: boolean;
}

export { FLAG_OFF, FLAG_ON } from '../vocabulary';

/** A problem met while reading events: kept, counted and shown, never thrown at the panel. */
export interface EventNotice {
  severity: 'warning' | 'error' | 'info';
  text: string;
}

/** What a provider returns: the events it could read and what it could not. */
export interface EventBatch {
  events: DeployEvent[];
  notices: EventNotice[];
}
