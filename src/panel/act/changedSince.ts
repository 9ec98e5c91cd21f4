import { TimeZone } from '@grafana/schema';

import { laterFlagChange } from '../../act/laterFlagChange';
import { FlagTarget } from '../../act/types';
import { FLAG_OFF } from '../../events/types';
import { formatTime } from '../data/TimeZoneContext';
import { ScoredEvent } from '../types';
import { PROVIDER_NAME } from './flagTarget';

/**
 * Why a flag judged *Turn flag off* must not be turned off from the panel any more: the same flag
 * was changed again in the same environment (and project, and provider) after the change judged,
 * among the panel's events. What is live is then that later change, judged on its own; turning
 * the flag off would undo it on the strength of the older verdict (the gate refuses the same).
 * Null when no later change is in the panel. O(n) in the panel's events.
 *
 * @example
 * changedSince(target, judged, [judged, turnedOnAgain])
 * // 'semantic-search was changed again in production at 2026-01-05 15:00:00 UTC (on), after this change: ...'
 */
export function changedSince(target: FlagTarget, judged: ScoredEvent, events: readonly ScoredEvent[], timeZone: TimeZone = 'utc'): string | null {
  const sameProvider = events.map((s) => s.event).filter((event) => event.source === target.provider);
  const newest = laterFlagChange(target, judged.event.id, judged.event.time, sameProvider);
  if (!newest) {
    return null;
  }
  // In the dashboard's zone, as the row beside it shows times.
  const at = formatTime(newest.time, 'YYYY-MM-DD HH:mm:ss', timeZone);
  if (newest.toState === FLAG_OFF) {
    return `${target.flag} was already turned off in ${target.environment} at ${at}, after this change.`;
  }
  return `${target.flag} was changed again in ${target.environment} at ${at} (${newest.toState || 'changed'}), after this change: what is live now is that change; judge it, or turn the flag off in ${PROVIDER_NAME[target.provider]}.`;
}
