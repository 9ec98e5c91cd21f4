import { EventKind } from '../vocabulary';
import { decideChangeAction } from './decideChangeAction';
import { sequentialOptions, withDefaults } from './defaults';
import { describeChange, describeSize, describeTraffic, formatDuration, formatP } from './describe';
import { prepareSeries, PreparedSeries } from './prepareSeries';
import { prepareErrorRatio, judgesRatio } from './errorRatio';
import { judgeVersions, Rescore } from './judgeVersions';
import { eventReach } from './resultDependsOn';
import { judgeSequentially } from './sequential/judgeSequentially';
import { unjudgedOfService, withUnjudged } from './unjudged';
import { begunBetween } from './begunBetween';
import { SequentialOptions } from './sequential/types';
import { createWindowScratch, finite, harmOf, scoreSeries, ScoreSeriesInput, WindowScratch } from './scoreSeries';
import { severityOf } from './severity';
import { Comparison, Direction, EngineEvent, EventImpact, ImpactOptions, SeriesImpact, SeriesInput, Severity, Verdict } from './types';

/** Kinds that change what runs; pipelines and incidents do not cut another event's window. */
const CHANGE_KINDS = new Set(['deploy', 'rollback', 'release', 'config', 'flag']);

export type ScoreOptions = Partial<Omit<ImpactOptions, 'thresholds'>> & { thresholds?: Partial<ImpactOptions['thresholds']> };

function isChange(event: EngineEvent): boolean {
  return typeof event.kind !== 'string' || CHANGE_KINDS.has(event.kind);
}

function eventId(event: EngineEvent, index: number): string {
  return typeof event.id === 'string' && event.id !== '' ? event.id : `event-${index + 1}`;
}

function label(event: EngineEvent, id: string): string {
  const version = typeof event.version === 'string' && event.version ? event.version : '';
  const service = typeof event.service === 'string' && event.service ? event.service : '';
  return [service, version].filter(Boolean).join(' ') || id;
}

/**
 * A result no judgement will see (no valid time, no series) says nothing of samples: without
 * the key, as before judgement. Deleting the last key added returns the object to its shared
 * hidden class.
 */
function unjudged(result: EventImpact): EventImpact {
  delete result.decidedAfterSamples;
  return result;
}

function emptyResult(event: EngineEvent, id: string, verdict: Verdict, reasons: string[], series: SeriesImpact[] = []): EventImpact {
  return {
    time: finite(event.time),
    id,
    score: 0,
    severity: Severity.None,
    verdict,
    reasons,
    spike: null,
    series,
    moved: [],
    fixedBy: null,
    timeToRestoreMs: null,
    attribution: null,
    decisionTaken: null,
    event,
    comparison: Comparison.BeforeAfter,
    versions: null,
    // Last, as the judgement sets it: an object spread that adds a key makes a hidden class of its own per object.
    decidedAfterSamples: null,
  };
}

const NO_LATER: Indexed[] = [];

interface Indexed {
  event: EngineEvent;
  id: string;
  index: number;
}

/**
 * Scores every event against every series and decides, per event: healthy, watch,
 * fix_forward, roll_back or insufficient_data, with reasons that carry the numbers; a harmful
 * flag change gets turn_off and an incident not_scored (see decideChangeAction).
 * Results come back in the order of `events`. Cost: O(n) to prepare each series, then
 * O(log n + w log w + k) per event and series (see scoreSeries). Never throws for bad data:
 * unusable series or events give `insufficient_data` with the reason.
 *
 * @example
 * scoreEvents([{ id: 'errors', times, values }], [{ time: deployAt, id: 'v2' }], { direction: Direction.Up })
 */
export function scoreEvents(seriesInputs: readonly SeriesInput[], events: readonly EngineEvent[], scoreOptions: ScoreOptions = {}): EventImpact[] {
  // The series prepared here are dropped when the call returns: they may read the inputs in place.
  return scorePreparedEvents(prepareAll(seriesInputs, true), events, scoreOptions);
}

/**
 * The series as the engine judges them: cleaned (prepareSeries), and a series with its
 * requests turned into its error ratio, since traffic alone is not harm. A caller that scores
 * the same series several times (in chunks, or for cache keys) prepares them once. O(n log n).
 *
 * @example
 * const prepared = prepareScoringSeries(series);
 * scorePreparedEvents(prepared, events, options); // the same results as scoreEvents(series, events, options)
 */
