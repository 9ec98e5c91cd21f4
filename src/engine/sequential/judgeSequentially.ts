import { formatNumber } from '../describe';
import { ofService, serviceOf } from '../eventService';
import { holdUntilComplete } from '../holdUntilComplete';
import { PreparedSeries } from '../prepareSeries';
import { seriesScore } from '../scoreSeries';
import { severityOf } from '../severity';
import { Comparison, EventImpact, ImpactOptions, SeriesImpact, Verdict } from '../types';
import { sequentialDecision } from './sequentialSeries';
import { withSettled } from './settled';
import { SequentialDecision, SequentialOptions } from './types';

/**
 * The event's result with the anytime-valid sequential judgement applied: when a series of the
 * event's service crossed its boundary (see sequentialSeries) and the change is still there at
 * the last look, the verdict is roll_back, decided after that many samples, even before the
 * impact window is complete. It does not overrule what the whole window already shows: a
 * change that recovered, a decision taken afterwards, a version comparison, a shared window.
 * It reads nothing at or after `cutAt`, the next change. Every scored result says after how
 * many samples since the deploy its verdict was reached (`decidedAfterSamples`): the crossing,
 * or the samples the impact window held. With `seq.settle`, the healthy side too (see withSettled).
 * O(series × sequentialSeries).
 *
 * @example
 * judgeSequentially(result, series, options, DEFAULT_SEQUENTIAL_OPTIONS) // { ...result, verdict: 'roll_back', decidedAfterSamples: 2 }
 */
export function judgeSequentially(result: EventImpact, series: readonly PreparedSeries[], options: ImpactOptions, seq: SequentialOptions, cutAt?: number): EventImpact {
  const judged = judgeBeforeAfter(result, series, options, seq, cutAt);
  // The healthy side reads the series before/after: a version comparison is not settled by it, and a
  // whole-service judgement was settled when it was scored (Comparison.Service).
  return judged.comparison === Comparison.BeforeAfter || judged.comparison === undefined ? withSettled(judged, series, options, seq, cutAt) : judged;
}

function judgeBeforeAfter(result: EventImpact, series: readonly PreparedSeries[], options: ImpactOptions, seq: SequentialOptions, cutAt?: number): EventImpact {
  if (result.comparison === Comparison.Service) {
    // Already judged sequentially on the whole service.
    return result;
  }
  const read = samplesRead(result);
  if (result.comparison === Comparison.Versions) {
    // Judged version against version, sequentially too (see judgeVersions): its samples stand.
    return { ...result, decidedAfterSamples: result.decidedAfterSamples ?? read };
  }
  const base = { ...result, decidedAfterSamples: read };
  if (result.attribution || result.decisionTaken !== null) {
    return base;
  }
  if (anyRecovered(result.series)) {
    return provisional(base);
  }
  const service = serviceOf(result.event);
  // Each of the event's series gets an equal share of alpha (a union bound): the chance that any
  // of them crosses for an effect-free deploy stays under alpha, however many the query returns.
  let tested = 0;
  for (let k = 0; k < series.length; k++) {
    tested += ofService(service, series[k]) ? 1 : 0;
  }
  const share = tested > 1 ? { ...seq, alpha: seq.alpha / tested } : seq;
  let first: SequentialDecision | null = null;
  for (let k = 0; k < series.length; k++) {
    const s = series[k];
    if (!ofService(service, s)) {
      continue;
    }
    const d = sequentialDecision(s, result.time, options, share, cutAt);
    if (d && d.decidedAfterSamples !== null && d.stillThere && (!first || decidesBefore(d, first))) {
      first = d;
    }
  }
  if (!first) {
    return provisional(base);
  }
  const n = first.decidedAfterSamples!;
  if (result.verdict === Verdict.RollBack) {
    return { ...base, decidedAfterSamples: Math.min(n, read ?? n) };
  }
  const score = Math.max(result.score, seriesScore(first.logEvidence, first.size, true));
  const decidedOn = first.seriesId;
  return {
    ...base,
    // The series it decided on leads the harmful ones: what a flag's turn_off names (decideChangeAction).
    moved: [decidedOn, ...result.moved.filter((id) => id !== decidedOn)],
    verdict: Verdict.RollBack,
    score,
    severity: severityOf(score),
    decidedAfterSamples: n,
    reasons: [describeSequential(first, seq, tested), ...result.reasons],
  };
}

/** The earlier crossing; at the same look the first by series id, so the query's order decides nothing. */
function decidesBefore(d: SequentialDecision, first: SequentialDecision): boolean {
  return d.decidedAfterSamples! < first.decidedAfterSamples! || (d.decidedAfterSamples === first.decidedAfterSamples && d.seriesId < first.seriesId);
}

/**
 * Before the window is complete only the sequential test may say roll_back: the before/after
 * roll_back and fix_forward (a flag's turn_off, see decideChangeAction) wait for the whole
 * window (see holdUntilComplete).
 */
function provisional(result: EventImpact): EventImpact {
  if (result.verdict !== Verdict.RollBack && result.verdict !== Verdict.FixForward) {
    return result;
  }
  return holdUntilComplete(result, `harm so far, not yet decided after ${result.decidedAfterSamples ?? 0} samples: ${result.verdict} needs the sequential test to cross or the whole impact window`);
}

/** Whether a series moved harmfully and has recovered since: a fix_forward, not for the sequential test to overrule. */
function anyRecovered(series: readonly SeriesImpact[]): boolean {
  for (let k = 0; k < series.length; k++) {
    if (series[k].harmful && series[k].recoveredAt !== null) {
      return true;
    }
  }
  return false;
}

/** Samples since the deploy in the impact window of the series read furthest; null when none was scored. */
function samplesRead(result: EventImpact): number | null {
  let most: number | null = null;
  for (let k = 0; k < result.series.length; k++) {
    const s = result.series[k];
    if (s.status === 'ok' && s.impact) {
      most = Math.max(most ?? 0, s.impact.samples);
    }
  }
  return most;
}

const DECIDED = 'decided after ';

/** Whether a reason is the sequential test's decision (see describeSequential). */
export function isSequentialReason(reason: string): boolean {
  return reason.startsWith(DECIDED);
}

/**
 * "decided after 2 samples: errors 3x baseline, 14 noise SDs from baseline; e-value over 2,000 (anytime-valid:
 * an effect-free deploy reaches it at any look with chance under 0.1%)".
 */
export function describeSequential(d: SequentialDecision, seq: SequentialOptions, tested = 1): string {
  const ratio = d.ratio !== null ? `${formatNumber(d.ratio)}x baseline, ` : '';
  const evidence = d.logEvidence > 690 ? 'far over' : `${formatNumber(Math.exp(d.logEvidence))}, over`;
  const share = `${formatNumber(seq.alpha * 100)}%`;
  const reading = d.pairs ? ' on the lower of each two successive samples' : '';
  const over = tested > 1 ? `any of its ${tested} series` : 'it';
  return `${DECIDED}${d.decidedAfterSamples} samples: ${d.name} ${ratio}${formatNumber(d.size)} noise SDs from baseline; e-value ${evidence} ${formatNumber(Math.exp(d.logBoundary))} (anytime-valid sequential test${reading}: an effect-free deploy reaches ${over} at any look with chance under ${share})`;
}
