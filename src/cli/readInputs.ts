import fs from 'fs';
import path from 'path';

import { EngineEvent, SeriesInput } from '../engine';
import { parseTime } from './parseTime';

/** A problem with an input file or option: the command line prints it as one line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} file ${file}${code ? ` (${code})` : ''}`);
  }
}

/**
 * A metric series from CSV (header `timestamp,value`; timestamps as epoch ms, ISO 8601 or
 * `YYYY-MM-DD HH:MM:SS` in UTC) or JSON (`[{"time": …, "value": …}]`). Unreadable rows
 * become gaps that the engine skips; a file with no readable row is an error.
 */
export function readSeriesFile(file: string): SeriesInput {
  const text = readText(file, 'series');
  const id = path.basename(file).replace(/\.(csv|json)$/i, '');
  const times: number[] = [];
  const values: Array<number | null> = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let rows: unknown;
    try {
      rows = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`${file} is not valid JSON; expected [{"time": ..., "value": ...}]`);
    }
    for (const row of rows as Array<Record<string, unknown>>) {
      const time = typeof row?.time === 'number' ? row.time : typeof row?.time === 'string' ? parseTime(row.time, Date.now()) : null;
      const value = typeof row?.value === 'number' ? row.value : typeof row?.value === 'string' && row.value.trim() !== '' ? Number(row.value) : null;
      times.push(time ?? NaN);
      values.push(value);
    }
  } else {
    const lines = trimmed.split(/\r?\n/);
    const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase());
    if (!header || header[0] !== 'timestamp' || header[1] !== 'value') {
      throw new UsageError(`${file}: expected a CSV header "timestamp,value" or a JSON array`);
    }
    for (const line of lines.slice(1)) {
      if (line.trim() === '') {
        continue;
      }
      const [t, v] = line.split(',');
      times.push(parseTime(t ?? '', Date.now()) ?? NaN);
      values.push(v !== undefined && v.trim() !== '' ? Number(v) : null);
    }
  }
  if (!times.some((t, i) => Number.isFinite(t) && Number.isFinite(values[i] as number))) {
    throw new UsageError(`${file} has no readable rows`);
  }
  return { id, name: id, times, values };
}

/** Events in the normalized shape; only `time` (epoch ms or ISO 8601) is required. */
export function readEventsFile(file: string): EngineEvent[] {
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
  return parsed.map((item, index) => {
    const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const raw = record.time;
    const time = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseTime(raw, Date.now()) : null;
    if (time === null || !Number.isFinite(time)) {
      throw new UsageError(`${file}: event ${index + 1} has no valid "time" (epoch ms or ISO 8601)`);
    }
    return { ...record, time } as EngineEvent;
  });
}
