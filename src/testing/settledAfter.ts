/**
 * What `start()` resolved to after `ms` of Jest's fake time, or null if it had not settled: for
 * tests of deadlines, which must not wait real time. Turns fake timers on and off around it.
 *
 * @example
 * expect(await settledAfter(61_000, () => runQuery(ref, targets, range))).toMatchObject({ timedOut: true })
 */
export async function settledAfter<T>(ms: number, start: () => Promise<T>): Promise<T | null> {
  jest.useFakeTimers();
  try {
    let result: T | null = null;
    void start().then((value) => (result = value));
    await jest.advanceTimersByTimeAsync(ms);
    return result;
  } finally {
    jest.useRealTimers();
  }
}
