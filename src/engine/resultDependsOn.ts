import { lowerBound, PreparedSeries } from './prepareSeries';
import { ImpactOptions } from './types';

/**
 * What one event's result depends on, for callers that cache results (the panel's scorer):
 * a cached result is still right while everything named here is unchanged. The engine owns
 * this rule beside the code it describes, so a cache never restates it.
 */

/**
 * The fields of the other events the engine reads when it judges an event (besides their
 * times and their order at equal times): kind and service decide which later change cut the
 * window, fixed or rolled it back; id and version name them in reasons; flag key and state
 * tell a flag turned off; environment keeps changes apart.
 */
export const EVENT_FIELDS_READ = ['id', 'kind', 'service', 'version', 'environment', 'flagKey', 'toState'] as const;

/**
 * How far before and after an event the engine reads other events, ms: the calibration skips
 * earlier positions that hold an event (back to the start of the history), the previous change
 * within an impact window may be the one a shift began with, and later changes can cut the
 * impact window, be the fix or the rollback (up to the reach).
 *
 * @example
 * eventReach(withDefaults({})) // { before: 604800000, after: … }
 */
export function eventReach(options: ImpactOptions): { before: number; after: number } {
  return {
    before: Math.max(options.historyMs, options.guardMs + options.beforeMs, options.afterMs),
    after: Math.max(options.afterMs, options.recoveryHorizonMs) + options.fixLagMs,
  };
}

/** The samples of one series an event's result reads. */
export type SeriesRead =
  /** The series has no samples: the result says so, whatever else changes. */
  | { kind: 'empty' }
  /** The event lies outside a series with no version: the result reads only its bounds and step. */
  | { kind: 'outside'; from: number; to: number; step: number }
  /** Samples [lo, hi) and the series' step: the history or widened baseline to the end of the recovery horizon. */
  | { kind: 'inside'; lo: number; hi: number; step: number };

/**
 * Which samples of a prepared series the result of an event at `time` reads. O(log n).
 *
 * @example
 * seriesRead(prepareSeries(input), deployTime, withDefaults({})) // { kind: 'inside', lo: 0, hi: 2161, step: 10000 }
 */
export function seriesRead(series: PreparedSeries, time: number, options: ImpactOptions): SeriesRead {
  const { times } = series;
  const n = times.length;
  if (n === 0) {
    return { kind: 'empty' };
  }
  // A version's series is read around the event even when the event lies outside it: the
  // version comparison and the whole service (a cutover: the new version starts after the
  // deploy, the old one stops) read its samples in the event's windows.
  if ((time < times[0] || time > times[n - 1]) && !series.version) {
    return { kind: 'outside', from: times[0], to: times[n - 1], step: series.step };
  }
  const reach = eventReach(options);
  const event = lowerBound(times, time);
  const bEnd = Math.min(event, lowerBound(times, time - options.guardMs));
  const lo = Math.max(0, Math.min(lowerBound(times, time - reach.before), bEnd - options.minBeforeSamples));
  const hi = Math.min(
    n,
    Math.max(
      lowerBound(times, time + Math.max(options.afterMs, options.recoveryHorizonMs)),
      event + options.minAfterSamples
    ) + 1
  );
  return { kind: 'inside', lo, hi, step: series.step };
}
