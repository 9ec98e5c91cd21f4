import { dateTimeFormat } from '@grafana/data';

import { cutoffsOf, DORA_LEVELS, keepSides, roundTo, significantDecimals, under } from '../../dora';

/** Daily, weekly and monthly hold at one deploy a day, a week, a month ("daily or more"). */
const FREQUENCY_CUTOFFS = under(cutoffsOf(DORA_LEVELS.deploysPerDay));

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
  return keepSides(perDay, FREQUENCY_CUTOFFS, (extra, rounding) => {
    const shown = roundTo(n, frequencyDecimals(n) + extra, rounding);
    return { text: `${shown} / ${daily ? 'day' : 'week'}`, value: daily ? shown : shown / 7 };
  });
}

/** "1 deploy", "2 deploys". */
export function formatDeploys(n: number): string {
  return `${n} ${n === 1 ? 'deploy' : 'deploys'}`;
}

export { formatMs, formatPercent } from '../../dora';

/** The zone's name as the pages show it beside a time. */
function zoneLabel(timeZone: string): string {
  return timeZone === 'utc' || timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC' : timeZone;
}

/**
 * A time to the minute in `timeZone` (`utc` or an IANA name, see `userTimeZone`), with the
 * zone named, formatted by Grafana's own `dateTimeFormat` (10.4 and later).
 *
 * @example
 * formatTime(Date.UTC(2026, 10, 30, 14, 5), 'Asia/Kolkata') // '2026-11-30 19:35 Asia/Kolkata'
 */
export function formatTime(ms: number, timeZone: string): string {
  return `${dateTimeFormat(ms, { timeZone, format: 'YYYY-MM-DD HH:mm' })} ${zoneLabel(timeZone)}`;
}
