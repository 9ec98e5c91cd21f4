import { PanelSeries } from '../../frames/extractSeries';
import { ScoredEvent } from '../types';

/**
 * What the panel says instead of the newest decision when its events do not tell the whole
 * story: none read, none the options let count, none over the series, or scoring under way.
 * `read` counts the events read before the options and the range filtered them. Null when
 * there is nothing to say. O(n) in events and series.
 *
 * @example
 * eventsNotice(0, [], series, 0) // 'No deploy events in this time range: add …'
 */
export function eventsNotice(read: number, scored: readonly ScoredEvent[], series: readonly PanelSeries[], pending: number): string | null {
  if (read === 0) {
    return 'No deploy events in this time range: add a SafeDeploy Events query or an annotation query with deploys.';
  }
  const counted = scored.length;
  if (counted === 0) {
    return `${read} events, none in this time range that the panel options let count (kinds, services, environments, sources).`;
  }
  let start = Infinity;
  let end = -Infinity;
  for (const s of series) {
    start = Math.min(start, s.times[0] ?? Infinity);
    end = Math.max(end, s.times[s.times.length - 1] ?? -Infinity);
  }
  if (!scored.some((s) => s.event.time >= start && s.event.time <= end)) {
    const span = Number.isFinite(start) && Number.isFinite(end) ? `${new Date(start).toISOString()} to ${new Date(end).toISOString()}` : 'no samples';
    return `${counted} events, but none falls inside the metric series (${span}).`;
  }
  return pending > 0 ? scoringNotice(counted, pending) : null;
}

/**
 * The scoring progress shown on screen, and what a screen reader is told of it: the progress
 * changes at every batch of scores (many times a second with thousands of events), so a live
 * region announces only that scoring has started, once.
 *
 * @example
 * scoringNotice(2000, 1500) // 'Scoring 2,000 events: 500 done.' (and scoringSpoken(2000): 'Scoring 2,000 events.')
 */
export function scoringNotice(counted: number, pending: number): string {
  return `${scoringSpoken(counted).slice(0, -1)}: ${(counted - pending).toLocaleString('en')} done.`;
}

/** What a live region says of scoring under way, the same at every batch. */
export function scoringSpoken(counted: number): string {
  return `Scoring ${counted.toLocaleString('en')} events.`;
}
