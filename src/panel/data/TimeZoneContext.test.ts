import { formatTime } from './TimeZoneContext';

const TEN_UTC = Date.UTC(2026, 0, 5, 10);

describe('formatTime', () => {
  it.each([
    ['America/New_York', '2026-01-05 05:00'],
    ['Asia/Kolkata', '2026-01-05 15:30'],
    ['utc', '2026-01-05 10:00 UTC'],
    // The app's pages pass the user's zone as the browser resolves it: UTC is still named.
    ['UTC', '2026-01-05 10:00 UTC'],
    ['Etc/UTC', '2026-01-05 10:00 UTC'],
  ])('shows a time in the dashboard zone %s as %s', (zone, text) => {
    expect(formatTime(TEN_UTC, 'YYYY-MM-DD HH:mm', zone)).toBe(text);
  });

  it("reads 'browser' as the viewer's own zone (this test process runs in UTC) without naming it", () => {
    expect(formatTime(TEN_UTC, 'HH:mm', 'browser')).toBe('10:00');
  });
});
