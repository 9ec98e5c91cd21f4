import fc from 'fast-check';

import { EngineEvent, scoreEvents, SeriesInput, Verdict } from '../../engine';
import { afterDeployMs, Counting, SampledSeries } from './afterDeployMs';
import { countingOf } from './countingOf';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** On the one-minute grid. */
const DEPLOY = Date.UTC(2026, 0, 5, 12);
const WINDOW = 30 * MINUTE;

/** One sample a minute over [from, to], from `value` (null for a gap). */
function grid(id: string, from: number, to: number, value: (t: number) => number | null, extra: Partial<SampledSeries> = {}): SampledSeries {
  const times: number[] = [];
  const values: Array<number | null> = [];
  for (let t = from; t <= to; t += MINUTE) {
    times.push(t);
    values.push(value(t));
  }
  return { id, times, values, ...extra };
}

const bySeries = (ids: string[], service: string | null = null): Counting => ({ by: 'series', ids, service });
const byVersions = (version: string, service: string | null = 'orders'): Counting => ({ by: 'versions', version, service, windowMs: WINDOW });

/** The old arithmetic the report used: n samples × the step. */
const nTimesStep = (n: number) => n * MINUTE;

describe('afterDeployMs', () => {
  const flat = grid('e', DEPLOY - HOUR, DEPLOY + WINDOW, () => 1);

  it("counts the deploy's own sample as the first when the deploy is on the step grid: the n-th is n − 1 steps after it", () => {
    expect([1, 2, 4].map((n) => afterDeployMs(n, [flat], DEPLOY, bySeries(['e'])))).toStrictEqual([0, MINUTE, 3 * MINUTE]);
    // Regression: "settled after 4 samples (4m00s after the deploy)" while the data read ended 3 minutes after it.
    expect(afterDeployMs(4, [flat], DEPLOY, bySeries(['e']))).not.toBe(nTimesStep(4));
  });

  it('counts from the first sample after a deploy that falls between samples', () => {
    const deploy = DEPLOY + 30_000;
    expect([1, 2, 4].map((n) => afterDeployMs(n, [flat], deploy, bySeries(['e'])))).toStrictEqual([30_000, 90_000, 210_000]);
  });

  it('lies at least n − 1 steps and under n steps after any deploy on a series without gaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MINUTE - 1 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const ms = afterDeployMs(n, [flat], DEPLOY + offset, bySeries(['e']))!;
        return ms >= (n - 1) * MINUTE && ms < n * MINUTE;
      })
    );
  });

  it('skips gaps: a null or non-finite value, and a time with no requests on an error ratio', () => {
    const gappy = grid('e', DEPLOY - HOUR, DEPLOY + WINDOW, (t) => (t === DEPLOY + MINUTE ? null : t === DEPLOY + 2 * MINUTE ? NaN : 1), {
      total: grid('r', DEPLOY - HOUR, DEPLOY + WINDOW, (t) => (t === DEPLOY + 3 * MINUTE ? 0 : 100)),
    });
    // Counted: the deploy's own sample, then 4 minutes after.
    expect(afterDeployMs(2, [gappy], DEPLOY, bySeries(['e']))).toBe(4 * MINUTE);
  });

  it('counts each time once over the judged series, and reads only those when they are named', () => {
    const early = grid('a', DEPLOY, DEPLOY + WINDOW, () => 1);
    const late = grid('b', DEPLOY + 5 * MINUTE, DEPLOY + WINDOW, () => 1);
    expect(afterDeployMs(3, [early, late], DEPLOY, bySeries(['a', 'b']))).toBe(2 * MINUTE);
    expect(afterDeployMs(3, [early, late], DEPLOY, bySeries(['b']))).toBe(7 * MINUTE);
  });

  it("reads the deployed service's series when none judged is among those read (the whole service judged as one)", () => {
    const mine = grid('checkout', DEPLOY + 2 * MINUTE, DEPLOY + WINDOW, () => 1, { service: 'checkout' });
    const other = grid('search', DEPLOY, DEPLOY + WINDOW, () => 1, { service: 'search' });
    expect(afterDeployMs(1, [other, mine], DEPLOY, bySeries(['checkout (all versions)'], 'checkout'))).toBe(2 * MINUTE);
  });

  describe('version against version', () => {
    const v1 = grid('v1', DEPLOY - HOUR, DEPLOY + 2 * HOUR, () => 1, { service: 'orders', version: 'v1' });
    /** A canary that first reports three minutes after the deploy. */
    const v2 = grid('v2', DEPLOY + 3 * MINUTE, DEPLOY + 2 * HOUR, () => 1, { service: 'orders', version: 'v2' });

    it('counts the times both versions served: a canary that starts later is decided later', () => {
      expect(afterDeployMs(2, [v1, v2], DEPLOY, byVersions('v2'))).toBe(4 * MINUTE);
      expect(afterDeployMs(2, [v1, v2], DEPLOY, byVersions('v2'))).not.toBe(nTimesStep(2));
    });

    it("counts the new version's own samples past the aligned ones (the comparison over the window)", () => {
      const gappyV1 = grid('v1', DEPLOY - HOUR, DEPLOY + 2 * HOUR, (t) => (t === DEPLOY + 5 * MINUTE ? null : 1), { service: 'orders', version: 'v1' });
      // 27 samples of v2 in the 30-minute window, 26 of them aligned: the 27th is v2's last in the window.
      expect(afterDeployMs(26, [gappyV1, v2], DEPLOY, byVersions('v2'))).toBe(29 * MINUTE);
      expect(afterDeployMs(27, [gappyV1, v2], DEPLOY, byVersions('v2'))).toBe(29 * MINUTE);
      expect(afterDeployMs(28, [gappyV1, v2], DEPLOY, byVersions('v2'))).toBeNull();
    });

    it("leaves out other services' versions", () => {
      const elsewhere = grid('x', DEPLOY, DEPLOY + 2 * HOUR, () => 1, { service: 'billing', version: 'v2' });
      expect(afterDeployMs(1, [v1, elsewhere, v2], DEPLOY, byVersions('v2'))).toBe(3 * MINUTE);
    });
  });

  describe('edge cases', () => {
    it('is null for fewer samples than counted, for a count under 1, and with nothing read', () => {
      expect(afterDeployMs(32, [flat], DEPLOY, bySeries(['e']))).toBeNull();
      expect(afterDeployMs(0, [flat], DEPLOY, bySeries(['e']))).toBeNull();
      expect(afterDeployMs(1, [], DEPLOY, bySeries([]))).toBeNull();
      expect(afterDeployMs(1, [], DEPLOY, byVersions('v2'))).toBeNull();
    });
  });
});

