import { ofService, serviceOf } from './eventService';
import { lowerBound, PreparedSeries } from './prepareSeries';
import { Comparison, EventImpact, ImpactOptions, SeriesImpact, Verdict } from './types';

/** The series of the event's service that could not be judged, by why (see unjudgedOfService). */
export interface Unjudged {
  /** Data since the event, but fewer than minBeforeSamples samples before it. */
  appeared: SeriesImpact[];
  /** Enough before the event, then samples since it that stop inside the impact window. */
  stopped: SeriesImpact[];
}

/**
 * The series of the event's service that could not be judged because they appeared with it
 * (a label value first seen after the deploy, such as a new error code) or stopped with it
 * (a service that stopped reporting, pods that crash): the other series cannot speak for them.
 * A new `code="503"` at thirty times the old errors leaves the old codes flat; a service gone
 * silent leaves its neighbours flat. Series that stopped before the event, series still
 * arriving, and other services' series do not count. `impacts[k]` is `series[k]`'s.
 * O(series · log n) when some series were not judged, O(series) otherwise.
 */
export function unjudgedOfService(result: EventImpact, series: readonly PreparedSeries[], options: ImpactOptions): Unjudged {
  const service = serviceOf(result.event);
  const out: Unjudged = { appeared: [], stopped: [] };
  for (let k = 0; k < result.series.length; k++) {
    const impact = result.series[k];
    const s = series[k];
    if (impact.status === 'ok' || impact.incomplete || !s || !ofService(service, s)) {
      continue;
    }
    const n = s.times.length;
    if (n === 0 || s.times[n - 1] < result.time) {
      continue;
    }
    if (lowerBound(s.times, result.time) < options.minBeforeSamples) {
      out.appeared.push(impact);
    } else if (s.times[n - 1] < result.time + options.afterMs - s.step) {
      out.stopped.push(impact);
    }
  }
  return out;
}

/** How the reason naming series that appeared with the change begins (see withUnjudged). */
export const NOT_EVERY_SERIES = 'not every series could be judged';

/** "errors has" or "2 series have (a, b)". */
function named(impacts: readonly SeriesImpact[]): string {
  const names = impacts.map((s) => s.name).join(', ');
  return impacts.length === 1 ? `${names} has` : `${impacts.length} series have (${names})`;
}

/**
 * A before/after result that some series of the event's service could not be judged on (see
 * unjudgedOfService): their names are kept in the reasons, and a verdict that says nothing is
 * wrong (healthy, or watch with nothing moved while data arrives) becomes insufficient_data,
 * so the gate fails closed rather than passing on the series it could read. A harm found on
 * the others stands.
 */
export function withUnjudged(result: EventImpact, { appeared, stopped }: Unjudged): EventImpact {
  if ((appeared.length === 0 && stopped.length === 0) || (result.comparison !== undefined && result.comparison !== Comparison.BeforeAfter)) {
    return result;
  }
  const whats = [
    ...(appeared.length ? [`${named(appeared)} data since the event but too little before it to compare`] : []),
    ...(stopped.length ? [`${named(stopped)} stopped reporting inside the impact window`] : []),
  ];
  const what = whats.join('; ');
  const clear = result.verdict === Verdict.Healthy || (result.verdict === Verdict.Watch && result.moved.length === 0);
  if (!clear) {
    return { ...result, reasons: [...result.reasons, `not judged: ${what}`] };
  }
  const fixes = [
    ...(appeared.length ? ['a series that appears with a change has no baseline: sum it with the others (e.g. sum without (code)) or make absence count as zero (… or vector(0))'] : []),
    ...(stopped.length ? ['a series that stops with a change may be a service that stopped serving: check it, and that the query still returns the series after the change'] : []),
  ];
  return { ...result, verdict: Verdict.InsufficientData, reasons: [`${NOT_EVERY_SERIES}: ${what}; ${fixes.join('; ')}`, ...result.reasons] };
}
