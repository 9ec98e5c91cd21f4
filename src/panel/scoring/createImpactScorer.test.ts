import { EngineEvent, scoreEvents, SeriesInput } from '../../engine';
import { prepareSeries } from '../../engine/prepareSeries';
import { createImpactScorer, ScoreBatch, ScoreRequest } from './createImpactScorer';

// The engine's own preparation, counted: a request prepares each series once, not once per chunk.
jest.mock('../../engine/prepareSeries', () => {
  const actual = jest.requireActual('../../engine/prepareSeries');
  return { ...actual, prepareSeries: jest.fn(actual.prepareSeries) };
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 0, 1);
const KINDS = ['deploy', 'deploy', 'config', 'rollback', 'incident'];
// A short history so that a two-day range has events far enough from its start to reuse.
const OPTIONS = { historyMs: 6 * HOUR };

/** A noisy error series with a step up after some events, one sample a minute. */
function seriesBetween(from: number, to: number): SeriesInput {
  const times: number[] = [];
  const values: number[] = [];
  for (let t = from; t <= to; t += MINUTE) {
    const i = (t - START) / MINUTE;
    const noise = ((Math.imul(i + 1, 2654435761) >>> 0) / 4294967296) * 2;
    const spike = i % 613 > 600 || i % 977 < 25 ? 12 : 0;
    times.push(t);
    values.push(10 + 3 * Math.sin(i / 200) + noise + spike);
  }
  return { id: 'errors', name: 'errors', service: 'api', times, values };
}

function eventsBetween(from: number, to: number): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (let k = 0; ; k++) {
    const time = START + k * 23 * MINUTE + (k % 3) * 7 * MINUTE;
    if (time > to) {
      return events;
    }
    if (time >= from) {
      events.push({ time, id: `e${k}`, kind: KINDS[k % KINDS.length], service: k % 4 ? 'api' : 'web', version: `v${k}` });
    }
  }
}

function request(from: number, to: number): ScoreRequest {
  return { series: [seriesBetween(from, to)], events: eventsBetween(from, to), options: OPTIONS };
}

/** Runs a request to the end, synchronously, and returns the results in input order. */
function runAll(scorer: ReturnType<typeof createImpactScorer>, req: ScoreRequest) {
  const batches: ScoreBatch[] = [];
  const queue: Array<() => void> = [];
  scorer.run(req, (b) => batches.push(b), (task) => queue.push(task));
  while (queue.length) {
    queue.shift()!();
  }
  const impacts = new Array(req.events.length);
  batches.forEach((b) => b.results.forEach(({ index, impact }) => (impacts[index] = impact)));
  return { impacts, batches, reused: batches.reduce((n, b) => n + b.reused, 0), scored: batches.reduce((n, b) => n + b.scored, 0) };
}

/**
 * Equal up to floating-point noise: the engine's window means come from prefix sums over
 * the whole series, so a series that starts elsewhere rounds their last bits differently.
 */