export function prepareScoringSeries(seriesInputs: readonly SeriesInput[]): PreparedSeries[] {
  return prepareAll(seriesInputs, false);
}

/** prepareScoringSeries; with `borrow`, clean typed arrays are read in place (see prepareSeries). */
function prepareAll(seriesInputs: readonly SeriesInput[], borrow: boolean): PreparedSeries[] {
  return seriesInputs.map((input) => (judgesRatio(input) ? prepareErrorRatio(input as Parameters<typeof prepareErrorRatio>[0]) : prepareSeries(input, borrow)));
}

/**
 * scoreEvents on series already prepared by prepareScoringSeries (which it does not modify).
 * Same results, same cost less the preparation.
 *
 * @example
 * scorePreparedEvents(prepareScoringSeries(series), events, { direction: Direction.Up })
 */
export function scorePreparedEvents(series: readonly PreparedSeries[], events: readonly EngineEvent[], scoreOptions: ScoreOptions = {}): EventImpact[] {
  const options = withDefaults(scoreOptions);
  const sequential = sequentialOptions(options);
  // By input index: the results go back in the order of `events`.
  const results: EventImpact[] = new Array(events.length);
  const ordered = validInTimeOrder(events, results);
  if (series.length === 0) {
    for (const item of ordered) {
      results[item.index] = unjudged(emptyResult(item.event, item.id, Verdict.InsufficientData, ['no metric series to compare with']));
    }
    return results;
  }

  const eventTimes = new Float64Array(ordered.length);
  for (let k = 0; k < ordered.length; k++) {
    eventTimes[k] = ordered[k].event.time;
  }
  // Later events that can matter to one event: its window cut, its fix, its rollback.
  const reach = eventReach(options).after;
  const run: Run = { series, options, eventTimes, ordered, scratch: createWindowScratch(options.maxWindowSamples) };
  // ordered[position + 1 .. end) are the later events within reach; end only moves forward.
  let end = 0;
  for (let position = 0; position < ordered.length; position++) {
    const item = ordered[position];
    const time = item.event.time;
    end = Math.max(end, position + 1);
    while (end < ordered.length && ordered[end].event.time <= time + reach) {
      end++;
    }
    let next: Indexed | undefined;
    for (let j = position + 1; j < end && !next; j++) {
      if (isChange(ordered[j].event) && ordered[j].event.time > time) {
        next = ordered[j];
      }
    }
    const cutAt = next && next.event.time < time + options.afterMs ? next.event.time : undefined;
    const prev = previousChange(ordered, position, options.afterMs);
    // Only a flag change reads its later events again (to find it turned off): copy them for it alone.
    const later = item.event.kind === EventKind.Flag ? ordered.slice(position + 1, end) : NO_LATER;
    const scored = scoreOne(item, run, impactsAt(item, run, cutAt), { from: position + 1, to: end, cutAt, next, prev });
    // Only an event with a version can be judged against the other versions, and so rescored on a
    // cutover: most events make no rescorer (a closure and its context for every event).
    const rescore = hasVersion(item.event) ? rescorer(item, run, { from: position + 1, to: end, cutAt, next, prev }, sequential) : undefined;
    const compared = judgeVersions(scored, series, options, rescore, cutAt);
    const judged = judgeSequentially(withUnjudged(compared, unjudgedOfService(compared, series, options)), series, options, sequential, cutAt);
    results[item.index] = decideChangeAction(judged, later, options);
  }

  return results;
}

/**
 * Events at the same time by what they are, not by where the input listed them: sources that
 * stamp whole seconds put a rollback and a hotfix at one instant, and which came "later"
 * decides the earlier deploy's fix. By kind, then id, then input position.
 */
function byTimeThenContent(a: Indexed, b: Indexed): number {
  const kindA = typeof a.event.kind === 'string' ? a.event.kind : '';
  const kindB = typeof b.event.kind === 'string' ? b.event.kind : '';
  return a.event.time - b.event.time || (kindA < kindB ? -1 : kindA > kindB ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.index - b.index;
}

/**
 * The events with a valid time, by time (equal times by content: byTimeThenContent), as
 * Indexed; every other event's result is written into `results` at its index. Events usually
 * come in time order without ties, and then no sort is needed (the order is the same).
 */
function validInTimeOrder(events: readonly EngineEvent[], results: EventImpact[]): Indexed[] {
  const valid: Indexed[] = [];
  let sorted = true;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    const item: Indexed = { event, index, id: eventId(event, index) };
    if (typeof event?.time === 'number' && Number.isFinite(event.time)) {
      sorted = sorted && (valid.length === 0 || valid[valid.length - 1].event.time < event.time);
      valid.push(item);
    } else {
      results[index] = unjudged(emptyResult(event ?? { time: 0 }, item.id, Verdict.InsufficientData, ['the event has no valid time (epoch ms)']));
    }
  }
  return sorted ? valid : valid.sort(byTimeThenContent);
}

