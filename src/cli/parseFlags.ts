import { parseArgs, ParseArgsConfig } from 'util';

import { UsageError } from './readInputs';

/** The flags a command accepts, in the shape of Node's `parseArgs`. */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Parsed flag values: strings, lists of strings for repeatable flags, booleans for switches. */
export type FlagValues = Record<string, string | string[] | boolean | undefined>;

/**
 * A command's flags, strictly: no positionals, no unknown flag. Throws a UsageError (exit 2)
 * with the first line of Node's message.
 *
 * @example
 * parseFlags(['--events', 'deploys.json'], { events: { type: 'string' } }) // { events: 'deploys.json' }
 */
export function parseFlags(args: string[], options: FlagOptions): FlagValues {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as FlagValues;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : 'bad options');
  }
}

/** True when the command is asked for its usage: --help or -h anywhere among its arguments. */
export function asksForHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
