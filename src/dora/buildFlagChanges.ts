import { EventImpact } from '../engine';
import { PanelEvent } from '../frames/types';
import { EventKind, FLAG_OFF, Verdict } from '../vocabulary';
import { isFailedChange } from './isFailedChange';
import { ServiceDeploy } from './types';

/** Feature flag changes (Unleash, LaunchDarkly…) that name their flag; config changes are not flags. */
export function isFlagChange(event: PanelEvent): boolean {
  return event.kind === EventKind.Flag && Boolean(event.flagKey);
}

/**
 * Each feature flag change as a change of its service, beside the deploys: its verdict
 * (from `impacts`, keyed by event id), whether it failed (turn_off, or roll_back/fix_forward),
 * and when the same flag was next turned off in the same environment. A harmful flag the
 * metrics did not show recovering is restored when it was turned off, as a rolled-back deploy
 * is at its rollback. Events must be sorted by time. O(n log n).
 *
 * @example
 * buildFlagChanges(events, impacts)[0] // { kind: 'flag', verdict: 'turn_off', flag: { key: 'semantic-search', toState: 'on', turnedOffAt: … } }
 */
export function buildFlagChanges(
  events: readonly PanelEvent[],
  impacts: ReadonlyMap<string, EventImpact>
): ServiceDeploy[] {
  const flags = events.filter(isFlagChange);
  const stream = (e: PanelEvent) => `${e.service}\u0000${e.environment}\u0000${e.flagKey}`;
  // Walking backwards, the next turning off of each flag is the last one seen.
  const nextOff = new Map<string, number>();
  const turnedOffAt = new Array<number | null>(flags.length).fill(null);
  for (let i = flags.length - 1; i >= 0; i--) {
    const key = stream(flags[i]);
    turnedOffAt[i] = nextOff.get(key) ?? null;
    if (flags[i].toState === FLAG_OFF) {
      nextOff.set(key, flags[i].time);
    }
  }
  return flags.map((event, i): ServiceDeploy => {
    const impact = impacts.get(event.id);
    const verdict = impact && impact.verdict !== Verdict.InsufficientData ? impact.verdict : null;
    const offAt = turnedOffAt[i];
    const failed = isFailedChange({ verdict, decisionTaken: impact?.decisionTaken ?? null, rolledBack: false });
    return {
      id: event.id,
      time: event.time,
      service: event.service,
      version: event.flagKey ?? '',
      title: event.title,
      url: event.url,
      kind: EventKind.Flag,
      flag: { key: event.flagKey ?? '', toState: event.toState ?? '', turnedOffAt: offAt },
      verdict,
      fixedBy: impact?.fixedBy ?? null,
      // Turning the flag off is the decision a turn_off verdict asks for, whether or not the engine's window saw it.
      decisionTaken: impact?.decisionTaken ?? (failed && offAt !== null ? Verdict.TurnOff : null),
      timeToRestoreMs: impact?.timeToRestoreMs ?? (failed && offAt !== null ? offAt - event.time : null),
      rolledBack: false,
      failed,
      leadTimesMs: [],
      changes: null,
    };
  });
}
