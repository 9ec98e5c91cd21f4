import fs from 'fs';
import path from 'path';

import { EngineEvent, SeriesInput } from '../engine';
import { MAX_ABS_VALUE } from '../engine/limits';
import { MAX_DATE_MS } from './parseTime';
import { CsvError, CsvOptions, readSeriesCsv, readTime, repeatedTimesNote } from './readSeriesCsv';

/** A problem with an input file or option: the command line prints it as one line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}


/**
 * Numeric times below this (1973-03-03 read as ms) are epoch seconds: 10-digit seconds read
 * as ms would land in January 1970, and no series or deploy of ours is that old.
 */
export const EPOCH_SECONDS_BELOW = 1e11;

/**
 * `score` reads at most this many events per file: each event is scored against every series,
 * and 100,000 already take about 15 s and a few hundred MB. Split a longer history by time.
 */
export const MAX_SCORE_EVENTS = 100_000;

/** A relative time (`now-1h`): never read from a file, which must read the same whenever it is read. */
function isRelativeTime(raw: unknown): raw is string {
  return typeof raw === 'string' && /^\s*now/.test(raw);
}

/** Called once per file with something the user should know (e.g. times read as seconds). */
export type NoteSink = (text: string) => void;

/** Epoch seconds to ms when every finite numeric time in the file looks like seconds; says so once. */
function secondsToMs(times: number[], file: string, note: NoteSink | undefined): number[] {
  const numeric = times.filter((t) => Number.isFinite(t));
  if (numeric.length === 0 || !numeric.every((t) => Math.abs(t) < EPOCH_SECONDS_BELOW)) {
    return times;
  }
  note?.(`${file}: times look like epoch seconds (10 digits); read as seconds.`);
  return times.map((t) => (Number.isFinite(t) ? t * 1000 : t));
}

