import { DeployEvent, EventStatus } from '../types';
import { TimeRange } from './types';

type Span = Pick<DeployEvent, 'time' | 'timeEnd' | 'status'>;

/**
 * When the event stops counting: its end when known, `now` while it is still in progress
 * (a running deploy lasts until the moment asked about), else its own time (a point event
 * such as a flag change, or a finished deploy whose end the provider does not give).
 */
export function lastMoment(event: Span, now: number): number {
  return event.timeEnd ?? (event.status === EventStatus.InProgress ? Math.max(now, event.time) : event.time);
}

/**
 * True when the event overlaps the range (both ends inclusive): it started by `to` and it
 * ended, or is still running, at `from` or later. A deploy that started before the range and
 * finished inside it is kept, as Grafana keeps a region annotation that overlaps the range
 * (epoch <= to and epoch_end >= from). A point event is in range when its time is.
 *
 * @example
 * inRange({ time: 5, timeEnd: null, status: EventStatus.Success }, { from: 0, to: 10 }) // true
 * inRange({ time: -5, timeEnd: 2, status: EventStatus.Success }, { from: 0, to: 10 }) // true
 * inRange({ time: -5, timeEnd: null, status: EventStatus.InProgress }, { from: 0, to: 10 }) // true
 */
export function inRange(event: Span, range: TimeRange): boolean {
  return event.time <= range.to && lastMoment(event, range.to) >= range.from;
}

/**
 * True when the event was over before `time`: for a walk that goes newest-first by start time,
 * the first such event marks where older items stop overlapping the range. An event still in
 * progress has not ended.
 */
export function endedBefore(event: Span, time: number): boolean {
  return lastMoment(event, Number.POSITIVE_INFINITY) < time;
}
