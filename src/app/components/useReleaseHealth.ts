import { useEffect, useState } from 'react';

import { loadReleaseHealth, ReleaseHealth } from '../data/loadReleaseHealth';
import { AppSettings } from '../types';

/** One load per settings and range while the app is open: moving between pages reuses it. */
const cache = new Map<string, Promise<ReleaseHealth>>();
const CACHE_LIMIT = 8;

export function useReleaseHealth(
  settings: AppSettings,
  range: { from: number; to: number }
): { loading: boolean; health: ReleaseHealth | null; error: string | null } {
  const key = JSON.stringify([settings, range]);
  const [state, setState] = useState<{ key: string; health: ReleaseHealth | null; error: string | null }>({
    key: '',
    health: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    let promise = cache.get(key);
    if (!promise) {
      promise = loadReleaseHealth(settings, range);
      cache.set(key, promise);
      if (cache.size > CACHE_LIMIT) {
        cache.delete(cache.keys().next().value!);
      }
    }
    promise.then(
      (health) => current && setState({ key, health, error: null }),
      (err: unknown) => {
        cache.delete(key);
        // loadReleaseHealth keeps failures as notices; this only catches a bug, said plainly.
        if (current) {
          setState({ key, health: null, error: err instanceof Error ? err.message : 'Loading failed' });
        }
      }
    );
    return () => {
      current = false;
    };
    // `key` stands for settings and range.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return {
    loading: state.key !== key,
    health: state.key === key ? state.health : null,
    error: state.key === key ? state.error : null,
  };
}
