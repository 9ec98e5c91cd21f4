import { parseArgs } from 'util';

import { Comparison, Direction, EventImpact, scoreEvents, Slo } from '../engine';
import { describeSpike } from '../engine/describe';
import { createScrubber, Scrubber } from '../http/createScrubber';
import { durationFlag } from './durationFlag';
import { HeldSecrets, holdSecrets } from './holdSecrets';
import { gateCommand } from './gate/gateCommand';
import { guardCommand } from './guard/guardCommand';
import { parseEventsRead, PROVIDER_READ_FLAGS, timeZoneOption } from './parseEventsRead';
import { readEventsFile, readSeriesFile, UsageError } from './readInputs';
import { readProvider } from './readProvider';
import { VERSION } from './version';

const USAGE = `safedeploy ${VERSION}: read deploy events and score their impact, without Grafana.

  safedeploy events --provider github|gitlab|jenkins|argocd|cdevents|unleash|launchdarkly|kubernetes|grafana
                    --url BASE --scope SCOPE
                    [--environment E] [--service S] [--from T] [--to T] [--timezone TZ] [--token-env VAR]
                    [--max-pages N] [--timeout DURATION] [--deadline DURATION]
                    [--shipped-changes] [--format json|ndjson]
  safedeploy score  --series FILE [--series FILE ...] --events FILE
                    [--direction up|down|either] [--before DURATION] [--after DURATION]
                    [--total FILE ...] [--error-ratio] [--slo PERCENT --slo-window DURATION]
                    [--value-column NAME] [--timezone TZ] [--format json|table]
  safedeploy gate   --prometheus URL --query PROMQL [--query PROMQL ...] [--total-query PROMQL ...]
                    (--deploy-time T --service S [--deploy-version V] | the events flags,
                    token from --provider-token-env) [--version-label version]
                    [--token-env VAR | --basic-auth-env VAR] [--wait 30m] [--interval 1m] [--step D]
                    [--history 7d] [--timeout 30s] [--direction up|down|either] [--now T] [--timezone TZ]
                    [--fail-on roll_back,...] [--grafana-url URL] [--format table|json|markdown]
                    exit: 0 pass, 2 usage, 3 metrics unreadable, 4 no deploy, 10 watch,
                    11 fix_forward, 12 roll_back, 13 insufficient_data (verdicts in --fail-on only)

T: ISO 8601, epoch ms, YYYY-MM-DD HH:mm:ss, or Grafana's relative time: now-7d, now/d (start of
today; as --to, its end), now-1d/d (yesterday), now-1w/w (last week, from Sunday). Rounding and
times without an offset follow --timezone (UTC or an IANA zone such as Europe/Berlin; default UTC).
DURATION: 30m, 2h, 1h30m, 3600000ms.
--series: CSV with a time column and a value column, such as Grafana's Inspect > Data > Download CSV
(any separator, with or without a byte-order mark), or JSON [{"time": ..., "value": ...}]; the
columns taken are named on stderr, and --value-column picks another.
With --total (the requests, in the same order as --series) each series is judged as its error
ratio, errors / requests, so a traffic surge is not blamed on a deploy (the gate's --total-query
pairs by service and version instead). With --slo (e.g. 99.9) and --slo-window (e.g. 30d), each
change reports the share of the error budget it burned: the series are error ratios
(--error-ratio), or counts with their totals.
The token is read from the environment variable named by --token-env (Jenkins: "user:api-token")
and sent only to the origin of --url. --timeout bounds each request (default 30s), --deadline
the whole read (default 2m). --shipped-changes also looks up the pull or merge requests each
GitHub or GitLab deploy shipped (mergedChanges, mergeTimes): one request per deploy, newest 50.

Exit status: 0 all read; 1 nothing could be read; 2 bad usage or input file;
3 partial: some pages were lost (error on stderr), the events that were read are on stdout.

  safedeploy --version     prints the version
  safedeploy gate --help   the gate's flags and exit rules in full`;

/** Exit statuses, as the usage text documents them. */
export enum ExitStatus {
  Ok = 0,
  Failed = 1,
  Usage = 2,
  Partial = 3,
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
  /** The process's secrets; stdout and stderr already pass its scrubbers. */
  secrets?: HeldSecrets;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  now: Date.now,
};

/** Runs the command line; resolves to the exit status. Never throws. */
export async function main(argv: string[], rawIo: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  // Every line out passes the one scrubber, which learns each secret as a command reads it.
  const secrets = holdSecrets();
  const io: Io = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(secrets.redact(text)),
    stderr: (text) => rawIo.stderr(scrubLines(text, secrets.scrub)),
    secrets,
  };
  try {
    if (command === 'events') {
      return await eventsCommand(rest, io);
    }
    if (command === 'score') {
      return scoreCommand(rest, io);
    }
    if (command === 'gate') {
      return await gateCommand(rest, io);
    }
    if (command === 'guard') {
      return await guardCommand(rest, io);
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      io.stdout(VERSION + '\n');
      return ExitStatus.Ok;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE + '\n');
      return command === undefined ? ExitStatus.Usage : ExitStatus.Ok;
    }
    throw new UsageError(`unknown command "${command}"; use "events", "score" or "gate" (--help for usage)`);
  } catch (err) {
    const message =
      err instanceof UsageError ||
      (err instanceof Error && err.name === 'TypeError' && /argument|option/i.test(err.message))
        ? err.message
        : `unexpected failure: ${err instanceof Error ? err.message : String(err)}`;
    io.stderr(`safedeploy: ${message.split('\n')[0]}\n`);
    return ExitStatus.Usage;
  }
}

