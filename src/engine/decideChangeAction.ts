import { EventKind, FLAG_OFF } from '../vocabulary';
import { describeChange, formatDuration, formatNumber } from './describe';
import { isSequentialReason } from './sequential/judgeSequentially';
import { EngineEvent, EventImpact, ImpactOptions, SeriesImpact, Severity, Verdict } from './types';

/** A later event as the scorer indexes it. */
export interface LaterEvent {
  event: EngineEvent;
  id: string;
}

/** Verdicts that say "act": for a harmful flag change the action is turning it off instead. */
const ACTIONS = new Set<Verdict>([Verdict.RollBack, Verdict.FixForward]);

function field(event: EngineEvent, key: string): string {
  const value = event[key];
  return typeof value === 'string' ? value : '';
}

/** "turned on", "enabled for 100%", "changed to rules changed": what the change did, for a sentence. */
function stateChange(toState: string): string {
  if (toState === 'on') {
    return 'turned on';
  }
  if (toState.startsWith('on ')) {
    return `enabled ${toState.slice(3)}`;
  }
  return `changed (${toState || 'new state'})`;
}

/** "3.2x" for count-like series, else "+7.3 (6.1 robust SD)". */
function sizeOf(impact: SeriesImpact): string {
  if (impact.ratio !== null && impact.ratio > 0) {
    return `${formatNumber(impact.ratio)}x`;
  }
  const sign = impact.absoluteChange >= 0 ? '+' : '';
  return `${sign}${formatNumber(impact.absoluteChange)} (${formatNumber(Math.abs(impact.robustZ))} robust SD)`;
}

/**
 * The same flag turned off in the same environment, close enough before the recovery to be
 * what ended it (the same window `fixLagMs` the scorer uses for fixes).
 */
function findTurnOff(event: EngineEvent, later: readonly LaterEvent[], primary: SeriesImpact, options: ImpactOptions): LaterEvent | null {
  const key = field(event, 'flagKey');
  const environment = field(event, 'environment');
  const offs = later.filter(
    (o) =>
      o.event.kind === EventKind.Flag &&
      o.event.time > event.time &&
      field(o.event, 'flagKey') === key &&
      field(o.event, 'environment') === environment &&
      field(o.event, 'toState') === FLAG_OFF
  );
  if (primary.recoveredAt === null) {
    return offs[0] ?? null;
  }
  const recoveredAt = primary.recoveredAt;
  return offs.filter((o) => o.event.time <= recoveredAt + primary.recoveryResolutionMs && recoveredAt - o.event.time <= options.fixLagMs).pop() ?? null;
}

/**
 * Turns the scorer's decision into the action that fits the kind of change:
 * - an incident is drawn for context but not judged: `not_scored`;
 * - a flag change that turned something on and did harm that calls for action
 *   (`roll_back` or `fix_forward`) gets `turn_off`, the cheapest fix: seconds, no deploy,
 *   with the numbers ("turn the flag off: search errors 3.2x since new-checkout was turned on
 *   in production"); when the same flag was turned off right before the series recovered,
 *   that is recognised as the fix, with the time to restore;
 * - everything else keeps the scorer's decision. A weak signal (`watch`) stays `watch`.
 * Pure; O(k) in the later events given.
 *
 * @example
 * decideChangeAction(scoreOneResult, laterEvents, withDefaults())
 * // a harmful flag → { verdict: 'turn_off', fixedBy: 'unleash:43', timeToRestoreMs: 540000, ... }
 */
export function decideChangeAction(impact: EventImpact, later: readonly LaterEvent[], options: ImpactOptions): EventImpact {
  const { event } = impact;
  if (event.kind === EventKind.Incident) {
    return {
      ...impact,
      score: 0,
      severity: Severity.None,
      verdict: Verdict.NotScored,
      reasons: ['an incident, drawn for context: incidents are not changes, so they are not scored'],
      moved: [],
      fixedBy: null,
      timeToRestoreMs: null,
      attribution: null,
      decisionTaken: null,
      spike: null,
    };
  }
  // Every other kind keeps the scorer's decision (asked first: this runs for every event).
  if (event.kind !== EventKind.Flag) {
    return impact;
  }
  const primary = impact.series.find((s) => s.seriesId === impact.moved[0]);
  const toState = field(event, 'toState');
  if (toState === FLAG_OFF || !primary || !ACTIONS.has(impact.verdict)) {
    return impact;
  }
  const key = field(event, 'flagKey') || 'the flag';
  const environment = field(event, 'environment');
  const where = environment ? ` in ${environment}` : '';
  const action = `turn the flag off: ${primary.name} ${sizeOf(primary)} since ${key} was ${stateChange(toState)}${where}`;
  const off = findTurnOff(event, later, primary, options);
  if (!off) {
    // Decided early by the sequential test: its reason says after how many samples, and why.
    const early = impact.reasons.filter(isSequentialReason);
    return { ...impact, verdict: Verdict.TurnOff, decisionTaken: null, fixedBy: null, reasons: [action, ...early, describeChange(primary)] };
  }
  const offAfter = formatDuration(off.event.time - event.time);
  if (primary.recoveredAt === null) {
    return {
      ...impact,
      verdict: Verdict.TurnOff,
      decisionTaken: Verdict.TurnOff,
      fixedBy: null,
      timeToRestoreMs: null,
      reasons: [action, `turned off ${offAfter} later, but ${primary.name} has not recovered yet`, describeChange(primary)],
    };
  }
  const restoreMs = Math.max(0, primary.recoveredAt - event.time, off.event.time - event.time);
  return {
    ...impact,
    verdict: Verdict.TurnOff,
    decisionTaken: Verdict.TurnOff,
    fixedBy: off.id,
    timeToRestoreMs: restoreMs,
    reasons: [action, `turned off ${offAfter} later: that fixed it, restored after ${formatDuration(restoreMs)}`, describeChange(primary)],
  };
}
