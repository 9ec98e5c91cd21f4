/** A series as the gate read it: a null or non-finite value is a gap; with a total, it is judged as errors over requests. */
export interface SampledSeries {
  id: string;
  service?: string;
  version?: string;
  times: ArrayLike<number>;
  values: ArrayLike<number | null | undefined>;
  total?: { times: ArrayLike<number>; values: ArrayLike<number | null | undefined> };
}

/**
 * Which samples a verdict's count counts.
 * - `series` (before/after, the whole service, the healthy side): the samples at or after the
 *   deploy of each judged series (the first look is the first sample at or after the deploy);
 *   the series named by `ids`, else those of `service` (and those without one), else all.
 * - `versions`: the times in [deploy, deploy + windowMs) when both the deployed version and
 *   another version of `service` served (the sequential comparison's aligned samples), or, for
 *   a count past those, the deployed version's own samples (the fixed-window comparison's;
 *   past 120 samples a side in the window it reads them strided, and the time named is then early).
 */
export type Counting =
  | { by: 'series'; ids: readonly string[]; service: string | null }
  | { by: 'versions'; version: string; service: string | null; windowMs: number };

/**
 * How long after the deploy the n-th counted sample was taken: the end of the data a verdict
 * reached "after n samples" rests on. Not n × step: the first look is the sample at or after the
 * deploy, which lies up to a step after it (0 when the deploy is on the step grid), and the
 * version comparison counts only the times both versions served, which begin when the new
 * version first reports. Null when fewer than n samples were counted (n < 1 included).
 * A sample counts where its value is finite and, for a series with requests, the requests read
 * at the same time are positive (a time with no requests has no error ratio): the gate reads
 * every query on one step grid, so the two line up exactly. O(s log s) over the samples counted.
 *
 * @example
 * // one-minute samples from 12:00, deploy at 12:00:30: the 2nd sample since is 12:02, 1m30s after
 * afterDeployMs(2, [{ id: 'e', times: [0, 60_000, 120_000], values: [1, 1, 1] }], 30_000, { by: 'series', ids: ['e'], service: null }) // 90_000
 */
export function afterDeployMs(n: number, series: readonly SampledSeries[], deployTime: number, counting: Counting): number | null {
  if (!(n >= 1)) {
    return null;
  }
  const at = counting.by === 'series' ? nth(sampleTimes(judged(series, counting), deployTime, Infinity), n) : versionsNth(n, series, deployTime, counting);
  return at === null ? null : at - deployTime;
}

/** The series a before/after count reads: those judged, else the deployed service's, else all. */
function judged(series: readonly SampledSeries[], counting: { ids: readonly string[]; service: string | null }): readonly SampledSeries[] {
  const named = series.filter((s) => counting.ids.includes(s.id));
  if (named.length > 0) {
    return named;
  }
  // As the engine's sequential test: a series of another service is not the deploy's.
  const service = counting.service;
  const own = service ? series.filter((s) => !s.service || s.service === service) : [];
  return own.length > 0 ? own : series;
}

/** The aligned sample's time when there are n of them, else the deployed version's n-th. */
function versionsNth(n: number, series: readonly SampledSeries[], deployTime: number, counting: Extract<Counting, { by: 'versions' }>): number | null {
  const to = deployTime + counting.windowMs;
  const candidates = series.filter((s) => s.version && (!counting.service || !s.service || s.service === counting.service));
  const side = (mine: boolean) => sampleTimes(candidates.filter((s) => (s.version === counting.version) === mine), deployTime, to);
  const mine = side(true);
  const theirs = new Set(side(false));
  // Aligned ⊆ mine, so with n aligned samples the count is the aligned one; with fewer, it can only be mine.
  return nth(mine.filter((t) => theirs.has(t)), n) ?? nth(mine, n);
}

function nth(times: readonly number[], n: number): number | null {
  return n <= times.length ? times[n - 1] : null;
}

/** The distinct times in [from, to) at which any of the series has a counted sample, ascending. */
function sampleTimes(series: readonly SampledSeries[], from: number, to: number): number[] {
  const times = new Set<number>();
  for (const s of series) {
    const requests = s.total ? positiveAt(s.total) : null;
    for (let i = 0; i < s.times.length; i++) {
      const t = s.times[i];
      if (t >= from && t < to && isFiniteNumber(s.values[i]) && (requests === null || requests.has(t))) {
        times.add(t);
      }
    }
  }
  return Array.from(times).sort((a, b) => a - b);
}

/** The times at which a requests series read a positive value. */
function positiveAt(total: NonNullable<SampledSeries['total']>): Set<number> {
  const at = new Set<number>();
  for (let i = 0; i < total.times.length; i++) {
    const v = total.values[i];
    if (isFiniteNumber(v) && v > 0) {
      at.add(total.times[i]);
    }
  }
  return at;
}

function isFiniteNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
