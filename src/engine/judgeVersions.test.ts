import { hodgesLehmann } from './compareVersions';
import { describeComparison, describeComparisonShort } from './judgeVersions';
import { scoreEvents } from './scoreEvents';
import { Comparison, Direction, EventImpact, SeriesInput, Verdict } from './types';

// CONSTRUCTED: one service with requests and errors per minute, by version, as
// `sum by (service, version) (increase(http_requests_total[1m]))` returns them: a day of v1
// alone, then v2 deployed beside it. Poisson-like noise from a seeded generator.

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 2);
const HISTORY = 24 * 60;
const AFTER = 60;
const DEPLOY = START + HISTORY * MINUTE;

function random(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

/** A count with mean `mean`: normal approximation to Poisson, never negative. */
function count(next: () => number, mean: number): number {
  const u = Math.max(1e-12, next());
  const v = next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
}

interface Traffic {
  /** Requests per minute at sample i. */
  requests: (i: number) => number;
  /** Error ratio at sample i. */
  ratio: (i: number) => number;
}

function versionSeries(version: string, from: number, to: number, traffic: Traffic, seed: number): { errors: SeriesInput; requests: SeriesInput } {
  const next = random(seed);
  const times: number[] = [];
  const requests: number[] = [];
  const errors: number[] = [];
  for (let i = from; i < to; i++) {
    times.push(START + i * MINUTE);
    const r = count(next, traffic.requests(i));
    requests.push(r);
    errors.push(count(next, r * traffic.ratio(i)));
  }
  return {
    errors: { id: `errors ${version}`, name: `checkout errors ${version}`, service: 'checkout', version, times, values: errors },
    requests: { id: `requests ${version}`, name: `checkout requests ${version}`, service: 'checkout', version, times, values: requests },
  };
}

const after = (i: number) => i >= HISTORY;
const DEPLOY_EVENT = { time: DEPLOY, id: 'checkout v2', service: 'checkout', version: 'v2', kind: 'deploy' };

function withTotal(pair: { errors: SeriesInput; requests: SeriesInput }): SeriesInput {
  return { ...pair.errors, total: { times: pair.requests.times, values: pair.requests.values } };
}

function judge(series: SeriesInput[]): EventImpact {
  return scoreEvents(series, [DEPLOY_EVENT], { afterMs: 30 * MINUTE })[0];
}

describe('judging a deploy like a canary', () => {
  it('rolls back a new version whose error ratio is three times the old one while both serve traffic', () => {
    const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: (i) => (after(i) ? 1000 : 2000), ratio: () => 0.004 }, 1);
    const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 1000, ratio: () => 0.012 }, 2);
    const result = judge([withTotal(v1), withTotal(v2)]);
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.comparison).toBe(Comparison.Versions);
    expect(result.versions?.errorRatio).toBe(true);
    expect(result.versions?.ratio).toBeGreaterThan(2.2);
    expect(result.versions?.low).toBeGreaterThan(result.versions!.tolerance);
    expect(result.reasons[0]).toMatch(/^new version worse than the others: v2 against v1 over the same 30 min: error ratio/);
    expect(result.reasons[1]).toMatch(/^before\/after \(second opinion\)/);
  });

  it('says not the deploy when both versions rise together right after it (a shared dependency broke)', () => {
    const rising = (i: number) => (after(i) ? 0.03 : 0.004);
    const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: (i) => (after(i) ? 1000 : 2000), ratio: rising }, 3);
    const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 1000, ratio: rising }, 4);
    const result = judge([withTotal(v1), withTotal(v2)]);
    expect([Verdict.Healthy, Verdict.Watch]).toContain(result.verdict);
    expect(result.comparison).toBe(Comparison.Versions);
    expect(result.versions?.worse).toBe(false);
    expect(result.reasons[0]).toMatch(/other versions rose the same/);
    // Before/after alone blames the deploy: the second opinion says so.
    expect(result.reasons[1]).toMatch(/before\/after \(second opinion\): roll_back/);
  });

  it('does not blame the deploy for a rise both versions share while the comparison still lacks samples', () => {
    // As a gate polling each minute sees it: minutes 2 and 3 after the deploy, both versions
    // serving, both at 7x the ratio before (on the engine without the pending rule: roll_back at
    // both, from the sequential before/after test). The version comparison cannot judge yet, and
    // a rise every version shares is not the deploy's.
    const rising = (i: number) => (after(i) ? 0.03 : 0.004);
    for (const minutes of [2, 3]) {
      const v1 = versionSeries('v1', 0, HISTORY + minutes, { requests: (i) => (after(i) ? 1000 : 2000), ratio: rising }, 3);
      const v2 = versionSeries('v2', HISTORY, HISTORY + minutes, { requests: () => 1000, ratio: rising }, 4);
      const result = scoreEvents([withTotal(v1), withTotal(v2)], [DEPLOY_EVENT], { afterMs: 30 * MINUTE, now: DEPLOY + (minutes - 1) * MINUTE })[0];
      expect(result.verdict).toBe(Verdict.Watch);
      expect(result.comparison).toBe(Comparison.Versions);
      expect(result.reasons[0]).toMatch(new RegExp(`^version against version not possible yet: ${minutes} samples of v2 and ${minutes} of the other versions since the deploy`));
      expect(result.reasons[1]).toMatch(/^before\/after meanwhile: /);
      expect(describeComparison(result)).toMatch(/^version against version, too few samples of a side yet/);
      expect(describeComparisonShort(result)).toBe('version vs version, too few samples yet');
    }
  });

  it('does not wait for a new version that stopped serving: before/after judges the rise', () => {
    // v2 served one minute (crash-looping) while v1's error ratio rose 7x: nothing to wait for.
    const rising = (i: number) => (after(i) ? 0.03 : 0.004);
    const v1 = versionSeries('v1', 0, HISTORY + 10, { requests: () => 2000, ratio: rising }, 31);
    const v2 = versionSeries('v2', HISTORY, HISTORY + 1, { requests: () => 100, ratio: rising }, 32);
    const result = scoreEvents([withTotal(v1), withTotal(v2)], [DEPLOY_EVENT], { afterMs: 30 * MINUTE, now: DEPLOY + 9 * MINUTE })[0];
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.reasons.join(' ')).toMatch(/version against version not possible: 1 samples of v2 and 10 of the other versions since the deploy; at least 4 each are needed; judged before\/after/);
  });

  it('keeps the comparison pending when the old version is scraped half a minute after the new one', () => {
    // A lag of one scrape leaves v1 a sample short at each look: both still serve, not a cutover.
    const rising = (i: number) => (after(i) ? 0.03 : 0.004);
    const later = (times: ArrayLike<number>) => Array.from(times, (t) => t + MINUTE / 2);
    const lag = (input: SeriesInput): SeriesInput => ({ ...input, times: later(input.times), total: input.total && { ...input.total, times: later(input.total.times) } });
    for (const minutes of [2, 3, 4]) {
      const end = DEPLOY + (minutes - 1) * MINUTE;
      const cut = (input: SeriesInput): SeriesInput => {
        const n = Array.from(input.times).filter((t) => t <= end).length;
        const head = <T,>(a: ArrayLike<T>) => Array.from(a).slice(0, n);
        return { ...input, times: head(input.times), values: head(input.values), total: input.total && { times: head(input.total.times), values: head(input.total.values) } };
      };
      const v1 = cut(lag(withTotal(versionSeries('v1', 0, HISTORY + minutes, { requests: (i) => (after(i) ? 1000 : 2000), ratio: rising }, 33))));
      const v2 = cut(withTotal(versionSeries('v2', HISTORY, HISTORY + minutes, { requests: () => 1000, ratio: rising }, 34)));
      const result = scoreEvents([v1, v2], [DEPLOY_EVENT], { afterMs: 30 * MINUTE, now: end })[0];
      expect([minutes, result.verdict, result.comparison]).toStrictEqual([minutes, Verdict.Watch, Comparison.Versions]);
      expect(result.reasons[0]).toMatch(new RegExp(`^version against version not possible yet: ${minutes} samples of v2 and ${minutes - 1} of the other versions`));
    }
  });

  it('holds a before/after roll_back to watch while a gappy canary still lacks samples', () => {
    // v2 serves every other minute: 3 samples six minutes in, v1 6; both rose 7x alike.
    const rising = (i: number) => (after(i) ? 0.03 : 0.004);
    const v1 = versionSeries('v1', 0, HISTORY + 6, { requests: (i) => (after(i) ? 1000 : 2000), ratio: rising }, 35);
    const full = withTotal(versionSeries('v2', HISTORY, HISTORY + 6, { requests: () => 1000, ratio: rising }, 36));
    const everyOther = <T,>(a: ArrayLike<T>) => Array.from(a).filter((_, k) => k % 2 === 0);
    const v2 = { ...full, times: everyOther(full.times), values: everyOther(full.values), total: { times: everyOther(full.total!.times), values: everyOther(full.total!.values) } };
    const result = scoreEvents([withTotal(v1), v2], [DEPLOY_EVENT], { afterMs: 30 * MINUTE, now: DEPLOY + 5 * MINUTE })[0];
    expect(result.verdict).toBe(Verdict.Watch);
    expect(result.reasons[0]).toMatch(/^version against version not possible yet: 3 samples of v2 and 6 of the other versions/);
    expect(result.reasons[1]).toMatch(/^before\/after meanwhile: roll_back/);
  });

  it('does not roll back an equally good sparse canary at any minute while the window fills', () => {
    // v2 at 100 requests a minute beside v1 at 10,000, both at 1%, read as increase()[5m] (each
    // sample overlaps the four before it), as a gate polling each minute sees them. The
    // fixed-window comparison is a 95% test at one look: re-read every minute it said roll_back
    // in 5 of these 40 canaries (each at minute 4); only the sequential comparison may decide early.
    const rolling = (a: number[]) => a.map((_, k) => a.slice(Math.max(0, k - 4), k + 1).reduce((x, y) => x + y, 0));
    const over5 = (pair: { errors: SeriesInput; requests: SeriesInput }): SeriesInput => {
      const values = rolling(Array.from(pair.errors.values as number[]));
      return { ...pair.errors, values, total: { times: pair.requests.times, values: rolling(Array.from(pair.requests.values as number[])) } };
    };
    const early: string[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const v1 = over5(versionSeries('v1', 0, HISTORY + 30, { requests: (i) => (after(i) ? 10_000 : 10_100), ratio: () => 0.01 }, 1000 + seed));
      const v2 = over5(versionSeries('v2', HISTORY, HISTORY + 30, { requests: () => 100, ratio: () => 0.01 }, 2000 + seed));
      for (let minutes = 1; minutes < 30; minutes++) {
        const cut = (s: SeriesInput): SeriesInput => {
          const n = Array.from(s.times).filter((t) => t < DEPLOY + minutes * MINUTE).length;
          const head = <T,>(a: ArrayLike<T>) => Array.from(a).slice(0, n);
          return { ...s, times: head(s.times), values: head(s.values), total: { times: head(s.total!.times), values: head(s.total!.values) } };
        };
        const result = scoreEvents([cut(v1), cut(v2)], [DEPLOY_EVENT], { afterMs: 30 * MINUTE, now: DEPLOY + (minutes - 1) * MINUTE })[0];
        if (result.verdict === Verdict.RollBack) {
          early.push(`seed ${seed} minute ${minutes}: ${result.reasons[0]}`);
          break;
        }
      }
    }
    expect(early).toStrictEqual([]);
  });

  it('judges a canary that serves 5% of traffic on its own ratio, not drowned by the other 95%', () => {
    const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: (i) => (after(i) ? 1900 : 2000), ratio: () => 0.004 }, 5);
    const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 100, ratio: () => 0.012 }, 6);
    const result = judge([withTotal(v1), withTotal(v2)]);
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.versions?.samples.version).toBe(30);
    // The service's total error ratio barely moves: 0.95·0.4% + 0.05·1.2% = 0.44%.
    const summed = versionSeries('all', 0, HISTORY + AFTER, { requests: () => 2000, ratio: (i) => (after(i) ? 0.0044 : 0.004) }, 7);
    expect(judge([withTotal(summed)]).verdict).not.toBe(Verdict.RollBack);
  });

  it('keeps a healthy new version healthy and says which comparison judged it', () => {
    const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: (i) => (after(i) ? 1000 : 2000), ratio: () => 0.004 }, 8);
    const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 1000, ratio: () => 0.004 }, 9);
    const result = judge([withTotal(v1), withTotal(v2)]);
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(result.comparison).toBe(Comparison.Versions);
    expect(result.reasons[0]).toMatch(/^new version no worse than the others: v2 against v1/);
  });

  describe('edge cases', () => {
    it('judges a version worse below the others as large for Direction.Down', () => {
      // Orders placed per minute by version: v2 at 0.35x of v1's, worse when lower. Read upwards
      // the ratio 0.35 is under largeRatio, and the fixed window said only "somewhat worse".
      const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: (i) => (after(i) ? 1000 : 2000), ratio: () => 0.01 }, 40);
      const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 350, ratio: () => 0.01 }, 41);
      const orders = (pair: { requests: SeriesInput }) => ({ ...pair.requests, name: `orders ${pair.requests.version}` });
      const result = scoreEvents([orders(v1), orders(v2)], [DEPLOY_EVENT], { afterMs: 30 * MINUTE, direction: Direction.Down })[0];
      expect(result.comparison).toBe(Comparison.Versions);
      expect(result.versions?.ratio).toBeLessThan(0.4);
      expect(result.verdict).toBe(Verdict.RollBack);
      expect(result.reasons[0]).toMatch(/^new version worse than the others: v2 against v1/);
    });

    it('compares the versions only up to the next change, not on what that change did', () => {
      // v2 as good as v1 for six minutes, then a flag change triples its error ratio.
      const flagAt = DEPLOY + 6 * MINUTE;
      const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: (i) => (after(i) ? 1000 : 2000), ratio: () => 0.004 }, 42);
      const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 1000, ratio: (i) => (i >= HISTORY + 6 ? 0.012 : 0.004) }, 43);
      const events = [DEPLOY_EVENT, { time: flagAt, id: 'flag', kind: 'flag', service: 'checkout', flagKey: 'new-pricing', toState: 'on' }];
      const [deploy, flag] = scoreEvents([withTotal(v1), withTotal(v2)], events, { afterMs: 30 * MINUTE });
      expect(deploy.verdict).not.toBe(Verdict.RollBack);
      expect(deploy.versions?.samples.version).toBe(6);
      expect(describeComparison(deploy)).toMatch(/over the same 6 min/);
      // The flag cannot be judged on v2, six minutes old at the flag: never healthy on v1 alone.
      expect(flag.verdict).toBe(Verdict.InsufficientData);
    });

    it('falls back to before/after, saying why, when the new version has too few samples', () => {
      const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: () => 2000, ratio: () => 0.004 }, 10);
      const v2 = versionSeries('v2', HISTORY, HISTORY + 2, { requests: () => 1000, ratio: () => 0.012 }, 11);
      const result = judge([withTotal(v1), withTotal(v2)]);
      expect(result.comparison).toBe(Comparison.BeforeAfter);
      expect(result.reasons.join(' ')).toMatch(/version against version not possible: 2 samples of v2 and 30 of the other versions since the deploy; at least 4 each are needed; judged before\/after/);
    });

    it('compares nothing when the event has no version', () => {
      const v1 = versionSeries('v1', 0, HISTORY + AFTER, { requests: () => 2000, ratio: () => 0.004 }, 12);
      const result = scoreEvents([withTotal(v1)], [{ time: DEPLOY, id: 'd' }])[0];
      expect(result.comparison).toBe(Comparison.BeforeAfter);
      expect(result.versions).toBeNull();
    });
  });
});

