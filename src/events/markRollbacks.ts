import { DeployEvent, EventKind, EventStatus } from './types';

/**
 * Marks as `rollback` every successful deploy of a version that the same service and
 * environment ran before, after a different one (the rule Datadog uses). Events must be
 * sorted by time. O(n) with one map of seen versions per service and environment.
 *
 * @example
 * markRollbacks([v1, v2, v1again]) // the third becomes kind 'rollback'
 */
export function markRollbacks(events: readonly DeployEvent[]): DeployEvent[] {
  const history = new Map<string, { current: string; seen: Set<string> }>();
  return events.map((event) => {
    if ((event.kind !== EventKind.Deploy && event.kind !== EventKind.Rollback) || !event.version || event.status === EventStatus.Failure) {
      return event;
    }
    const key = `${event.service}\u0000${event.environment}`;
    const entry = history.get(key);
    if (!entry) {
      history.set(key, { current: event.version, seen: new Set([event.version]) });
      return event;
    }
    const isRollback = event.version !== entry.current && entry.seen.has(event.version);
    entry.current = event.version;
    entry.seen.add(event.version);
    return isRollback && event.kind !== EventKind.Rollback ? { ...event, kind: EventKind.Rollback } : event;
  });
}
