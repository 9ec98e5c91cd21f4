import { DEFAULT_IMPACT_OPTIONS, NOT_EVERY_SERIES } from '../../engine';

const MINUTE = 60_000;

/**
 * What to change when the gate could not judge the deploy (insufficient_data), for the end of
 * the report's reasons: the gate fails closed, and these are the ways to give it enough data,
 * or to let an unjudged deploy pass on purpose.
 *
 * @example
 * insufficientFix(60_000) // "the gate fails closed (exit 13) on a deploy it could not judge. To judge it: ..."
 */
export function insufficientFix(stepMs: number, reasons: readonly string[] = []): string {
  if (reasons.some((r) => r.startsWith(NOT_EVERY_SERIES))) {
    // The engine named the series and the change to the query: more time or a finer step would not help.
    return 'the gate fails closed (exit 13) on a deploy it could not judge: the first reason says which series and what to change in --query. --fail-on roll_back lets an unjudged deploy pass';
  }
  const window = Math.round(DEFAULT_IMPACT_OPTIONS.afterMs / MINUTE);
  const samples = DEFAULT_IMPACT_OPTIONS.minAfterSamples;
  const finest = Math.max(1, Math.floor(DEFAULT_IMPACT_OPTIONS.afterMs / samples / 1000));
  // Exact: a step rounded for the text could read as the finest step, or as another.
  const seconds = stepMs / 1000;
  // Only a step too coarse for the window is worth changing: advice to go "finer" than a step
  // that is already finer would name a coarser one.
  const step =
    stepMs > finest * 1000
      ? `read a finer step than ${seconds} s (--step ${finest}s or less gives ${samples} samples in the window), `
      : `keep --step ${seconds}s (fine enough: ${Math.floor(DEFAULT_IMPACT_OPTIONS.afterMs / Math.max(1000, stepMs))} samples in the window), `;
  return (
    `the gate fails closed (exit 13) on a deploy it could not judge. To judge it: let it read at least the ${window}-minute impact window after the deploy (--wait), ` +
    step +
    `and check that --query returns the deployed service's series after the deploy. --fail-on roll_back lets an unjudged deploy pass`
  );
}
