import { lowerBound, PreparedSeries } from './prepareSeries';
import { median } from './stats/robust';
import { SeriesImpact } from './types';

/**
 * Two changes closer than an impact window share one: a shift seen after the later one may
 * have begun after the earlier. The samples between them tell which: when they had already
 * moved at least half as far as the shared window did, the shift began before the later
 * change. Fewer than this many samples between the two say nothing either way.
 */
const BETWEEN_SAMPLES = 2;
const BEGUN_SHARE = 0.5;

/** The median of the series' samples in [from, to); null with fewer than BETWEEN_SAMPLES. */
function medianBetween(series: PreparedSeries, from: number, to: number): number | null {
  const start = lowerBound(series.times, from);
  const end = lowerBound(series.times, to);
  if (end - start < BETWEEN_SAMPLES) {
    return null;
  }
  return median(series.values.subarray(start, end));
}

/**
 * Whether the impact's shift (from its baseline median to its impact median) had already
 * gone at least half its way in the samples of [from, to): the time between two changes.
 */
export function begunBetween(series: PreparedSeries, impact: SeriesImpact, from: number, to: number): boolean {
  if (impact.status !== 'ok' || !impact.baseline || !impact.impact) {
    return false;
  }
  const shift = impact.impact.median - impact.baseline.median;
  const between = medianBetween(series, from, to);
  return shift !== 0 && between !== null && (between - impact.baseline.median) / shift >= BEGUN_SHARE;
}
