import { markRollbacks } from './markRollbacks';
import { DeployEvent, EventKind, EventStatus } from './types';

export interface EventFilter {
  kinds?: readonly EventKind[];
  statuses?: readonly EventStatus[];
}

/**
 * The last step of every read: one event per id, sorted by time, rollbacks marked, standard
 * tags added (source, kind, status, `service:x`, `env:y`) so stock annotation queries can
 * filter by them, then the kind/status filter applied.
 */
export function finalizeEvents(events: readonly DeployEvent[], filter: EventFilter = {}): DeployEvent[] {
  const byId = new Map<string, DeployEvent>();
  for (const event of events) {
    byId.set(event.id, event);
  }
  const sorted = Array.from(byId.values()).sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
  const kinds = filter.kinds?.length ? new Set(filter.kinds) : null;
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  return markRollbacks(sorted)
    .map((event) => ({ ...event, tags: withStandardTags(event) }))
    .filter((event) => (!kinds || kinds.has(event.kind)) && (!statuses || statuses.has(event.status)));
}

function withStandardTags(event: DeployEvent): string[] {
  const standard = [
    event.source,
    event.kind,
    event.status,
    event.service && `service:${event.service}`,
    event.environment && `env:${event.environment}`,
  ];
  return Array.from(new Set([...standard, ...event.tags].filter((tag): tag is string => Boolean(tag))));
}