/** UTF-8 (a byte-order mark dropped), or UTF-16LE with its mark, as Grafana's "Download for Excel" writes. */
function readText(file: string, what: string): string {
  try {
    const bytes = fs.readFileSync(file);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      return bytes.subarray(2).toString('utf16le');
    }
    return bytes.toString('utf8').replace(/^\ufeff/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} file ${file}${code ? ` (${code})` : ''}`);
  }
}

/**
 * A metric series from CSV (see `readSeriesCsv`: our `timestamp,value` and every form of
 * Grafana's CSV download) or JSON (`[{"time": …, "value": …}]`). Says on `note` which
 * columns it took. Unreadable rows become gaps that the engine skips; a file with no
 * readable row is an error.
 */
export function readSeriesFile(file: string, note?: NoteSink, options: CsvOptions = {}): SeriesInput {
  const text = readText(file, 'series');
  const id = path.basename(file).replace(/\.(csv|json)$/i, '');
  let times: number[] = [];
  let values: Array<number | null | typeof UNREADABLE> = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let rows: unknown;
    try {
      rows = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`${file} is not valid JSON; expected [{"time": ..., "value": ...}]`);
    }
    let untimed = 0;
    for (const [index, row] of (rows as Array<Record<string, unknown>>).entries()) {
      const raw = row?.time;
      if (isRelativeTime(raw)) {
        throw new UsageError(`${file}: row ${index + 1} has the relative time "${raw.trim()}"; relative times such as now-1h are not read from files, which must read the same whenever they are read`);
      }
      const time = typeof raw === 'number' ? raw : typeof raw === 'string' ? readTime(raw, options.timeZone) : null;
      untimed += time === null || !Number.isFinite(time) ? 1 : 0;
      times.push(time ?? NaN);
      values.push(cellValue(row?.value));
    }
    if (untimed > 0) {
      note?.(`${file}: ${untimed} of ${times.length} rows have no readable time and were skipped.`);
    }
    noteSharedTimes(times, file, note);
  } else {
    try {
      const csv = readSeriesCsv(text, options);
      ({ times, values } = csv);
      csv.notes.forEach((n) => note?.(`${file}: ${n}`));
    } catch (err) {
      throw err instanceof CsvError ? new UsageError(`${file}: ${err.message}`) : err;
    }
  }
  if (!times.some((t, i) => Number.isFinite(t) && Number.isFinite(values[i] as number))) {
    throw new UsageError(`${file} has no readable rows`);
  }
  const unreadable = values.filter((v) => v === UNREADABLE).length;
  if (unreadable > 0) {
    note?.(`${file}: ${unreadable} value${unreadable === 1 ? ' is' : 's are'} not a finite number (NaN, Inf, text or true/false) and read as gaps.`);
  }
  const huge = values.findIndex((v) => typeof v === 'number' && Math.abs(v) > MAX_ABS_VALUE);
  if (huge >= 0) {
    throw new UsageError(
      `${file}: row ${huge + 1} has the value ${String(values[huge])}, beyond ±${MAX_ABS_VALUE}; statistics of such values overflow. Scale the series (e.g. divide by 1e6) and score again`
    );
  }
  return { id, name: id, times: secondsToMs(times, file, note), values: values.map((v) => (v === UNREADABLE ? null : v)) };
}

/** Says how many rows repeat an earlier row's time: the engine averages rows that share a time. */
function noteSharedTimes(times: number[], file: string, note: NoteSink | undefined): void {
  const finite = times.filter((t) => Number.isFinite(t));
  const shared = finite.length - new Set(finite).size;
  if (shared > 0) {
    note?.(`${file}: ${repeatedTimesNote(shared)}`);
  }
}

/** A value that was given but is no finite number: a gap, counted for one note per file. */
const UNREADABLE = Symbol('unreadable');

/** A cell's number; null for an empty cell; UNREADABLE for NaN, ±Inf(inity), text or a boolean. */
function cellValue(raw: unknown): number | null | typeof UNREADABLE {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return null;
  }
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
  return Number.isFinite(value) ? value : UNREADABLE;
}

/**
 * Events in the normalized shape; only `time` is required: epoch ms or seconds, ISO 8601, or
 * `YYYY-MM-DD HH:mm:ss` in `timeZone` (UTC by default), as the series' wall clocks are read.
 */
export function readEventsFile(file: string, note?: NoteSink, timeZone?: string): EngineEvent[] {
  const text = readText(file, 'events');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON; expected an array of events`);
  }
  if (!Array.isArray(parsed)) {
    throw new UsageError(`${file} must hold a JSON array of events`);
  }
  if (parsed.length > MAX_SCORE_EVENTS) {
    throw new UsageError(
      `${file} holds ${parsed.length.toLocaleString('en-US')} events; score reads at most ${MAX_SCORE_EVENTS.toLocaleString('en-US')} at once: split the file by time range`
    );
  }
  const records = parsed.map((item) => (item && typeof item === 'object' ? item : {}) as Record<string, unknown>);
  const times = records.map((record, index) => {
    const raw = record.time;
    const time = typeof raw === 'number' ? raw : typeof raw === 'string' ? readTime(raw, timeZone) : null;
    if (time === null || !Number.isFinite(time)) {
      const relative = isRelativeTime(raw) ? '; relative times such as now-1h are not read from files' : '';
      throw new UsageError(`${file}: event ${index + 1} has no valid "time" (epoch ms, epoch seconds, ISO 8601 or YYYY-MM-DD HH:mm:ss)${relative}`);
    }
    return time;
  });
  const ms = secondsToMs(times, file, note);
  const beyond = ms.findIndex((t) => Math.abs(t) > MAX_DATE_MS);
  if (beyond >= 0) {
    throw new UsageError(
      `${file}: event ${beyond + 1} has the time ${String(records[beyond].time)}, beyond any date (±8.64e15 ms); write epoch ms or seconds, not nanoseconds (19 digits) or microseconds (16)`
    );
  }
  // GitLab deployment ids and Grafana annotation ids are numbers in their APIs: kept as the event's id, not replaced by its position.
  return records.map((record, index) => ({ ...record, ...idOf(record), time: ms[index] }) as EngineEvent);
}


/** A finite number id as its decimal text; nothing to change otherwise. */
function idOf(record: Record<string, unknown>): { id?: string } {
  return typeof record.id === 'number' && Number.isFinite(record.id) ? { id: String(record.id) } : {};
}
