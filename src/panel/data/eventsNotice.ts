import { TimeZone } from '@grafana/schema';

import { PanelSeries } from '../../frames/extractSeries';
import { ScoredEvent } from '../types';
import { formatTime } from './TimeZoneContext';

/** A notice as shown, and as a live region says it. */
export interface PanelNotice {
  text: string;
  /**
   * What a screen reader is told: the text, except for scoring progress, which changes at every
   * batch of scores (many times a second with thousands of events) and so is announced once,
   * without the count done.
   */
  spoken: string;
}

/** A notice said as it is shown. */
const said = (text: string): PanelNotice => ({ text, spoken: text });

/**
 * What the panel says instead of the newest decision when its events do not tell the whole
 * story: none read (and why, when an annotation layer said it could not read: `failures`),
 * none the options let count, none over the series, or scoring under way. `read` counts the
 * events read before the options and the range filtered them; times are given in `timeZone`
 * (the dashboard's). Null when there is nothing to
 * say. O(n) in events and series.
 *
 * @example
 * eventsNotice(0, [], series, 0) // { text: 'No deploy events in this time range: add …', spoken: (the same) }
 * eventsNotice(2000, scored, series, 1500) // { text: 'Scoring 2,000 events: 500 done.', spoken: 'Scoring 2,000 events.' }
 */
export function eventsNotice(
  read: number,
  scored: readonly ScoredEvent[],
  series: readonly PanelSeries[],
  pending: number,
  failures: readonly string[] = [],
  timeZone: TimeZone = 'utc'
): PanelNotice | null {
  if (read === 0) {
    // An annotation layer that could not read says so in a marker, not an error (readFailures).
    return said(
      failures.length > 0
        ? `No deploy events could be read: ${failures.join('; ')}`
        : 'No deploy events in this time range: add a SafeDeploy Events query or an annotation query with deploys.'
    );
  }
  const counted = scored.length;
  if (counted === 0) {
    return said(`${read} ${read === 1 ? 'event' : 'events'}, none in this time range that the panel options let count (kinds, services, environments, sources).`);
  }
  let start = Infinity;
  let end = -Infinity;
  for (const s of series) {
    start = Math.min(start, s.times[0] ?? Infinity);
    end = Math.max(end, s.times[s.times.length - 1] ?? -Infinity);
  }
  if (!scored.some((s) => s.event.time >= start && s.event.time <= end)) {
    const at = (ms: number) => formatTime(ms, 'YYYY-MM-DD HH:mm', timeZone);
    const span = Number.isFinite(start) && Number.isFinite(end) ? `${at(start)} to ${at(end)}` : 'no samples';
    return said(`${counted === 1 ? '1 event, but it does not fall' : `${counted} events, but none falls`} inside the metric series (${span}).`);
  }
  if (pending > 0) {
    const scoring = `Scoring ${counted.toLocaleString('en')} events`;
    return { text: `${scoring}: ${(counted - pending).toLocaleString('en')} done.`, spoken: `${scoring}.` };
  }
  return null;
}
