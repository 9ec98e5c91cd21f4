import { computeKeys } from '../../dora';
import { ServiceDeploy, ServiceKeys } from './types';

const WEEK = 7 * 86_400_000;

export interface WeekKeys {
  from: number;
  to: number;
  keys: ServiceKeys;
}

/**
 * The four keys week by week, the last week ending at `to` (weeks count back from the end
 * of the range, so the newest week is whole). A range shorter than a week gives one row.
 * O(w · n) for w weeks.
 *
 * @example
 * weeklyTrend(deploys, { from: now - 30 * DAY, to: now }).length // 5
 */
export function weeklyTrend(deploys: readonly ServiceDeploy[], range: { from: number; to: number }): WeekKeys[] {
  const weeks: WeekKeys[] = [];
  for (let end = range.to; end > range.from; end -= WEEK) {
    const start = Math.max(range.from, end - WEEK);
    // Half-open weeks, so a deploy on a boundary counts once.
    const slice = deploys
      .filter((d) => d.time > start || (start === range.from && d.time === start))
      .filter((d) => d.time <= end);
    weeks.unshift({ from: start, to: end, keys: computeKeys(slice, { from: start, to: end }) });
  }
  return weeks;
}
