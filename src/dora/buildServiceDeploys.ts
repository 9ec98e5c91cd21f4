import { EventImpact } from '../engine';
import { EventStatus } from '../events/types';
import { PanelEvent } from '../frames/types';
import { EventKind, Verdict } from '../vocabulary';
import { isFailedChange } from './isFailedChange';
import { ServiceDeploy } from './types';

/** CDEvents `change.merged`: a change ready to ship, the start of its lead time. */
const MERGE_TAG = 'change.merged';
/** Deploy jobs that did not finish never reached production. */
const NOT_DEPLOYED = new Set<string>([EventStatus.Failure, EventStatus.Cancelled, EventStatus.InProgress]);

/** Deploy and rollback events that reached production; releases, merges, pipelines are not deploys. */
export function isDeploy(event: PanelEvent): boolean {
  return (event.kind === EventKind.Deploy || event.kind === EventKind.Rollback) && !NOT_DEPLOYED.has(event.status);
}

/**
 * The CDEvents merges each deploy shipped: those of its service merged since the previous deploy
 * of the same service and environment, as GitHub and GitLab count what a deployment shipped
 * (a staging deploy does not take a change's lead time from the production deploy after it).
 * A rollback went back to code already shipped, so it ships none and the next deploy ships
 * what was merged meanwhile. Null (not zero: nothing says what it shipped) for every deploy of
 * a service with no merge events, and for the first deploy of each environment in the read: the
 * read starts at the range, so merges before it are missing and its batch and lead times would
 * be cut short (GitHub's lookup leaves that deploy without, too). Deploys must be
 * sorted by time. O(n · m) for m merges.
 */
function mergesShipped(events: readonly PanelEvent[], deploys: readonly PanelEvent[]): Array<number[] | null> {
  const merges = new Map<string, number[]>();
  for (const e of events) {
    if (e.kind === EventKind.Release && e.tags.includes(MERGE_TAG)) {
      const list = merges.get(e.service) ?? [];
      list.push(e.time);
      merges.set(e.service, list);
    }
  }
  const previousOf = new Map<string, number>();
  return deploys.map((event) => {
    const serviceMerges = merges.get(event.service);
    if (!serviceMerges) {
      return null;
    }
    if (event.kind === EventKind.Rollback) {
      return [];
    }
    const stream = `${event.service}\u0000${event.environment}`;
    const previous = previousOf.get(stream);
    previousOf.set(stream, event.time);
    return previous === undefined ? null : serviceMerges.filter((t) => t > previous && t <= event.time);
  });
}

/**
 * Each deploy with its verdict (from `impacts`, keyed by event id), whether the next deploy
 * of the same service and environment rolled it back, and the merged changes it shipped
 * (its own `mergedChanges` and `mergeTimes` when the provider looked them up, as GitHub and
 * GitLab deployments do; else CDEvents merges, see mergesShipped).
 * Events must be sorted by time. O(n log n). A deploy with neither gets `changes: null` and
 * no lead times.
 *
 * @example
 * buildServiceDeploys(events, new Map(impacts.map((i) => [i.id, i])))
 */
export function buildServiceDeploys(
  events: readonly PanelEvent[],
  impacts: ReadonlyMap<string, EventImpact>
): ServiceDeploy[] {
  const deploys = events.filter(isDeploy);
  const merged = mergesShipped(events, deploys);
  // A rollback deploy rolls back the deploy before it in the same service and environment; kept with its time.
  const rolledBack = new Map<number, number>();
  const lastIndex = new Map<string, number>();
  deploys.forEach((event, index) => {
    const stream = `${event.service}\u0000${event.environment}`;
    const before = lastIndex.get(stream);
    if (before !== undefined && event.kind === EventKind.Rollback) {
      rolledBack.set(before, event.time);
    }
    lastIndex.set(stream, index);
  });
  const out = deploys.map((event, index): ServiceDeploy => {
    const impact = impacts.get(event.id);
    const verdict = impact && impact.verdict !== Verdict.InsufficientData ? impact.verdict : null;
    const decisionTaken = impact?.decisionTaken ?? null;
    const own = event.mergedChanges !== undefined;
    const shipped = own ? (event.mergeTimes ?? []) : merged[index];
    const rollbackAt = rolledBack.get(index);
    const wasRolledBack = rollbackAt !== undefined;
    return {
      id: event.id,
      time: event.time,
      service: event.service,
      version: event.version,
      title: event.title,
      url: event.url,
      kind: event.kind === EventKind.Rollback ? EventKind.Rollback : EventKind.Deploy,
      verdict,
      fixedBy: impact?.fixedBy ?? null,
      decisionTaken,
      // A rollback the metrics did not show as a recovery still ended the failure when it shipped.
      timeToRestoreMs: impact?.timeToRestoreMs ?? (wasRolledBack ? rollbackAt - event.time : null),
      rolledBack: wasRolledBack,
      failed: isFailedChange({ verdict, decisionTaken, rolledBack: wasRolledBack }),
      // A change runs in production once the deploy finished (GitLab and Argo CD give its end); a merge after that counts as 0, not negative.
      leadTimesMs: shipped ? shipped.map((t) => Math.max(0, (event.timeEnd ?? event.time) - t)) : [],
      changes: own ? (event.mergedChanges ?? 0) : shipped ? shipped.length : null,
      ...(own && event.mergedChangesLowerBound ? { changesLowerBound: true } : {}),
    };
  });
  return out;
}
