import { cutoffsOf, DORA_LEVELS, keepSides, roundTo, significantDecimals } from '../../dora';

const FREQUENCY_CUTOFFS = cutoffsOf(DORA_LEVELS.deploysPerDay);

/** Decimals a frequency is usually shown with: none from 10, one from 0.1, else its first significant digit. */
function frequencyDecimals(n: number): number {
  return n >= 10 ? 0 : n >= 0.1 || n === 0 ? 1 : significantDecimals(n, 1);
}

/**
 * "1.6 / week" from deploys per day; per day when there is at least one a day. Under 0.1 the
 * first significant digit is kept, so a frequency above zero (one deploy in a year) never reads
 * 0. Next to a DORA cut-off (daily, weekly, monthly) it shows more digits, or rounds toward its
 * side, so it never reads as in another band: 1/30 a day, monthly, is 0.24 / week, not 0.2.
 *
 * @example
 * formatFrequency(0.5) // '3.5 / week'
 */
export function formatFrequency(perDay: number): string {
  const daily = perDay >= 1;
  const n = daily ? perDay : perDay * 7;
  return keepSides(perDay, FREQUENCY_CUTOFFS, false, (extra, rounding) => {
    const shown = roundTo(n, frequencyDecimals(n) + extra, rounding);
    return { text: `${shown} / ${daily ? 'day' : 'week'}`, value: daily ? shown : shown / 7 };
  });
}

/** "1 deploy", "2 deploys". */
export function formatDeploys(n: number): string {
  return `${n} ${n === 1 ? 'deploy' : 'deploys'}`;
}

export { formatMs, formatPercent } from '../../dora';

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
