/** At most this many requests in flight per client (per datasource instance). */
export const DEFAULT_MAX_CONCURRENT = 4;

/** Runs at most `max` tasks at once, the rest in arrival order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A limiter on tasks in flight; the datasource shares one between its providers' clients.
 *
 * @example
 * const limit = createLimiter(2);
 * await Promise.all(urls.map((url) => limit(() => fetch(url))));
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
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
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
      } else {
        queue.push(run);
      }
    });
}
