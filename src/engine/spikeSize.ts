import { lowerBound, PreparedSeries } from './prepareSeries';
import { Direction, ImpactOptions, SpikeSize } from './types';

export interface SpikeSizeInput {
  series: PreparedSeries;
  /** Index of the first sample at or after the event. */
  event: number;
  /** Index after the last sample of the impact: the recovery, or the end of what was read. */
  end: number;
  /** The baseline's typical level (its median): the excess is measured from here. */
  baseline: number;
  /** The baseline's mean, for the peak ratio; the ratio is null unless it is positive. */
  baselineMean: number;
  /** True when no value of the windows read is negative (a count or a rate). */
  nonNegative: boolean;
  time: number;
  options: ImpactOptions;
}

/**
 * How big the spike was, in the series' own unit: its peak against the baseline, the area
 * between the series and its baseline median over the impact (for a count per scrape
 * interval, the extra count: "about 1,240 extra errors"), how long that was, and, given an
 * SLO and an error ratio or a total series, the share of the error budget it burned. Signed
 * by the configured direction (Down: a shortfall counts). O(m) for the m samples of the
 * impact. An empty impact gives zeros and null ratios.
 *
 * @example
 * spikeSize({ series, event, end, baseline: 20, baselineMean: 21, nonNegative: true, time, options })
 * // { peak: 95, peakRatio: 4.5, excess: 1240, excessMs: 1_500_000, budgetBurned: null }
 */
export function spikeSize({ series, event, end, baseline, baselineMean, nonNegative, time, options }: SpikeSizeInput): SpikeSize {
  const { values, times } = series;
  const down = options.direction === Direction.Down;
  let peak = event < end ? values[event] : baseline;
  let sum = 0;
  for (let i = event; i < end; i++) {
    const v = values[i];
    sum += v;
    if (down ? v < peak : options.direction === Direction.Either ? Math.abs(v - baseline) > Math.abs(peak - baseline) : v > peak) {
      peak = v;
    }
  }
  const count = Math.max(0, end - event);
  const signed = sum - count * baseline;
  const excess = options.direction === Direction.Down ? -signed : options.direction === Direction.Either ? Math.abs(signed) : signed;
  const excessMs = count > 0 ? Math.max(series.step, times[end - 1] - time + series.step) : 0;
  const peakRatio = nonNegative && baselineMean > 0 && count > 0 ? peak / baselineMean : null;
  return { peak, peakRatio, excess, excessMs, budgetBurned: budgetBurned(series, excess, time, options) };
}

/**
 * Share of the error budget that `excess` used: the budget is (1 − target) of the window's
 * traffic. For an error ratio the traffic is the window itself; with a total series (both
 * series in the same unit: both rates, or both counts per the same interval) it is the
 * total's mean over the history before the event, times the window. Null without an SLO, or
 * without a ratio or a total with data before the event.
 */
export function budgetBurned(series: PreparedSeries, excess: number, time: number, options: ImpactOptions): number | null {
  const slo = options.slo;
  if (!slo || !(slo.target > 0 && slo.target < 1) || !(slo.windowMs > 0) || !(series.step > 0)) {
    return null;
  }
  let traffic = 1;
  if (!series.errorRatio) {
    const total = series.total;
    if (!total) {
      return null;
    }
    const from = lowerBound(total.times, time - Math.min(slo.windowMs, options.historyMs));
    const to = lowerBound(total.times, time);
    if (to <= from) {
      return null;
    }
    traffic = (total.prefix[to] - total.prefix[from]) / (to - from);
    if (!(traffic > 0)) {
      return null;
    }
  }
  const share = (excess * series.step) / ((1 - slo.target) * traffic * slo.windowMs);
  return Number.isFinite(share) ? share : null;
}
