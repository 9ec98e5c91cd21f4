import { isCutover, pooledSide, PooledSide, versionSides } from '../compareVersions';
import { formatNumber, formatShare } from '../describe';
import { lowerBound, PreparedSeries } from '../prepareSeries';
import { median } from '../stats/robust';
import { Direction, EngineEvent, ImpactOptions } from '../types';
import { wholeService } from '../wholeService';
import { logNormalMixture } from './normalMixture';
import { calibratedNoise } from './sequentialSeries';
import { SequentialOptions } from './types';

/** What the sequential version comparison found. */
export interface VersionsDecision {
  version: string;
  others: string[];
  /** Judged on error ratios (errors over requests on each side). */
  errorRatio: boolean;
  /** Aligned samples (times both sides served) after which the test decided roll_back: crossed, and large; null when it did not. */
  decidedAfterSamples: number | null;
  /** Aligned samples after which the e-value first reached 1/alpha, large or not; null when it never did. */
  crossedAfterSamples: number | null;
  /** Aligned samples read. */
  looks: number;
  /** ln of the e-value at the decision, else its largest over the looks. */
  logEvidence: number;
  /** ln(1/alpha) (ln(2/alpha) per side for Direction.Either). */
  logBoundary: number;
  /** The unit of one difference at the others' traffic before the deploy, in the series' unit: √2 × short-term noise × widening. */
  unit: number;
  /** The calibrated widening of the others' short-term noise (≥ 1). */
  widening: number;
  /** Mean of each side over the looks up to the decision (or all looks). */
  level: { version: number; others: number };
  /** Median difference (new − others, harmful direction) over the looks up to the decision (or all), in the others' short-term noise SDs. */
  size: number;
  /** The new version's mean over the others' in the harmful direction (others over new for Direction.Down); null when the divisor is not positive. */
  ratio: number | null;
  /**
   * The new version is still worse at the last look: over the last three aligned samples it keeps
   * half the large threshold (a mean ratio of 1.5 for largeRatio 2). A gap that closes (the
   * others' rate() windows catching up with a rise both share) does not stand as a decision.
   */
  stillThere: boolean;
}

/** Aligned samples whose mean says whether the new version is still worse at the last look. */
const LAST_SAMPLES = 3;
/** Share of the large threshold it must keep then (as the before/after test's). */
const STILL_THERE_SHARE = 0.5;

/** Both sides at the times both served, in time order. */
interface Aligned {
  mine: Float64Array;
  theirs: Float64Array;
  /** Requests at those times (error ratios), else null. */
  mineRequests: Float64Array | null;
  theirRequests: Float64Array | null;
}

function align(a: PooledSide, b: PooledSide): Aligned {
  const at: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.times.length && j < b.times.length; ) {
    if (a.times[i] === b.times[j]) {
      at.push([i++, j++]);
    } else if (a.times[i] < b.times[j]) {
      i++;
    } else {
      j++;
    }
  }
  const pick = (values: Float64Array | null, k: 0 | 1) => (values ? Float64Array.from(at, (p) => values[p[k]]) : null);
  return { mine: pick(a.values, 0)!, theirs: pick(b.values, 1)!, mineRequests: pick(a.requests, 0), theirRequests: pick(b.requests, 1) };
}

/** The others' pooled history and what it says about one difference's noise. */
interface Unit {
  /** The others' baseline median before the deploy. */
  level: number;
  noise: number;
  widening: number;
  /** The others' median requests in the baseline window; null without requests. */
  requests: number | null;
}

function unitOf(history: PreparedSeries, event: EngineEvent, options: ImpactOptions, seq: SequentialOptions, sign: number): Unit | null {
  const calibrated = calibratedNoise(history, event.time, options, seq, sign);
  if (!calibrated || calibrated.widening === null) {
    return null;
  }
  const total = history.total;
  const from = total ? lowerBound(total.times, event.time - options.beforeMs) : 0;
  const to = total ? lowerBound(total.times, event.time) : 0;
  const requests = total && to > from ? median(total.values.slice(from, to)) : null;
  return { level: calibrated.level, noise: calibrated.noise, widening: calibrated.widening, requests: requests !== null && requests > 0 ? requests : null };
}

