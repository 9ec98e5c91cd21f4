import { Scrubber } from '../http/createScrubber';
import { eventsCommand } from './events/eventsCommand';
import { gateCommand } from './gate/gateCommand';
import { guardCommand } from './guard/guardCommand';
import { holdSecrets } from './holdSecrets';
import { ExitStatus, Io } from './io';
import { nearestFlag } from './nearestFlag';
import { UsageError } from './readInputs';
import { scoreCommand } from './score/scoreCommand';
import { USAGE } from './usage';
import { VERSION } from './version';
import { escapeTerminalControls } from './escapeTerminalControls';
import { redactJsonStrings } from './redactJsonStrings';

const defaultIo: Io = {
  stdout: processWriter(process.stdout),
  stderr: processWriter(process.stderr),
  env: process.env,
  now: Date.now,
};

/**
 * Writes to one of the process's streams. A reader that stops early closes the pipe
 * (`safedeploy events | head -1`): Node then reports EPIPE as an 'error' event that, unheard,
 * ends the process with a stack trace and exit 1. The rest of the output is simply no longer
 * wanted, so it is dropped and the command ends as it would have, with its own status.
 */
function processWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let gone: boolean | undefined;
  return (text) => {
    if (gone === undefined) {
      gone = false;
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') {
          throw err;
        }
        gone = true;
      });
    }
    if (!gone) {
      stream.write(text);
    }
  };
}

/** The commands by name; each parses its own flags and prints its own usage for --help. */
const COMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  events: eventsCommand,
  score: scoreCommand,
  gate: gateCommand,
  guard: guardCommand,
};

/**
 * Runs the command line; resolves to the exit status. Never throws: a UsageError, or any
 * other failure, is one line on stderr and exit 2.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], rawIo: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  // Every line out passes the one scrubber, which learns each secret as a command reads it.
  const secrets = holdSecrets();
  const io: Io = {
    ...rawIo,
    // CI text reaches a terminal or a CI log through every command's output: its controls as escapes.
    stdout: (text) => rawIo.stdout(escapeTerminalControls(secrets.redact(text))),
    json: (text) => rawIo.stdout(escapeTerminalControls(redactJsonStrings(text, secrets.redact))),
    stderr: (text) => rawIo.stderr(scrubLines(text, secrets.scrub)),
    secrets,
  };
  try {
    if (command !== undefined && Object.hasOwn(COMMANDS, command)) {
      return await COMMANDS[command](rest, io);
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      io.stdout(VERSION + '\n');
      return ExitStatus.Ok;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? ExitStatus.Usage : ExitStatus.Ok;
    }
    throw new UsageError(`unknown command "${command}"; ${nearestCommand(command)}use "events", "score", "gate" or "guard" (--help for usage)`);
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

/** "did you mean ..." for a mistyped command (`scroe`) or option (`--verison`), else nothing. */
function nearestCommand(typed: string): string {
  const dashes = /^-*/.exec(typed)![0];
  const meant = nearestFlag(typed.slice(dashes.length), dashes ? ['version', 'help'] : Object.keys(COMMANDS));
  return meant === null ? '' : `did you mean "${dashes ? '--' : ''}${meant}"? `;
}

/** Scrubs each line of text meant for stderr, keeping the line breaks between them. */
function scrubLines(text: string, scrub: Scrubber): string {
  return text
    .split('\n')
    .map((line) => scrub(line))
    .join('\n');
}
