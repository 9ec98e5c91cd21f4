import { DeployEvent, EventKind, EventNotice, EventStatus } from '../types';

/**
 * Deploys whose shipped changes one read looks up: one request each (GitHub: one GraphQL
 * query; GitLab: one page of 100 merge requests), so at most this many extra requests a read,
 * per repository or project. The newest deploys go first: they are the ones a team looks at.
 */
export const MAX_DEPLOYS_WITH_CHANGES = 50;

/** What one deploy shipped, as a provider's lookup found it. */
export interface ShippedChanges {
  /** Changes (pull or merge requests) merged since the previous deploy and shipped by this one. */
  count: number;
  /** Their merge times, epoch ms, oldest first. */
  mergeTimes: number[];
  /** True when there were more than one lookup reads: the count is a lower bound. */
  truncated: boolean;
}

/** The answer of one lookup: the changes, or a failure in a few words. */
export type ShippedLookup = { changes: ShippedChanges } | { problem: string };

/** A deploy's lookup, or null when it cannot be looked up (no previous deploy to count from, no commit). */
export type ShippedLookupFor = (event: DeployEvent) => (() => Promise<ShippedLookup>) | null;

/** Deploys that reached their environment: failed, cancelled and running ones shipped nothing yet. */
function reached(event: DeployEvent): boolean {
  return (event.kind === EventKind.Deploy || event.kind === EventKind.Rollback) && (event.status === EventStatus.Success || event.status === EventStatus.Unknown);
}

/**
 * Looks up what each deploy shipped, newest first, one request at a time, for at most
 * MAX_DEPLOYS_WITH_CHANGES deploys that can be looked up, and returns the events with `mergedChanges`,
 * `mergeTimes` and `mergedChangesLowerBound` set on those it found. Only reads that ask for
 * shipped changes call this, so a failed lookup, or the read's deadline (`signal`) cutting the
 * lookups short, is lost data: an error notice, said once (a failure stops the rest: the next
 * would fail the same way and cost a request each). The cap is a documented cost limit, not a
 * loss, and is a warning.
 *
 * @example
 * const { events, notices } = await attachShippedChanges(deploys, (e) => (e.commit ? () => lookUpPulls(e) : null), 'GitHub: pull requests shipped by deployments of shop/web');
 */
export async function attachShippedChanges(
  events: readonly DeployEvent[],
  lookUpFor: ShippedLookupFor,
  what: string,
  signal?: AbortSignal
): Promise<{ events: DeployEvent[]; notices: EventNotice[] }> {
  const candidates = events
    .filter(reached)
    .sort((a, b) => b.time - a.time)
    .map((event) => ({ event, lookUp: lookUpFor(event) }))
    .filter((c): c is { event: DeployEvent; lookUp: () => Promise<ShippedLookup> } => c.lookUp !== null);
  const found = new Map<string, ShippedChanges>();
  const deploys = (n: number) => `${n} deploy${n === 1 ? '' : 's'} carr${n === 1 ? 'ies' : 'y'}`;
  const looked = candidates.slice(0, MAX_DEPLOYS_WITH_CHANGES);
  for (const { event, lookUp } of looked) {
    if (signal?.aborted) {
      const text = `${what} were cut short by the read's deadline, so ${deploys(candidates.length - found.size)} no lead time or batch size.`;
      return { events: withChanges(events, found), notices: [{ severity: 'error', text }] };
    }
    const answer = await lookUp();
    if ('problem' in answer) {
      const text = `${what} could not be read (${answer.problem}), so ${deploys(candidates.length - found.size)} no lead time or batch size.`;
      return { events: withChanges(events, found), notices: [{ severity: 'error', text }] };
    }
    found.set(event.id, answer.changes);
  }
  const left = candidates.length - MAX_DEPLOYS_WITH_CHANGES;
  const notices: EventNotice[] =
    left > 0
      ? [
          {
            severity: 'warning',
            text: `${what} were looked up for the newest ${MAX_DEPLOYS_WITH_CHANGES} deploys only (one request each); ${deploys(left)} no lead time or batch size. Narrow the time range to include them.`,
          },
        ]
      : [];
  return { events: withChanges(events, found), notices };
}

function withChanges(events: readonly DeployEvent[], found: ReadonlyMap<string, ShippedChanges>): DeployEvent[] {
  return events.map((event) => {
    const changes = found.get(event.id);
    return changes ? { ...event, mergedChanges: changes.count, mergeTimes: changes.mergeTimes, mergedChangesLowerBound: changes.truncated } : event;
  });
}