/** Whether the event names a version: judgeVersions compares versions (and rescores) for no other (see versionSides). */
function hasVersion(event: EngineEvent): boolean {
  return typeof event.version === 'string' && event.version !== '';
}

/**
 * On a cutover the service is scored again as a whole (all versions pooled), sequentially too.
 * Made by a function of its own: a closure made in scorePreparedEvents' loop would keep the
 * loop's variables in a context allocated every event.
 */
function rescorer(item: Indexed, run: Run, near: Neighbours, sequential: SequentialOptions): Rescore {
  const { cutAt } = near;
  return (whole) => {
    const wholeRun = { ...run, series: whole };
    return judgeSequentially(scoreOne(item, wholeRun, impactsAt(item, wholeRun, cutAt), near), whole, run.options, sequential, cutAt);
  };
}

/** Where an event stands among the others: its later events within reach, the next change and the previous one. */
interface Neighbours {
  /** ordered[from..to) are the later events that can matter to it. */
  from: number;
  to: number;
  /** Where its impact window is cut: the next change, when within the window. */
  cutAt: number | undefined;
  next: Indexed | undefined;
  /** The nearest earlier change less than an impact window before it. */
  prev: Indexed | undefined;
}

/** What every event of one scoreEvents call shares. */
interface Run {
  series: readonly PreparedSeries[];
  options: ImpactOptions;
  eventTimes: Float64Array;
  /** Valid events by time; ordered[from..to) are the ones after an event that can matter to it. */
  ordered: Indexed[];
  scratch: WindowScratch;
}

/**
 * Every series scored around the event, its impact window cut at `cutAt`. Called by
 * scoreOne's callers rather than in scoreOne: the optimising compiler copies what a function
 * calls into it, and scoreOne, compiled again when a result's field first takes another kind
 * of number, then recompiled all of the scoring with it.
 */
function impactsAt(item: Indexed, run: Run, cutAt: number | undefined): SeriesImpact[] {
  return scoreAll(run.series, { time: item.event.time, options: run.options, cutAt, eventTimes: run.eventTimes, scratch: run.scratch });
}

