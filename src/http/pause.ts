import { whenAborted } from './whenAborted';

/** Waits `ms`; `signal`, when given, asks the wait to end early. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real clock's wait: a timer cleared when `signal` aborts, so that no timer outlives the read (or keeps the process alive). */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      forget();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const forget = signal ? whenAborted(signal, done) : () => undefined;
  });

/**
 * Waits `ms` with `sleep` unless `signal` aborts first: then it stops at once and throws the
 * abort reason (the read's `DeadlineExceeded`, or the caller's cancel), so that a retry or
 * rate-limit wait never outlives the read's deadline. A `sleep` that ignores the signal (a
 * test's clock) is raced against it.
 *
 * @example
 * await pause(timerSleep, 1_000, signal); // throws signal.reason if the read ends during the second
 */
export async function pause(sleep: Sleep, ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) {
    await sleep(ms);
    return;
  }
  if (!signal.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        forget();
        resolve();
      };
      const forget = whenAborted(signal, done);
      sleep(ms, signal).then(done, done);
    });
  }
  if (signal.aborted) {
    throw signal.reason;
  }
}
