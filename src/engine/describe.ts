import { SeriesImpact } from './types';

/** A number for people: 3 significant digits, no exponent for everyday magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return '–';
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) {
    return value.toExponential(2);
  }
  return Number(value.toPrecision(3)).toString();
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) {
    return `${minutes} min`;
  }
  const hours = ms / 3_600_000;
  return hours < 48 ? `${formatNumber(hours)} h` : `${formatNumber(hours / 24)} days`;
}

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${formatNumber(p)}`;
}

/** "4.1x baseline (3.2 → 13)" for count-like series, else "+7.3 (6.1 robust SD)". */
export function describeSize(impact: SeriesImpact): string {
  const base = impact.baseline?.mean ?? 0;
  const after = impact.impact?.mean ?? 0;
  if (impact.ratio !== null && impact.ratio > 0) {
    return `${formatNumber(impact.ratio)}x baseline (${formatNumber(base)} → ${formatNumber(after)})`;
  }
  const sign = impact.absoluteChange >= 0 ? '+' : '';
  return `${sign}${formatNumber(impact.absoluteChange)} (${formatNumber(Math.abs(impact.robustZ))} robust SD)`;
}

/** One line with the numbers behind a harmful change: size, duration, significance, trend. */
export function describeChange(impact: SeriesImpact): string {
  const parts = [`${impact.name} ${describeSize(impact)}`];
  if (impact.durationMs > 0) {
    parts[0] += ` for ${formatDuration(impact.durationMs)}`;
  }
  parts.push(formatP(impact.calibratedP));
  if (impact.calibrationSamples > 0) {
    const z = Math.abs(impact.calibratedZ);
    const usual = `the usual change${impact.seasonal ? ' at this time of day' : ''}`;
    parts.push(z >= 100 ? `far beyond ${usual}` : `${formatNumber(z)}x ${usual}`);
  }
  if (impact.rising) {
    parts.push('still rising');
  } else if (impact.recoveredAt !== null) {
    parts.push('recovered');
  } else if (impact.persistent) {
    parts.push('still elevated');
  }
  return parts.join(', ');
}
