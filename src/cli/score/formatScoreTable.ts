import { Comparison, EventImpact, Slo } from '../../engine';
import { describeDecidedAfter, describeSpike } from '../../engine/describe';
import { createScrubber } from '../../http/createScrubber';

/** The widest a column other than the last gets, in characters. */
const MAX_COLUMN_WIDTH = 72;

/**
 * `score --format table`: one row per event, for people. Ids and reasons come from input
 * files: they pass the scrubber, so no escape sequence reaches the terminal.
 *
 * @example
 * formatScoreTable(scoreEvents(series, events), undefined) // "time  id  score  verdict ...\n..."
 */
export function formatScoreTable(results: EventImpact[], slo: Slo | undefined): string {
  const clean = createScrubber();
  const rows = results.map((r) => [
    new Date(r.time).toISOString().replace('.000Z', 'Z'),
    clean(String(r.id)),
    String(Math.round(r.score)),
    r.verdict,
    r.moved.length > 0 ? describeSpike(r.spike, slo) : '',
    r.comparison === Comparison.Versions ? 'version vs version' : r.comparison === Comparison.Service ? 'whole service' : 'before/after',
    describeDecidedAfter(r),
    clean(r.reasons[0] ?? ''),
  ]);
  // Which comparison judged each event; its numbers are in the main reason.
  // After how many samples since the event the verdict was reached (sooner than the window on a sequential roll_back).
  const header = ['time', 'id', 'score', 'verdict', 'size', 'judged by', 'after', 'main reason'];
  // A loop rather than Math.max(...rows): thousands of rows would overflow the call stack.
  const widths = header.map((h, i) =>
    Math.min(
      MAX_COLUMN_WIDTH,
      rows.reduce((widest, row) => Math.max(widest, row[i].length), h.length)
    )
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
