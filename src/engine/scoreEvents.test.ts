import fc from 'fast-check';

import { readNabFixture } from './fixtures/readNabFixture';
import { scoreEvents } from './scoreEvents';
import { Direction, EventImpact, SeriesInput, Verdict } from './types';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);

/** Deterministic noise so every test sees the same series. */
function noise(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296 - 0.5;
  };
}

/** Per-minute error counts around `base` for `hours`, times `factor(t)`. */
function errors(id: string, hours: number, base: number, factor: (t: number) => number = () => 1, seed = 1, service?: string): SeriesInput & { times: number[]; values: number[] } {
  const random = noise(seed);
  const times: number[] = [];
  const values: number[] = [];
  for (let t = START; t < START + hours * 60 * MINUTE; t += MINUTE) {
    times.push(t);
    values.push(Math.max(0, Math.round(base * factor(t) + random() * 2 * Math.sqrt(base))));
  }
  return { id, name: `${id} errors`, service: service ?? id, times, values };
}

const at = (hours: number, minutes = 0) => START + hours * 60 * MINUTE + minutes * MINUTE;

/** Every number anywhere in the result is finite: the one rule for degenerate input. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') {
    return Number.isFinite(value);
  }
  if (Array.isArray(value)) {
    return value.every(allFinite);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).every(allFinite);
  }
  return true;
}

function only(results: EventImpact[]): EventImpact {
  expect(results).toHaveLength(1);
  return results[0];
}

describe('scoreEvents decisions', () => {
  it('rolls back a large change that persists', () => {
    const series = errors('checkout', 12, 20, (t) => (t >= at(10) ? 3 : 1));
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2', service: 'checkout' }]));
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.moved).toStrictEqual(['checkout']);
    expect(result.reasons[0]).toMatch(/^checkout errors [\d.]+x baseline \([\d.]+ → [\d.]+\) for \d+ min, about [\d,]+ extra, p < 0\.001/);
    expect(result.reasons[0]).toMatch(/still (elevated|rising)/);
    expect(result.score).toBeGreaterThan(60);
  });

  it('keeps a step that stays persistent when one burst tops it', () => {
    // A minute at 40x inside a 3x step: the step's peak is the step, not the burst, so the
    // end of the window keeps its share of it and the step is still there.
    const burstAt = at(10, 12);
    const series = errors('checkout', 12, 20, (t) => (t === burstAt ? 40 : t >= at(10) ? 3 : 1));
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2', service: 'checkout' }], { sequential: { alpha: 1e-300 } }));
    expect(result.series[0].persistent).toBe(true);
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.reasons.join(' ')).not.toMatch(/not lasting/);
  });

  it('keeps a four-minute spike on one-minute data a spike when a slight rise follows it', () => {
    // The end of the window keeps far less than the spike's peak: the change passed, whatever
    // the drift after it. The peak is read over three buckets, so a spike of four still counts.
    const series = errors('checkout', 12, 20, (t) => (t >= at(10) && t < at(10, 4) ? 8 : t >= at(10) ? 1.6 : 1));
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2', service: 'checkout' }], { sequential: { alpha: 1e-300 } }));
    expect(result.series[0].persistent).toBe(false);
    expect(result.verdict).not.toBe(Verdict.RollBack);
  });

  it('calls a deploy with no change healthy', () => {
    const series = errors('checkout', 12, 20);
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2' }]));
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(result.reasons[0]).toBe('no significant harmful change in 1 series');
    expect(result.moved).toStrictEqual([]);
  });

  it('calls a fall in errors an improvement, not harm', () => {
    const series = errors('checkout', 12, 30, (t) => (t >= at(10) ? 0.3 : 1));
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2' }], { direction: Direction.Up }));
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(result.reasons[1]).toMatch(/an improvement$/);
  });

  it('treats a drop as harm when lower is worse', () => {
    const series = errors('throughput', 12, 200, (t) => (t >= at(10) ? 0.4 : 1));
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2' }], { direction: Direction.Down }));
    expect(result.verdict).toBe(Verdict.RollBack);
  });

  it('records a rollback by a later deploy of the same service as the decision taken', () => {
    const series = errors('checkout', 12, 20, (t) => (t >= at(10) && t < at(10, 20) ? 3 : 1));
    const results = scoreEvents(
      [series],
      [
        { time: at(10), id: 'bad', service: 'checkout', version: 'v2', kind: 'deploy' },
        { time: at(10, 20), id: 'back', service: 'checkout', version: 'v1', kind: 'rollback' },
      ]
    );
    expect(results[0].verdict).toBe(Verdict.RollBack);
    expect(results[0].decisionTaken).toBe(Verdict.RollBack);
    expect(results[0].fixedBy).toBe('back');
    expect(results[0].reasons).toContain('rolled back by checkout v1, restored after ' + Math.round(results[0].timeToRestoreMs! / MINUTE) + ' min');
    expect(results[1].verdict).toBe(Verdict.Healthy);
  });

  it('takes no decision from a rollback or fix in another environment (a staging rollback undid nothing in production)', () => {
    const series = errors('checkout', 12, 20, (t) => (t >= at(10) && t < at(10, 20) ? 3 : 1));
    const events = (environment: string) => [
      { time: at(10), id: 'bad', service: 'checkout', version: 'v2', kind: 'deploy', environment: 'production' },
      { time: at(10, 20), id: 'back', service: 'checkout', version: 'v1', kind: 'rollback', environment },
    ];
    const elsewhere = scoreEvents([series], events('staging'))[0];
    expect(elsewhere.decisionTaken).toBeNull();
    expect(elsewhere.fixedBy).toBeNull();
    // The same rollback in production is the decision taken, and one naming no environment may be.
    expect(scoreEvents([series], events('production'))[0].decisionTaken).toBe(Verdict.RollBack);
    expect(scoreEvents([series], events(''))[0].decisionTaken).toBe(Verdict.RollBack);
  });

  it('is not softened by a second series of the service whose spike recovered: the persisting step decides', () => {
    // CONSTRUCTED: one series steps to 5x at the deploy and stays; another spikes 8x for 20 minutes and recovers.
    const step = errors('step', 12, 12, (t) => (t >= at(10) ? 5 : 1), 3);
    const spike = errors('spike', 12, 12, (t) => (t >= at(10) && t < at(10, 20) ? 8 : 1), 4);
    const event = [{ time: at(10), id: 'v2' }];
    expect(only(scoreEvents([step], event)).verdict).toBe(Verdict.RollBack);
    expect(only(scoreEvents([spike], event)).verdict).toBe(Verdict.FixForward);
    for (const series of [[step, spike], [spike, step]]) {
      const result = only(scoreEvents(series, event));
      expect(result.verdict).toBe(Verdict.RollBack);
      expect(result.reasons.join(' ')).toContain('step');
    }
  });

  it('names the fix deployed ten minutes after a bad deploy, with the time to restore', () => {
    const series = errors('web', 12, 20, (t) => (t >= at(10) && t < at(10, 11) ? 4 : 1));
    const results = scoreEvents(
      [series],
      [
        { time: at(10), id: 'bad', service: 'web', version: 'v5.3.0' },
        { time: at(10, 10), id: 'fix', service: 'web', version: 'v5.3.1' },
      ]
    );
    expect(results[0].verdict).toBe(Verdict.FixForward);
    expect(results[0].fixedBy).toBe('fix');
    expect(results[0].decisionTaken).toBe(Verdict.FixForward);
    expect(results[0].timeToRestoreMs).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(results[0].timeToRestoreMs).toBeLessThanOrEqual(20 * MINUTE);
    expect(results[0].reasons[1]).toMatch(/^fix web v5\.3\.1 restored it after \d+ min$/);
  });

  it('rolls back a deploy that breaks another service, and says which', () => {
    // enough history (minHistoryMs) for the other service's daily pattern to be known
    const a = errors('search', 24, 20, () => 1, 1, 'search');
    const b = errors('checkout', 24, 20, (t) => (t >= at(20) ? 3 : 1), 2, 'checkout');
    const result = only(scoreEvents([a, b], [{ time: at(20), id: 'search-v2', service: 'search' }]));
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.moved).toStrictEqual(['checkout']);
    expect(result.reasons[0]).toMatch(/^broke another service: checkout errors/);
  });

  it('only watches a moderate rise in another service when there is too little history to know its day', () => {
    const a = errors('search', 12, 20, () => 1, 1, 'search');
    const b = errors('checkout', 12, 20, (t) => (t >= at(3) ? 1.6 : 1), 2, 'checkout');
    const result = only(scoreEvents([a, b], [{ time: at(3), id: 'search-v2', service: 'search' }]));
    expect(result.verdict).toBe(Verdict.Watch);
    expect(result.reasons[0]).toMatch(/^a rise, but too little history to tell it from the daily pattern: checkout errors/);
  });

  it('watches a real but small change', () => {
    const series = errors('web', 12, 400, (t) => (t >= at(10) ? 1.12 : 1), 3);
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2' }]));
    expect(result.verdict).toBe(Verdict.Watch);
    expect(result.reasons[0]).toMatch(/^small change: /);
  });

  it('watches while the impact window is still filling', () => {
    const series = errors('web', 10.25, 20);
    const result = only(scoreEvents([series], [{ time: at(10), id: 'v2' }], { now: at(10, 15) }));
    expect(result.verdict).toBe(Verdict.Watch);
    expect(result.reasons[0]).toMatch(/^no harm so far; \d+ min of data left$/);
  });

  it('attributes a spike to the later of two deploys too close to separate', () => {
    const series = errors('web', 12, 20, (t) => (t >= at(10, 1) ? 3 : 1));
    const results = scoreEvents(
      [series],
      [
        { time: at(10), id: 'first', service: 'web', version: 'a' },
        { time: at(10, 1), id: 'second', service: 'web', version: 'b' },
      ]
    );
    expect(results[0].attribution?.to).toBe('second');
    expect(results[0].verdict).toBe(Verdict.Watch);
    expect(results[0].score).toBe(0);
    expect(results[0].reasons[0]).toMatch(/too soon to tell their effects apart; any change in the shared window is attributed to web b/);
    expect(results[1].verdict).toBe(Verdict.RollBack);
  });

  it('does not blame a harmless deploy for a spike that starts after the next deploy', () => {
    const series = errors('web', 12, 20, (t) => (t >= at(10, 15) ? 3 : 1));
    const results = scoreEvents(
      [series],
      [
        { time: at(10), id: 'first', service: 'web' },
        { time: at(10, 15), id: 'second', service: 'web' },
      ]
    );
    expect(results[0].verdict).toBe(Verdict.Healthy);
    expect(results[0].series[0].reason ?? '').not.toMatch(/widened/);
    expect(results[1].verdict).toBe(Verdict.RollBack);
  });

  it('compares a deploy at the morning ramp with earlier mornings', () => {
    // Three days with a ramp at 08:00 every day; the deploy lands on the third day's ramp.
    const ramp = (t: number) => {
      const hour = ((t - START) / 3_600_000) % 24;
      return 1 + 2 / (1 + Math.exp(-(hour - 8) * 3));
    };
    const series = errors('web', 72, 30, ramp, 5);
    const result = only(scoreEvents([series], [{ time: at(48 + 8), id: 'v2' }]));
    expect(result.series[0].seasonal).toBe(true);
    expect(result.verdict).toBe(Verdict.Healthy);
  });

  it.each([10, 19])('rolls back a sustained %ix step after a week of bursts, naming its size (history full of incidents)', (factor) => {
    // A real bursty series (NAB ec2_network_in: bursts to 10x its median and a labelled
    // incident), then two hours at `factor` times its median.
    const week = readNabFixture('ec2_network_in_257a54.week.csv');
    const sorted = [...week.values].sort((a, b) => a - b);
    const level = factor * sorted[sorted.length >> 1];
    const step = week.times[1] - week.times[0];
    const times = [...week.times];
    const values = [...week.values];
    for (let k = 0; k < 24; k++) {
      times.push(week.times[week.times.length - 1] + (k + 1) * step);
      values.push(level);
    }
    const deployAt = week.times[week.times.length - 1] + step;
    const result = only(scoreEvents([{ id: 'errors', name: 'errors', times, values }], [{ time: deployAt, id: 'v2' }]));
    const impact = result.series[0];
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(impact.ratio).toBeGreaterThan(0.8 * factor);
    expect(result.reasons[0]).toMatch(/^errors [\d.]+x baseline \(.+\) for \d+ min, about [\d.]+ million extra, p < 0\.001/);
    expect(result.spike?.peakRatio).toBeGreaterThan(0.8 * factor);
    // What the user sees agrees with the verdict: a large z goes with a small p.
    expect(impact.calibratedP).toBeLessThan(0.001);
    expect(impact.calibratedZ).toBeGreaterThan(3);
  });

  it('returns results in the order of the events given', () => {
    const series = errors('web', 12, 20);
    const results = scoreEvents([series], [{ time: at(10), id: 'late' }, { time: at(5), id: 'early' }]);
    expect(results.map((r) => r.id)).toStrictEqual(['late', 'early']);
  });
});

describe('scoreEvents edge cases', () => {
  const base = errors('web', 12, 20);

  it.each([
    ['no series at all', [], 'no metric series to compare with'],
    ['an empty series', [{ id: 'e', times: [], values: [] }], 'e has no valid samples'],
    ['only NaN and null values', [{ id: 'n', times: [1, 2, 3], values: [NaN, null, undefined] }], 'n has no valid samples'],
  ])('says why for %s', (_, series, reason) => {
    const result = only(scoreEvents(series as SeriesInput[], [{ time: at(10) }]));
    expect(result.verdict).toBe(Verdict.InsufficientData);
    expect(result.reasons).toContain(reason);
    expect(allFinite(result)).toBe(true);
  });

  it('says how far after the series the event is, in any time zone', () => {
    const result = only(scoreEvents([base], [{ time: at(40) }]));
    expect(result.verdict).toBe(Verdict.InsufficientData);
    // The series ends at 11:59, 28 hours and a minute before the event.
    expect(result.reasons[0]).toBe(
      "the event is 28 h after the last sample of web errors: the series stopped before the event, or the query's range ends too early"
    );
  });

  it('says how far before the series the event is', () => {
    const result = only(scoreEvents([base], [{ time: at(-3) }]));
    expect(result.verdict).toBe(Verdict.InsufficientData);
    expect(result.reasons[0]).toBe(
      'the event is 3 h before the first sample of web errors: the series began after the event (a new series, or a query range that starts too late)'
    );
  });

  it('says a distance under a second as such, not as 0 s', () => {
    const result = only(scoreEvents([base], [{ time: base.times[0] - 300 }]));
    expect(result.reasons[0]).toMatch(/^the event is under a second before the first sample of web errors/);
  });

  it('says how many samples are missing before the event', () => {
    const result = only(scoreEvents([base], [{ time: at(0, 3) }]));
    expect(result.verdict).toBe(Verdict.InsufficientData);
    expect(result.reasons[0]).toBe('only 3 samples of web errors before the event; at least 8 are needed');
  });

  it('rejects an event without a valid time without failing the others', () => {
    const results = scoreEvents([base], [{ time: NaN, id: 'bad' }, { time: at(10), id: 'good' }]);
    expect(results[0].verdict).toBe(Verdict.InsufficientData);
    expect(results[0].reasons).toStrictEqual(['the event has no valid time (epoch ms)']);
    expect(results[1].verdict).toBe(Verdict.Healthy);
  });

  it('judges a constant series as unchanged, with finite numbers', () => {
    const flat = { id: 'flat', times: base.times, values: base.times.map(() => 5) };
    const result = only(scoreEvents([flat], [{ time: at(10) }]));
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(allFinite(result)).toBe(true);
  });

  it('sees a step in an otherwise constant series', () => {
    const step = { id: 'step', times: base.times, values: base.times.map((t) => (t >= at(10) ? 9 : 5)) };
    const result = only(scoreEvents([step], [{ time: at(10) }]));
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(allFinite(result)).toBe(true);
  });

  it('sorts unsorted samples, averages duplicate timestamps and skips gaps', () => {
    const times = [...base.times];
    const values: Array<number | null> = [...(base.values as number[])];
    values[100] = null;
    values[200] = NaN;
    times.push(times[300]);
    values.push(values[300]);
    const shuffled = times.map((t, i) => ({ t, v: values[i] })).reverse();
    const result = only(
      scoreEvents([{ id: 'messy', times: shuffled.map((s) => s.t), values: shuffled.map((s) => s.v) }], [{ time: at(10) }])
    );
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(allFinite(result)).toBe(true);
  });

  it('keeps negative values (not every series is a counter) and stays finite', () => {
    const signed = { id: 'temp', times: base.times, values: (base.values as number[]).map((v) => v - 30) };
    const result = only(scoreEvents([signed], [{ time: at(10) }], { direction: Direction.Either }));
    expect(result.series[0].ratio).toBeNull();
    expect(allFinite(result)).toBe(true);
  });
});

describe('scoreEvents properties', () => {
  const HOURS = 8;
  const EVENT = at(6);

  const seriesArb = fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    base: fc.double({ min: 0.5, max: 500, noNaN: true }),
  });

  it('produces finite numbers and one result per event, in order, for any noise', () => {
    fc.assert(
      fc.property(seriesArb, fc.array(fc.integer({ min: -60, max: HOURS * 60 + 60 }), { minLength: 1, maxLength: 5 }), ({ seed, base }, minutes) => {
        const series = errors('s', HOURS, base, () => 1, seed);
        const events = minutes.map((m, i) => ({ time: START + m * MINUTE, id: `e${i}` }));
        const results = scoreEvents([series], events);
        expect(results.map((r) => r.id)).toStrictEqual(events.map((e) => e.id));
        for (const result of results) {
          expect(allFinite(result)).toBe(true);
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(100);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 40 }
    );
  });

  it('leaves its typed-array inputs as they were: it reads clean ones in place', () => {
    // The panel hands over its data frames' own arrays; scoring must not write into them.
    fc.assert(
      fc.property(seriesArb, fc.array(fc.integer({ min: -60, max: HOURS * 60 + 60 }), { minLength: 1, maxLength: 5 }), fc.boolean(), ({ seed, base }, minutes, step) => {
        const input = errors('s', HOURS, base, (t) => (step && t >= EVENT ? 3 : 1), seed);
        const times = Float64Array.from(input.times);
        const values = Float64Array.from(input.values);
        const total = { times: Float64Array.from(input.times), values: Float64Array.from(input.values, (v) => v * 50 + 100) };
        const copies = [times, values, total.times, total.values].map((a) => Float64Array.from(a));
        const events = minutes.map((m, i) => ({ time: START + m * MINUTE, id: `e${i}` }));
        scoreEvents([{ ...input, times, values }, { id: 'ratio', times, values, total }], events, { sequential: { settle: true } });
        expect([times, values, total.times, total.values]).toStrictEqual(copies);
      }),
      { seed: PROPERTY_SEED, numRuns: 30 }
    );
  });

  it('never scores a bigger injected spike lower', () => {
    fc.assert(
      fc.property(seriesArb, fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), ({ seed, base }, a, b) => {
        const [small, big] = a <= b ? [a, b] : [b, a];
        const spiked = (extra: number) => {
          const series = errors('s', HOURS, base, () => 1, seed);
          const values = (series.values as number[]).map((v, i) => {
            const t = series.times[i];
            return t >= EVENT && t < EVENT + 30 * MINUTE ? v + extra * (1 + Math.sqrt(base)) : v;
          });
          return only(scoreEvents([{ ...series, values }], [{ time: EVENT }])).score;
        };
        expect(spiked(big)).toBeGreaterThanOrEqual(spiked(small) - 1e-9);
      }),
      { seed: PROPERTY_SEED, numRuns: 40 }
    );
  });
});

describe('ranking among healthy events', () => {
  it('orders healthy deploys by evidence instead of tying them at the bottom', () => {
    // CONSTRUCTED: 12 hours of per-minute errors around 40 with noise, and 40 harmless deploys.
    const series = errors('checkout', 12, 40, () => 1, 7);
    const events = Array.from({ length: 40 }, (_, i) => ({ time: START + (2 * 60 + i * 15) * MINUTE, id: `d${i}` }));
    const healthy = scoreEvents([series], events).filter((r) => r.verdict === Verdict.Healthy);
    expect(healthy.length).toBeGreaterThan(30);
    const scores = healthy.map((r) => r.score);
    // Integer counts can give two windows the same medians and p; most still rank apart.
    expect(new Set(scores).size).toBeGreaterThanOrEqual(0.75 * scores.length);
    expect(Math.min(...scores)).toBeGreaterThan(0);
    expect(Math.max(...scores)).toBeLessThan(20);
  });

  it('ranks a healthy deploy whose errors fell below one whose errors held', () => {
    const fell = errors('checkout', 12, 40, (t) => (t >= at(6) ? 0.85 : 1), 3);
    const rose = errors('checkout', 12, 40, () => 1, 3);
    const [down] = scoreEvents([fell], [{ time: at(6) }]);
    const [up] = scoreEvents([rose], [{ time: at(6) }]);
    expect(down.verdict).toBe(Verdict.Healthy);
    expect(up.verdict).toBe(Verdict.Healthy);
    expect(up.score).toBeGreaterThan(down.score);
  });
});
