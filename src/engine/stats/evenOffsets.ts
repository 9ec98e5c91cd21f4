/** The offsets evenOffsets last worked out, for one count and k. */
export interface OffsetCache {
  count: number;
  k: number;
  offsets: Int32Array;
}

/** An empty cache for up to `capacity` offsets. */
export function offsetCache(capacity: number): OffsetCache {
  return { count: -1, k: -1, offsets: new Int32Array(capacity) };
}

/**
 * k positions evenly spread over count, relative to the first: floor(j·(count − 1)/(k − 1)) for
 * j < k (k ≤ the cache's capacity). Worked out once per count and k and kept in `cache`: the
 * per-event samplings read the same positions for every event of an evenly sampled series, so
 * no division per position. The offsets are the cache's own array, valid until the next call.
 *
 * @example
 * evenOffsets(offsetCache(4), 10, 4) // Int32Array [0, 3, 6, 9]
 */
export function evenOffsets(cache: OffsetCache, count: number, k: number): Int32Array {
  // Both compared before either is acted on: while a series' first day fills, the count changes
  // at every event and a short-circuit never compares k, so the optimised code met that
  // comparison without feedback once the count settled, and was thrown away (with its callers)
  // and compiled again.
  const countChanged = cache.count !== count;
  const kChanged = cache.k !== k;
  if (countChanged || kChanged) {
    for (let j = 0; j < k; j++) {
      cache.offsets[j] = Math.floor((j * (count - 1)) / Math.max(1, k - 1));
    }
    cache.count = count;
    cache.k = k;
  }
  return cache.offsets;
}
