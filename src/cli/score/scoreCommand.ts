import { Direction, EventImpact, scoreEvents, SeriesInput, Slo } from '../../engine';
import { durationFlag } from '../durationFlag';
import { ExitStatus, Io } from '../io';
import { asksForHelp, FlagValues, parseFlags } from '../parseFlags';
import { timeZoneOption } from '../parseEventsRead';
import { readEventsFile, readSeriesFile, UsageError } from '../readInputs';
import { jsonArrayChunks } from '../jsonArrayChunks';
import { formatScoreTable } from './formatScoreTable';
import { refuseDeepEvents } from './refuseDeepEvents';
import { SCORE_USAGE } from './scoreUsage';

/** The flags `score` accepts. */
export const SCORE_COMMAND_FLAGS = {
  series: { type: 'string', multiple: true },
  events: { type: 'string' },
  direction: { type: 'string' },
  before: { type: 'string' },
  after: { type: 'string' },
  format: { type: 'string' },
  slo: { type: 'string' },
  'slo-window': { type: 'string' },
  total: { type: 'string', multiple: true },
  'error-ratio': { type: 'boolean' },
  timezone: { type: 'string' },
  'value-column': { type: 'string' },
} as const;

// Windows of data around each event: no timer waits them out.
const WINDOW_DURATIONS = { example: '30m, 2h or 3600000ms', span: true };

/**
 * `safedeploy score`: scores the events of a JSON file against metric series from files and
 * prints the results as JSON or a table. Returns the exit status; throws only UsageError
 * (exit 2), which the caller prints as one line.
 *
 * @example
 * scoreCommand(['--series', 'errors.csv', '--events', 'deploys.json', '--format', 'table'], io) // 0
 */
export function scoreCommand(args: string[], io: Io): number {
  if (asksForHelp(args)) {
    io.stdout(SCORE_USAGE);
    return ExitStatus.Ok;
  }
  const values = parseFlags(args, SCORE_COMMAND_FLAGS, 'score');
  const seriesFiles = (values.series as string[] | undefined) ?? [];
  if (seriesFiles.length === 0) {
    throw new UsageError('--series FILE is required (repeat it for several series)');
  }
  const eventsFile = values.events as string | undefined;
  if (!eventsFile) {
    throw new UsageError('--events FILE is required');
  }
  const direction = (values.direction as string | undefined) ?? Direction.Up;
  if (!Object.values(Direction).includes(direction as Direction)) {
    throw new UsageError('--direction must be up, down or either');
  }
  const beforeMs = durationFlag(values.before as string | undefined, 'before', WINDOW_DURATIONS);
  const afterMs = durationFlag(values.after as string | undefined, 'after', WINDOW_DURATIONS);
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'table') {
    throw new UsageError('--format must be json or table');
  }
  // Notes wait until the inputs are read: a bad input is one line on stderr, as documented.
  const notes: string[] = [];
  const note = (text: string) => notes.push(`safedeploy: note: ${text}\n`);
  const slo = readSlo(values);
  const totalFiles = (values.total as string[] | undefined) ?? [];
  if (totalFiles.length > 0 && totalFiles.length !== seriesFiles.length) {
    throw new UsageError(
      `--total is given ${totalFiles.length} times for ${seriesFiles.length} --series; give one total per series, in the same order`
    );
  }
  const errorRatio = Boolean(values['error-ratio']);
  if (slo && totalFiles.length === 0 && !errorRatio) {
    // Without them the budget cannot be measured, and the table would show none without saying why.
    throw new UsageError('--slo needs what the errors are a share of: give --total (one per --series) or, for series that are already error ratios, --error-ratio');
  }
  const csv = { timeZone: timeZoneOption(values.timezone), valueColumn: values['value-column'] as string | undefined };
  const series = seriesFiles.map((file, i) => {
    const input = readSeriesFile(file, note, csv);
    return { ...input, errorRatio, total: totalFiles[i] ? readSeriesFile(totalFiles[i], note, csv) : undefined };
  });
  const events = readEventsFile(eventsFile, note, csv.timeZone);
  refuseDeepEvents(events, eventsFile);
  const results = scoreEvents(series, events, {
    now: lastRowTime(series),
    ...(slo ? { slo } : {}),
    direction: direction as Direction,
    ...(beforeMs !== undefined ? { beforeMs } : {}),
    // An explicit --after bounds the impact window: nothing later is read.
    ...(afterMs !== undefined ? { afterMs, strictAfter: true } : {}),
  });
  notes.forEach((line) => io.stderr(line));
  if (format === 'table') {
    io.stdout(formatScoreTable(results, slo));
    return ExitStatus.Ok;
  }
  // One event per write: the whole text of 100,000 events would not fit in one string.
  const json = io.json ?? io.stdout;
  json('{\n  "events": ');
  for (const chunk of jsonArrayChunks(results, toJson, 1)) {
    json(chunk);
  }
  json('\n}\n');
  return ExitStatus.Ok;
}

/**
 * The files' last row time, empty cells included: the files end there, so a series whose values
 * stopped before it reads as stopped, not as still arriving (the engine's default "now" is the
 * last value).
 */
function lastRowTime(series: readonly SeriesInput[]): number | undefined {
  let last = -Infinity;
  for (const { times } of series.flatMap((s) => (s.total ? [s, s.total] : [s]))) {
    for (let i = 0; i < times.length; i++) {
      last = Number.isFinite(times[i]) && times[i] > last ? times[i] : last;
    }
  }
  return Number.isFinite(last) ? last : undefined;
}

/** A result as JSON: the event's own fields first, then the result's (which win on a clash). */
function toJson(result: EventImpact) {
  const { event, ...rest } = result;
  const passthrough = Object.fromEntries(Object.entries(event).filter(([key]) => !(key in rest)));
  return { ...passthrough, ...rest };
}

/** --slo 99.9 --slo-window 30d: both or neither. */
function readSlo(values: FlagValues): Slo | undefined {
  const target = values.slo as string | undefined;
  const window = values['slo-window'] as string | undefined;
  if (target === undefined && window === undefined) {
    return undefined;
  }
  // Decimal only: Number() would read '0x10' as 16.
  const percent = target !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(target) ? Number(target) : NaN;
  if (!(percent > 0 && percent < 100)) {
    throw new UsageError('--slo must be a percentage between 0 and 100, like 99.9');
  }
  // An absent --slo-window is as wrong as an unreadable one: '' is refused with the same words.
  const windowMs = durationFlag(window ?? '', 'slo-window', { example: '30d or 7d', span: true }) ?? 0;
  return { target: percent / 100, windowMs };
}
