import { Verdict } from '../../engine';

/**
 * The gate's exit statuses, documented in docs/ci.md. A verdict's own code is returned only
 * when the verdict is in --fail-on; any other verdict exits 0.
 */
export const GATE_EXIT = {
  /** healthy, or a verdict not in --fail-on. */
  pass: 0,
  usage: 2,
  /**
   * Prometheus could not be read (down, timed out, HTTP or PromQL error, no or too many series);
   * also a provider read that found deploys but lost pages, so the newest cannot be known (as a
   * partial `events` read exits 3).
   */
  metricsUnreadable: 3,
  /** The deploy event could not be read or none matched. */
  deployUnknown: 4,
  /** --annotate-required, and the verdict could not be written to Grafana. */
  annotateFailed: 5,
  [Verdict.Watch]: 10,
  [Verdict.FixForward]: 11,
  [Verdict.RollBack]: 12,
  [Verdict.InsufficientData]: 13,
} as const;

/** Verdicts --fail-on accepts: every verdict except healthy, which never fails a pipeline. */
export const FAILABLE_VERDICTS = [
  Verdict.Watch,
  Verdict.FixForward,
  Verdict.RollBack,
  Verdict.InsufficientData,
] as const;
export type FailableVerdict = (typeof FAILABLE_VERDICTS)[number];

/**
 * --fail-on when not given: a deploy that should be rolled back fails the pipeline, and so does
 * one that could not be judged (the gate fails closed); --fail-on roll_back lets the latter pass.
 */
export const DEFAULT_FAIL_ON: readonly FailableVerdict[] = [Verdict.RollBack, Verdict.InsufficientData];

/**
 * The exit status for a verdict: its own code when it is in `failOn`, else 0.
 *
 * @example
 * gateExitCode(Verdict.RollBack, [Verdict.RollBack]) // 12
 * gateExitCode(Verdict.FixForward, [Verdict.RollBack]) // 0
 */
export function gateExitCode(verdict: Verdict, failOn: readonly Verdict[]): number {
  // Incidents are not scored: nothing for a pipeline to stop.
  if (verdict === Verdict.Healthy || verdict === Verdict.NotScored) {
    return GATE_EXIT.pass;
  }
  // A harmful flag change asks for what roll_back asks: undo it now.
  const judged = verdict === Verdict.TurnOff ? Verdict.RollBack : verdict;
  return failOn.includes(judged) ? GATE_EXIT[judged] : GATE_EXIT.pass;
}
