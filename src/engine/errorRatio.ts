import { lowerBound, medianStep, PreparedSeries, prepareSeries, rangeMean } from './prepareSeries';
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

/** Whether two series' service and version agree wherever both have one. */
function compatible(a: SeriesInput, b: SeriesInput): boolean {
  const agree = (x: string | undefined, y: string | undefined) => !x || !y || x === y;
  return agree(a.service, b.service) && agree(a.version, b.version);
}

/**
 * Gives each error series its request series: the one with the same service (read from the
 * `service`, `app` or `job` label by the caller) and version; with one request series and no
 * label to tell, that one. Several request series with an error series' key (requests split by
 * a label the errors are summed over: instance, code) are summed for it. When several error
 * series share that key too, which requests go with which errors cannot be told: they stay
 * counts, as do error series without a match, and a note says so. O(e + r) series, O(points)
 * for a sum.
 *
 * @example
 * pairTotals([{ id: 'e', service: 'checkout', times, values }], [{ id: 'r', service: 'checkout', times, values: requests }])
 * // { series: [{ id: 'e', ..., total: { times, values: requests } }], notes: [] }
 */
export function pairTotals(errors: readonly SeriesInput[], totals: readonly SeriesInput[]): PairedTotals {
  if (totals.length === 0) {
    return { series: [...errors], notes: [], ambiguous: [] };
  }
  const byKey = new Map<string, SeriesInput[]>();
  for (const total of totals) {
    const key = pairKey(total);
    const same = byKey.get(key);
    if (same) {
      same.push(total);
    } else {
      byKey.set(key, [total]);
    }
  }
  const errorsOfKey = new Map<string, number>();
  for (const input of errors) {
    const key = pairKey(input);
    errorsOfKey.set(key, (errorsOfKey.get(key) ?? 0) + 1);
  }
  const notes: string[] = [];
  const ambiguous: string[] = [];
  const series = errors.map((input) => {
    const key = pairKey(input);
    // One of each pairs where a label is missing to tell them apart, never against a label that differs.
    const matches = byKey.get(key) ?? (totals.length === 1 && errors.length === 1 && compatible(input, totals[0]) ? [totals[0]] : []);
    const name = input.name ?? input.id;
    if (matches.length === 0) {
      notes.push(`no requests series with the same service and version as ${name}: judged as a count`);
      return input;
    }
    if (matches.length > 1 && (errorsOfKey.get(key) ?? 0) > 1) {
      ambiguous.push(input.id);
      notes.push(
        `${matches.length} requests series and ${errorsOfKey.get(key)} error series share the service and version of ${name}, so which requests go with which errors cannot be told: judged as a count; sum both queries by the same labels`
      );
      return input;
    }
    return { ...input, total: matches.length === 1 ? { times: matches[0].times, values: matches[0].values } : summed(matches) };
  });
  return { series, notes, ambiguous };
}

/** pairTotals' answer: the error series, with their requests where found, and why some have none. */
export interface PairedTotals {
  series: SeriesInput[];
  /** One sentence per error series left as counts. */
  notes: string[];
  /** Ids of the error series left as counts because several request and error series share their key. */
  ambiguous: string[];
}

/**
 * Request series summed at each time. A series adds nothing where it has no sample (an
 * instance not serving yet, or no longer; a status code with no traffic), except across a
 * missed scrape: one or two samples missing between two it has. Such a time has no sum, since
 * the others alone would understate the requests there.
 */
function summed(parts: readonly SeriesInput[]): { times: number[]; values: number[] } {
  const at = new Map<number, number>();
  const missed: Array<[number, number]> = [];
  for (const part of parts) {
    const present: number[] = [];
    for (let i = 0; i < part.times.length; i++) {
      const v = part.values[i];
      if (typeof v === 'number' && Number.isFinite(v)) {
        at.set(part.times[i], (at.get(part.times[i]) ?? 0) + v);
        present.push(part.times[i]);
      }
    }
    // The step of the listed times: a NaN sample is listed too, a missed scrape is not.
    missed.push(...missedScrapes(present, medianStep(Float64Array.from(part.times))));
  }
  const times = Array.from(at.keys())
    .filter((t) => !missed.some(([from, to]) => from < t && t < to))
    .sort((x, y) => x - y);
  return { times, values: times.map((t) => at.get(t)!) };
}

/** The gaps of one or two samples between present times (ascending), at the series' step. */
function missedScrapes(present: readonly number[], step: number): Array<[number, number]> {
  const gaps: Array<[number, number]> = [];
  for (let i = 1; i < present.length && step > 0; i++) {
    const gap = present[i] - present[i - 1];
    if (gap > 1.5 * step && gap < 3.5 * step) {
      gaps.push([present[i - 1], present[i]]);
    }
  }
  return gaps;
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
