import { parseDuration } from './parseTime';
import { UsageError } from './readInputs';

export interface DurationRules {
  /** Durations that make sense for this flag, for the message: "30s, 5m or 2h". */
  example: string;
  /** True when 0 means something (`--wait 0`: read once); else a duration must be positive. */
  allowZero?: boolean;
}

/**
 * A duration flag's value in ms (30m, 2h, 3600000ms), or undefined when the flag is absent.
 * Throws a UsageError naming the flag and what it takes.
 *
 * @example
 * durationFlag('90s', 'timeout', { example: '500ms, 30s or 2m' }) // 90000
 * durationFlag('0', 'wait', { example: '30s, 5m or 2h' }) // throws: --wait must be a duration like 30s, 5m or 2h
 */
export function durationFlag(text: string | undefined, flag: string, rules: DurationRules): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const ms = parseDuration(text);
  if (ms === null || ms < 0 || (ms === 0 && !rules.allowZero)) {
    throw new UsageError(`--${flag} must be a duration like ${rules.example}`);
  }
  return ms;
}
