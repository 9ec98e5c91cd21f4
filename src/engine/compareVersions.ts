import { probit } from 'simple-statistics';

import { isRatioSeries, RatioSeries } from './errorRatio';
import { ofService, serviceOf } from './eventService';
import { STOPPED_STEPS } from './judge/prepareWindows';
import { lowerBound, PreparedSeries } from './prepareSeries';
import { sortedMannWhitney } from './stats/mannWhitney';
import { median, sortedMedian } from './stats/robust';
import { Direction, EngineEvent, ImpactOptions, VersionComparison } from './types';

/** Samples per side at most: bounds the m·n pairwise differences of the shift's interval. */
const MAX_SIDE = 120;
/**
 * The other versions served fewer than this share of the new version's sampled minutes since
 * the deploy: they stopped serving, and the versions are not compared over the same minutes.
 */
const CUTOVER_SHARE = 0.5;

/**
 * What compareVersions found: a comparison, or why there could be none (null: nothing to
 * compare); `cutover` when both sides exist but the other versions have too few samples
 * since the deploy: the old version stopped serving, or the new one took all traffic;
 * `pending` when both are serving and their samples are on the way: the reason meanwhile.
 */
export type VersionsOutcome = { comparison: VersionComparison } | { reason: string; cutover?: boolean; pending?: string } | null;

/**
 * The new version's series against the other versions of the same service over the same
 * minutes (the impact window): the canary judgement of Kayenta, Argo Rollouts and Flagger, so
 * a rise that every version shares (a broken dependency, a traffic surge) is not blamed on the
 * deploy. On error ratios where series have totals: at each time, the other versions' errors
 * summed over their requests summed, so a 5% canary is judged on its own ratio and not drowned
 * by the 95%. A Mann-Whitney test with the Hodges-Lehmann shift (median of the pairwise
 * differences) and its distribution-free confidence interval; the new version is worse when
 * the interval lies beyond `versionTolerance` of the others' level in the harmful direction.
 * Null when the event has no version or no series carries one; a reason when one side has
 * fewer than minAfterSamples samples. Reads nothing at or after `cutAt`, the next change.
 * O(m·n log(m·n)) for m, n ≤ 120 samples per side.
 *
 * @example
 * compareVersions(series, { time: deployAt, version: 'v2', service: 'checkout' }, options)
 * // { comparison: { version: 'v2', others: ['v1'], ratio: 3.1, worse: true, ... } }
 */
export function compareVersions(series: readonly PreparedSeries[], event: EngineEvent, options: ImpactOptions, cutAt = Infinity): VersionsOutcome {
  const sides = versionSides(series, event);
  if (sides === null || 'reason' in sides) {
    return sides;
  }
  const { version, service, mine, others } = sides;
  const from = event.time;
  // Never past the next change: what follows it is that change's doing.
  const to = Math.min(event.time + options.afterMs, cutAt);
  const newSide = pooledWindow(mine, from, to);
  const otherSide = pooledWindow(others, from, to);
  const min = options.minAfterSamples;
  const mineCount = newSide.values.length;
  const theirs = otherSide.values.length;
  // Samples count minutes served, not traffic: others with far fewer minutes than the new
  // version since the deploy stopped serving (a cutover), whatever share of traffic they had.
  if (isCutover(mineCount, theirs)) {
    return { reason: `version against version not possible: the other versions stopped serving (${theirs} samples since the deploy against ${mineCount} of ${version})`, cutover: true };
  }
  if (mineCount < min || theirs < min) {
    const counts = `${mineCount} samples of ${version} and ${theirs} of the other versions since the deploy; at least ${min} each are needed`;
    const reason = `version against version not possible: ${counts}`;
    if (servingAlike(mine, others, from, to, min)) {
      // Both still serving, the samples on their way: the comparison is pending (see judgeVersions).
      return { reason, pending: `version against version not possible yet: ${counts}` };
    }
    // The others stopped serving (a cutover) when they have too few samples; a new version with
    // too few has merely not started, or is not serving: before/after judges.
    return { reason, cutover: theirs < min };
  }
  return { comparison: judge(newSide, otherSide, { version, service, others: distinct(others), errorRatio: mine.every(isRatioSeries) && others.every(isRatioSeries), options, windowMs: to - from }) };
}

