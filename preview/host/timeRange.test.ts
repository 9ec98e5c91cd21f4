import { applyWeekStart, dashboardTimeZone, toTimeRange } from './timeRange';

// Wednesday 7 January 2026, 15:00 UTC: 10:00 in New York, midnight starting 8 January in Tokyo.
const NOW = Date.UTC(2026, 0, 7, 15);

describe("a dashboard's time range on the pre-scenes emulation", () => {
  beforeEach(() => {
    jest.useFakeTimers().setSystemTime(NOW);
  });
  afterEach(() => {
    applyWeekStart({});
    jest.useRealTimers();
  });

  it.each([
    ['utc', Date.UTC(2026, 0, 7, 0)],
    ['America/New_York', Date.UTC(2026, 0, 7, 5)],
    ['Asia/Tokyo', Date.UTC(2026, 0, 7, 15)],
  ])('rounds `now/d` to midnight in the dashboard’s zone (%s), not the browser’s', (zone, midnight) => {
    expect(toTimeRange('now/d', 'now', zone).from.valueOf()).toBe(midnight);
  });

  it.each([
    ['monday', Date.UTC(2026, 0, 5)],
    ['sunday', Date.UTC(2026, 0, 4)],
    ['saturday', Date.UTC(2026, 0, 3)],
  ])('rounds `now/w` to the dashboard’s week start (%s)', (weekStart, start) => {
    applyWeekStart({ weekStart });
    expect(toTimeRange('now/w', 'now/w', 'utc').from.valueOf()).toBe(start);
  });

  it('reads epoch milliseconds as they are, and names the viewer’s zone for a dashboard that names none', () => {
    expect(toTimeRange('1000', '2000', 'America/New_York').to.valueOf()).toBe(2000);
    expect(dashboardTimeZone({ timezone: '' })).toBe('browser');
    expect(dashboardTimeZone({ timezone: 'utc' })).toBe('utc');
  });
});
