import { EngineEvent, scoreEvents, SeriesInput } from '../../engine';
import { scoreAll } from './scoreAll';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1);
const HOURS = 30;

/** CONSTRUCTED: a noisy error series, one sample a minute, stepping up after every fifth event. */
function series(): SeriesInput {
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i <= HOURS * 60; i++) {
    const noise = ((Math.imul(i + 1, 2654435761) >>> 0) / 4294967296) * 2;
    times.push(START + i * MINUTE);
    values.push(10 + noise + (i % 300 > 200 && i % 300 < 240 ? 15 : 0));
  }
  return { id: 'errors', name: 'errors', service: 'api', times, values };
}

function events(): EngineEvent[] {
  return Array.from({ length: 12 }, (_, k) => ({ time: START + (60 + k * 140) * MINUTE, id: `e${k}`, kind: 'deploy', service: 'api', version: `v${k}` }));
}

const OPTIONS = { historyMs: 6 * 3_600_000 };

describe('scoreAll', () => {
  it('resolves with exactly the results of one engine call, in the order of the events', async () => {
    const request = { series: [series()], events: events(), options: OPTIONS };
    const { impacts } = await scoreAll(request);
    expect(impacts).toStrictEqual(scoreEvents(request.series, request.events, request.options));
  });

  it('scores calls made at once one after another, each to the end', async () => {
    const first = { series: [series()], events: events().slice(0, 6), options: OPTIONS };
    const second = { series: [series()], events: events(), options: OPTIONS };
    const [a, b] = await Promise.all([scoreAll(first), scoreAll(second)]);
    expect(a.impacts.map((i) => i.id)).toStrictEqual(first.events.map((e) => e.id));
    expect(b.impacts.map((i) => i.id)).toStrictEqual(second.events.map((e) => e.id));
  });

  it('reuses the previous results when the same request comes again (the panel cache)', async () => {
    const request = { series: [series()], events: events(), options: OPTIONS };
    await scoreAll(request);
    const again = await scoreAll({ series: [series()], events: events(), options: OPTIONS });
    expect(again.reused).toBe(request.events.length);
    expect(again.impacts).toStrictEqual(scoreEvents(request.series, request.events, request.options));
  });

  describe('edge cases', () => {
    it('resolves with no results for no events', async () => {
      expect((await scoreAll({ series: [series()], events: [], options: OPTIONS })).impacts).toStrictEqual([]);
    });
  });
});
