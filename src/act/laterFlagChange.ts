import { flagProjectOf } from './flagProjectOf';

/** A flag change as the providers' events carry it (DeployEvent, the panel's event): only what comparing needs. */
export interface FlagChange {
  id: string;
  time: number;
  flagKey?: string;
  environment: string;
  toState?: string;
  tags: readonly string[];
}

/**
 * The newest change of the same flag in the same environment and project after the change
 * judged (`judgedId` at `judgedAt`), among `changes`; null when there is none. A later change is
 * what is live, so turning the flag off on the older verdict would undo it. A target with no
 * project (its change named none) matches changes that name none; a null `judgedId` says the
 * caller has left the judged change out (the gate's events may have no id). The one rule for the
 * panel, the datasource and the gate. Pure; O(n).
 *
 * @example
 * laterFlagChange({ flag: 'semantic-search', environment: 'production', project: 'default' }, 'unleash:41', t, events)
 * // the newest later change, e.g. { id: 'unleash:44', toState: 'on', ... }, or null
 */
export function laterFlagChange<T extends FlagChange>(
  target: { flag: string; environment: string; project: string | undefined },
  judgedId: string | null,
  judgedAt: number,
  changes: readonly T[]
): T | null {
  let newest: T | null = null;
  for (const change of changes) {
    const same =
      (judgedId === null || change.id !== judgedId) &&
      change.time > judgedAt &&
      change.flagKey?.trim() === target.flag &&
      change.environment.trim() === target.environment &&
      flagProjectOf(change.tags) === target.project;
    if (same && (!newest || change.time > newest.time)) {
      newest = change;
    }
  }
  return newest;
}