/**
 * The anytime-valid sequential comparison of a new version with the other versions of its
 * service, one aligned sample at a time: at each time both sides served, the difference
 * (new − others) in the harmful direction, less versionTolerance × the others' value then (the
 * margin the fixed-window comparison allows), in noise units, clipped, feeds the one-sided
 * normal-mixture e-process (see logNormalMixture). It decides roll_back at the first look, from
 * minSamples aligned samples on, where the e-value reaches 1/alpha and the new version's mean
 * is at least largeRatio times the others' (or, when a ratio cannot be formed, its median
 * excess at least largeSize short-term noise SDs), while the others hold their own level (see
 * steady).
 *
 * The noise unit comes from the others' own history before the deploy (the new version has
 * none): their short-term noise, widened by the same calibration on earlier moments as the
 * before/after test (so autocorrelation, e.g. of rate() over overlapping windows, and bursts
 * widen it), times √2 for a difference of two sides that are alike. With error ratios and
 * requests, each side's share of that variance grows as its requests fall below the others'
 * before the deploy (binomial noise; never shrunk below it): a 5% canary is noisier than the
 * 95%, and its unit says so. The requests are read with each look: they carry no information
 * about the error ratio, so the e-process stays a supermartingale given them. The tolerance
 * margin also grows with the others' level, so a rise every version shares (more noise) is
 * met with a wider margin. Scale-free. Cutovers and versions with fewer than minSamples
 * aligned samples give null, as do sides without a calibratable history. Reads nothing at or
 * after `cutAt`, the next change. O(aligned samples + calibration).
 *
 * @example
 * sequentialVersions(series, { time: deployAt, version: 'v2', service: 'orders' }, options, DEFAULT_SEQUENTIAL_OPTIONS)
 * // { decidedAfterSamples: 2, ratio: 2.9, ... }
 */
export function sequentialVersions(series: readonly PreparedSeries[], event: EngineEvent, options: ImpactOptions, seq: SequentialOptions, cutAt = Infinity): VersionsDecision | null {
  const sides = versionSides(series, event);
  if (!sides || 'reason' in sides) {
    return null;
  }
  // Never past the next change: what follows it is that change's doing.
  const to = Math.min(event.time + options.afterMs, cutAt);
  const mine = pooledSide(sides.mine, event.time, to);
  const theirs = pooledSide(sides.others, event.time, to);
  const aligned = align(mine, theirs);
  const signs = options.direction === Direction.Either ? [1, -1] : [options.direction === Direction.Down ? -1 : 1];
  if (isCutover(mine.times.length, theirs.times.length) || aligned.mine.length < seq.minSamples || signs.every((sign) => !canBeLarge(aligned, sign, options))) {
    return null;
  }
  const history = wholeService(sides.others, event);
  if (!history) {
    return null;
  }
  const logBound = Math.log(signs.length / seq.alpha);
  let best: SideDecision | null = null;
  for (const sign of signs) {
    const unit = unitOf(history, event, options, seq, sign);
    const d = unit ? judgeSide(aligned, unit, sign, logBound, options, seq) : null;
    if (d && (!best || (d.decidedAfterSamples ?? Infinity) < (best.decidedAfterSamples ?? Infinity))) {
      best = d;
    }
  }
  if (!best) {
    return null;
  }
  const others = Array.from(new Set(sides.others.map((s) => s.version ?? ''))).sort();
  return { ...best, version: sides.version, others, errorRatio: aligned.mineRequests !== null && aligned.theirRequests !== null };
}

/**
 * False when no look can be large by ratio: with the others positive and the new version not
 * negative, a mean ratio never exceeds the largest ratio of one aligned pair. The usual case (a
 * healthy canary), kept cheap: the others' history and its calibration are then not needed.
 * True when a ratio cannot be formed.
 */
function canBeLarge(aligned: Aligned, sign: number, options: ImpactOptions): boolean {
  let most = 0;
  for (let k = 0; k < aligned.mine.length; k++) {
    const [a, b] = sign > 0 ? [aligned.mine[k], aligned.theirs[k]] : [aligned.theirs[k], aligned.mine[k]];
    if (!(a >= 0 && b > 0)) {
      return true;
    }
    most = Math.max(most, a / b);
  }
  return most >= options.thresholds.largeRatio;
}

/**
 * The others hold the level they had before the deploy (under smallRatio of it, and under
 * smallSize calibrated noise units from it, in the harmful direction). When they moved as well
 * (a shared dependency broke), the sides' samples need not cover the same minutes: a rate over
 * the last five minutes of a version that started at the deploy holds only new minutes, the
 * others' still hold old ones, and the gap is the windows', not the versions'. Then the
 * fixed-window comparison judges, later.
 */
function steady(others: number, unit: Unit, sign: number, thresholds: ImpactOptions['thresholds']): boolean {
  const excess = sign * (others - unit.level);
  const ratio = unit.level > 0 && others >= 0 ? (sign > 0 ? others / unit.level : unit.level / Math.max(others, Number.MIN_VALUE)) : null;
  // In calibrated units: the short-term noise of overlapping windows understates how far one sample strays.
  return excess < thresholds.smallSize * unit.noise * unit.widening && (ratio === null || ratio < thresholds.smallRatio);
}

