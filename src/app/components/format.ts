/**
 * "1.6 / week" from deploys per day; per day when there is at least one a day. Under 0.1 the
 * first significant digit is kept, so a frequency above zero (one deploy in a year) never reads 0.
 */
export function formatFrequency(perDay: number): string {
  const round = (n: number) =>
    n >= 10 ? String(Math.round(n)) : n >= 0.1 || n === 0 ? String(Math.round(n * 10) / 10) : String(Number(n.toPrecision(1)));
  return perDay >= 1 ? `${round(perDay)} / day` : `${round(perDay * 7)} / week`;
}

/** "1 deploy", "2 deploys". */
export function formatDeploys(n: number): string {
  return `${n} ${n === 1 ? 'deploy' : 'deploys'}`;
}

export { formatMs, formatPercent } from '../../dora';

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