/** The event's result from its series' impacts (see impactsAt): the attribution, the decision and its reasons. */
function scoreOne(item: Indexed, run: Run, first: SeriesImpact[], near: Neighbours): EventImpact {
  const { options } = run;
  const { event, id } = item;
  const { from, to, cutAt, next, prev } = near;
  let impacts = first;
  let attribution: EventImpact['attribution'] = null;
  let followedBy: string | null = null;

  // Too close to the next change to judge apart: look at the shared window, and say the change
  // belongs to the later event rather than blaming both, unless it had begun before that one.
  if (cutAt !== undefined && next && !anyOf(impacts, isOk)) {
    impacts = impactsAt(item, run, undefined);
    if (shiftBegunBetween(run, impacts, event.time, next.event.time)) {
      followedBy = `${label(next.event, next.id)} followed ${formatDuration(next.event.time - event.time)} later, after the change had begun: it is this event's`;
    } else {
      attribution = attributed(event, next);
    }
  }
  // Just after an earlier change, with the shift already under way before this event: the earlier change's.
  if (!attribution && prev && shiftBegunBetween(run, impacts, prev.event.time, event.time)) {
    attribution = attributedEarlier(event, prev);
  }

  const scored = only(impacts, isOk);
  const incomplete = anyOf(impacts, isIncomplete);
  if (scored.length === 0) {
    return noneScored(event, id, impacts, incomplete);
  }

  const moved = only(scored, isHarmful);
  if (moved.length > 1) {
    moved.sort(byScoreDescending);
  }
  const top = highestScore(scored);
  const score = attribution ? 0 : Math.max(0, top.score);
  const eventService = typeof event.service === 'string' ? event.service : '';
  // Another service's move counts only with enough history: its own daily pattern is unknown otherwise.
  const others = moved.length === 0 ? NO_OTHERS : otherServicesMoved(moved, eventService, options);
  const judgeWith = (candidate: SeriesImpact | null): Judged => {
    // What was done afterwards matters only to a harmful change (decide reads it for one alone).
    const taken = candidate ? takenAfter(candidate, event, eventService, run, from, to) : NOTHING_TAKEN;
    const decision = decide({
      primary: candidate,
      others,
      scored,
      incomplete,
      attribution,
      decisionTaken: taken.decisionTaken,
      fixer: taken.fixer,
      rolledBack: taken.rolledBack,
      options,
      eventTime: event.time,
    });
    return { primary: candidate, taken, decision };
  };
  // Several harmful series: the one that calls for most decides (a persisting step is not softened
  // by another series' spike that recovered, though that spike scored higher); ties go to the score.
  const judged = moved.length > 1 ? mostSevere(moved.map(judgeWith)) : judgeWith(moved[0] ?? null);
  const { primary, decision } = judged;
  const { fixer, decisionTaken } = judged.taken;
  const { verdict, reasons } = decision;
  if (primary && moved[0] !== primary) {
    moved.splice(moved.indexOf(primary), 1);
    moved.unshift(primary);
  }
  // Attributed to an earlier change after all (three close changes): the later one's note would contradict it.
  if (followedBy && !attribution) {
    reasons.push(followedBy);
  }
  flattenAll(reasons);

  return {
    time: event.time,
    id,
    score: finite(score),
    severity: attribution ? Severity.None : severityOf(score),
    verdict,
    reasons,
    spike: attribution ? null : (primary ?? top).spike,
    series: impacts,
    moved: attribution ? [] : idsOf(moved),
    fixedBy: primary && fixer ? fixer.id : null,
    timeToRestoreMs: primary ? timeToRestore(primary, event.time, fixer) : null,
    attribution,
    decisionTaken,
    event,
    comparison: Comparison.BeforeAfter,
    versions: null,
    // Last, as the judgement sets it: an object spread that adds a key makes a hidden class of its own per object.
    decidedAfterSamples: null,
  };
}

/** The result of an event no series could score: their reasons, each once. */
function noneScored(event: EngineEvent, id: string, impacts: SeriesImpact[], incomplete: boolean): EventImpact {
  const reasons = Array.from(new Set(impacts.map((i) => i.reason ?? 'no usable data')));
  return emptyResult(event, id, incomplete ? Verdict.Watch : Verdict.InsufficientData, reasons, impacts);
}

/** The moved series of other services that know their day (see knowsItsDay). */
function otherServicesMoved(moved: SeriesImpact[], eventService: string, options: ImpactOptions): SeriesImpact[] {
  return moved.filter((i) => i.service && eventService && i.service !== eventService && knowsItsDay(i, options));
}

/**
 * Whether any impact passes `test`: a plain loop, as scoreOne is compiled with every array
 * method it calls reduced into its own code (the largest compilation of a call).
 */
function anyOf(impacts: readonly SeriesImpact[], test: (impact: SeriesImpact) => boolean): boolean {
  for (let k = 0; k < impacts.length; k++) {
    if (test(impacts[k])) {
      return true;
    }
  }
  return false;
}

/** The attribution of an event's window to the next change, too close to judge apart. */
function attributed(event: EngineEvent, next: Indexed): NonNullable<EventImpact['attribution']> {
  const gap = formatDuration(next.event.time - event.time);
  return {
    to: next.id,
    reason: `${label(next.event, next.id)} followed ${gap} later, too soon to tell their effects apart; any change in the shared window is attributed to ${label(next.event, next.id)}, the later change`,
  };
}

/** The attribution of an event's window to the change just before it, where the shift had already begun. */
function attributedEarlier(event: EngineEvent, prev: Indexed): NonNullable<EventImpact['attribution']> {
  const gap = formatDuration(event.time - prev.event.time);
  return {
    to: prev.id,
    reason: `the change had begun after ${label(prev.event, prev.id)}, ${gap} before this event; it is attributed to ${label(prev.event, prev.id)}, the earlier change`,
  };
}

/** The nearest earlier change less than an impact window before ordered[position], if any. */
function previousChange(ordered: readonly Indexed[], position: number, afterMs: number): Indexed | undefined {
  const time = ordered[position].event.time;
  for (let j = position - 1; j >= 0 && ordered[j].event.time > time - afterMs; j--) {
    if (isChange(ordered[j].event) && ordered[j].event.time < time) {
      return ordered[j];
    }
  }
  return undefined;
}