type SideDecision = Omit<VersionsDecision, 'version' | 'others' | 'errorRatio'>;

function judgeSide(aligned: Aligned, unit: Unit, sign: number, logBound: number, options: ImpactOptions, seq: SequentialOptions): SideDecision {
  const { mine, theirs, mineRequests, theirRequests } = aligned;
  const { thresholds } = options;
  const base = unit.noise * unit.widening;
  // Variance share of one side at a look: 1 at the others' traffic before the deploy, more with fewer requests.
  const share = (requests: Float64Array | null, k: number) => (requests && unit.requests !== null && requests[k] > 0 ? Math.max(1, unit.requests / requests[k]) : 1);
  const summary = (from: number, to: number, share = 1) => {
    let a = 0;
    let b = 0;
    for (let k = from; k < to; k++) {
      a += mine[k];
      b += theirs[k];
    }
    const level = { version: a / (to - from), others: b / (to - from) };
    const harm = sign > 0 ? level : { version: level.others, others: level.version };
    const ratio = harm.version >= 0 && harm.others > 0 ? harm.version / harm.others : null;
    const excess = median(Float64Array.from(mine.subarray(from, to), (v, k) => sign * (v - theirs[from + k])));
    const size = excess / unit.noise;
    return { level, ratio, size, large: ratio !== null ? ratio - 1 >= share * (thresholds.largeRatio - 1) : size >= share * thresholds.largeSize };
  };
  const last = mine.length;
  const stillThere = summary(Math.max(0, last - LAST_SAMPLES), last, STILL_THERE_SHARE).large;
  let sum = 0;
  let most = -Infinity;
  let crossed: number | null = null;
  for (let n = 1; n <= mine.length; n++) {
    const k = n - 1;
    const scale = base * Math.sqrt(share(mineRequests, k) + share(theirRequests, k));
    const y = (sign * (mine[k] - theirs[k]) - thresholds.versionTolerance * Math.abs(theirs[k])) / scale;
    sum += Math.max(-seq.clip, Math.min(seq.clip, y));
    const log = logNormalMixture(sum, n, seq.mixtureScale);
    most = Math.max(most, log);
    if (n >= seq.minSamples && log >= logBound) {
      crossed ??= n;
      const s = summary(0, n);
      if (s.large && steady(theirs[k], unit, sign, thresholds)) {
        return { decidedAfterSamples: n, crossedAfterSamples: crossed, looks: mine.length, logEvidence: log, logBoundary: logBound, unit: base * Math.SQRT2, widening: unit.widening, level: s.level, ratio: s.ratio, size: s.size, stillThere };
      }
    }
  }
  const s = summary(0, last);
  return { decidedAfterSamples: null, crossedAfterSamples: crossed, looks: last, logEvidence: most, logBoundary: logBound, unit: base * Math.SQRT2, widening: unit.widening, level: s.level, ratio: s.ratio, size: s.size, stillThere };
}

/**
 * "decided after 2 samples: v2 against v1 at each time both served, 2.9x (error ratio 3.1% vs
 * 1.07%); e-value over 1,000 (anytime-valid sequential comparison: an equally good new version
 * reaches it at any look with chance under 0.1%)"; when it has not decided, where it stands.
 */
export function describeSequentialVersions(d: VersionsDecision, seq: SequentialOptions): string {
  const value = (v: number) => (d.errorRatio ? formatShare(v) : formatNumber(v));
  const ratio = d.ratio !== null ? `${formatNumber(d.ratio)}x ` : '';
  const what = `${d.version} against ${d.others.join(', ')} at each time both served, ${ratio}(${d.errorRatio ? 'error ratio ' : ''}${value(d.level.version)} vs ${value(d.level.others)})`;
  const evidence = d.logEvidence > 690 ? 'far over' : `${formatNumber(Math.exp(d.logEvidence))}, ${d.decidedAfterSamples !== null ? 'over' : 'under'}`;
  const test = `anytime-valid sequential comparison: an equally good new version reaches it at any look with chance under ${formatNumber(seq.alpha * 100)}%`;
  const head = d.decidedAfterSamples !== null ? `decided after ${d.decidedAfterSamples} samples` : `sequential comparison after ${d.looks} samples, not decided`;
  return `${head}: ${what}; e-value ${evidence} ${formatNumber(Math.exp(d.logBoundary))} (${test})`;
}
