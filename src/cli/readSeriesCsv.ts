import Papa from 'papaparse';

import { parseTime } from './parseTime';
import { zonedTime, ZonedTime } from './zonedTime';

/** Columns named like this hold the time (Grafana exports `Time`; Prometheus and Influx tools `timestamp`, `_time`). */
const TIME_NAMES = new Set(['time', 'timestamp', '_time', 'date', 'datetime', 'ts']);

/** The value column of Grafana's table format: `Value`, or `Value #A` when the panel has several queries. */
const VALUE_NAME = /^Value(?: #.+)?$/;

/** Delimiters Grafana writes: `,`, the locale's list separator (`;` where the decimal mark is a comma), tab in Excel mode. */
const DELIMITERS = [',', ';', '\t', '|'];

export interface CsvSeries {
  times: number[];
  values: Array<number | null>;
  /** What the reader chose and skipped, one sentence each, for stderr. */
  notes: string[];
}

export interface CsvOptions {
  /** Zone of wall-clock times without an offset (Grafana writes them in the dashboard's zone). */
  timeZone?: string;
  /** The value column by header name; otherwise the first numeric column that is not the time. */
  valueColumn?: string;
}

/** Thrown for a file the reader cannot take; the message says what to change. */
export class CsvError extends Error {}

/** Digits only: epoch ms, or epoch seconds when every time in the file is small enough. */
const EPOCH = /^\d{9,13}(\.\d+)?$/;

/**
 * A time written in a file: epoch ms or seconds as digits, or an absolute date (ISO 8601, or a
 * wall clock in `timeZone`); null otherwise. Relative forms (`now-1h`) are not read: a file's
 * time must not depend on when it is read.
 */
export function readTime(cell: string, timeZone: string | undefined): number | null {
  const text = cell.trim();
  if (EPOCH.test(text)) {
    return Number(text);
  }
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? parseTime(text, 0, { timeZone }) : null;
}

/** A wall clock without an offset (`2026-10-25 02:30:00`): the zone decides its instant. */
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}(?:[ T][\d:.]+)?$/;

/**
 * Reads times in file order so that a repeated hour (clocks going back) is read as Grafana
 * wrote it: a wall clock that occurs twice is the earlier instant, unless the file has already
 * reached it, then the later one (Grafana writes rows in time order). Counts such rows.
 */
function timeReader(timeZone: string | undefined) {
  const zoned: ZonedTime | null = timeZone ? zonedTime(timeZone) : null;
  let previous = -Infinity;
  const state = { repeated: 0, first: '', instants: new Set<number>() };
  const read = (cell: string): number | null => {
    let t = readTime(cell, timeZone);
    if (t !== null && zoned && WALL_CLOCK.test(cell.trim())) {
      const later = zoned.repeatOf(t);
      if (later !== null) {
        state.repeated += 1;
        state.first ||= cell.trim();
        state.instants.add(t).add(later);
        t = previous >= t ? later : t;
      }
    }
    previous = t ?? previous;
    return t;
  };
  return { read, state };
}

/** A plain number; with `;` or tab between cells, a decimal comma too (`1,5`), as Excel writes in those locales. */
function readNumber(cell: string, decimalComma: boolean): number | null {
  let text = cell.trim();
  if (decimalComma && /^[+-]?\d+,\d+$/.test(text)) {
    text = text.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    return null;
  }
  return Number(text);
}

/**
 * A number with a unit or scale after it (`4.01 K`, `1.20 Mil`, `350 ms`, `12%`): what Grafana
 * writes with "Formatted data" on. Scaled values are rounded to a few digits and the suffix
 * changes with the size, so they are refused rather than read.
 */
const WITH_UNIT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*[^\d\s.,;:/+-]/;

/** Excel's `sep=;` first line (older Grafana wrote it with "Download for Excel") names the delimiter. */
function excelSeparator(text: string): { delimiter: string; body: string } | null {
  const match = /^sep=(.)\r?\n/.exec(text);
  return match ? { delimiter: match[1], body: text.slice(match[0].length) } : null;
}

