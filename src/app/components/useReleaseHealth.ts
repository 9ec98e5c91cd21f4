import { useEffect, useState } from 'react';

import { loadReleaseHealth, ReleaseHealth } from '../data/loadReleaseHealth';
import { AppSettings } from '../types';

/**
 * One computation per settings and range as written (`now-30d` to `now`), shared by every
 * page: the overview, a service's detail, its readiness review and its Markdown export show
 * the same numbers because they read the same result. A relative range is resolved when it
 * is computed; re-resolving it on each navigation made each page a new read and a new
 * scoring a minute later, and their restore times could differ by a metric step.
 */
const cache = new Map<string, { promise: Promise<ReleaseHealth>; at: number }>();
const CACHE_LIMIT = 8;
/** A relative range is read again after this long, so a page left open does not go stale for good. */
export const RELATIVE_RANGE_REUSE_MS = 5 * 60_000;

/** The shared result for `settings` and `raw`, computed over `range` (what `raw` resolves to now) when there is none. */
export function sharedReleaseHealth(
  settings: AppSettings,
  raw: { from: string; to: string },
  range: { from: number; to: number },
  now: number,
  load: typeof loadReleaseHealth = loadReleaseHealth
): { key: string; promise: Promise<ReleaseHealth> } {
  const key = JSON.stringify([settings, raw]);
  const entry = cache.get(key);
  const relative = /now/.test(raw.from) || /now/.test(raw.to);
  if (entry && (!relative || now - entry.at < RELATIVE_RANGE_REUSE_MS)) {
    return { key, promise: entry.promise };
  }
  const promise = load(settings, range);
  cache.delete(key);
  cache.set(key, { promise, at: now });
  promise.catch(() => cache.get(key)?.promise === promise && cache.delete(key));
  if (cache.size > CACHE_LIMIT) {
    cache.delete(cache.keys().next().value!);
  }
  return { key, promise };
}

export function useReleaseHealth(
  settings: AppSettings,
  raw: { from: string; to: string },
  range: { from: number; to: number }
): { loading: boolean; health: ReleaseHealth | null; error: string | null } {
  const key = JSON.stringify([settings, raw]);
  const [state, setState] = useState<{ key: string; health: ReleaseHealth | null; error: string | null }>({
    key: '',
    health: null,
    error: null,
  });
  // A navigation re-resolves the range; within the reuse period it finds the same result.
  const navigation = JSON.stringify(range);
  useEffect(() => {
    let current = true;
    sharedReleaseHealth(settings, raw, range, Date.now()).promise.then(
      (health) => current && setState({ key, health, error: null }),
      (err: unknown) => {
        // loadReleaseHealth keeps failures as notices; this only catches a bug, said plainly.
        if (current) {
          setState({ key, health: null, error: err instanceof Error ? err.message : 'Loading failed' });
        }
      }
    );
    return () => {
      current = false;
    };
    // `key` and `navigation` stand for settings, raw and range.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, navigation]);
  return {
    loading: state.key !== key,
    health: state.key === key ? state.health : null,
    error: state.key === key ? state.error : null,
  };
}