/**
 * Whether the leading harmful change among the impacts (the highest score) had already gone
 * half its way between `from` and `to` (see begunBetween); impacts[k] is run.series[k]'s. No
 * harmful change, nothing to attribute: an effect-free event's noise decides nothing here.
 */
function shiftBegunBetween(run: Run, impacts: readonly SeriesImpact[], from: number, to: number): boolean {
  let lead = -1;
  for (let k = 0; k < impacts.length; k++) {
    if (impacts[k].harmful && (lead < 0 || impacts[k].score > impacts[lead].score)) {
      lead = k;
    }
  }
  return lead >= 0 && begunBetween(run.series[lead], impacts[lead], from, to);
}

/** A decision with the series it rests on and what was done afterwards. */
interface Judged {
  primary: SeriesImpact | null;
  taken: Taken;
  decision: Decision;
}

const VERDICT_WEIGHT: Partial<Record<Verdict, number>> = { [Verdict.Watch]: 1, [Verdict.FixForward]: 2, [Verdict.RollBack]: 3 };

/** The judgement that calls for most; the first (highest score) among equals. */
function mostSevere(judged: Judged[]): Judged {
  let worst = judged[0];
  for (const j of judged) {
    if ((VERDICT_WEIGHT[j.decision.verdict] ?? 0) > (VERDICT_WEIGHT[worst.decision.verdict] ?? 0)) {
      worst = j;
    }
  }
  return worst;
}

/** What was done after a harmful change: the fix, a rollback, and so the decision taken. */
interface Taken {
  fixer: Indexed | null;
  rolledBack: Indexed | null;
  decisionTaken: EventImpact['decisionTaken'];
}

const NOTHING_TAKEN: Taken = { fixer: null, rolledBack: null, decisionTaken: null };

/**
 * Recovery, the fix and the decision that was actually taken, among the later events
 * ordered[from..to). Only changes of the same service and environment count: a staging rollback
 * after a production deploy undid nothing in production.
 */
function takenAfter(primary: SeriesImpact, event: EngineEvent, eventService: string, run: Run, from: number, to: number): Taken {
  const { ordered, options } = run;
  const sameTarget = (o: Indexed) => sameService(eventService, o) && sameEnvironment(event, o.event);
  const recoveredAt = primary.recoveredAt;
  // The fix: the last change of the service deployed up to the recovery, not too long before it.
  let fixer: Indexed | null = null;
  for (let j = to - 1; recoveredAt !== null && j >= from && !fixer; j--) {
    const o = ordered[j];
    if (isChange(o.event) && sameTarget(o) && o.event.time <= recoveredAt + primary.recoveryResolutionMs && recoveredAt - o.event.time <= options.fixLagMs) {
      fixer = o;
    }
  }
  // Rolled back: the very next change of the same (named) service is a rollback.
  let nextOfService: Indexed | undefined;
  for (let j = from; j < to && !nextOfService; j++) {
    if (isChange(ordered[j].event) && sameTarget(ordered[j])) {
      nextOfService = ordered[j];
    }
  }
  const rolledBack = eventService && nextOfService?.event.service === eventService && nextOfService.event.kind === 'rollback' ? nextOfService : null;
  let decisionTaken: EventImpact['decisionTaken'] = null;
  if (rolledBack || fixer?.event.kind === 'rollback') {
    decisionTaken = Verdict.RollBack;
  } else if (fixer) {
    decisionTaken = Verdict.FixForward;
  }
  return { fixer, rolledBack, decisionTaken };
}

/** From the event to the recovery, or to the fix when that came later; null before a recovery. */
function timeToRestore(primary: SeriesImpact, eventTime: number, fixer: Indexed | null): number | null {
  const recoveredAt = primary.recoveredAt;
  return recoveredAt !== null ? Math.max(0, recoveredAt - eventTime, fixer ? fixer.event.time - eventTime : 0) : null;
}

/*
 * The arrays a result holds and the judgement reads, each made at its exact length with new
 * Array(n): Array.prototype.map and filter make packed arrays until the code calling them is
 * optimised and holey ones after, so every function reading them met two maps and was
 * deoptimised thousands of events into a large call; and an array grown by push keeps spare room.
 */

