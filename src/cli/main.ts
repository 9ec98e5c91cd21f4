import { parseArgs } from 'util';

import { Direction, EventImpact, scoreEvents } from '../engine';
import { createHttpClient, scrub } from '../events/http/createHttpClient';
import { readEvents } from '../events/readEvents';
import { EVENT_SOURCES, EventSource } from '../events/types';
import { fetchTransport } from './fetchTransport';
import { parseDuration, parseTime } from './parseTime';
import { readEventsFile, readSeriesFile, UsageError } from './readInputs';
import { routeHeaders } from './routeHeaders';

const USAGE = `safedeploy: read deploy events and score their impact, without Grafana.

  safedeploy events --provider github|gitlab|jenkins|argocd|cdevents --url BASE --scope SCOPE
                    [--environment E] [--service S] [--from T] [--to T] [--token-env VAR]
                    [--max-pages N] [--format json|ndjson]
  safedeploy score  --series FILE [--series FILE ...] --events FILE
                    [--direction up|down|either] [--before DURATION] [--after DURATION]
                    [--format json|table]

T: ISO 8601, epoch ms, or now-7d style. DURATION: 30m, 2h, 3600000ms.
The token is read from the environment variable named by --token-env (Jenkins: "user:api-token").`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  now: Date.now,
};

/** Runs the command line; resolves to the exit status. Never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'events') {
      return await eventsCommand(rest, io);
    }
    if (command === 'score') {
      return scoreCommand(rest, io);
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"; use "events" or "score" (--help for usage)`);
  } catch (err) {
    const message = err instanceof UsageError || (err instanceof Error && err.name === 'TypeError' && /argument|option/i.test(err.message)) ? err.message : `unexpected failure: ${err instanceof Error ? err.message : String(err)}`;
    io.stderr(`safedeploy: ${scrub(message.split('\n')[0])}\n`);
    return 2;
  }
}

function parse(args: string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Record<string, string | string[] | undefined>;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : 'bad options');
  }
}

async function eventsCommand(args: string[], io: Io): Promise<number> {
  const values = parse(args, {
    provider: { type: 'string' },
    url: { type: 'string' },
    scope: { type: 'string' },
    environment: { type: 'string' },
    service: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'token-env': { type: 'string' },
    'max-pages': { type: 'string' },
    format: { type: 'string' },
  });
  const provider = values.provider as string | undefined;
  if (!provider || !EVENT_SOURCES.includes(provider as EventSource)) {
    throw new UsageError(`--provider must be one of ${EVENT_SOURCES.join(', ')}`);
  }
  const url = values.url as string | undefined;
  if (!url || !/^https?:\/\//.test(url)) {
    throw new UsageError('--url must be the http(s) base URL of the API');
  }
  const scope = (values.scope as string | undefined) ?? '';
  if (!scope && provider !== EventSource.CDEvents) {
    throw new UsageError('--scope is required (owner/repo, project, job or application)');
  }
  const now = io.now();
  const from = parseTime((values.from as string | undefined) ?? 'now-7d', now);
  const to = parseTime((values.to as string | undefined) ?? 'now', now);
  if (from === null || to === null || from > to) {
    throw new UsageError('--from and --to must be times (ISO 8601, epoch ms or now-7d) with from before to');
  }
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'ndjson') {
    throw new UsageError('--format must be json or ndjson');
  }
  const tokenEnv = values['token-env'] as string | undefined;
  const token = tokenEnv ? io.env[tokenEnv] : undefined;
  if (tokenEnv && !token) {
    throw new UsageError(`the environment variable ${tokenEnv} named by --token-env is empty or unset`);
  }
  const maxPages = values['max-pages'] ? Number(values['max-pages']) : undefined;
  if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
    throw new UsageError('--max-pages must be a positive whole number');
  }
  const source = provider as EventSource;
  const client = createHttpClient({
    baseUrl: url,
    upstreamUrl: url,
    providerName: source,
    transport: fetchTransport(routeHeaders(source, token)),
  });
  const batch = await readEvents({
    source,
    client,
    scope,
    environment: values.environment as string | undefined,
    service: values.service as string | undefined,
    range: { from, to },
    maxPages,
  });
  for (const notice of batch.notices) {
    io.stderr(`safedeploy: ${notice.severity}: ${notice.text}\n`);
  }
  const failed = batch.events.length === 0 && batch.notices.some((n) => n.severity === 'error');
  if (failed) {
    return 1;
  }
  io.stdout(format === 'ndjson' ? batch.events.map((e) => JSON.stringify(e)).join('\n') + (batch.events.length ? '\n' : '') : JSON.stringify(batch.events, null, 2) + '\n');
  return 0;
}

function scoreCommand(args: string[], io: Io): number {
  const values = parse(args, {
    series: { type: 'string', multiple: true },
    events: { type: 'string' },
    direction: { type: 'string' },
    before: { type: 'string' },
    after: { type: 'string' },
    format: { type: 'string' },
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
  const duration = (name: 'before' | 'after') => {
    const text = values[name] as string | undefined;
    if (text === undefined) {
      return undefined;
    }
    const ms = parseDuration(text);
    if (ms === null || ms <= 0) {
      throw new UsageError(`--${name} must be a duration like 30m, 2h or 3600000ms`);
    }
    return ms;
  };
  const beforeMs = duration('before');
  const afterMs = duration('after');
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'table') {
    throw new UsageError('--format must be json or table');
  }
  const series = seriesFiles.map(readSeriesFile);
  const events = readEventsFile(eventsFile);
  const results = scoreEvents(series, events, {
    direction: direction as Direction,
    ...(beforeMs !== undefined ? { beforeMs } : {}),
    // An explicit --after bounds the impact window: nothing later is read.
    ...(afterMs !== undefined ? { afterMs, strictAfter: true } : {}),
  });
  io.stdout(format === 'table' ? formatTable(results) : JSON.stringify({ events: results.map(toJson) }, null, 2) + '\n');
  return 0;
}

function toJson(result: EventImpact) {
  const { event, ...rest } = result;
  const passthrough = Object.fromEntries(Object.entries(event).filter(([key]) => !(key in rest)));
  return { ...passthrough, ...rest };
}

function formatTable(results: EventImpact[]): string {
  const rows = results.map((r) => [new Date(r.time).toISOString().replace('.000Z', 'Z'), r.id, String(Math.round(r.score)), r.verdict, r.reasons[0] ?? '']);
  const header = ['time', 'id', 'score', 'verdict', 'main reason'];
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((row) => row[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
