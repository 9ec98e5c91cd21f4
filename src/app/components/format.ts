/** "1.6 / week" from deploys per day; per day when there is at least one a day. */
export function formatFrequency(perDay: number): string {
  const round = (n: number) => (n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));
  return perDay >= 1 ? `${round(perDay)} / day` : `${round(perDay * 7)} / week`;
}

export { formatMs, formatPercent } from '../../dora';

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
