import { createScrubber } from '../../http/createScrubber';
import { ExitStatus, Io } from '../io';
import { jsonArrayChunks } from '../jsonArrayChunks';
import { asksForHelp, parseFlags } from '../parseFlags';
import { parseEventsRead, PROVIDER_READ_FLAGS } from '../parseEventsRead';
import { UsageError } from '../readInputs';
import { readProvider } from '../readProvider';
import { EVENTS_USAGE } from './eventsUsage';

/** The flags `events` accepts. */
export const EVENTS_COMMAND_FLAGS = {
  ...PROVIDER_READ_FLAGS,
  service: { type: 'string' },
  timezone: { type: 'string' },
  'token-env': { type: 'string' },
  timeout: { type: 'string' },
  format: { type: 'string' },
  'shipped-changes': { type: 'boolean' },
  envelope: { type: 'boolean' },
} as const;

/**
 * `safedeploy events`: reads one provider and prints its events as JSON or NDJSON. Resolves
 * to the exit status (see EVENTS_USAGE); throws only UsageError, which the caller prints.
 *
 * @example
 * const code = await eventsCommand(['--provider', 'github', '--url', 'https://api.github.com', '--scope', 'octo/app'], io);
 */
export async function eventsCommand(args: string[], io: Io): Promise<number> {
  if (asksForHelp(args)) {
    io.stdout(EVENTS_USAGE);
    return ExitStatus.Ok;
  }
  const values = parseFlags(args, EVENTS_COMMAND_FLAGS, 'events');
  const read = parseEventsRead(values, io.now(), io.env, { tokenFlag: 'token-env', defaultFrom: 'now-7d' });
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'ndjson') {
    throw new UsageError('--format must be json or ndjson');
  }
  // The bare array stays the default: existing consumers read stdout as a list of events.
  const envelope = values.envelope === true;
  if (envelope && format !== 'json') {
    throw new UsageError('--envelope goes with --format json: an NDJSON line is one event, so it has no room for the read\'s state');
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
  // CI text goes to a terminal or a CI log: main writes its controls as escapes (same values once parsed).
  // One event per write, never the whole output as one string.
  const json = io.json ?? io.stdout;
  if (format === 'ndjson') {
    batch.events.forEach((e) => json(JSON.stringify(e) + '\n'));
  } else if (envelope) {
    // What was lost goes in the JSON too, for a pipeline that reads stdout only; stderr says it once, as without --envelope.
    const lostText = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text);
    json('{\n  "events": ');
    for (const chunk of jsonArrayChunks(batch.events, (e) => e, 1)) {
      json(chunk);
    }
    json(`,\n  "partial": ${lost},\n  "lost": ${JSON.stringify(lostText, null, 2).replace(/\n/g, '\n  ')}\n}\n`);
  } else {
    for (const chunk of jsonArrayChunks(batch.events, (e) => e, 0)) {
      json(chunk);
    }
    json('\n');
  }
  if (lost) {
    io.stderr(
      `safedeploy: partial: ${batch.events.length} events printed, but some pages could not be read (see above); exit status 3.\n`
    );
    return ExitStatus.Partial;
  }
  return ExitStatus.Ok;
}
