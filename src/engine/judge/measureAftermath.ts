import { isRatioSeries, spikeInErrors } from '../errorRatio';
import { lowerBound, PreparedSeries, rangeMean } from '../prepareSeries';
import { spikeSize } from '../spikeSize';
import { mean, rangeMedian } from '../stats/robust';
import { Direction, ImpactOptions } from '../types';
import { harmOf } from './harm';
import { Aftermath, Classification, Recovery, ScoreSeriesInput, Windows, WindowStats } from './types';

/** Buckets in the rolling median that decides whether the series is back to baseline. */
const RECOVERY_RUN = 5;

/** Buckets after a recovery whose mean must stay back before the series counts as recovered. */
const RECOVERY_HOLD = 10;

/** Buckets of the hold that must have been read at the end of the data: one alone could be a dip. */
const MIN_HOLD_READ = 2;

/** Back to baseline: within this many robust standard deviations of the baseline median. */
const RECOVERY_BAND = 2;

/** Still there: the last third of the impact window sits this many robust SDs from baseline. */
const PERSIST_SIZE = 2;

/**
 * Still there also means the last third keeps this share of the largest excess in the window:
 * a one-hour spike on hourly data followed by a slight drift has recovered, a step has not.
 */
const PERSIST_SHARE = 0.25;

/** Buckets in the rolling median the change's peak is read from: one burst among three is not the peak. */
const PEAK_RUN = 3;

/** Rising: the last third is this many robust SDs further than the first (less is noise between thirds). */
const RISE_SIZE = 1;

/** Thirds of fewer than two buckets each cannot show a trend. */
const MIN_RISE_BUCKETS = 6;

/** The trend of a change that is not harmful: never read. */
const NO_TREND = { persistent: false, rising: false };

/** Aftermath: a harmful change is summed to its recovery or to the end of what was read; anything else over the impact window. */
export function measureAftermath({ series, time, options }: ScoreSeriesInput, windows: Windows, stats: WindowStats, change: Classification): Aftermath {
  const { times } = series;
  const { harmful } = change;
  // Only a harmful change's trend is reported (see scoreImpact): most events skip the thirds' medians.
  const trend = harmful ? shape(stats.after, stats.baseMedian, stats.scale, options.direction) : NO_TREND;
  const recovery = harmful ? findRecovery(series, windows.event, time, options, stats.baseMedian, stats.scale) : null;
  const endRead = recovery?.lastRead ?? windows.lastAllowed;
  const end = harmful ? (recovery?.recoveredAt != null ? lowerBound(times, recovery.recoveredAt) : lowerBound(times, endRead) + 1) : windows.aEnd;
  const onRatio = spikeSize({ series, event: windows.event, end, baseline: stats.baseMedian, baselineMean: stats.baseMean, nonNegative: stats.nonNegative, time, options });
  // An error ratio made from counts says its excess in errors, as the counts would.
  const spike = isRatioSeries(series) ? spikeInErrors(series, onRatio, windows.event, end, stats.baseMedian, time, options) : onRatio;
  return { trend, recovery, endRead, spike };
}

/** Whether the change is still there at the end of the window and whether it keeps growing. */
function shape(after: Float64Array, baseMedian: number, scale: number, direction: Direction) {
  const n = after.length;
  const third = Math.max(1, Math.floor(n / 3));
  // The thirds are read in place (no views): this runs for every event.
  const lastHarm = harmOf((rangeMedian(after, Math.max(0, n - third), n) - baseMedian) / scale, direction);
  const firstHarm = harmOf((rangeMedian(after, 0, Math.min(n, third)) - baseMedian) / scale, direction);
  // The peak is a rolling median of PEAK_RUN buckets (fewer when the thirds are shorter): one
  // burst on top of a step is not the change's peak, and must not make a step that stays look
  // like one that passed, while a spike of two buckets or more still is one. With thirds of one
  // bucket (short windows) it is the highest or lowest bucket.
  const run = Math.min(third, PEAK_RUN);
  let high = -Infinity;
  let low = Infinity;
  for (let i = 0; i + run <= n; i++) {
    const m = rangeMedian(after, i, i + run);
    high = Math.max(high, m);
    low = Math.min(low, m);
  }
  const peakHarm = n === 0 ? 0 : Math.max(0, harmOf((high - baseMedian) / scale, direction), harmOf((low - baseMedian) / scale, direction));
  return {
    // Still there: the end keeps a share of the peak, not merely a drift beyond a tight baseline.
    persistent: lastHarm >= PERSIST_SIZE && lastHarm >= PERSIST_SHARE * peakHarm,
    rising: n >= MIN_RISE_BUCKETS && lastHarm >= PERSIST_SIZE && lastHarm > firstHarm + RISE_SIZE && mean(after.subarray(n - third)) !== mean(after.subarray(0, third)),
  };
}

/**
 * When the series came back within the baseline band: the first bucket from which the
 * rolling median of RECOVERY_RUN buckets, and the median of everything read after it, are
 * both back inside the band (so a noisy dip is not a recovery). Recovery is looked for past
 * a cut at the next event (that event may be the fix) up to the recovery horizon, or only
 * inside the impact window when strict. O(m²) in the m ≤ 4·maxWindowSamples buckets read,
 * and only for harmful changes.
 */
export function findRecovery(
  series: PreparedSeries,
  event: number,
  time: number,
  options: ImpactOptions,
  baseMedian: number,
  scale: number
): Recovery {
  const horizon = options.strictAfter ? time + options.afterMs : time + Math.max(options.afterMs, options.recoveryHorizonMs);
  const end = lowerBound(series.times, horizon);
  const bucket = Math.max(1, Math.ceil((end - event) / (4 * options.maxWindowSamples)));
  // Bucket k starts at event + k·bucket. Typed arrays read in place: no copy per rolling median.
  const count = end > event ? Math.ceil((end - event) / bucket) : 0;
  const harms = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const a = event + k * bucket;
    harms[k] = harmOf((rangeMean(series, a, Math.min(end, a + bucket)) - baseMedian) / scale, options.direction);
  }
  const lastRead = series.times[Math.max(event, end - 1)];
  const resolutionMs = RECOVERY_RUN * bucket * series.step;
  const rolling = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    rolling[i] = rangeMedian(harms, Math.max(0, i - RECOVERY_RUN + 1), i + 1);
  }
  let peakIndex = 0;
  for (let i = 1; i < count; i++) {
    if (rolling[i] > rolling[peakIndex]) {
      peakIndex = i;
    }
  }
  // Back means below half the level seen in the impact window as well as inside the band.
  const impactBuckets = harms.subarray(0, Math.max(1, Math.ceil((lowerBound(series.times, time + options.afterMs) - event) / bucket)));
  const level = Math.min(RECOVERY_BAND, Math.max(0, mean(impactBuckets)) / 2);
  for (let i = peakIndex + 1; i < count; i++) {
    // The mean of the next RECOVERY_HOLD buckets must be back too: averaging keeps a noisy
    // dip in low counts from passing for a recovery.
    const held = Math.min(count, i + RECOVERY_HOLD) - i;
    if (rolling[i] <= level && held >= Math.min(RECOVERY_HOLD, MIN_HOLD_READ) && mean(harms.subarray(i, i + held)) <= level) {
      return { recoveredAt: series.times[event + Math.max(0, i - (RECOVERY_RUN >> 1)) * bucket], lastRead, resolutionMs };
    }
  }
  return { recoveredAt: null, lastRead, resolutionMs };
}