function chooseColumns(header: string[], rows: string[][], options: CsvOptions): { time: number; value: number } {
  const lower = header.map((h) => h.trim().toLowerCase());
  const sample = rows.slice(0, 50);
  const share = (column: number, read: (cell: string) => number | null) => {
    const cells = sample.map((r) => r[column] ?? '').filter((c) => c.trim() !== '');
    return cells.length ? cells.filter((c) => read(c) !== null).length / cells.length : 0;
  };
  let time = lower.findIndex((h) => TIME_NAMES.has(h));
  if (time < 0) {
    time = header.findIndex((_, i) => share(i, (c) => readTime(c, options.timeZone)) >= 0.5);
  }
  if (time < 0) {
    throw new CsvError(
      `no time column: name one "Time" or "timestamp" (columns: ${header.map((h) => `"${h}"`).join(', ')})`
    );
  }
  let value: number;
  if (options.valueColumn !== undefined) {
    value = header.findIndex((h) => h.trim() === options.valueColumn);
    if (value < 0) {
      throw new CsvError(`no column "${options.valueColumn}" (columns: ${header.map((h) => `"${h}"`).join(', ')})`);
    }
  } else {
    // Grafana's "Format: Table" puts labels before the number in `Value` (`Value #A` per query): a label like `code` looks numeric too.
    // A column of numbers with units is found too, so that it is refused with the way out rather than passed over.
    const number = (c: string) => (readNumber(c, true) ?? (WITH_UNIT.test(c.trim()) ? 1 : null));
    const numeric = (i: number) => i !== time && share(i, number) >= 0.5;
    value = header.findIndex((h, i) => VALUE_NAME.test(h.trim()) && numeric(i));
    value = value >= 0 ? value : header.findIndex((_, i) => numeric(i));
    if (value < 0) {
      throw new CsvError(`no numeric column besides the time column "${header[time]}"`);
    }
  }
  return { time, value };
}

/**
 * A metric series from CSV text: our own `timestamp,value`, or Grafana's Inspect → Data →
 * Download CSV in any of its forms (quoted header such as `"Time","errors"`, CRLF, a
 * byte-order mark, `;` or tab between cells, an Excel `sep=` line, times as epoch ms or
 * `YYYY-MM-DD HH:mm:ss` in `timeZone`). The time column is the one named Time/timestamp,
 * else the first that holds times; the value column is `valueColumn`, else the first other
 * numeric one. Unreadable cells become gaps and are counted in `notes`. O(n).
 *
 * @example
 * readSeriesCsv('\ufeff"Time","errors"\r\n2026-01-05 10:00:00,3', {}).times // [Date.UTC(2026, 0, 5, 10)]
 */
