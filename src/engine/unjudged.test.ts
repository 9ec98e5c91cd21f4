import { scoreEvents } from './scoreEvents';
import { SeriesInput, Verdict } from './types';

// CONSTRUCTED: errors per minute by status code of one service, as
// `sum by (code) (increase(http_requests_total{code=~"5.."}[1m]))` returns them: a week of
// code 500 at a steady few a minute (seeded noise), and a code 503 first seen after the deploy.

const MINUTE = 60_000;
const DEPLOY = Date.UTC(2026, 10, 9, 12);
const HISTORY = 7 * 24 * 60;

function noisy(seed: number, mean: number, from: number, to: number, service = 'web', code = '500'): SeriesInput {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const times: number[] = [];
  const values: number[] = [];
  for (let i = from; i < to; i++) {
    times.push(DEPLOY + i * MINUTE);
    values.push(Math.max(0, Math.round(mean + Math.sqrt(mean) * (next() + next() + next() - 1.5) * 2)));
  }
  return { id: `${service} ${code}`, name: `${service} errors code=${code}`, service, times, values };
}

const deploy = { time: DEPLOY, id: 'web v2', kind: 'deploy', service: 'web' };

function judge(series: SeriesInput[], minutes = 31) {
  const now = DEPLOY + (minutes - 1) * MINUTE;
  const cut = series.map((s) => {
    const n = Array.from(s.times).filter((t) => t <= now).length;
    return { ...s, times: Array.from(s.times).slice(0, n), values: Array.from(s.values).slice(0, n) };
  });
  return scoreEvents(cut, [deploy], { now, sequential: { settle: true } })[0];
}

describe('series that appear with the change', () => {
  it('fails closed when a new series appears and the others are flat, naming it and what to change', () => {
    const old = noisy(1, 4, -HISTORY, 31);
    const appeared = { ...noisy(2, 3000, 0, 31), id: 'web 503', name: 'web errors code=503' };
    for (const minutes of [3, 10, 31]) {
      const result = judge([old, appeared], minutes);
      expect([minutes, result.verdict]).toStrictEqual([minutes, Verdict.InsufficientData]);
      expect(result.healthyAfterSamples ?? null).toBeNull();
      expect(result.reasons[0]).toMatch(/^not every series could be judged: web errors code=503 has data since the event but too little before it to compare; .*sum without \(code\)/);
    }
    // Without the new series the same deploy is healthy: the verdict above is the new series' doing.
    expect(judge([old]).verdict).toBe(Verdict.Healthy);
  });

  it('keeps a harm found on the other series, noting the series it could not judge', () => {
    const stepped = noisy(3, 4, -HISTORY, 31);
    const values = Array.from(stepped.values).map((v, i) => (stepped.times[i] >= DEPLOY ? v! + 40 : v));
    const result = judge([{ ...stepped, values }, { ...noisy(4, 30, 0, 31), id: 'web 503', name: 'web errors code=503' }]);
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.reasons).toContain('not judged: web errors code=503 has data since the event but too little before it to compare');
  });

  it("does not count another service's new series, nor a series that stopped before the change", () => {
    const old = noisy(5, 4, -HISTORY, 31);
    const otherService = { ...noisy(6, 3000, 0, 31, 'billing'), id: 'billing 503' };
    const stopped = { ...noisy(7, 4, -HISTORY, -60), id: 'web 502', name: 'web errors code=502' };
    expect(judge([old, otherService, stopped]).verdict).toBe(Verdict.Healthy);
  });
});

describe('series of the service that stop with the change', () => {
  // Regression: the gate judged `sum by (service)` with checkout's series gone 3 minutes after
  // its deploy (crash-looping pods) and another service flat, and passed it as healthy.
  it('fails closed when the service stops reporting inside the impact window, while other series go on', () => {
    const neighbour = { ...noisy(8, 4, -HISTORY, 31, 'billing'), id: 'billing', name: 'billing errors' };
    const gone = { ...noisy(9, 4, -HISTORY, 3), id: 'web', name: 'web errors' };
    const result = judge([gone, neighbour]);
    expect(result.verdict).toBe(Verdict.InsufficientData);
    expect(result.reasons[0]).toMatch(/^not every series could be judged: web errors has stopped reporting inside the impact window; .*stopped serving/);
  });

  it('keeps judging while the window is still arriving, and a series that goes on is judged as before', () => {
    const gone = { ...noisy(9, 4, -HISTORY, 3), id: 'web', name: 'web errors' };
    const steady = { ...noisy(10, 4, -HISTORY, 31), id: 'web 502', name: 'web errors code=502' };
    expect(judge([steady]).verdict).toBe(Verdict.Healthy);
    // At minute 3 the window is still arriving: not yet a stop.
    expect(judge([gone, steady], 3).verdict).not.toBe(Verdict.InsufficientData);
  });
});
