import { parseDuration } from './parseTime';
import { UsageError } from './readInputs';

/**
 * The longest a duration flag that sets a timer may be: Node's timers hold a signed 32-bit
 * count of ms, and fire after 1 ms (with a TimeoutOverflowWarning) when given more.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** MAX_TIMER_MS as a duration the flags accept, for the message. */
const MAX_TIMER_TEXT = '24d20h31m23s647ms';

export interface DurationRules {
  /** Durations that make sense for this flag, for the message: "30s, 5m or 2h". */
  example: string;
  /** True when 0 means something (`--wait 0`: read once); else a duration must be positive. */
  allowZero?: boolean;
  /**
   * True for a span of data (a window, a history, an SLO period), which no timer waits out:
   * not bounded by MAX_TIMER_MS. Every other duration flag sets a timer and is bounded.
   */
  span?: boolean;
}

/**
 * A duration flag's value in ms (30m, 2h, 3600000ms), or undefined when the flag is absent.
 * Throws a UsageError naming the flag and what it takes; a timer's duration longer than
 * MAX_TIMER_MS (about 24.8 days) is refused, naming the maximum.
 *
 * @example
 * durationFlag('90s', 'timeout', { example: '500ms, 30s or 2m' }) // 90000
 * durationFlag('0', 'wait', { example: '30s, 5m or 2h' }) // throws: --wait must be a duration like 30s, 5m or 2h
 * durationFlag('25d', 'deadline', { example: '30s, 5m or 2h' }) // throws: --deadline must be at most 24d20h31m23s647ms ...
 * durationFlag('90d', 'slo-window', { example: '30d or 7d', span: true }) // 7776000000
 */
export function durationFlag(text: string | undefined, flag: string, rules: DurationRules): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const ms = parseDuration(text);
  if (ms === null || ms < 0 || (ms === 0 && !rules.allowZero)) {
    throw new UsageError(`--${flag} must be a duration like ${rules.example}`);
  }
  if (!rules.span && ms > MAX_TIMER_MS) {
    throw new UsageError(
      `--${flag} must be at most ${MAX_TIMER_TEXT} (${MAX_TIMER_MS} ms, about 24.8 days: the longest a Node.js timer waits); got ${text.trim()}`
    );
  }
  return ms;
}
