import { formatTime } from './components/format';
import { userTimeZone } from './userTimeZone';

// 14:05 UTC on 30 November 2026 (New York on standard time, UTC-5) and on 1 July 2026 (daylight time, UTC-4).
const WINTER = Date.UTC(2026, 10, 30, 14, 5);
const SUMMER = Date.UTC(2026, 6, 1, 14, 5);

describe('formatTime', () => {
  // The pages showed every time in UTC whatever zone the user chose in Grafana.
  it.each([
    ['America/New_York', WINTER, '2026-11-30 09:05 America/New_York'],
    ['America/New_York', SUMMER, '2026-07-01 10:05 America/New_York'],
    ['Asia/Kolkata', WINTER, '2026-11-30 19:35 Asia/Kolkata'],
    ['Asia/Kolkata', SUMMER, '2026-07-01 19:35 Asia/Kolkata'],
    ['utc', WINTER, '2026-11-30 14:05 UTC'],
  ])('shows a time in %s, and names the zone', (zone, ms, text) => {
    expect(formatTime(ms, zone)).toBe(text);
  });

  it('shows the same instant as different clock times in different zones', () => {
    expect(formatTime(WINTER, 'America/New_York')).not.toBe(formatTime(WINTER, 'Asia/Kolkata'));
  });
});

describe('userTimeZone', () => {
  it.each([
    ['Asia/Kolkata', 'America/New_York', 'Asia/Kolkata'],
    ['utc', 'America/New_York', 'utc'],
    ['browser', 'America/New_York', 'America/New_York'],
    // Empty: no user, team or org preference; Grafana then shows the browser's zone.
    ['', 'Asia/Kolkata', 'Asia/Kolkata'],
    [undefined, 'Asia/Kolkata', 'Asia/Kolkata'],
  ])("reads Grafana's preference %p in a browser in %s as %s", (preference, browser, zone) => {
    expect(userTimeZone(preference, browser)).toBe(zone);
  });

  describe('edge cases', () => {
    it('reads a zone it does not know as the browser’s, and a browser without a zone as UTC, so the label always says what is shown', () => {
      expect(userTimeZone('Mars/Olympus_Mons', 'Asia/Kolkata')).toBe('Asia/Kolkata');
      expect(userTimeZone('browser', undefined)).toBe('utc');
    });
  });
});
