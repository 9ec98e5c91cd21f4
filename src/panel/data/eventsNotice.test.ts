import { PanelSeries } from '../../frames/extractSeries';
import { makeScored } from '../testing/makeScored';
import { eventsNotice } from './eventsNotice';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5);
const series: PanelSeries[] = [{ id: 'a', name: 'errors', times: [START, START + 2 * HOUR], values: [1, 2] }];

describe('eventsNotice', () => {
  it('asks for an events query when no event was read', () => {
    expect(eventsNotice(0, [], series, 0)?.text).toMatch(/^No deploy events in this time range: add a SafeDeploy Events query/);
  });

  it('says why when an annotation layer could not read, instead of asking for a query that is there', () => {
    const notice = eventsNotice(0, [], series, 0, ['SafeDeploy Events read nothing: GitHub answered 401: the token is wrong']);
    expect(notice?.text).toBe('No deploy events could be read: SafeDeploy Events read nothing: GitHub answered 401: the token is wrong');
    expect(notice?.spoken).toBe(notice?.text);
  });

  it('says how many events the options left out', () => {
    const text = '7 events, none in this time range that the panel options let count (kinds, services, environments, sources).';
    expect(eventsNotice(7, [], series, 0)).toStrictEqual({ text, spoken: text });
  });

  it('names the series span when no event falls inside it, in UTC where no time zone is given', () => {
    const late = makeScored({ time: START + 5 * HOUR });
    expect(eventsNotice(1, [late], series, 0)?.text).toBe('1 event, but it does not fall inside the metric series (2026-01-05 00:00 UTC to 2026-01-05 02:00 UTC).');
  });

  // Regression: the span was given in UTC (ISO) on a dashboard in another zone, beside an axis in that zone.
  it("names the series span in the dashboard's time zone", () => {
    const late = makeScored({ time: START + 5 * HOUR });
    expect(eventsNotice(1, [late], series, 0, [], 'America/New_York')?.text).toBe('1 event, but it does not fall inside the metric series (2026-01-04 19:00 to 2026-01-04 21:00).');
  });

  it('counts the events still being scored, and says only that scoring runs to a screen reader', () => {
    const inside = [makeScored({ id: 'a', time: START + HOUR }), makeScored({ id: 'b', time: START + HOUR })];
    expect(eventsNotice(2, inside, series, 1)).toStrictEqual({ text: 'Scoring 2 events: 1 done.', spoken: 'Scoring 2 events.' });
  });

  it('says nothing when every event is scored and inside the series', () => {
    expect(eventsNotice(1, [makeScored({ time: START + HOUR })], series, 0)).toBeNull();
  });
});
