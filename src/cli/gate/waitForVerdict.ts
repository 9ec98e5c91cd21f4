import { EventImpact, Verdict } from '../../engine';

/** Failed reads in a row, after a first good one, before the gate stops waiting. */
export const MAX_FAILED_POLLS = 3;

export type PollResult =
  | {
      ok: true;
      impact: EventImpact;
      samples: number;
      series: number;
      notices: string[];
      /** The server warned that the answer may lack data: such a read never ends the wait early. */
      partial?: boolean;
    }
  | { ok: false; message: string };

export interface Progress {
  elapsedMs: number;
  /** The last good read, or null when this poll failed. */
  poll: Extract<PollResult, { ok: true }> | null;
  /** Failed reads in a row so far (0 after a good read). */
  failures: number;
  /** Time left until the impact window has passed, ms. */
  leftMs: number;
  /** When the next poll is due, ms from now; null when this was the last. */
  nextInMs: number | null;
}

export interface WaitOptions {
  /** End of the impact window: the gate's clock must pass it for a complete verdict. */
  windowEnd: number;
  /** Longest the gate waits, ms from its start. */
  waitMs: number;
  intervalMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Reads the metrics up to `now` and scores the deploy; `leftMs` is the time left before the wait ends (a read is made even at 0). */
  poll: (now: number, leftMs: number) => Promise<PollResult>;
  onProgress?: (progress: Progress) => void;
  maxFailedPolls?: number;
}

export interface WaitResult {
  /** The last good read; null when no read succeeded. */
  last: Extract<PollResult, { ok: true }> | null;
  /** Why reading stopped, when it stopped on failures. */
  failure: string | null;
  /** The gate's clock when the last good read was made. */
  readAt: number | null;
  /** True when the verdict came before the window passed: roll_back (turn_off) already, or healthy settled by the sequential test. */
  stoppedEarly: boolean;
  /** True when --wait ran out before the window passed. */
  waitedOut: boolean;
  polls: number;
  elapsedMs: number;
}

/**
 * The sequence has decided: roll_back (turn_off is its word for a flag change: undo it now), or
 * healthy with every series having ruled out a large harmful change (healthyAfterSamples, which
 * the engine sets only when asked to settle and from minAfterSamples samples on).
 */
function decided(impact: EventImpact): boolean {
  return impact.verdict === Verdict.RollBack || impact.verdict === Verdict.TurnOff || (impact.verdict === Verdict.Healthy && impact.healthyAfterSamples != null);
}

/**
 * Polls until the impact window has passed, the wait runs out, or the sequence has decided:
 * roll_back (the engine says so only for a large, significant change that persists or grows:
 * more data would only confirm it), or healthy once the sequential test ruled out a large harm. A failed first read ends the wait at once (a bad
 * query or URL will not fix itself); later, `maxFailedPolls` failures in a row end it with
 * the last good read kept. The clock and sleep are parameters, so tests control time.
 *
 * @example
 * const result = await waitForVerdict({ windowEnd: deployAt + 30 * 60_000, waitMs: 30 * 60_000, intervalMs: 60_000, now: Date.now, sleep, poll });
 */
export async function waitForVerdict(options: WaitOptions): Promise<WaitResult> {
  const maxFailed = Math.max(1, options.maxFailedPolls ?? MAX_FAILED_POLLS);
  const started = options.now();
  const waitUntil = started + options.waitMs;
  let last: WaitResult['last'] = null;
  let readAt: number | null = null;
  let failures = 0;
  let polls = 0;
  const finish = (rest: Pick<WaitResult, 'failure' | 'stoppedEarly' | 'waitedOut'>): WaitResult => ({
    last,
    readAt,
    polls,
    elapsedMs: options.now() - started,
    ...rest,
  });

  for (;;) {
    const now = options.now();
    const result = await options.poll(now, Math.max(0, waitUntil - now));
    polls++;
    // A read takes time (a slow server, a retry): the wait is measured on the clock after it,
    // and the next read keeps to the interval from this one's start.
    const after = options.now();
    const leftMs = Math.max(0, options.windowEnd - after);
    const windowPassed = now >= options.windowEnd;
    const waitedOut = !windowPassed && after >= waitUntil;
    const nextInMs = Math.max(0, Math.min(now + options.intervalMs, options.windowEnd, waitUntil) - after);
    if (result.ok) {
      last = result;
      readAt = now;
      failures = 0;
    } else {
      failures++;
    }
    const stopsOnFailure = !result.ok && (last === null || failures >= maxFailed);
    // A read in part is not acted on: one more read may be whole.
    const stopsEarly = result.ok && !result.partial && !windowPassed && decided(result.impact);
    const final = windowPassed || waitedOut || stopsOnFailure || stopsEarly;
    options.onProgress?.({
      elapsedMs: after - started,
      poll: result.ok ? result : null,
      failures,
      leftMs,
      nextInMs: final ? null : nextInMs,
    });
    if (final) {
      // A failed last read means the window's end was not seen, whatever ended the wait.
      return finish({ failure: result.ok ? null : result.message, stoppedEarly: stopsEarly, waitedOut });
    }
    await options.sleep(nextInMs);
  }
}
