import { compareVersions } from './compareVersions';
import { sequentialOptions } from './defaults';
import { isRatioSeries } from './errorRatio';
import { holdUntilComplete } from './holdUntilComplete';
import { harmRatioOf } from './judge/harm';
import { formatDuration, formatNumber, formatP, formatShare } from './describe';
import { PreparedSeries } from './prepareSeries';
import { severityOf } from './severity';
import { seriesScore } from './scoreSeries';
import { SequentialOptions } from './sequential/types';
import { describeSequentialVersions, sequentialVersions, VersionsDecision } from './sequential/sequentialVersions';
import { Comparison, EventImpact, ImpactOptions, VersionComparison, Verdict } from './types';
import { wholeService } from './wholeService';

/** Version against version scored as harmful grows with how many tolerances the interval's near end lies beyond; this caps it. */
const MAX_TOLERANCES = 100;

/**
 * The event's verdict with the version comparison leading when it had enough data from both
 * versions, before/after kept as a second opinion; the reasons say which comparison judged.
 * - the new version worse beyond tolerance by largeRatio or more → roll_back, less → watch;
 * - not worse, but before/after saw harm → watch: every version rose alike, not the deploy;
 * - not worse, no harm → healthy.
 * Without a version comparison the result is before/after's, with the reason the versions
 * could not be compared when the data has versions. O(m·n log(m·n)), see compareVersions.
 *
 * @example
 * judgeVersions(beforeAfter, series, options) // { ...beforeAfter, verdict: 'roll_back', comparison: 'versions', versions: { ratio: 3.1, ... } }
 */
export function judgeVersions(result: EventImpact, series: readonly PreparedSeries[], options: ImpactOptions, rescore?: Rescore, cutAt?: number): EventImpact {
  const outcome = result.attribution ? null : compareVersions(series, result.event, options, cutAt);
  if (outcome === null) {
    return result;
  }
  const seq = sequentialOptions(options);
  const early = sequentialVersions(series, result.event, options, seq, cutAt);
  // Decided, and the new version still worse at the last look: a gap that closed is not a decision.
  if (early && early.decidedAfterSamples !== null && early.stillThere) {
    const fixed = 'comparison' in outcome ? outcome.comparison : null;
    const judged = fixed ? fixedWindow(result, fixed, options) : null;
    if (judged?.verdict === Verdict.RollBack) {
      return { ...judged, decidedAfterSamples: early.decidedAfterSamples };
    }
    // For the report's numbers: the same comparison over the few samples read so far.
    const shown = fixed ?? compareVersions(series, result.event, { ...options, minAfterSamples: seq.minSamples }, cutAt);
    return judgedEarly(result, early, shown && 'comparison' in shown ? shown.comparison : fixed, seq);
  }
  if ('reason' in outcome) {
    const whole = outcome.cutover && rescore ? wholeService(series, result.event) : null;
    if (whole) {
      return judgeWholeService(rescore!([whole]), whole, outcome.reason);
    }
    if (outcome.pending && result.series.some((s) => s.incomplete)) {
      return pendingComparison(result, outcome.pending);
    }
    return { ...result, reasons: [...result.reasons, `${outcome.reason}; judged before/after`] };
  }
  const judged = fixedWindow(result, outcome.comparison, options);
  // Re-read at every poll, a 95% test says roll_back on more equally good canaries than 5%: only
  // the sequential comparison (above) may roll back before the window is complete.
  if (judged.verdict !== Verdict.RollBack) {
    return judged;
  }
  return holdUntilComplete(judged, `new version worse so far, not yet decided after ${judged.decidedAfterSamples ?? 0} samples: roll_back needs the sequential comparison to cross or the whole impact window`);
}

/** The verdict of the fixed-window comparison over the impact window, before/after as the second opinion. */
function fixedWindow(result: EventImpact, c: VersionComparison, options: ImpactOptions): EventImpact {
  const line = describeVersions(c);
  const second = `before/after (second opinion): ${result.verdict}${result.reasons[0] ? `, ${result.reasons[0]}` : ''}`;
  const evidence = -Math.log(Math.max(c.pValue, 1e-300));
  const base = { ...result, comparison: Comparison.Versions, versions: c, decidedAfterSamples: c.samples.version };
  if (c.worse) {
    // The interval's end nearest to no difference, on the worse side.
    const near = c.low > c.tolerance ? c.low : -c.high;
    const size = c.tolerance > 0 ? Math.min(MAX_TOLERANCES, Math.abs(near) / c.tolerance) : MAX_TOLERANCES;
    const score = Math.max(result.score, seriesScore(evidence, size, true));
    // The ratio as harm: a Down series is worse below the others, an Either one on both sides.
    const large = c.ratio === null || harmRatioOf(c.ratio, options.direction) >= options.thresholds.largeRatio;
    const verdict = large ? Verdict.RollBack : Verdict.Watch;
    const head = large ? `new version worse than the others: ${line}` : `new version somewhat worse than the others (under ${options.thresholds.largeRatio}x): ${line}`;
    return { ...base, score, severity: severityOf(score), verdict, reasons: [head, second] };
  }
  if (result.moved.length > 0) {
    const score = Math.min(result.score, seriesScore(evidence, 0, false));
    return {
      ...base,
      score,
      severity: severityOf(score),
      verdict: Verdict.Watch,
      decisionTaken: null,
      reasons: [`not the deploy: the other versions rose the same over the same minutes (${line})`, second],
    };
  }
  return { ...base, verdict: Verdict.Healthy, reasons: [`new version no worse than the others: ${line}`, second] };
}