/**
 * Both sides are serving and the comparison will soon have its samples: each side served since
 * the deploy, its latest sample within STOPPED_STEPS steps of the other's (a lag of a scrape is
 * not a stop), and fewer than twice minAfterSamples steps have passed since the deploy. A new
 * version that is not serving, or samples that never come, do not keep it pending.
 */
function servingAlike(mine: readonly PreparedSeries[], others: readonly PreparedSeries[], from: number, to: number, min: number): boolean {
  const a = lastServed(mine, from, to);
  const b = lastServed(others, from, to);
  const step = Math.max(0, ...mine.map((s) => s.step), ...others.map((s) => s.step));
  return step > 0 && a >= from && b >= from && Math.abs(a - b) <= STOPPED_STEPS * step && Math.max(a, b) - from < 2 * min * step;
}

/** The latest sample time of a side's series in [from, to); −Infinity when none has one. */
function lastServed(side: readonly PreparedSeries[], from: number, to: number): number {
  let last = -Infinity;
  for (const s of side) {
    const i = lowerBound(s.times, to) - 1;
    if (i >= 0 && s.times[i] >= from) {
      last = Math.max(last, s.times[i]);
    }
  }
  return last;
}

/** The new version's series and the other versions' of the event's service. */
export interface VersionSides {
  version: string;
  service?: string;
  mine: PreparedSeries[];
  others: PreparedSeries[];
}

/**
 * The series of the event's version and those of the other versions of its service; null when
 * the event has no version or no series carries one, a reason when one side has no series. O(series).
 *
 * @example
 * versionSides(series, { time, version: 'v2', service: 'checkout' }) // { version: 'v2', mine: [v2 errors], others: [v1 errors] }
 */
export function versionSides(series: readonly PreparedSeries[], event: EngineEvent): VersionSides | { reason: string } | null {
  const version = typeof event.version === 'string' ? event.version : '';
  if (!version) {
    // Most events carry no version: nothing to compare, and no list of candidates to build.
    return null;
  }
  const service = serviceOf(event) || undefined;
  const candidates = series.filter((s) => s.version && ofService(serviceOf(event), s));
  if (candidates.length === 0) {
    return null;
  }
  const mine = candidates.filter((s) => s.version === version);
  const others = candidates.filter((s) => s.version !== version);
  if (mine.length === 0 || others.length === 0) {
    const missing = mine.length === 0 ? `no series of version ${version}` : `no other version of ${service ?? 'the service'}`;
    return { reason: `version against version not possible: ${missing} in the data` };
  }
  return { version, service, mine, others };
}

/** The others served far fewer of the minutes since the deploy than the new version: they stopped serving. */
export function isCutover(mineCount: number, theirs: number): boolean {
  return theirs < CUTOVER_SHARE * mineCount && theirs < mineCount;
}

function distinct(series: readonly PreparedSeries[]): string[] {
  return Array.from(new Set(series.map((s) => s.version ?? ''))).sort();
}

/** One side pooled at each time: its value, and with error ratios the requests it served then (else null). */
export interface PooledSide {
  times: Float64Array;
  values: Float64Array;
  requests: Float64Array | null;
}

/**
 * One side's values at each time in [from, to): with every series a ratio with its counts,
 * errors summed over requests summed (the side's own error ratio), with those requests;
 * otherwise the mean of the series that have a sample then. Times where the side served no
 * requests are left out. O(n log n) over the side's samples in the range.
 *
 * @example
 * pooledSide([v1a, v1b], deployAt, deployAt + 30 * 60_000) // { times, values: errors/requests at each time, requests }
 */
