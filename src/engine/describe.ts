import { roundSignificant, significantText } from './stats/roundSignificant';
import { EventImpact, SeriesImpact, Slo, SpikeSize } from './types';

/** A number for people: 3 significant digits, no exponent for everyday magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return '–';
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) {
    return value.toExponential(2);
  }
  // The usual case by arithmetic (the same text, several times faster: this runs for every event).
  const rounded = roundSignificant(value, 3);
  if (rounded) {
    return (value < 0 ? '-' : '') + significantText(rounded);
  }
  return Number(value.toPrecision(3)).toString();
}

/** A count for people: "1,240", "26.3 million"; 3 significant digits. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) {
    return '–';
  }
  const abs = Math.abs(value);
  if (abs >= 1e9) {
    return `${formatNumber(value / 1e9)} billion`;
  }
  if (abs >= 1e6) {
    return `${formatNumber(value / 1e6)} million`;
  }
  if (abs >= 1000) {
    return Number(value.toPrecision(3)).toLocaleString('en-US');
  }
  return formatNumber(value);
}

/** "12%", "0.4%", "230%" of a share (0.12 → 12%). */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${Math.abs(percent) >= 10 ? Math.round(percent) : formatNumber(percent)}%`;
}

/**
 * The size of a spike in a few words, for a table cell or a list row:
 * "peak 4.2x, about 1,240 extra over 25 min, 12% of the 30-day error budget". Empty when nothing
 * moved the harmful way.
 *
 * @example
 * describeSpike({ peak: 84, peakRatio: 4.2, excess: 1243, excessMs: 1_500_000, budgetBurned: null }) // "peak 4.2x, about 1,240 extra over 25 min"
 */
export function describeSpike(spike: SpikeSize | null, slo?: Slo): string {
  if (!spike || !(spike.excess > 0) || spike.excessMs <= 0) {
    return '';
  }
  const parts: string[] = [];
  if (spike.peakRatio !== null && spike.peakRatio >= 1.05) {
    parts.push(`peak ${formatNumber(spike.peakRatio)}x`);
  }
  parts.push(`about ${formatCount(spike.excess)} extra over ${formatDuration(spike.excessMs)}`);
  if (spike.budgetBurned !== null) {
    parts.push(`${formatShare(spike.budgetBurned)} of the ${slo ? `${formatWindow(slo.windowMs)} ` : ''}error budget`);
  }
  return parts.join(', ');
}

/** An SLO window as an adjective: "30-day", "6-hour". */
function formatWindow(ms: number): string {
  const days = ms / 86_400_000;
  if (Number.isInteger(days)) {
    return `${days}-day`;
  }
  const hours = ms / 3_600_000;
  return Number.isInteger(hours) ? `${hours}-hour` : formatDuration(ms);
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  // Under half a minute in seconds: a restore 29 s after the deploy is not "0 min".
  if (minutes === 0 && ms !== 0) {
    return `${Math.round(ms / 1000)} s`;
  }
  if (minutes < 120) {
    return `${minutes} min`;
  }
  const hours = ms / 3_600_000;
  return hours < 48 ? `${formatNumber(hours)} h` : `${formatNumber(hours / 24)} days`;
}

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${formatNumber(p)}`;
}

/**
 * "0.4% → 1.3%, 3.2x; requests 1.1x" for an error ratio made from counts, "4.1x baseline
 * (3.2 → 13)" for count-like series, else "+7.3 (6.1 robust SD)".
 */
export function describeSize(impact: SeriesImpact): string {
  const base = impact.baseline?.mean ?? 0;
  const after = impact.impact?.mean ?? 0;
  if (impact.traffic) {
    // An error ratio made from counts: "0.4% → 1.3%, 3.2x; requests 1.1x".
    const ratio = impact.ratio !== null ? `, ${formatNumber(impact.ratio)}x` : '';
    const requests = impact.traffic.requests !== null ? `; requests ${formatNumber(impact.traffic.requests)}x` : '';
    return `${formatShare(base)} → ${formatShare(after)}${ratio}${requests}`;
  }
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
  if (impact.spike.excess > 0) {
    parts.push(`about ${formatCount(impact.spike.excess)} extra`);
  }
  if (impact.spike.budgetBurned !== null && impact.spike.budgetBurned > 0) {
    parts.push(`${formatShare(impact.spike.budgetBurned)} of the error budget`);
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

/**
 * Why errors that rose are not harm: they rose with traffic, and the error ratio did not.
 * Empty unless the errors and the requests both rose by at least `by` (smallRatio) while the
 * ratio was judged: errors up with flat requests rose on their own, even when the ratio test
 * found no harm.
 *
 * @example
 * describeTraffic(impact, 1.25) // "errors rose with traffic: checkout errors 3x, requests 3x, error ratio 1x"
 */
export function describeTraffic(impact: SeriesImpact, by: number): string {
  const t = impact.traffic;
  if (!t || t.errors === null || t.errors < by || t.requests === null || t.requests < by) {
    return '';
  }
  const name = impact.name.replace(/ error ratio$/, '');
  return `errors rose with traffic: ${name} ${formatNumber(t.errors)}x, requests ${formatNumber(t.requests)}x, error ratio ${formatNumber(impact.ratio ?? 1)}x`;
}

/**
 * After how many samples since the event its verdict was reached (decidedAfterSamples), with
 * how long after the event the last of them was taken when every judged series agrees:
 * "2 samples (5 min after the event)" on 5-minute samples from the event on. The same time the
 * gate's report gives: the first sample is the one at or after the event, so the n-th is
 * (n − 1) steps later, not n. Empty when nothing was scored; the count alone when the judged
 * series disagree (different steps or first samples). The step is read from each series' impact
 * window (first to last sample over the samples between).
 *
 * @example
 * describeDecidedAfter(impact) // "2 samples (5 min after the event)" on 5-minute samples
 */
export function describeDecidedAfter(impact: Pick<EventImpact, 'decidedAfterSamples' | 'series' | 'time'>): string {
  const n = impact.decidedAfterSamples;
  if (n == null || !(n > 0)) {
    return '';
  }
  const count = `${n} sample${n === 1 ? '' : 's'}`;
  const after = new Set<number>();
  for (const s of impact.series) {
    if (s.status === 'ok' && s.impact && s.impact.samples >= 2) {
      const step = (s.impact.to - s.impact.from) / (s.impact.samples - 1);
      after.add(Math.round(s.impact.from - impact.time + (n - 1) * step));
    }
  }
  const [ms] = after;
  return after.size === 1 && ms >= 0 ? `${count} (${formatDuration(ms)} after the event)` : count;
}
