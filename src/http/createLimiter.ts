import { whenAborted } from './whenAborted';

/** At most this many requests in flight per client (per datasource instance). */
export const DEFAULT_MAX_CONCURRENT = 4;

/**
 * Runs at most `max` tasks at once, the rest in arrival order. A task still waiting when its
 * `signal` aborts never runs: the promise rejects at once with the abort reason.
 */
export type Limiter = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * A limiter on tasks in flight; the datasource shares one between its providers' clients. A
 * request that waits for a slot leaves the queue when its read is cancelled or runs past its
 * deadline, instead of waiting for other reads' requests (up to their own timeouts) to finish.
 *
 * @example
 * const limit = createLimiter(2);
 * await Promise.all(urls.map((url) => limit(() => fetch(url), signal)));
 */
export function createLimiter(max: number = DEFAULT_MAX_CONCURRENT): Limiter {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      next();
    }
  };
  return <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let forget: () => void = () => undefined;
      const run = () => {
        forget();
        active++;
        task().then(
          (value) => {
            release();
            resolve(value);
          },
          (err) => {
            release();
            reject(err);
          }
        );
      };
      if (active < max) {
        run();
        return;
      }
      queue.push(run);
      if (signal) {
        forget = whenAborted(signal, () => {
          const at = queue.indexOf(run);
          if (at >= 0) {
            queue.splice(at, 1);
            reject(signal.reason);
          }
        });
      }
    });
}
