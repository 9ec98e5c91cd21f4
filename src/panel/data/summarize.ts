import { buildChanges, computeKeys, ServiceKeys, summaryLine } from '../../dora';
import { ScoredEvent } from '../types';

/**
 * The range's DORA keys from the panel's scored events, by the same computation as the app's
 * pages (src/dora): deploys that reached production and flag changes are the changes, failed
 * by the one rule (isFailedChange), unrestored failures counted to the end of the range.
 * Events still being scored have no verdict yet. O(n log n).
 *
 * @example
 * summarize(scored, { from, to }).changeFailureRate // 0.174, as the app's overview says
 */
export function summarize(scored: readonly ScoredEvent[], range: { from: number; to: number }): ServiceKeys {
  const impacts = new Map(scored.filter((s) => !s.pending).map((s) => [s.event.id, s.impact]));
  return computeKeys(buildChanges(scored.map((s) => s.event), impacts), range);
}

/**
 * The panel's summary line, in the app's words: what the rate counts (deploys only, or
 * deploys and flag changes), the change failure rate and the median time to restore; the two
 * rates read '…' while any event is still being scored.
 *
 * @example
 * summaryText(scored, { from, to }, 0) // '23 changes (21 deploys and 2 flag changes) · change failure rate 17.4% · median time to restore 42 min'
 */
export function summaryText(scored: readonly ScoredEvent[], range: { from: number; to: number }, pending: number): string {
  return summaryLine(summarize(scored, range), pending > 0);
}
