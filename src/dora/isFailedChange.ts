import { Verdict } from '../vocabulary';

/**
 * Verdicts that make a change a failed change: the engine asked to roll it back, fix it
 * forward, or (a harmful flag change) turn the flag off.
 */
export const FAILED_VERDICTS: ReadonlySet<Verdict | null> = new Set<Verdict | null>([Verdict.RollBack, Verdict.FixForward, Verdict.TurnOff]);

/**
 * The one rule for a failed change, for every number that counts them (the panel's summary
 * line, the app's pages, the readiness review, the Markdown export): the engine's verdict is
 * roll_back, fix_forward or turn_off, or the change was rolled back (by a rollback deploy, or
 * as the decision the engine saw taken), whether or not the metrics showed the harm. `watch`
 * is not a failure.
 *
 * @example
 * isFailedChange({ verdict: Verdict.Healthy, decisionTaken: null, rolledBack: true }) // true
 * isFailedChange({ verdict: Verdict.Watch, decisionTaken: null, rolledBack: false }) // false
 */
export function isFailedChange(change: { verdict: Verdict | null; decisionTaken: Verdict | null; rolledBack: boolean }): boolean {
  return change.rolledBack || change.decisionTaken === Verdict.RollBack || FAILED_VERDICTS.has(change.verdict);
}
