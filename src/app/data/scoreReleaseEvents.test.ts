import { Verdict } from '../../engine';
import { eventsToFrame } from '../../datasource/eventsToFrame';
import { makeEvent } from '../../events/normalize';
import { EventKind, EventSource } from '../../events/types';
import { extractEvents } from '../../frames/extractEvents';
import { PanelSeries } from '../../frames/extractSeries';
import { scoreReleaseEvents } from './scoreReleaseEvents';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);
const at = (hours: number, minutes = 0) => START + (hours * 60 + minutes) * MINUTE;

/** Per-minute search errors around 20 for 12 hours, tripled while `harm` holds, with seeded noise. CONSTRUCTED. */
function searchErrors(harm: (t: number) => boolean): PanelSeries {
  let state = 7;
  const times: number[] = [];
  const values: number[] = [];
  for (let t = START; t < at(12); t += MINUTE) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    times.push(t);
    values.push(Math.max(0, Math.round(20 * (harm(t) ? 3 : 1) + (state / 4294967296 - 0.5) * 9)));
  }
  return { id: 'search', name: 'search errors', service: 'search', times, values };
}

/** An Unleash flag change as the datasource serves it (the shape `parseUnleashEvents` returns). */
const flag = (id: string, time: number, toState: string) =>
  makeEvent({ id, time, source: EventSource.Unleash, kind: EventKind.Flag, service: 'search', environment: 'production', flagKey: 'semantic-search', fromState: toState === 'on' ? 'off' : 'on', toState, title: `semantic-search ${toState}` });

describe('scoreReleaseEvents', () => {
  it('keeps flag identity: a harmful flag read from frames is told to be turned off, and turning it off is its fix', async () => {
    const on = flag('unleash:41', at(10), 'on');
    const off = flag('unleash:42', at(10, 8), 'off');
    const events = extractEvents([eventsToFrame([on, off], 'E0')]);
    const { impacts } = await scoreReleaseEvents([searchErrors((t) => t >= at(10) && t < at(10, 9))], events);
    expect(impacts.get('unleash:41')?.verdict).toBe(Verdict.TurnOff);
    expect(impacts.get('unleash:41')?.fixedBy).toBe('unleash:42');
    expect(impacts.get('unleash:41')?.event).toMatchObject({ flagKey: 'semantic-search', toState: 'on' });
  });

  it('scores every event by id, deploys and flags alike', async () => {
    const deploy = makeEvent({ id: 'gh:1', time: at(6), source: EventSource.GitHub, kind: EventKind.Deploy, service: 'search', version: 'v2' });
    const events = extractEvents([eventsToFrame([deploy, flag('unleash:41', at(10), 'on')], 'E0')]);
    expect(Array.from((await scoreReleaseEvents([searchErrors(() => false)], events)).impacts.keys())).toStrictEqual(['gh:1', 'unleash:41']);
  });

  describe('edge cases', () => {
    it('scores nothing without metric series', async () => {
      expect((await scoreReleaseEvents([], extractEvents([eventsToFrame([flag('unleash:41', at(10), 'on')], 'E0')]))).impacts.size).toBe(0);
    });
  });
});
