import { HttpClient } from '../../http/createHttpClient';
import { DeployEvent, EventNotice } from '../types';

/** Enough pages for 10,000 events at 100 per page, with room for the page that crosses the range. */
export const DEFAULT_MAX_PAGES = 110;

export interface TimeRange {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, inclusive. */
  to: number;
}

export interface ProviderRequest {
  client: HttpClient;
  /** What to read: `owner/repo` list (GitHub), project (GitLab), job (Jenkins), application (Argo CD), path (CDEvents). */
  scope: string;
  environment?: string;
  /** Stamped on events whose payload names no service. */
  service?: string;
  range: TimeRange;
  maxPages: number;
  /** Called with each page of events as it arrives, so a slow API is not a blank panel. */
  onProgress?: (events: DeployEvent[]) => void;
  signal?: AbortSignal;
  /** GitHub and GitLab deployments look up the changes each shipped (one request per deploy); absent: no. */
  shippedChanges?: boolean;
  /**
   * True for the second and later environments of a query that reads several one by one: read
   * only what the API narrows to the environment (GitHub's and GitLab's deployments). What it
   * does not narrow (workflow runs, releases, pipelines) is the same for every environment and
   * comes with the first environment's read.
   */
  environmentOnly?: boolean;
}

export interface ProviderResult {
  events: DeployEvent[];
  notices: EventNotice[];
}

export type Provider = (request: ProviderRequest) => Promise<ProviderResult>;

/** Whether an event belongs to one environment asked for, in a provider that keeps events by it itself. */
export type EnvironmentTest = (event: DeployEvent, environment: string) => boolean;

/** The event names this environment, exactly; one that names none is not kept. */
export const namesEnvironment: EnvironmentTest = (event, environment) => event.environment === environment;
/** The event names this environment, exactly, or names none: a build or CDEvent without one may be for any. */
export const namesEnvironmentOrNone: EnvironmentTest = (event, environment) =>
  !event.environment || event.environment === environment;
/** Events not narrowed by environment at all: what the provider reads names none (GitHub workflow runs, releases). */
export const anyEnvironment: EnvironmentTest = () => true;

/**
 * Keeps the events `test` accepts for the environment, or for any of several; every event when
 * none is asked for. A provider's own read of one environment and a read of several keep by
 * the same test, so both give the same events of the environments they share.
 *
 * @example
 * events.filter(keptFor(namesEnvironment, ['production', 'staging']))
 */
export function keptFor(
  test: EnvironmentTest,
  environments: string | readonly string[] | undefined
): (event: DeployEvent) => boolean {
  const asked = (typeof environments === 'string' ? [environments] : (environments ?? [])).filter(Boolean);
  return (event) => asked.length === 0 || asked.some((environment) => test(event, environment));
}

/** What the rest of the product needs to know of a provider besides how to read it. */
export interface ProviderDescription {
  read: Provider;
  /**
   * How a read is narrowed to an environment. `server`: each request asks the API for one,
   * so several environments take a read each. Otherwise the API answers for all of them and
   * the provider keeps the events this test accepts: several environments are read once and
   * kept by the same test.
   */
  environment: 'server' | EnvironmentTest;
  /**
   * The scope names one thing the API reads (a project, a job, an application): several
   * values, as a multi-value dashboard variable fills them in (`shop/web,shop/api`), are read
   * one by one and merged. Without it the provider reads the scope text itself: a list
   * (GitHub repositories, annotation tags) or one whole text (a Kubernetes label selector,
   * whose commas join its terms).
   */
  oneScope?: true;
}

/** Splits a scope list written as `a/b, c/d` or one per line. */
export function splitScope(scope: string): string[] {
  return scope
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Counts skipped items by reason so a notice can say "3 items skipped: missing time (2), bad id (1)". */
export class SkipCounter {
  private readonly reasons = new Map<string, number>();

  skip(reason: string): void {
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  notices(what: string): EventNotice[] {
    if (this.reasons.size === 0) {
      return [];
    }
    const total = Array.from(this.reasons.values()).reduce((a, b) => a + b, 0);
    const detail = Array.from(this.reasons.entries())
      .map(([reason, count]) => `${reason} (${count})`)
      .join(', ');
    return [{ severity: 'warning', text: `${total} ${what} skipped: ${detail}.` }];
  }
}