/**
 * roll_back decided by the sequential comparison before the fixed-window one could say so (too
 * few samples yet, or the window still filling): the reasons say after how many samples, the
 * comparison over the samples read so far follows for its numbers, before/after last.
 */
function judgedEarly(result: EventImpact, early: VersionsDecision, c: VersionComparison | null, seq: SequentialOptions): EventImpact {
  const score = Math.max(result.score, seriesScore(early.logEvidence, early.size, true));
  const second = `before/after (second opinion): ${result.verdict}${result.reasons[0] ? `, ${result.reasons[0]}` : ''}`;
  return {
    ...result,
    comparison: Comparison.Versions,
    versions: c,
    verdict: Verdict.RollBack,
    score,
    severity: severityOf(score),
    decisionTaken: null,
    decidedAfterSamples: early.decidedAfterSamples,
    reasons: [describeSequentialVersions(early, seq), ...(c ? [`so far: ${describeVersions(c)}`] : []), second],
  };
}

/**
 * Both versions serving, too few samples of a side to compare yet, the impact window still
 * filling (see compareVersions' `pending`): the version comparison will judge this deploy, so
 * before/after alone does not roll it back meanwhile (a rise every version shares is not the
 * deploy's, as fixedWindow says once it can judge), and its sequential test is not run. A new
 * version worse than the others is still decided from its second sample by the sequential
 * comparison, before this is reached. The fixed-window before/after stays as the second opinion.
 */
function pendingComparison(result: EventImpact, why: string): EventImpact {
  const second = `before/after meanwhile: ${result.verdict}${result.reasons[0] ? `, ${result.reasons[0]}` : ''}`;
  const verdict = result.verdict === Verdict.RollBack ? Verdict.Watch : result.verdict;
  return { ...result, comparison: Comparison.Versions, versions: null, verdict, reasons: [why, second] };
}

/** Scores the event again on other series (the whole service), as scoreEvents scores it. */
export type Rescore = (series: PreparedSeries[]) => EventImpact;

/**
 * A cutover judged on the service as a whole, before against after: the reasons say so first,
 * with why the versions could not be compared.
 */
function judgeWholeService(judged: EventImpact, whole: PreparedSeries, why: string): EventImpact {
  const how = isRatioSeries(whole) ? 'errors summed over its versions over requests summed' : 'the mean over its versions at each time';
  return {
    ...judged,
    comparison: Comparison.Service,
    versions: null,
    reasons: [`judged as the whole service before/after (${whole.name}: ${how}): ${why}`, ...judged.reasons],
  };
}

/** "v2 against v1 over the same 30 min: error ratio 1.2% vs 0.4% (3x); shift +0.8 points, 95% CI +0.7 to +0.9 (tolerance 0.08), p < 0.001". */
export function describeVersions(c: VersionComparison): string {
  const value = (v: number) => (c.errorRatio ? formatShare(v) : formatNumber(v));
  const delta = (v: number) => `${v >= 0 ? '+' : ''}${c.errorRatio ? `${formatNumber(v * 100)} points` : formatNumber(v)}`;
  const ratio = c.ratio === null ? '' : ` (${formatNumber(c.ratio)}x)`;
  const what = c.errorRatio ? 'error ratio ' : '';
  return (
    `${c.version} against ${c.others.join(', ')} over the same ${formatDuration(c.windowMs)}: ${what}${value(c.level.version)} vs ${value(c.level.others)}${ratio}; ` +
    `shift ${delta(c.shift)}, ${Math.round(c.confidence * 100)}% CI ${delta(c.low)} to ${delta(c.high)} (tolerance ${delta(c.tolerance)}), ${formatP(c.pValue)}`
  );
}

/** A version comparison without its whole-window numbers: decided sequentially early, or still pending. */
const TOO_FEW_YET = 'too few samples of a side yet for the comparison over the whole window';

/**
 * Which comparison judged an event, with its numbers, for a report line or a tooltip.
 *
 * @example
 * describeComparison(impact) // "version against version: v2 against v1 over the same 30 min: error ratio 1.2% vs 0.4% (3x); ..."
 */
export function describeComparison(impact: Pick<EventImpact, 'comparison' | 'versions'>): string {
  if (impact.comparison === Comparison.Versions && impact.versions) {
    return `version against version: ${describeVersions(impact.versions)}`;
  }
  if (impact.comparison === Comparison.Service) {
    return 'whole service before/after: the versions could not be compared (a cutover), so errors summed over all versions were judged against the same before the deploy';
  }
  if (impact.comparison === Comparison.Versions) {
    return `version against version, ${TOO_FEW_YET}: the reasons say what was decided so far`;
  }
  return 'before/after: each series after the event against the same series before it';
}

/**
 * The same in a few words, for a list row: "v2 vs v1, 3x error ratio" or "before/after".
 *
 * @example
 * describeComparisonShort(impact) // "v2 vs v1, 3x error ratio"
 */
export function describeComparisonShort(impact: Pick<EventImpact, 'comparison' | 'versions'>): string {
  const c = impact.versions;
  if (impact.comparison === Comparison.Service) {
    return 'whole service, before/after';
  }
  if (impact.comparison !== Comparison.Versions) {
    return 'before/after';
  }
  if (!c) {
    return 'version vs version, too few samples yet';
  }
  const ratio = c.ratio === null ? '' : `, ${formatNumber(c.ratio)}x${c.errorRatio ? ' error ratio' : ''}`;
  return `${c.version} vs ${c.others.join(', ')}${ratio}`;
}
