import { formatDuration } from '../engine/describe';
import { changesText } from './changesText';
import { ServiceKeys } from './types';

/** "17.4%": a share as a percentage with one decimal. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** A duration in words, 'n/a' for none. */
export function formatMs(ms: number | null): string {
  return ms === null ? 'n/a' : formatDuration(ms);
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
