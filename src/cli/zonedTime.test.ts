import fc from 'fast-check';

import { parseTime } from './parseTime';
import { zonedTime } from './zonedTime';

const HOUR = 3_600_000;

/** The wall clock at `ms` in `timeZone`, as Grafana writes "Formatted data" times. */
function wall(ms: number, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value])
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('wall clocks on the nights clocks change', () => {
  it.each([
    // Clocks go back: the earlier of the two instants with that wall clock.
    ['2026-10-25 01:30:00', 'Europe/Berlin', '2026-10-24T23:30:00.000Z'],
    ['2026-10-25 02:30:00', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ['2026-04-05 01:30:00', 'Australia/Sydney', '2026-04-04T14:30:00.000Z'],
    ['2026-04-05 02:30:00', 'Australia/Sydney', '2026-04-04T15:30:00.000Z'],
    ['2026-11-01 01:30:00', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    // Clocks go forward: a reading in the skipped hour moves forward by the gap.
    ['2026-03-29 02:30:00', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-03-08 02:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
  ])('reads %s in %s as %s', (text, timeZone, expected) => {
    expect(iso(parseTime(text, 0, { timeZone }))).toBe(expected);
  });

  it('property: every wall clock Grafana writes reads back to an instant with that same wall clock', () => {
    const zones = ['Europe/Berlin', 'Europe/London', 'Australia/Sydney', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2027, 0, 1) / 60_000 }),
        (zone, minute) => {
          const text = wall(minute * 60_000, zone);
          expect(wall(parseTime(text, 0, { timeZone: zone })!, zone)).toBe(text);
        }
      ),
      { numRuns: 5000, examples: [['Europe/Berlin', Date.UTC(2026, 9, 24, 23, 30) / 60_000]] }
    );
  });

  it('rounds now/h in the hour before clocks go back to its own start, never after now', () => {
    const now = Date.UTC(2026, 9, 24, 23, 30); // 01:30 CEST
    expect(iso(parseTime('now/h', now, { timeZone: 'Europe/Berlin' }))).toBe('2026-10-24T23:00:00.000Z');
  });

  it('rounds now/h in either copy of the repeated hour to the start of that copy', () => {
    const first = Date.UTC(2026, 9, 25, 0, 30); // 02:30 CEST
    const second = Date.UTC(2026, 9, 25, 1, 30); // 02:30 CET
    expect(iso(parseTime('now/h', first, { timeZone: 'Europe/Berlin' }))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(parseTime('now/h', second, { timeZone: 'Europe/Berlin' }))).toBe('2026-10-25T01:00:00.000Z');
  });

  it('starts a day whose first hour is repeated at the first copy, even from after the change', () => {
    // Chile goes back from 00:00 to 23:00 on 5 April 2026: 23:00-23:59 of 4 April repeats, and 5 April starts once, at 00:00 -04.
    const santiago = zonedTime('America/Santiago')!;
    const noon = Date.UTC(2026, 3, 5, 16); // 12:00 -04
    expect(iso(santiago.startOf(noon, 'd'))).toBe('2026-04-05T04:00:00.000Z');
    // Havana goes back from 01:00 to 00:00 on 1 November 2026: midnight occurs twice and the day starts at the first.
    const havana = zonedTime('America/Havana')!;
    expect(iso(havana.startOf(Date.UTC(2026, 10, 1, 17), 'd'))).toBe('2026-11-01T04:00:00.000Z');
  });

  it('names the second copy of a repeated wall clock, and none for a wall clock that occurs once', () => {
    const berlin = zonedTime('Europe/Berlin')!;
    expect(iso(berlin.repeatOf(Date.UTC(2026, 9, 25, 0, 30)))).toBe('2026-10-25T01:30:00.000Z');
    expect(berlin.repeatOf(Date.UTC(2026, 9, 25, 1, 30))).toBeNull();
    expect(berlin.repeatOf(Date.UTC(2026, 9, 24, 23, 30))).toBeNull();
    expect(zonedTime('UTC')!.repeatOf(Date.UTC(2026, 9, 25, 0, 30))).toBeNull();
    expect(berlin.repeatOf(Date.UTC(2026, 9, 25, 0, 30) - HOUR)).toBeNull();
  });
});