describe('judging a cutover (the old version stops serving at the deploy)', () => {
  it('rolls back a full cutover to a v2 at three times the error ratio, judging the whole service before/after', () => {
    const v1 = versionSeries('v1', 0, HISTORY, { requests: () => 2000, ratio: () => 0.004 }, 21);
    const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 2000, ratio: () => 0.012 }, 22);
    const result = judge([withTotal(v1), withTotal(v2)]);
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.comparison).toBe(Comparison.Service);
    expect(result.reasons[0]).toMatch(
      /^judged as the whole service before\/after \(checkout \(all versions\) error ratio: errors summed over its versions over requests summed\): version against version not possible: the other versions stopped serving \(0 samples since the deploy against 30 of v2\)/
    );
    expect(result.decidedAfterSamples).toBeLessThanOrEqual(3);
  });

  it('keeps a full cutover during a threefold traffic surge at a steady ratio healthy', () => {
    const v1 = versionSeries('v1', 0, HISTORY, { requests: () => 1000, ratio: () => 0.01 }, 23);
    const v2 = versionSeries('v2', HISTORY, HISTORY + AFTER, { requests: () => 3000, ratio: () => 0.01 }, 24);
    const result = judge([withTotal(v1), withTotal(v2)]);
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(result.comparison).toBe(Comparison.Service);
  });

  it('decides a full cutover to a broken v2 after a few samples, as a gate polling each minute sees it', () => {
    const v1 = versionSeries('v1', 0, HISTORY, { requests: () => 2000, ratio: () => 0.004 }, 25);
    const v2 = versionSeries('v2', HISTORY, HISTORY + 3, { requests: () => 2000, ratio: () => 0.012 }, 26);
    const result = scoreEvents([withTotal(v1), withTotal(v2)], [DEPLOY_EVENT], { afterMs: 30 * MINUTE, now: DEPLOY + 2 * MINUTE })[0];
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.decidedAfterSamples).toBeLessThanOrEqual(3);
    expect(result.reasons[1]).toMatch(/^decided after [23] samples: checkout \(all versions\) error ratio \d(\.\d+)?x baseline/);
  });
});

