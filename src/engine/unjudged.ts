import { ofService, serviceOf } from './eventService';
import { lowerBound, PreparedSeries } from './prepareSeries';
import { Comparison, EventImpact, ImpactOptions, SeriesImpact, Verdict } from './types';

/**
 * The series of the event's service that could not be judged because they appeared with it:
 * data since the event, but fewer than minBeforeSamples samples before it (a label value first
 * seen after the deploy, such as a new error code). The other series cannot speak for them: a
 * new `code="503"` at thirty times the old errors leaves the old codes flat. Series that stopped
 * before the event, and other services' series, do not count. `impacts[k]` is `series[k]`'s.
 * O(series · log n) when some series were not judged, O(series) otherwise.
 */
export function appearedWith(result: EventImpact, series: readonly PreparedSeries[], options: ImpactOptions): SeriesImpact[] {
  const service = serviceOf(result.event);
  const out: SeriesImpact[] = [];
  for (let k = 0; k < result.series.length; k++) {
    const impact = result.series[k];
    const s = series[k];
    if (impact.status === 'ok' || impact.incomplete || !s || !ofService(service, s)) {
      continue;
    }
    const n = s.times.length;
    if (n > 0 && s.times[n - 1] >= result.time && lowerBound(s.times, result.time) < options.minBeforeSamples) {
      out.push(impact);
    }
  }
  return out;
}

/** How the reason naming series that appeared with the change begins (see withUnjudged). */
export const NOT_EVERY_SERIES = 'not every series could be judged';

/**
 * A before/after result that some series could not be judged on (see appearedWith): their
 * names are kept in the reasons, and a verdict that says nothing is wrong (healthy, or watch
 * with nothing moved while data arrives) becomes insufficient_data, so the gate fails closed
 * rather than passing on the series it could read. A harm found on the others stands.
 */
export function withUnjudged(result: EventImpact, appeared: readonly SeriesImpact[]): EventImpact {
  if (appeared.length === 0 || (result.comparison !== undefined && result.comparison !== Comparison.BeforeAfter)) {
    return result;
  }
  const names = appeared.map((s) => s.name).join(', ');
  const what = `${appeared.length === 1 ? `${names} has` : `${appeared.length} series have (${names})`} data since the event but too little before it to compare`;
  const clear = result.verdict === Verdict.Healthy || (result.verdict === Verdict.Watch && result.moved.length === 0);
  if (!clear) {
    return { ...result, reasons: [...result.reasons, `not judged: ${what}`] };
  }
  const fix = 'a series that appears with a change has no baseline: sum it with the others (e.g. sum without (code)) or make absence count as zero (… or vector(0))';
  return { ...result, verdict: Verdict.InsufficientData, reasons: [`${NOT_EVERY_SERIES}: ${what}; ${fix}`, ...result.reasons] };
}
