import { DeployEvent } from '../types';
import { TimeRange } from './types';

/**
 * True when the event starts inside the range (both ends inclusive).
 *
 * @example
 * inRange({ time: 5 } as DeployEvent, { from: 0, to: 10 }) // true
 */
export function inRange(event: Pick<DeployEvent, 'time'>, range: TimeRange): boolean {
  return event.time >= range.from && event.time <= range.to;
}
