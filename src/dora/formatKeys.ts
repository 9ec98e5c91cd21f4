import { changesText } from './changesText';
import { cutoffsOf, DORA_LEVELS } from './doraLevels';
import { atMost, Cutoff, keepSides, roundTo, significantDecimals, under } from './keepSides';
import { ServiceKeys } from './types';

const RATE_CUTOFFS = atMost(cutoffsOf(DORA_LEVELS.changeFailureRate));
/** Lead time and time to restore share the figure, so it keeps the sides of both keys' cut-offs. */
const DURATION_CUTOFFS = under([...new Set([...cutoffsOf(DORA_LEVELS.leadTimeMs), ...cutoffsOf(DORA_LEVELS.timeToRestoreMs)])]);

/**
 * "17.4%": a share as a percentage with one decimal, and more next to a DORA cut-off, or to
 * one of `also` (a readiness threshold), so the figure never reads as on another side of it
 * than the share (15.04%, not 15%, is over 15%; 14.96%, not 15%, is under 15%).
 *
 * @example
 * formatPercent(0.1504) // '15.04%'
 * formatPercent(0.1496, under([0.15])) // '14.96%'
 */
export function formatPercent(share: number, also: readonly Cutoff[] = []): string {
  return keepSides(share, [...RATE_CUTOFFS, ...also], (extra, rounding) => {
    const percent = roundTo(share * 100, 1 + extra, rounding);
    return { text: `${percent}%`, value: percent / 100 };
  });
}

/** A unit a duration is written in, and the precision it is usually written with. */
interface DurationUnit {
  ms: number;
  name: string;
  /** Significant digits, or null for whole units. */
  significant: number | null;
}

const SECONDS: DurationUnit = { ms: 1000, name: 's', significant: null };
const MINUTES: DurationUnit = { ms: 60_000, name: 'min', significant: null };
const HOURS: DurationUnit = { ms: 3_600_000, name: 'h', significant: 3 };
const DAYS: DurationUnit = { ms: 86_400_000, name: 'days', significant: 3 };

/** Whole seconds under a minute, whole minutes up to two hours, hours (3 significant digits) up to two days, then days. */
function unitOf(ms: number): DurationUnit {
  return Math.round(ms / SECONDS.ms) < 60 ? SECONDS : Math.round(ms / MINUTES.ms) < 120 ? MINUTES : ms < 48 * HOURS.ms ? HOURS : DAYS;
}

/**
 * A duration in words ("29 s", "29 min", "2.5 h", "3.5 days"), 'n/a' for none; under half a
 * second "under 1 s", so a restore or a lead time above zero never reads as none. Next to a
 * DORA cut-off, or to one of `also` (a readiness threshold), it shows more digits, or rounds
 * toward its side, so it never reads as on another side of it (59.7 min is under one hour, not 60 min).
 *
 * @example
 * formatMs(3_580_000) // '59.7 min'
 */
export function formatMs(ms: number | null, also: readonly Cutoff[] = []): string {
  if (ms === null) {
    return 'n/a';
  }
  if (ms > 0 && ms < SECONDS.ms / 2) {
    return 'under 1 s';
  }
  const unit = unitOf(ms);
  const x = ms / unit.ms;
  const decimals = unit.significant === null ? 0 : significantDecimals(x, unit.significant);
  return keepSides(ms, [...DURATION_CUTOFFS, ...also], (extra, rounding) => {
    const shown = roundTo(x, decimals + extra, rounding);
    return { text: `${shown} ${unit.name}`, value: shown * unit.ms };
  });
}

/** "judged 5 of 6": how many changes have a verdict, what the rates rest on. */
export function judgedText(keys: ServiceKeys): string {
  return `judged ${keys.judged} of ${keys.changes}`;
}

/** Changes there are, but none with a verdict: the rates built on verdicts are not known. */
export function noneJudged(keys: ServiceKeys): boolean {
  return keys.changes > 0 && keys.judged === 0;
}

/** The change failure rate in words: "at least", and how many were judged, while changes without a verdict could raise it. */
function rateText(keys: ServiceKeys, rate: number): string {
  return keys.changeFailureRateMax !== null && keys.changeFailureRateMax > rate ? `at least ${formatPercent(rate)} (${judgedText(keys)})` : formatPercent(rate);
}

/**
 * The median time to restore in words: with failures still open it counts them to the end of
 * the range, so it is "at least" that unless they cannot move it, and says how many are open.
 */
function restoreText(keys: ServiceKeys): string {
  if (!keys.unrestored) {
    return formatMs(keys.timeToRestoreMedianMs);
  }
  const known = keys.timeToRestoreMedianMaxMs === keys.timeToRestoreMedianMs;
  return `${known ? '' : 'at least '}${formatMs(keys.timeToRestoreMedianMs)} (${keys.unrestored} not restored)`;
}

/**
 * A week's (or any range's) change failure rate and median time to restore as table cells, in
 * the cards' words: 'n/a' without changes, 'Unknown' when none has a verdict (never an elite
 * 0% or "No failures"), "at least" while changes without a verdict could raise it.
 *
 * @example
 * keyCells(weekWithAFailedMetric) // { changeFailureRate: 'Unknown', timeToRestore: 'Unknown' }
 */
export function keyCells(keys: ServiceKeys): { changeFailureRate: string; timeToRestore: string } {
  if (noneJudged(keys)) {
    return { changeFailureRate: 'Unknown', timeToRestore: 'Unknown' };
  }
  return {
    changeFailureRate: keys.changeFailureRate === null ? 'n/a' : rateText(keys, keys.changeFailureRate),
    timeToRestore: keys.failed ? restoreText(keys) : 'No failures',
  };
}

/**
 * The one-line summary of a range's keys, in the words every page uses: what the rate is over
 * (deploys only, or deploys and flag changes), the change failure rate and the median time
 * to restore, each "at least" while what is not known yet could raise it (changes without a
 * verdict, failures still open). `scoring` shows '…' for the two rates while verdicts are
 * still coming; with changes but no verdict at all (no error metric around them) both are
 * unknown, not 0%.
 *
 * @example
 * summaryLine(keys) // '23 changes (21 deploys and 2 flag changes) · change failure rate 17.4% · median time to restore 42 min'
 */
export function summaryLine(keys: ServiceKeys, scoring = false): string {
  if (!scoring && noneJudged(keys)) {
    return `${changesText(keys)} · change failure rate unknown (${judgedText(keys)}) · median time to restore unknown`;
  }
  const cfr = scoring ? '…' : keys.changeFailureRate === null ? 'n/a' : rateText(keys, keys.changeFailureRate);
  const ttr = scoring ? '…' : keys.failed ? restoreText(keys) : 'no failures';
  return `${changesText(keys)} · change failure rate ${cfr} · median time to restore ${ttr}`;
}