export function pooledSide(side: readonly PreparedSeries[], from: number, to: number): PooledSide {
  const ratios = side.every(isRatioSeries);
  const sums = new Map<number, { num: number; den: number }>();
  for (const s of side) {
    const source = ratios ? (s as RatioSeries).errors : s;
    for (let i = lowerBound(source.times, from); i < source.times.length && source.times[i] < to; i++) {
      const t = source.times[i];
      const entry = sums.get(t) ?? { num: 0, den: 0 };
      if (ratios) {
        const total = (s as RatioSeries).total;
        const j = lowerBound(total.times, t);
        if (j < total.times.length && total.times[j] === t) {
          entry.num += source.values[i];
          entry.den += total.values[j];
        }
      } else {
        entry.num += source.values[i];
        entry.den += 1;
      }
      sums.set(t, entry);
    }
  }
  const times = Array.from(sums.keys())
    .filter((t) => sums.get(t)!.den > 0)
    .sort((a, b) => a - b);
  return {
    times: Float64Array.from(times),
    values: Float64Array.from(times, (t) => sums.get(t)!.num / sums.get(t)!.den),
    requests: ratios ? Float64Array.from(times, (t) => sums.get(t)!.den) : null,
  };
}

/** pooledSide's values, at most MAX_SIDE, evenly spread. */
function pooledWindow(side: readonly PreparedSeries[], from: number, to: number): { values: Float64Array } {
  const all = pooledSide(side, from, to).values;
  const stride = Math.max(1, Math.ceil(all.length / MAX_SIDE));
  return { values: all.filter((_, i) => i % stride === 0) };
}

interface JudgeContext {
  version: string;
  service?: string;
  others: string[];
  errorRatio: boolean;
  options: ImpactOptions;
  /** The window compared: the impact window, or less when the next change cut it. */
  windowMs: number;
}

function judge(newSide: { values: Float64Array }, otherSide: { values: Float64Array }, context: JudgeContext): VersionComparison {
  const { options } = context;
  const mine = Float64Array.from(newSide.values).sort();
  const theirs = Float64Array.from(otherSide.values).sort();
  const test = sortedMannWhitney(theirs, theirs.length, mine, mine.length);
  const { shift, low, high } = hodgesLehmann(mine, theirs, options.thresholds.versionConfidence);
  const level = { version: sortedMedian(mine, mine.length), others: sortedMedian(theirs, theirs.length) };
  const mineMean = mean(mine);
  const theirMean = mean(theirs);
  const tolerance = options.thresholds.versionTolerance * Math.abs(level.others);
  const worse =
    options.direction === Direction.Down
      ? high < -tolerance
      : options.direction === Direction.Either
        ? low > tolerance || high < -tolerance
        : low > tolerance;
  return {
    version: context.version,
    others: context.others,
    service: context.service,
    errorRatio: context.errorRatio,
    windowMs: context.windowMs,
    samples: { version: mine.length, others: theirs.length },
    level,
    ratio: theirMean > 0 && Number.isFinite(mineMean / theirMean) ? mineMean / theirMean : null,
    shift,
    low,
    high,
    confidence: options.thresholds.versionConfidence,
    tolerance,
    pValue: Number.isFinite(test.p) ? test.p : 1,
    worse,
  };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) {
    sum += v;
  }
  return values.length ? sum / values.length : 0;
}

/**
 * Hodges-Lehmann shift of `a` over `b` (median of all a_i − b_j) and its distribution-free
 * confidence interval: the k-th smallest and k-th largest differences, k from the normal
 * approximation of U's distribution. O(m·n log(m·n)).
 *
 * @example
 * hodgesLehmann(Float64Array.of(11, 12, 13), Float64Array.of(1, 2, 3), 0.95) // { shift: 10, low: 8, high: 12 }
 */
export function hodgesLehmann(a: Float64Array, b: Float64Array, confidence: number): { shift: number; low: number; high: number } {
  const m = a.length;
  const n = b.length;
  const diffs = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      diffs[i * n + j] = a[i] - b[j];
    }
  }
  diffs.sort();
  const shift = median(diffs);
  // The two-sided normal quantile of the confidence level (1.96 at 0.95).
  const z = probit(1 - (1 - confidence) / 2);
  const k = Math.max(0, Math.floor((m * n) / 2 - z * Math.sqrt((m * n * (m + n + 1)) / 12)));
  return { shift, low: diffs[Math.min(k, diffs.length - 1)], high: diffs[Math.max(0, diffs.length - 1 - k)] };
}
