import { formatNumber } from '../describe';
import { PreparedSeries } from '../prepareSeries';
import { Direction, EventImpact, ImpactOptions, Verdict } from '../types';
import { logNormalMixture } from './normalMixture';
import { calibratedNoise } from './sequentialSeries';
import { SequentialOptions } from './types';

/**
 * The healthy side of the sequential test on one series: the looks after which it ruled out a
 * large harmful change, or null. The null hypothesis is the harm the gate exists to catch: the
 * mean excess over the baseline, in the harmful direction, is at least L, the smaller of the
 * engine's two large thresholds in the series' unit (largeSize short-term noise SDs; for a
 * count-like series with a positive level, largeRatio's excess over the level). Each look's
 * y = (L − excess) / unit, capped above at `clip` and not below, feeds the one-sided
 * normal-mixture e-process; under a harm of L or more each y has mean ≤ 0 and the cap only
 * lowers it (a floor would raise it: an intermittent harm's tall samples would count no more
 * than quiet ones), so the chance that it ever reaches 1/alpha, at any look, is at most alpha
 * (Ville's inequality): a large harm is settled as healthy at most that often however often the
 * gate polls. The unit is the short-term noise widened by the same
 * calibration as the roll_back side, on the other direction's ordinary moves (the ones that
 * make an excess look smaller). It may say so from `minLooks` looks on, and not on a sample
 * earlier than seq.settleAfterMs after the deploy. Null when the series
 * cannot be calibrated (too little history), so it never settles. For Direction.Either both
 * directions must settle. O(n_b + looks + calibration) per direction.
 *
 * @example
 * settledSeries(series, deployAt, options, DEFAULT_SEQUENTIAL_OPTIONS, 4) // 4: a flat series after four looks
 */
export function settledSeries(series: PreparedSeries, time: number, options: ImpactOptions, seq: SequentialOptions, minLooks: number, cutAt?: number): number | null {
  const signs = options.direction === Direction.Either ? [1, -1] : [options.direction === Direction.Down ? -1 : 1];
  const { thresholds } = options;
  const logBound = Math.log(1 / seq.alpha);
  const countLike = series.negatives[series.values.length] === 0;
  let latest = 0;
  for (const sign of signs) {
    const c = calibratedNoise(series, time, options, seq, -sign, cutAt);
    if (!c || c.widening === null) {
      return null;
    }
    const ratioExcess = sign > 0 ? thresholds.largeRatio - 1 : 1 - 1 / thresholds.largeRatio;
    const large = Math.min(thresholds.largeSize * c.noise, countLike && c.level > 0 ? ratioExcess * c.level : Infinity);
    const unit = c.noise * c.widening;
    let sum = 0;
    let at: number | null = null;
    const from = time + seq.settleAfterMs;
    for (let n = 1; n <= c.looks && at === null; n++) {
      const excess = sign * (series.values[c.event + n - 1] - c.level);
      sum += Math.min(seq.clip, (large - excess) / unit);
      if (n >= Math.max(minLooks, seq.minSamples) && series.times[c.event + n - 1] >= from && logNormalMixture(sum, n, seq.mixtureScale) >= logBound) {
        at = n;
      }
    }
    if (at === null) {
      return null;
    }
    latest = Math.max(latest, at);
  }
  return latest;
}

/**
 * The hook after the sequential judgement: with `seq.settle`, sets healthyAfterSamples to the
 * looks after which every series the event was judged on had ruled out a large harmful change
 * (the latest of them), from options.minAfterSamples looks on: the fewest the engine judges a
 * window on, and a rollout that takes a few minutes to reach every instance shows in them.
 * A verdict that waits only for more data ("no harm so far") becomes healthy then, saying so;
 * any other verdict is left as it is. Without `seq.settle` the result is returned unchanged.
 * O(series × settledSeries).
 *
 * @example
 * withSettled(result, series, options, { ...DEFAULT_SEQUENTIAL_OPTIONS, settle: true }) // { ...result, verdict: 'healthy', healthyAfterSamples: 4 }
 */
export function withSettled(result: EventImpact, series: readonly PreparedSeries[], options: ImpactOptions, seq: SequentialOptions, cutAt?: number): EventImpact {
  if (!seq.settle) {
    return result;
  }
  const waiting = result.verdict === Verdict.Watch && result.moved.length === 0 && !result.attribution && result.series.some((s) => s.incomplete);
  const judged = new Set(result.series.filter((s) => s.status === 'ok').map((s) => s.seriesId));
  if ((result.verdict !== Verdict.Healthy && !waiting) || judged.size === 0) {
    return { ...result, healthyAfterSamples: null };
  }
  let latest = 0;
  for (const s of series) {
    if (!judged.has(s.id)) {
      continue;
    }
    const n = settledSeries(s, result.time, options, seq, options.minAfterSamples, cutAt);
    if (n === null) {
      return { ...result, healthyAfterSamples: null };
    }
    latest = Math.max(latest, n);
  }
  if (!waiting) {
    return { ...result, healthyAfterSamples: latest };
  }
  const every = judged.size === result.series.length ? 'every series' : `every series judged (${judged.size} of ${result.series.length})`;
  const why = `settled after ${latest} samples: ${every} ruled out a large harmful change (e-value over ${formatNumber(1 / seq.alpha)} against a harm of the large thresholds; anytime-valid: a large harm settles at any look with chance under ${formatNumber(seq.alpha * 100)}%)`;
  return { ...result, verdict: Verdict.Healthy, healthyAfterSamples: latest, decidedAfterSamples: latest, reasons: [why, ...result.reasons] };
}