describe('error ratio against traffic', () => {
  const surge = (i: number) => (after(i) ? 3000 : 1000);

  it('judges a deploy during a threefold traffic surge healthy, saying errors rose with traffic', () => {
    const pair = versionSeries('v1', 0, HISTORY + AFTER, { requests: surge, ratio: () => 0.01 }, 13);
    const result = scoreEvents([withTotal(pair)], [{ time: DEPLOY, id: 'd' }])[0];
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(result.reasons.join('; ')).toMatch(/errors rose with traffic: checkout errors v1 (2\.\d+|3(\.\d+)?)x, requests (2\.\d+|3(\.\d+)?)x, error ratio (0\.9\d*|1|1\.\d+)x/);
    // The same errors judged as counts, without their requests, look like harm.
    expect(scoreEvents([pair.errors], [{ time: DEPLOY, id: 'd' }])[0].verdict).toBe(Verdict.RollBack);
  });

  it('describes a rise of the ratio with the ratio and the requests', () => {
    const pair = versionSeries('v1', 0, HISTORY + AFTER, { requests: () => 1000, ratio: (i) => (after(i) ? 0.013 : 0.004) }, 14);
    const result = scoreEvents([withTotal(pair)], [{ time: DEPLOY, id: 'd' }])[0];
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.reasons[0]).toMatch(/^checkout errors v1 error ratio 0\.4\d*% → 1\.\d+%, \d(\.\d+)?x; requests (0\.9\d*|1|1\.0\d*)x/);
  });
});

describe('hodgesLehmann', () => {
  it('is the median of pairwise differences, with an interval around it', () => {
    expect(hodgesLehmann(Float64Array.of(11, 12, 13), Float64Array.of(1, 2, 3), 0.95)).toStrictEqual({ shift: 10, low: 8, high: 12 });
  });

  it('narrows as the confidence falls', () => {
    const a = Float64Array.from({ length: 20 }, (_, i) => 5 + i);
    const b = Float64Array.from({ length: 20 }, (_, i) => i);
    const wide = hodgesLehmann(a, b, 0.99);
    const narrow = hodgesLehmann(a, b, 0.8);
    expect(wide.shift).toBe(5);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });
});
