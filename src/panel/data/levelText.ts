import { EventImpact, SeriesImpact } from '../../engine';
import { formatShare } from '../../engine/describe';

/** Formats a value of the series with this id in its unit. */
export type FormatOf = (seriesId: string) => (value: number) => string;

/** The series an event's numbers are about: the harmful one that scored highest, else the highest scored. O(s). */
function mainSeries(impact: EventImpact): SeriesImpact | undefined {
  const judged = impact.series.filter((s) => s.status === 'ok' && s.baseline && s.impact);
  const moved = judged.filter((s) => impact.moved.includes(s.seriesId));
  return (moved.length ? moved : judged).reduce<SeriesImpact | undefined>(
    (best, s) => (!best || s.score > best.score ? s : best),
    undefined
  );
}

/**
 * The level of the event's main series before and after it, in that series' unit
 * ("0.4% → 1.3%"); a series judged as an error ratio of two counts reads as a share, since
 * its numbers are errors / requests whatever the counts' unit. Empty when nothing was judged.
 *
 * @example
 * levelText(impact, () => (v) => `${v} req/s`) // "12 req/s → 30 req/s"
 */
export function levelText(impact: EventImpact, formatOf: FormatOf): string {
  const main = mainSeries(impact);
  if (!main?.baseline || !main.impact) {
    return '';
  }
  const format = main.traffic ? formatShare : formatOf(main.seriesId);
  return `${format(main.baseline.mean)} → ${format(main.impact.mean)}`;
}