function scoreAll(series: readonly PreparedSeries[], input: Omit<ScoreSeriesInput, 'series'>): SeriesImpact[] {
  const impacts = new Array<SeriesImpact>(series.length);
  for (let k = 0; k < series.length; k++) {
    impacts[k] = scoreSeries({ series: series[k], time: input.time, options: input.options, cutAt: input.cutAt, eventTimes: input.eventTimes, scratch: input.scratch });
  }
  return impacts;
}

/** The impacts that pass `keep`, in order. */
function only(impacts: readonly SeriesImpact[], keep: (impact: SeriesImpact) => boolean): SeriesImpact[] {
  let count = 0;
  for (let j = 0; j < impacts.length; j++) {
    count += keep(impacts[j]) ? 1 : 0;
  }
  const out = new Array<SeriesImpact>(count);
  let k = 0;
  for (let j = 0; j < impacts.length; j++) {
    if (keep(impacts[j])) {
      out[k++] = impacts[j];
    }
  }
  return out;
}

const isOk = (impact: SeriesImpact) => impact.status === 'ok';
const isHarmful = (impact: SeriesImpact) => impact.harmful;
const isIncomplete = (impact: SeriesImpact) => impact.incomplete;
/** Higher scores first; equal scores (a series and a scaled copy of it) by id, so the query's order decides nothing. */
const byScoreDescending = (a: SeriesImpact, b: SeriesImpact) => b.score - a.score || byId(a, b);
const byId = (a: SeriesImpact, b: SeriesImpact) => (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0);
/** No other service's series moved: most events, which then make no array for it. */
const NO_OTHERS: SeriesImpact[] = [];

/** Whether a later event is of the event's service (either without a service counts as the same). */
function sameService(eventService: string, other: Indexed): boolean {
  return !eventService || !other.event.service || other.event.service === eventService;
}

/** Two events in one environment, as far as they say: one that names none may be in either. */
function sameEnvironment(a: EngineEvent, b: EngineEvent): boolean {
  return typeof a.environment !== 'string' || typeof b.environment !== 'string' || !a.environment || !b.environment || a.environment === b.environment;
}

function idsOf(impacts: readonly SeriesImpact[]): string[] {
  const ids = new Array<string>(impacts.length);
  for (let k = 0; k < impacts.length; k++) {
    ids[k] = impacts[k].seriesId;
  }
  return ids;
}

/**
 * Makes a string built from many pieces one flat string, as reading it as a number does in V8:
 * a reason kept in a result otherwise holds a tree of a dozen pieces, which every garbage
 * collection copies while the results of a large call accumulate.
 */
function flatten(text: string): void {
  void (Number(text) | 0);
}

function flattenAll(texts: readonly string[]): void {
  for (let k = 0; k < texts.length; k++) {
    flatten(texts[k]);
  }
}

interface DecideInput {
  primary: SeriesImpact | null;
  others: SeriesImpact[];
  scored: SeriesImpact[];
  incomplete: boolean;
  attribution: EventImpact['attribution'];
  decisionTaken: EventImpact['decisionTaken'];
  fixer: Indexed | null;
  rolledBack: Indexed | null;
  options: ImpactOptions;
  eventTime: number;
}

/** Harm as a ratio (≥ 1 when worse) for count-like series, or null. */
function harmRatio(impact: SeriesImpact, direction: Direction): number | null {
  if (impact.ratio === null || impact.ratio <= 0) {
    return null;
  }
  if (direction === Direction.Down) {
    return 1 / impact.ratio;
  }
  if (direction === Direction.Either) {
    return Math.max(impact.ratio, 1 / impact.ratio);
  }
  return impact.ratio;
}

/**
 * The decision rules, in order (thresholds from `options.thresholds`):
 * 1. shared window with a later change → watch, attributed to it;
 * 2. nothing significant and harmful → healthy (watch while data is still arriving);
 * 3. small (change and peak under largeSize noise SDs, and under smallRatio or, without a ratio, under
 *    smallSize robust SD) → watch; not large and less history
 *    than minHistoryMs → watch (what was done afterwards is still reported);
 * 4. rolled back by a later event → roll_back; fixed forward by a later event → fix_forward;
 * 5. another service's series moved (with enough history) → roll_back;
 * 6. large (largeSize or largeRatio) and still there or rising → roll_back;
 * 7. otherwise (moderate, or already recovering) → fix_forward.
 */