/** Scrubs each line of text meant for stderr, keeping the line breaks between them. */
function scrubLines(text: string, scrub: Scrubber): string {
  return text
    .split('\n')
    .map((line) => scrub(line))
    .join('\n');
}

function parse(args: string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Record<
      string,
      string | string[] | boolean | undefined
    >;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : 'bad options');
  }
}

async function eventsCommand(args: string[], io: Io): Promise<number> {
  const values = parse(args, {
    ...PROVIDER_READ_FLAGS,
    service: { type: 'string' },
    timezone: { type: 'string' },
    'token-env': { type: 'string' },
    timeout: { type: 'string' },
    format: { type: 'string' },
    'shipped-changes': { type: 'boolean' },
  });
  const read = parseEventsRead(values, io.now(), io.env, { tokenFlag: 'token-env', defaultFrom: 'now-7d' });
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'ndjson') {
    throw new UsageError('--format must be json or ndjson');
  }
  // The lookups cost a request per deploy: only when asked, as the release health pages do.
  const shippedChanges = values['shipped-changes'] === true;
  const batch = await readProvider(read, io.secrets?.hold([read.token]) ?? createScrubber([read.token]), undefined, shippedChanges);
  for (const notice of batch.notices) {
    io.stderr(`safedeploy: ${notice.severity}: ${notice.text}\n`);
  }
  const lost = batch.notices.some((n) => n.severity === 'error');
  if (lost && batch.events.length === 0) {
    return ExitStatus.Failed;
  }
  io.stdout(
    format === 'ndjson'
      ? batch.events.map((e) => JSON.stringify(e)).join('\n') + (batch.events.length ? '\n' : '')
      : JSON.stringify(batch.events, null, 2) + '\n'
  );
  if (lost) {
    io.stderr(
      `safedeploy: partial: ${batch.events.length} events printed, but some pages could not be read (see above); exit status 3.\n`
    );
    return ExitStatus.Partial;
  }
  return ExitStatus.Ok;
}

function scoreCommand(args: string[], io: Io): number {
  const values = parse(args, {
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
  });
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
  const note = (text: string) => io.stderr(`safedeploy: note: ${text}\n`);
  const slo = readSlo(values);
  const totalFiles = (values.total as string[] | undefined) ?? [];
  if (totalFiles.length > 0 && totalFiles.length !== seriesFiles.length) {
    throw new UsageError(
      `--total is given ${totalFiles.length} times for ${seriesFiles.length} --series; give one total per series, in the same order`
    );
  }
  const errorRatio = Boolean(values['error-ratio']);
  const csv = { timeZone: timeZoneOption(values.timezone), valueColumn: values['value-column'] as string | undefined };
  const series = seriesFiles.map((file, i) => {
    const input = readSeriesFile(file, note, csv);
    return { ...input, errorRatio, total: totalFiles[i] ? readSeriesFile(totalFiles[i], note, csv) : undefined };
  });
  const events = readEventsFile(eventsFile, note);
  const results = scoreEvents(series, events, {
    ...(slo ? { slo } : {}),
    direction: direction as Direction,
    ...(beforeMs !== undefined ? { beforeMs } : {}),
    // An explicit --after bounds the impact window: nothing later is read.
    ...(afterMs !== undefined ? { afterMs, strictAfter: true } : {}),
  });
  io.stdout(
    format === 'table' ? formatTable(results, slo) : JSON.stringify({ events: results.map(toJson) }, null, 2) + '\n'
  );
  return ExitStatus.Ok;
}

function toJson(result: EventImpact) {
  const { event, ...rest } = result;
  const passthrough = Object.fromEntries(Object.entries(event).filter(([key]) => !(key in rest)));
  return { ...passthrough, ...rest };
}

const WINDOW_DURATIONS = { example: '30m, 2h or 3600000ms' };

/** --slo 99.9 --slo-window 30d: both or neither. */
function readSlo(values: Record<string, unknown>): Slo | undefined {
  const target = values.slo as string | undefined;
  const window = values['slo-window'] as string | undefined;
  if (target === undefined && window === undefined) {
    return undefined;
  }
  const percent = Number(target);
  if (target === undefined || !(percent > 0 && percent < 100)) {
    throw new UsageError('--slo must be a percentage between 0 and 100, like 99.9');
  }
  // An absent --slo-window is as wrong as an unreadable one: '' is refused with the same words.
  const windowMs = durationFlag(window ?? '', 'slo-window', { example: '30d or 7d' }) ?? 0;
  return { target: percent / 100, windowMs };
}

function formatTable(results: EventImpact[], slo: Slo | undefined): string {
  // Ids and reasons come from input files: no escape sequence reaches the terminal.
  const clean = createScrubber();
  const rows = results.map((r) => [
    new Date(r.time).toISOString().replace('.000Z', 'Z'),
    clean(String(r.id)),
    String(Math.round(r.score)),
    r.verdict,
    r.moved.length > 0 ? describeSpike(r.spike, slo) : '',
    r.comparison === Comparison.Versions ? 'version vs version' : 'before/after',
    clean(r.reasons[0] ?? ''),
  ]);
  // Which comparison judged each event; its numbers are in the main reason.
  const header = ['time', 'id', 'score', 'verdict', 'size', 'judged by', 'main reason'];
  // A loop rather than Math.max(...rows): thousands of rows would overflow the call stack.
  const widths = header.map((h, i) =>
    Math.min(
      72,
      rows.reduce((widest, row) => Math.max(widest, row[i].length), h.length)
    )
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
