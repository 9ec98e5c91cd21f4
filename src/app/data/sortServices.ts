import { noneJudged } from '../../dora';
import { ServiceHealth } from './loadReleaseHealth';

export enum SortKey {
  Service = 'service',
  Deploys = 'deploys',
  LeadTime = 'leadTime',
  ChangeFailureRate = 'changeFailureRate',
  TimeToRestore = 'timeToRestore',
}

/** The value a column sorts by: the one the page shows, so a rate shown as Unknown (no change judged) has none. */
const VALUE: Record<Exclude<SortKey, SortKey.Service>, (s: ServiceHealth) => number | null> = {
  [SortKey.Deploys]: (s) => s.keys.deploys,
  [SortKey.LeadTime]: (s) => s.keys.leadTimeMedianMs,
  [SortKey.ChangeFailureRate]: (s) => (noneJudged(s.keys) ? null : s.keys.changeFailureRate),
  [SortKey.TimeToRestore]: (s) => (noneJudged(s.keys) ? null : s.keys.timeToRestoreMedianMs),
};

/**
 * The order of services by one column: services without a value (no deploys, nothing to
 * restore, a rate unknown because no change was judged) go last in both directions, ties by name. The comparator `sortServices` sorts
 * with, and the one the app's sortable tables hand to Grafana's InteractiveTable.
 *
 * @example
 * [...services].sort(compareServices(SortKey.ChangeFailureRate, 'desc'))[0].service // the least safe
 */
export function compareServices(key: SortKey, direction: 'asc' | 'desc'): (a: ServiceHealth, b: ServiceHealth) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: ServiceHealth, b: ServiceHealth) => a.service.localeCompare(b.service);
  if (key === SortKey.Service) {
    return (a, b) => sign * byName(a, b);
  }
  const value = VALUE[key];
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      return va === vb ? byName(a, b) : va === null ? 1 : -1;
    }
    return va === vb ? byName(a, b) : sign * (va - vb);
  };
}

/**
 * Services sorted by one column (see `compareServices`). O(n log n).
 *
 * @example
 * sortServices(services, SortKey.ChangeFailureRate, 'desc')[0].service // the least safe
 */
export function sortServices(
  services: readonly ServiceHealth[],
  key: SortKey,
  direction: 'asc' | 'desc'
): ServiceHealth[] {
  return [...services].sort(compareServices(key, direction));
}
