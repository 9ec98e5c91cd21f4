import { parseArgs, ParseArgsConfig } from 'util';

import { nearestFlag } from './nearestFlag';
import { UsageError } from './readInputs';

/** The flags a command accepts, in the shape of Node's `parseArgs`. */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Parsed flag values: strings, lists of strings for repeatable flags, booleans for switches. */
export type FlagValues = Record<string, string | string[] | boolean | undefined>;

/**
 * A command's flags, strictly: no positionals, no unknown flag. Throws a UsageError (exit 2)
 * with the first line of Node's message; for an unknown flag, the nearest valid one or
 * where the command's flags are listed.
 *
 * @example
 * parseFlags(['--events', 'deploys.json'], { events: { type: 'string' } }, 'score') // { events: 'deploys.json' }
 * parseFlags(['--event', 'deploys.json'], { events: { type: 'string' } }, 'score') // throws: Unknown option '--event'. Did you mean '--events'?
 */
export function parseFlags(args: string[], options: FlagOptions, command: string): FlagValues {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as FlagValues;
  } catch (err) {
    // Node's own error, read by shape: it may come from another realm than this module's Error.
    const text = (err as { message?: unknown } | null)?.message;
    const message = typeof text === 'string' ? text.split('\n')[0] : 'bad options';
    const ambiguous = /^Option '(-{1,2}[^']+)' argument is ambiguous/.exec(message);
    if (ambiguous) {
      // Node's advice is on its later lines, which one line on stderr would drop; an empty $VAR leaves exactly this.
      throw new UsageError(
        `${ambiguous[1]} has no value: the argument after it starts with a dash. Give its value (an empty variable leaves none), or write ${ambiguous[1]}=VALUE for a value that starts with a dash`
      );
    }
    const unknown = (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'-{1,2}([^'=]*)'/.exec(message) : null;
    if (!unknown) {
      throw new UsageError(message);
    }
    const meant = nearestFlag(unknown[1], Object.keys(options));
    throw new UsageError(
      meant !== null ? `${message}. Did you mean '--${meant}'?` : `${message}; safedeploy ${command} --help lists the flags`
    );
  }
}

/** True when the command is asked for its usage: --help or -h anywhere among its arguments. */
export function asksForHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
