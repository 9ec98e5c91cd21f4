/** The callbacks waiting on each signal, behind the one listener `whenAborted` adds to it. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `run` when `signal` aborts, and returns what forgets it. However many requests and
 * waits share a read's signal (a hundred status requests queued behind the limiter, each
 * retry's pause), the signal gets one listener: Node warns past ten listeners on one signal,
 * on stderr, where no scrubber stands. Like `addEventListener`, nothing runs for a signal
 * that has already aborted: check `signal.aborted` first.
 *
 * @example
 * const forget = whenAborted(signal, () => clearTimeout(timer));
 * // ... later, when the wait is over:
 * forget();
 */
export function whenAborted(signal: AbortSignal, run: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const set = new Set<() => void>();
    callbacks = set;
    waiting.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        waiting.delete(signal);
        for (const callback of Array.from(set)) {
          callback();
        }
      },
      { once: true }
    );
  }
  // A wrapper per call, so the same function waiting twice is forgotten once at a time.
  const entry = () => run();
  callbacks.add(entry);
  const set = callbacks;
  return () => {
    set.delete(entry);
  };
}