export function readSeriesCsv(text: string, options: CsvOptions): CsvSeries {
  const excel = excelSeparator(text.replace(/^\ufeff/, ''));
  const body = excel ? excel.body : text.replace(/^\ufeff/, '');
  const parsed = Papa.parse<string[]>(body, {
    delimiter: excel?.delimiter ?? '',
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: 'greedy',
  });
  const delimiter = parsed.meta.delimiter;
  const [header, ...rows] = parsed.data;
  if (!header || rows.length === 0) {
    throw new CsvError('expected a header line and at least one row');
  }
  const { time, value } = chooseColumns(header, rows, options);
  const decimalComma = delimiter !== ',';
  const times: number[] = [];
  const values: Array<number | null> = [];
  let badTimes = 0;
  let badValues = 0;
  let example = '';
  const timeOf = timeReader(options.timeZone);
  rows.forEach((row, i) => {
    if (row.length > header.length) {
      // `1700000000000,12,345` would otherwise read as 12.
      throw new CsvError(
        `row ${i + 1} has ${row.length} fields but the header has ${header.length}; write numbers without thousands separators (12345, not 12,345)`
      );
    }
    const t = timeOf.read(row[time] ?? '');
    const cell = row[value] ?? '';
    const v = cell.trim() === '' ? null : readNumber(cell, decimalComma);
    if (v === null && WITH_UNIT.test(cell.trim())) {
      throw new CsvError(
        `column "${header[value]}" holds numbers with a unit or scale (row ${i + 1}: "${cell.trim()}"), as Grafana writes them with "Formatted data" on, rounded and scaled (1.20 K for 1,200); download the CSV with "Formatted data" off`
      );
    }
    badTimes += t === null ? 1 : 0;
    if (v === null && cell.trim() !== '') {
      badValues += 1;
      example ||= cell.trim();
    }
    times.push(t ?? NaN);
    values.push(v);
  });
  const others = header.filter((h, i) => i !== time && i !== value && h.trim() !== '');
  const zone = options.timeZone ?? 'UTC';
  const notes = [
    `time from column "${header[time]}", value from column "${header[value]}"${others.length ? ` (not read: ${others.map((h) => `"${h}"`).join(', ')}; choose with --value-column)` : ''}; times without an offset read in ${zone}.`,
  ];
  if (badTimes) {
    notes.push(`${badTimes} of ${rows.length} rows have no readable time and were skipped.`);
  }
  if (badValues) {
    notes.push(
      `${badValues} value${badValues === 1 ? ' is' : 's are'} not a finite number (e.g. "${example}", of ${rows.length} rows) and read as gaps; in Grafana, download with "Formatted data" off.`
    );
  }
  const { repeated, first } = timeOf.state;
  if (repeated) {
    notes.push(
      `${repeated} row${repeated === 1 ? '' : 's'} fall in an hour the clocks repeat in ${zone} (from ${first}); read in file order, the first copy as the hour before the change and the second as the hour after.`
    );
  }
  return { times, values, notes: notes.concat(sharedTimes(times, rows, time, timeOf.state.instants, options.timeZone === undefined)) };
}

/**
 * Rows that repeat an earlier row's time. Several series in one file (Grafana's "Format:
 * Table" writes one row per series and time) are refused; rows left sharing a time in a
 * repeated hour written out of order are said, and averaged by the engine.
 */
function sharedTimes(times: number[], rows: string[][], time: number, repeatedHour: Set<number>, noZone: boolean): string[] {
  const seen = new Set<number>();
  let shared = 0;
  let firstShared = -1;
  let series = -1;
  times.forEach((t, i) => {
    if (Number.isFinite(t) && seen.has(t)) {
      shared += 1;
      firstShared = firstShared < 0 ? i : firstShared;
      series = series < 0 && !repeatedHour.has(t) ? i : series;
    }
    seen.add(t);
  });
  if (shared === 0) {
    return [];
  }
  if (series >= 0) {
    const cell = rows[series][time].trim();
    // A wall clock read without a zone repeats an hour where the zone's clocks went back: not two series.
    const wallClock = noZone && !/(Z|[+-]\d{2}:?\d{2})$/i.test(cell) && !/^\d+$/.test(cell);
    throw new CsvError(
      `row ${series + 1} repeats the time of an earlier row (${cell}; ${shared} of ${rows.length} rows do), so the file holds more than one series, as Grafana's "Format: Table" writes them. One series per file: use Format: Time series in the query, or --value-column Value and one label value per file${wallClock ? `. If these are the wall clocks of a zone whose clocks went back an hour, give its --timezone instead` : ''}`
    );
  }
  const cell = rows[firstShared][time].trim();
  return [repeatedTimesNote(shared, ` (first: row ${firstShared + 1}, ${cell})`)];
}

/** The note for rows that repeat an earlier row's time, which the engine averages; `where` points at the first. */
export function repeatedTimesNote(shared: number, where = ''): string {
  return `${shared === 1 ? '1 row repeats' : `${shared} rows repeat`} the time of an earlier row${where}; rows that share a time are averaged.`;
}