/** Deterministic noise in [0, 1) (a linear congruential generator). */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Errors and requests of one version a minute over [from, to), at `ratio` of 1,000 requests. */
function version(name: string, from: number, to: number, ratio: (t: number) => number, seed: number): SeriesInput {
  const random = noise(seed);
  const times: number[] = [];
  const errors: number[] = [];
  const requests: number[] = [];
  for (let t = from; t < to; t += MINUTE) {
    const served = 1000 + Math.round(100 * (random() - 0.5));
    times.push(t);
    requests.push(served);
    errors.push(Math.round(served * ratio(t) * (0.8 + 0.4 * random())));
  }
  return { id: `orders ${name}`, service: 'orders', version: name, times, values: errors, total: { times, values: requests } };
}

/** The series as the gate has them at `now`: every sample up to it. */
function readAt(series: SeriesInput[], now: number): SeriesInput[] {
  const cut = (s: { times: ArrayLike<number>; values: ArrayLike<number | null | undefined> }) => {
    const k = Array.from(s.times).filter((t) => t <= now).length;
    return { times: Array.from(s.times).slice(0, k), values: Array.from(s.values).slice(0, k) };
  };
  return series.map((s) => ({ ...s, ...cut(s), total: s.total ? cut(s.total) : undefined }));
}

/** The gate's scoring of one read (see gateCommand's pollMetrics). */
function score(series: SeriesInput[], deploy: EngineEvent, now: number) {
  return scoreEvents(series, [deploy], { now, sequential: { settle: true } })[0];
}

/**
 * The time it names against the engine itself: a gate that read up to that time had the verdict
 * after the same count, and one that read up to a step before it had not.
 */
describe('afterDeployMs against the engine', () => {
  function firstDecided(series: SeriesInput[], deploy: EngineEvent, decided: (impact: ReturnType<typeof score>) => number | null | undefined) {
    // Reads end on the step grid, as the gate's do.
    for (let now = Math.ceil(deploy.time / MINUTE) * MINUTE; now <= deploy.time + WINDOW; now += MINUTE) {
      const impact = score(readAt(series, now), deploy, now);
      const n = decided(impact);
      if (n != null) {
        return { now, n, impact };
      }
    }
    throw new Error('the engine decided nothing in the window');
  }

  it('names the minute a before/after roll_back was first decided, the deploy on the grid', () => {
    const deploy: EngineEvent = { time: DEPLOY, id: 'd', service: 'web' };
    const series = [grid('e', DEPLOY - 12 * HOUR, DEPLOY + WINDOW, (t) => (10 + ((t / MINUTE) % 7)) * (t >= DEPLOY ? 3 : 1))] as SeriesInput[];
    const first = firstDecided(series, deploy, (i) => (i.verdict === Verdict.RollBack ? i.decidedAfterSamples : null));
    const ms = afterDeployMs(first.n, series, DEPLOY, countingOf(first.impact, deploy, WINDOW));
    expect(ms).toBe(first.now - DEPLOY);
    expect(ms).toBe((first.n - 1) * MINUTE);
  });

  it('names the minute a healthy deploy first settled, the deploy between samples', () => {
    const deploy: EngineEvent = { time: DEPLOY + 20_000, id: 'd', service: 'web' };
    const series = [grid('e', DEPLOY - 12 * HOUR, DEPLOY + WINDOW, (t) => 10 + ((t / MINUTE) % 7))] as SeriesInput[];
    const first = firstDecided(series, deploy, (i) => i.healthyAfterSamples);
    expect(first.impact.verdict).toBe(Verdict.Healthy);
    const ms = afterDeployMs(first.n, series, deploy.time, countingOf(first.impact, deploy, WINDOW));
    expect(ms).toBe(first.now - deploy.time);
    expect(ms).toBe((first.n - 1) * MINUTE + 40_000);
  });

  it('names the minute a canary that starts serving three minutes after the deploy was rolled back', () => {
    const deploy: EngineEvent = { time: DEPLOY, id: 'd', service: 'orders', version: 'v2' };
    const series = [version('v1', DEPLOY - 12 * HOUR, DEPLOY + WINDOW, () => 0.01, 1), version('v2', DEPLOY + 3 * MINUTE, DEPLOY + WINDOW, () => 0.03, 2)];
    const first = firstDecided(series, deploy, (i) => (i.verdict === Verdict.RollBack ? i.decidedAfterSamples : null));
    expect(first.impact.comparison).toBe('versions');
    const ms = afterDeployMs(first.n, series, DEPLOY, countingOf(first.impact, deploy, WINDOW));
    expect(ms).toBe(first.now - DEPLOY);
    expect(ms).toBe(3 * MINUTE + (first.n - 1) * MINUTE);
  });
});
