import { lowerBound, PreparedSeries, prepareSeries, rangeMean } from './prepareSeries';
import { budgetBurned } from './spikeSize';
import { roundRatio } from './stats/roundRatio';
import { ImpactOptions, SeriesInput, SpikeSize } from './types';

/** A series judged as errors / requests, with the two series it was made from. */
export interface RatioSeries extends PreparedSeries {
  /** The error counts as given. */
  errors: PreparedSeries;
  /** The request counts as given (also kept as `total`). */
  total: PreparedSeries;
}

/** Whether a prepared series is an error ratio made from its counts (it has both to describe traffic). */
export function isRatioSeries(series: PreparedSeries): series is RatioSeries {
  return series.errorRatio && (series as Partial<RatioSeries>).errors !== undefined && series.total !== undefined;
}

/** Whether an input is to be judged as a ratio: it has a total and is not a ratio already. */
export function judgesRatio(input: SeriesInput): boolean {
  return Boolean(input.total) && !input.errorRatio;
}

/**
 * The error ratio of a series with its total: at each error sample, errors / requests at the
 * same time (the total's sample within half its step); a time with no requests or no request
 * sample has no ratio and is dropped. Both series in the same unit (both rates, or both counts
 * per the same interval), as Prometheus gives them. O(n log m).
 *
 * @example
 * prepareErrorRatio({ id: 'e', times: [0, 60000], values: [2, 4], total: { times: [0, 60000], values: [100, 100] } })
 * // values 0.02, 0.04; errorRatio true
 */
export function prepareErrorRatio(input: SeriesInput & { total: NonNullable<SeriesInput['total']> }): RatioSeries {
  const errors = prepareSeries({ ...input, total: undefined, errorRatio: false });
  const total = prepareSeries({ id: `${input.id} requests`, name: `${errors.name} requests`, times: input.total.times, values: input.total.values });
  const times: number[] = [];
  const values: number[] = [];
  const reach = Math.max(total.step, 1) / 2;
  for (let i = 0; i < errors.times.length; i++) {
    const t = errors.times[i];
    const j = nearest(total.times, t);
    if (j >= 0 && Math.abs(total.times[j] - t) <= reach && total.values[j] > 0) {
      times.push(t);
      values.push(roundRatio(errors.values[i] / total.values[j]));
    }
  }
  const ratio = prepareSeries({ id: input.id, name: `${errors.name} error ratio`, service: input.service, version: input.version, times, values, errorRatio: true });
  return { ...ratio, errors, total };
}

/** Index of the sample nearest t in ascending times, −1 when empty. */
function nearest(times: Float64Array, t: number): number {
  const i = lowerBound(times, t);
  if (i >= times.length) {
    return times.length - 1;
  }
  return i > 0 && t - times[i - 1] < times[i] - t ? i - 1 : i;
}

/** How errors and requests changed between the baseline and the impact window (after / before means). */
export interface TrafficChange {
  errors: number | null;
  requests: number | null;
}

/**
 * Errors and requests over [from, to] of each window, as after / before ratios of their means:
 * says whether errors rose with traffic. Null ratios where the baseline mean is not positive.
 */
export function trafficChange(series: RatioSeries, baseline: { from: number; to: number }, impact: { from: number; to: number }): TrafficChange {
  return {
    errors: meanRatio(series.errors, baseline, impact),
    requests: meanRatio(series.total, baseline, impact),
  };
}

function meanRatio(series: PreparedSeries, baseline: { from: number; to: number }, impact: { from: number; to: number }): number | null {
  const before = rangeMean(series, lowerBound(series.times, baseline.from), lowerBound(series.times, baseline.to + 1));
  const after = rangeMean(series, lowerBound(series.times, impact.from), lowerBound(series.times, impact.to + 1));
  return before > 0 && Number.isFinite(after / before) ? after / before : null;
}

/** The key errors and requests are paired on: service (or app, job) and version. */
function pairKey(input: SeriesInput): string {
  return JSON.stringify([input.service ?? '', input.version ?? '']);
}

/**
 * Gives each error series its request series: the one with the same service (read from the
 * `service`, `app` or `job` label by the caller) and version; with one request series and no
 * label to tell, that one. Error series without a match stay counts, and a note says so.
 * O(e + r).
 *
 * @example
 * pairTotals([{ id: 'e', service: 'checkout', times, values }], [{ id: 'r', service: 'checkout', times, values: requests }])
 * // { series: [{ id: 'e', ..., total: { times, values: requests } }], notes: [] }
 */
export function pairTotals(errors: readonly SeriesInput[], totals: readonly SeriesInput[]): { series: SeriesInput[]; notes: string[] } {
  if (totals.length === 0) {
    return { series: [...errors], notes: [] };
  }
  const byKey = new Map<string, SeriesInput>();
  for (const total of totals) {
    byKey.set(pairKey(total), total);
  }
  const notes: string[] = [];
  const series = errors.map((input) => {
    const total = byKey.get(pairKey(input)) ?? (totals.length === 1 && errors.length === 1 ? totals[0] : undefined);
    if (!total) {
      notes.push(`no requests series with the same service and version as ${input.name ?? input.id}: judged as a count`);
      return input;
    }
    return { ...input, total: { times: total.times, values: total.values } };
  });
  return { series, notes };
}

/**
 * A ratio series' spike in counts: the extra errors (Σ (ratio − baseline ratio) × requests over
 * samples [event, end)) and the budget they burned against the requests, where the spike
 * summed on the ratio itself would be in ratio units. O(k log m).
 */
export function spikeInErrors(series: RatioSeries, spike: SpikeSize, event: number, end: number, baselineRatio: number, time: number, options: ImpactOptions): SpikeSize {
  const total = series.total;
  let extra = 0;
  for (let i = event; i < end; i++) {
    const j = nearest(total.times, series.times[i]);
    if (j >= 0) {
      extra += (series.values[i] - baselineRatio) * total.values[j];
    }
  }
  const excess = options.direction === 'down' ? -extra : options.direction === 'either' ? Math.abs(extra) : extra;
  return { ...spike, excess, budgetBurned: budgetBurned({ ...series, errorRatio: false }, excess, time, options) };
}