function closeTo(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)) || (Number.isNaN(actual) && Number.isNaN(expected)) ? [] : [`${path}: ${actual} != ${expected}`];
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((k) => closeTo((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${String(actual)} != ${String(expected)}`];
}

describe('createImpactScorer', () => {
  it('gives exactly the results of one engine call over all events, scored in several chunks', () => {
    const req = request(START, START + 2 * 24 * HOUR);
    const { impacts, batches } = runAll(createImpactScorer(), req);
    expect(batches.filter((b) => b.scored > 0).length).toBeGreaterThan(1);
    expect(impacts).toStrictEqual(scoreEvents(req.series, req.events, req.options));
  });

  it('prepares each series once per request, for the reuse keys and every chunk', () => {
    const req = request(START, START + 2 * 24 * HOUR);
    req.series.push({ ...seriesBetween(START, START + 2 * 24 * HOUR), id: 'latency', name: 'latency' });
    jest.mocked(prepareSeries).mockClear();
    const { batches } = runAll(createImpactScorer(), req);
    expect(batches.filter((b) => b.scored > 0).length).toBeGreaterThan(1);
    expect(jest.mocked(prepareSeries).mock.calls.map(([input]) => input.id)).toStrictEqual(['errors', 'latency']);
  });

  it('sends the newest events first', () => {
    const req = request(START, START + 2 * 24 * HOUR);
    const { batches } = runAll(createImpactScorer(), req);
    const firstScored = batches.find((b) => b.scored > 0)!;
    const newest = Math.max(...req.events.map((e) => e.time));
    expect(firstScored.results.some(({ index }) => req.events[index].time === newest)).toBe(true);
  });

  it('re-scores nothing when the same data comes again', () => {
    const scorer = createImpactScorer();
    const req = request(START, START + 24 * HOUR);
    runAll(scorer, req);
    const again = runAll(scorer, request(START, START + 24 * HOUR));
    expect(again.scored).toBe(0);
    expect(again.reused).toBe(req.events.length);
  });

  it('after the range slides, re-scores only events near either edge and matches a fresh scoring', () => {
    const scorer = createImpactScorer();
    runAll(scorer, request(START, START + 2 * 24 * HOUR));
    const slid = request(START + 30 * MINUTE, START + 2 * 24 * HOUR + 30 * MINUTE);
    const { impacts, reused, scored } = runAll(scorer, slid);
    expect(closeTo(impacts, scoreEvents(slid.series, slid.events, slid.options))).toStrictEqual([]);
    expect(reused).toBeGreaterThan(slid.events.length / 2);
    expect(scored).toBeGreaterThan(0);
  });

  it('re-scores the events whose history or reach holds a newly added event, and only those', () => {
    const scorer = createImpactScorer();
    const req = request(START, START + 24 * HOUR);
    runAll(scorer, req);
    const added = { ...req, events: [...req.events, { time: req.events[30].time + 10 * MINUTE, id: 'late', kind: 'deploy', service: 'api' }] };
    const { impacts, scored } = runAll(scorer, added);
    expect(closeTo(impacts, scoreEvents(added.series, added.events, added.options))).toStrictEqual([]);
    expect(scored).toBeGreaterThan(1);
    expect(scored).toBeLessThan(added.events.length / 2);
  });

  it('re-scores a flag change whose state or key changed, since the turn-off decision reads them', () => {
    const scorer = createImpactScorer();
    const req = request(START, START + 24 * HOUR);
    const flag = (toState: string, flagKey = 'new-search') => ({ ...req, events: req.events.map((e, i) => (i === 30 ? { ...e, kind: 'flag', flagKey, toState } : e)) });
    runAll(scorer, flag('on'));
    for (const changed of [flag('off'), flag('off', 'dark-mode')]) {
      const { impacts, scored } = runAll(scorer, changed);
      expect(scored).toBeGreaterThan(0);
      expect(closeTo(impacts, scoreEvents(changed.series, changed.events, changed.options))).toStrictEqual([]);
    }
  });

  it('re-scores everything when an option changes', () => {
    const scorer = createImpactScorer();
    runAll(scorer, request(START, START + 24 * HOUR));
    const req = { ...request(START, START + 24 * HOUR), options: { ...OPTIONS, afterMs: 20 * MINUTE } };
    const { impacts, reused } = runAll(scorer, req);
    expect(reused).toBe(0);
    expect(impacts).toStrictEqual(scoreEvents(req.series, req.events, req.options));
  });

  it('stops a run when a newer one starts', () => {
    const scorer = createImpactScorer();
    const queue: Array<() => void> = [];
    const first: ScoreBatch[] = [];
    scorer.run(request(START, START + 2 * 24 * HOUR), (b) => first.push(b), (task) => queue.push(task));
    scorer.run(request(START, START + 24 * HOUR), () => {}, (task) => queue.push(task));
    while (queue.length) {
      queue.shift()!();
    }
    expect(first.every((b) => b.scored === 0)).toBe(true);
  });

  describe('edge cases', () => {
    it('scores events without an id or a valid time as one engine call would', () => {
      const req = request(START, START + 12 * HOUR);
      req.events = [{ time: Number.NaN, id: 'broken' }, { ...req.events[3], id: undefined }, ...req.events.slice(5)];
      const { impacts } = runAll(createImpactScorer(), req);
      expect(impacts).toStrictEqual(scoreEvents(req.series, req.events, req.options));
    });
  });
});
