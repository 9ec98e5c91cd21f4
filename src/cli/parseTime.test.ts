import { dateMath, dateTime } from '@grafana/data';

import { parseDuration, parseTime } from './parseTime';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Wednesday 7 January 2026, 12:34:56.789 UTC: weeks start on Sunday 4 January.
const NOW = Date.UTC(2026, 0, 7, 12, 34, 56, 789);

describe('parseTime reads Grafana time math', () => {
  it.each([
    ['now', false, NOW],
    ['now/d', false, Date.UTC(2026, 0, 7)],
    ['now/d', true, Date.UTC(2026, 0, 8) - 1],
    ['now-1d/d', false, Date.UTC(2026, 0, 6)],
    ['now-1d/d', true, Date.UTC(2026, 0, 7) - 1],
    ['now-7d/d', false, Date.UTC(2025, 11, 31)],
    ['now-1w/w', false, Date.UTC(2025, 11, 28)],
    ['now-1w/w', true, Date.UTC(2026, 0, 4) - 1],
    ['now/w', false, Date.UTC(2026, 0, 4)],
    ['now/M', false, Date.UTC(2026, 0, 1)],
    ['now-1M/M', true, Date.UTC(2026, 0, 1) - 1],
    ['now/Q', false, Date.UTC(2026, 0, 1)],
    ['now/y', true, Date.UTC(2027, 0, 1) - 1],
    ['now/h', false, Date.UTC(2026, 0, 7, 12)],
    ['now-15m', false, NOW - 15 * 60_000],
    ['now+1h', false, NOW + HOUR],
    ['now-1h30m', false, NOW - 1.5 * HOUR],
    ['now-2h-30m/m', false, Date.UTC(2026, 0, 7, 10, 4)],
    ['now - 1d', false, NOW - DAY],
    ['2026-01-05T10:00:00Z||/d', false, Date.UTC(2026, 0, 5)],
    ['2026-01-05T10:00:00Z||+1d', false, Date.UTC(2026, 0, 6, 10)],
    ['2026-01-01T10:00:00Z', false, Date.UTC(2026, 0, 1, 10)],
    ['2026-01-01 10:00:00', false, Date.UTC(2026, 0, 1, 10)],
    ['2026-01-01', false, Date.UTC(2026, 0, 1)],
    ['1767261600000', false, 1767261600000],
  ])('%s (round up: %s)', (text, roundUp, expected) => {
    expect(parseTime(text, NOW, { roundUp })).toBe(expected);
  });

  it('a month step from the 31st ends at the last day of a shorter month, as moment does', () => {
    expect(parseTime('now-1M', Date.UTC(2026, 2, 31, 8))).toBe(Date.UTC(2026, 1, 28, 8));
  });

  describe('in a time zone', () => {
    it('rounds to the start of the day in that zone', () => {
      expect(parseTime('now/d', NOW, { timeZone: 'Europe/Berlin' })).toBe(Date.UTC(2026, 0, 6, 23));
      expect(parseTime('now/d', NOW, { timeZone: 'Europe/Berlin', roundUp: true })).toBe(Date.UTC(2026, 0, 7, 23) - 1);
    });

    it('rounds hours in a zone offset by half an hour', () => {
      // 12:34 UTC is 18:04 in Kolkata (UTC+5:30): the hour began at 12:30 UTC.
      expect(parseTime('now/h', NOW, { timeZone: 'Asia/Kolkata' })).toBe(Date.UTC(2026, 0, 7, 12, 30));
    });

    it('keeps the wall-clock time when a day step crosses a DST change', () => {
      // New York moves to EDT at 02:00 on 8 March 2026: that day has 23 hours.
      const afterChange = Date.UTC(2026, 2, 8, 12);
      expect(parseTime('now-1d', afterChange, { timeZone: 'America/New_York' })).toBe(afterChange - 23 * HOUR);
      expect(parseTime('now/d', afterChange, { timeZone: 'America/New_York' })).toBe(Date.UTC(2026, 2, 8, 5));
    });

    it('reads a wall-clock time without an offset in that zone', () => {
      expect(parseTime('2026-01-05 10:00:00', NOW, { timeZone: 'Europe/Berlin' })).toBe(Date.UTC(2026, 0, 5, 9));
      expect(parseTime('2026-01-05T10:00:00Z', NOW, { timeZone: 'Europe/Berlin' })).toBe(Date.UTC(2026, 0, 5, 10));
    });
  });

  describe('agrees with Grafana dateMath', () => {
    const expressions = [
      'now/d',
      'now-1d/d',
      'now-7d/d',
      'now-1w/w',
      'now/w',
      'now-1M/M',
      'now-6h/h',
      'now/Q',
      'now-1y/y',
      'now-30d',
      'now+2d/d',
      'now-5m/m',
    ];
    const zones = ['utc', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    // Around New York's DST change and on a year boundary, besides the fixed NOW.
    const nows = [NOW, Date.UTC(2026, 2, 8, 6, 30), Date.UTC(2025, 11, 31, 23, 50), Date.UTC(2026, 9, 4, 15, 45)];
    const cases = expressions.flatMap((text) =>
      zones.flatMap((zone) =>
        nows.flatMap((now) => [false, true].map((roundUp) => [text, zone, now, roundUp] as const))
      )
    );

    it.each(cases)('%s in %s at %d (round up: %s)', (text, zone, now, roundUp) => {
      const grafana = dateMath.toDateTime(text, { roundUp, timezone: zone, now: dateTime(now) });
      expect(parseTime(text, now, { roundUp, timeZone: zone })).toBe(grafana?.valueOf());
    });
  });

  describe('edge cases', () => {
    it.each([['soon'], ['now-1x'], ['now/2d'], ['now-1.5M'], ['now-'], ['now+'], ['2026-13-45 10:00:00x'], ['']])(
      'refuses %j',
      (text) => {
        expect(parseTime(text, NOW)).toBeNull();
      }
    );

    it('refuses text that names no zone outside the wall-clock forms, which would be read in the runner\'s zone', () => {
      expect(parseTime('Jan 5 2026 10:00', NOW, { timeZone: 'Europe/Berlin' })).toBeNull();
      expect(parseTime('01/05/2026 10:00', NOW)).toBeNull();
      expect(parseTime('Mon, 05 Jan 2026 10:00:00 GMT', NOW, { timeZone: 'Europe/Berlin' })).toBe(Date.UTC(2026, 0, 5, 10));
      expect(parseTime('2026-01-05T10:00:00+01:00', NOW)).toBe(Date.UTC(2026, 0, 5, 9));
    });

    it.each([['2026-02-30 10:00:00'], ['2026-13-45 99:99:99'], ['2026-01-05 24:00:00'], ['2026-01-05 10:60'], ['2025-02-29']])(
      'refuses %j, a date or clock the calendar does not have, instead of rolling it over',
      (text) => {
        expect(parseTime(text, NOW)).toBeNull();
        expect(parseTime(text, NOW, { timeZone: 'Europe/Berlin' })).toBeNull();
      }
    );

    it('reads the last day of February in a leap year', () => {
      expect(parseTime('2024-02-29 23:59:59', NOW)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    });

    it.each([['99999999999999999999'], ['now+9999999999999h'], ['2026-01-05||+99999999999y']])('refuses %j, beyond any date', (text) => {
      expect(parseTime(text, NOW)).toBeNull();
    });

    it('refuses a time zone the runtime does not know', () => {
      expect(parseTime('now/d', NOW, { timeZone: 'Mars/Olympus_Mons' })).toBeNull();
    });
  });
});

describe('parseDuration', () => {
  it.each([
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1d12h', 1.5 * DAY],
    ['500ms', 500],
    ['1m500ms', 60_500],
    ['1.5h', 5_400_000],
    ['-1h', null],
    ['h', null],
    ['1h 30m', null],
    ['', null],
  ])('%j is %p ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});
