import { ofService, serviceOf } from './eventService';
import { isRatioSeries, prepareErrorRatio } from './errorRatio';
import { PreparedSeries, prepareSeries } from './prepareSeries';
import { EngineEvent } from './types';

/**
 * The event's service as a whole, over all its versions: with every versioned series an error
 * ratio with its counts, at each time the errors summed over the versions over the requests
 * summed (so a cutover from v1 to v2 is one series whose ratio is v1's before and v2's after,
 * and traffic moving between versions is no change); otherwise, at each time, the mean of the
 * versions that have a sample then. Null when the service has no versioned series.
 * O(n log n) over all their samples.
 *
 * @example
 * wholeService(series, { time, service: 'checkout', version: 'v2' }) // "checkout (all versions)", errors summed over requests summed
 */
export function wholeService(series: readonly PreparedSeries[], event: EngineEvent): PreparedSeries | null {
  const service = serviceOf(event) || undefined;
  const side = series.filter((s) => s.version && ofService(serviceOf(event), s));
  if (side.length === 0) {
    return null;
  }
  const id = `${service ?? 'service'} (all versions)`;
  const base = { id, name: id, service };
  if (side.every(isRatioSeries)) {
    const errors = summed(side.map((s) => s.errors));
    const requests = summed(side.map((s) => s.total));
    return prepareErrorRatio({ ...base, times: errors.times, values: errors.values, total: requests });
  }
  const sums = summed(side);
  return prepareSeries({ ...base, times: sums.times, values: sums.values.map((v, i) => v / sums.counts[i]) });
}

/** At each time any of the series has a sample: the sum of their values then, and how many had one. */
function summed(side: readonly PreparedSeries[]): { times: number[]; values: number[]; counts: number[] } {
  const at = new Map<number, { sum: number; count: number }>();
  for (const s of side) {
    for (let i = 0; i < s.times.length; i++) {
      const entry = at.get(s.times[i]) ?? { sum: 0, count: 0 };
      entry.sum += s.values[i];
      entry.count += 1;
      at.set(s.times[i], entry);
    }
  }
  const times = Array.from(at.keys()).sort((a, b) => a - b);
  return { times, values: times.map((t) => at.get(t)!.sum), counts: times.map((t) => at.get(t)!.count) };
}
