import stringWidth from 'string-width';

import { Comparison, EventImpact, Slo } from '../../engine';
import { describeDecidedAfter, describeSpike } from '../../engine/describe';
import { createScrubber } from '../../http/createScrubber';

/** The widest a column other than the last gets, in terminal columns. */
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
  // Widths as a terminal shows them: a CJK character or an emoji takes two columns.
  const cellWidths = rows.map((row) => row.map(widthOf));
  // A loop rather than Math.max(...rows): thousands of rows would overflow the call stack.
  const widths = header.map((h, i) =>
    Math.min(
      MAX_COLUMN_WIDTH,
      cellWidths.reduce((widest, row) => Math.max(widest, row[i]), h.length)
    )
  );
  const line = (cells: string[], cellWidth: number[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : fit(c, cellWidth[i], widths[i]))).join('  ');
  return [line(header, header.map((h) => h.length)), ...rows.map((row, r) => line(row, cellWidths[r]))].join('\n') + '\n';
}

/** Printable ASCII: one column a character, without string-width's cost on 100,000 rows of 8 cells. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The terminal columns a cell takes. */
function widthOf(cell: string): number {
  return PRINTABLE_ASCII.test(cell) ? cell.length : stringWidth(cell);
}

/**
 * Splits text into what a reader sees as characters (an emoji with its modifiers, a letter with
 * its marks). Made at the first cut cell, not per cell (each costs about a quarter of the cut),
 * nor when the module loads (the first one loads ICU's data, ~9 ms at every command's start).
 */
let graphemes: Intl.Segmenter | undefined;

/**
 * A cell padded to `width` terminal columns; one that is wider is cut between whole characters
 * (never inside an emoji or a surrogate pair) and ends in "…", so a cut id is seen to be cut.
 */
function fit(cell: string, cellWidth: number, width: number): string {
  if (cellWidth <= width) {
    return cell + ' '.repeat(width - cellWidth);
  }
  let kept = '';
  let used = 0;
  for (const { segment } of (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(cell)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) {
      break;
    }
    kept += segment;
    used += w;
  }
  return kept + '…' + ' '.repeat(width - 1 - used);
}
