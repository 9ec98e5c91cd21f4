import { EventImpact, SeriesImpact } from '../../engine';

/** Size of the change in the series that moved most (or changed most, when none was harmful). */
export interface Spike {
  series: string;
  service: string | null;
  /** Mean level before and after the deploy, in the series' unit. */
  before: number;
  after: number;
  /** after / before for positive levels, else null. */
  ratio: number | null;
  /** after − before. */
  change: number;
  /** Shift of the median in robust standard deviations of the baseline (signed). */
  robustSd: number;
  durationMs: number;
  recovered: boolean;
}

function pick(impact: EventImpact): SeriesImpact | null {
  const scored = impact.series.filter((s) => s.status === 'ok');
  const moved = impact.moved.map((id) => scored.find((s) => s.seriesId === id)).find(Boolean);
  return moved ?? [...scored].sort((a, b) => b.score - a.score)[0] ?? null;
}

/**
 * The spike behind a verdict, read from the engine's public result: the most harmful moved
 * series, or the largest mover when nothing was harmful. Null without a scored series.
 *
 * @example
 * spikeOf(scoreEvents(series, [deploy])[0])?.ratio // 3.01
 */
export function spikeOf(impact: EventImpact): Spike | null {
  const s = pick(impact);
  if (!s) {
    return null;
  }
  const before = s.baseline?.mean ?? 0;
  const after = s.impact?.mean ?? 0;
  return {
    series: s.name,
    service: s.service ?? null,
    before,
    after,
    ratio: s.ratio,
    change: after - before,
    robustSd: s.robustZ,
    durationMs: s.durationMs,
    recovered: s.recoveredAt !== null,
  };
}