export function decide(input: DecideInput): Decision {
  const notes = notesOf(input.scored);
  if (input.attribution) {
    return { verdict: Verdict.Watch, reasons: [input.attribution.reason, ...notes] };
  }
  // The rules are split by whether anything harmful moved: the unharmed rules run for most
  // events, and as a function of their own they are optimised within about a thousand events
  // instead of after most of a large call (all in one, most of the code ran for few events).
  return input.primary ? decideHarm(input, input.primary, notes) : decideNoHarm(input, notes);
}

type Decision = { verdict: Verdict; reasons: string[] };

/** Rule 2: nothing significant and harmful → healthy, or watch while data is still arriving. */
function decideNoHarm(input: DecideInput, notes: string[]): Decision {
  const { scored, incomplete, options } = input;
  const { thresholds, direction } = options;
  const largest = largestMove(scored);
  const detail = largest ? healthyDetail(largest, direction, thresholds) : '';
  if (incomplete) {
    const left = Math.max(0, input.eventTime + options.afterMs - Math.max(...scored.map((i) => i.impact?.to ?? input.eventTime)));
    return { verdict: Verdict.Watch, reasons: present([`no harm so far; ${formatDuration(left)} of data left`, detail, ...notes]) };
  }
  return { verdict: Verdict.Healthy, reasons: healthyReasons(scored, detail, notes, thresholds) };
}

/** Rules 3 to 7, for a significant harmful change of `primary`. */
function decideHarm(input: DecideInput, primary: SeriesImpact, notes: string[]): Decision {
  const { others, options } = input;
  const { thresholds, direction } = options;
  const change = describeChange(primary);
  // Large against the baseline window's spread or against the short-term noise of the day
  // before (a window on a daily ramp has a wide spread). Small: neither the change nor its
  // peak large against that noise (a short spike on a busy series is not small), and a count-like series that rose by less
  // than smallRatio, or any other series under smallSize against its window's spread.
  const windowSize = harmOf(primary.robustZ, direction);
  const ratio = harmRatio(primary, direction);
  const large = Math.max(windowSize, primary.size) >= thresholds.largeSize || (ratio !== null && ratio >= thresholds.largeRatio);
  const small = Math.max(primary.size, primary.peakSize) < thresholds.largeSize && (ratio !== null ? ratio < thresholds.smallRatio : windowSize < thresholds.smallSize);

  // What was done afterwards is reported, but a weak signal stays 'watch' whatever followed.
  const taken = input.decisionTaken ? [`then ${input.decisionTaken === Verdict.RollBack ? 'rolled back' : 'fixed forward'} by ${input.fixer ? label(input.fixer.event, input.fixer.id) : input.rolledBack ? label(input.rolledBack.event, input.rolledBack.id) : 'a later deploy'}`] : [];
  if (small) {
    return { verdict: Verdict.Watch, reasons: [`small change: ${change}`, ...taken, ...notes] };
  }
  // Without enough history, a rise may be the daily pattern: only a large change of the
  // series itself is enough to act on.
  if (!knowsItsDay(primary, options) && !large) {
    return { verdict: Verdict.Watch, reasons: [`a rise, but too little history to tell it from the daily pattern: ${change}`, ...taken, ...notes] };
  }
  if (input.decisionTaken === Verdict.RollBack) {
    const by = input.fixer ?? input.rolledBack;
    const restored = primary.recoveredAt !== null ? `, restored after ${formatDuration(primary.recoveredAt - input.eventTime)}` : '';
    return { verdict: Verdict.RollBack, reasons: [change, `rolled back by ${by ? label(by.event, by.id) : 'a later deploy'}${restored}`, ...notes] };
  }
  if (input.decisionTaken === Verdict.FixForward && input.fixer) {
    const restored = primary.recoveredAt !== null ? ` restored it after ${formatDuration(primary.recoveredAt - input.eventTime)}` : ' is deployed';
    return { verdict: Verdict.FixForward, reasons: [change, `fix ${label(input.fixer.event, input.fixer.id)}${restored}`, ...otherServices(others), ...notes] };
  }
  if (others.length > 0) {
    return { verdict: Verdict.RollBack, reasons: [...otherServices(others), change, ...notes] };
  }
  if (large && (primary.persistent || primary.rising) && primary.recoveredAt === null) {
    return { verdict: Verdict.RollBack, reasons: [change, ...notes] };
  }
  const why = primary.recoveredAt !== null ? 'already recovering' : large ? 'large but not lasting' : 'moderate';
  return { verdict: Verdict.FixForward, reasons: [`${why}: ${change}`, ...notes] };
}

