import { DataFrame } from '@grafana/data';

import { extractSeries } from '../../frames/extractSeries';

/**
 * What to say beside the verdict when *Requests series* is set but no series matches it (its
 * query failed, answered nothing, or the option names no series): every error series is then
 * judged as a count, not as a ratio, so a traffic surge can pass for harm. `queryErrors` are
 * the failed queries' lines ("Query RA: ..."), said as the likely cause. When requests series
 * exist but `asCounts` (judgeInputs) found none of some series' service and version, those are
 * named. Null when the option is empty or every error series has its requests. O(fields).
 *
 * @example
 * requestsCaveat(frames, 'requests', ['Query RA: timeout']) // 'Judged as error counts, not ratios: no series matches "Requests series" ("requests"); Query RA: timeout'
 */
export function requestsCaveat(frames: DataFrame[], requestsMatch: string, queryErrors: readonly string[] = [], asCounts: readonly string[] = []): string | null {
  const match = requestsMatch.trim();
  if (!match) {
    return null;
  }
  if (extractSeries(frames, match).length > 0) {
    return asCounts.length ? `Judged as error counts, not ratios: ${asCounts.join(', ')} (no requests series of the same service and version)` : null;
  }
  return [`Judged as error counts, not ratios: no series matches "Requests series" ("${match}")`, ...queryErrors].join('; ');
}