const noHarmLines: string[] = [];

/** "no significant harmful change in 2 series", one string per count shared by every result that says it. */
function noHarmLine(count: number): string {
  return (noHarmLines[count] ??= `no significant harmful change in ${count} series`);
}

/**
 * The reasons of a healthy result, the usual one: that nothing harmful moved, how errors and
 * traffic moved together, the largest move and the notes, the empty ones left out (as present).
 * Written without map or spreads: the arrays those make change elements kind once decide is
 * optimised, which deoptimised it for good a few thousand events into a large call.
 */
function healthyReasons(scored: SeriesImpact[], detail: string, notes: string[], thresholds: ImpactOptions['thresholds']): string[] {
  const lines = new Array<string>(scored.length + 2 + notes.length);
  let k = 0;
  lines[k++] = noHarmLine(scored.length);
  for (let j = 0; j < scored.length; j++) {
    lines[k++] = describeTraffic(scored[j], thresholds.smallRatio);
  }
  lines[k++] = detail;
  for (let j = 0; j < notes.length; j++) {
    lines[k++] = notes[j];
  }
  return present(lines);
}

/**
 * The non-empty lines, in an array of exactly their number: filter's array keeps room to grow,
 * and every result holds its reasons until the caller lets go of it.
 */
function present(lines: string[]): string[] {
  let count = 0;
  for (let j = 0; j < lines.length; j++) {
    count += lines[j] ? 1 : 0;
  }
  const out = new Array<string>(count);
  let k = 0;
  for (let j = 0; j < lines.length; j++) {
    if (lines[j]) {
      out[k++] = lines[j];
    }
  }
  return out;
}

/** The series' notes ("; "-separated in each reason), each once, in order of appearance. */
function notesOf(scored: SeriesImpact[]): string[] {
  // One series with one note or none, the usual case: no set needed.
  const only = scored.length === 1 ? scored[0].reason : undefined;
  if (scored.length === 1 && (!only || !only.includes('; '))) {
    return only ? [only] : [];
  }
  return Array.from(new Set(scored.flatMap((i) => (i.reason ? i.reason.split('; ') : []))));
}

/** The series with the highest score, of equals the first by id (scored is not empty). */
function highestScore(scored: SeriesImpact[]): SeriesImpact {
  let top = scored[0];
  for (let k = 1; k < scored.length; k++) {
    if (byScoreDescending(scored[k], top) < 0) {
      top = scored[k];
    }
  }
  return top;
}

/** The series with the largest |calibratedZ|, of equals the first by id; undefined for none. */
function largestMove(scored: SeriesImpact[]): SeriesImpact | undefined {
  let largest = scored[0];
  for (let k = 1; k < scored.length; k++) {
    const z = Math.abs(scored[k].calibratedZ);
    const top = Math.abs(largest.calibratedZ);
    if (z > top || (z === top && byId(scored[k], largest) < 0)) {
      largest = scored[k];
    }
  }
  return largest;
}

function otherServices(others: SeriesImpact[]): string[] {
  return others.map((i) => `broke another service: ${describeChange(i)}`);
}

/** A move the other way is called an improvement from this calibrated z; smaller ones are normal variation. */
const IMPROVEMENT_Z = 3;

/** Why the biggest mover is not harm: an improvement, or within what is normal here. */
function healthyDetail(impact: SeriesImpact, direction: Direction, thresholds: ImpactOptions['thresholds']): string {
  const harm = harmOf(impact.calibratedZ, direction);
  const moved = `${impact.name} ${describeSize(impact)}`;
  if (harm < 0 && Math.abs(impact.calibratedZ) >= IMPROVEMENT_Z) {
    return `largest move: ${moved}, an improvement`;
  }
  const limit = impact.calibrationSamples > 0 ? thresholds.calibratedAlpha : thresholds.alpha;
  return `largest move: ${moved}, ${formatP(impact.calibratedP)} (needs p < ${limit}): within normal variation`;
}

/** Whether the series had enough calibrated history before the event to know its daily pattern. */
function knowsItsDay(impact: SeriesImpact, options: ImpactOptions): boolean {
  return impact.calibrationSamples > 0 && impact.historySpanMs >= options.minHistoryMs;
}
