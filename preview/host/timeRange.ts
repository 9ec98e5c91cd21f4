// A dashboard's time range on the pre-scenes emulation (Grafana 10.4; 11.6 renders with scenes,
// whose SceneTimeRange does the same from the dashboard's `timezone` and `weekStart`).
import { dateMath, dateTime, setWeekStart, TimeRange, TimeZone } from '@grafana/data';

/**
 * The zone a dashboard's panels show times in, as Grafana's DashboardModel.getTimezone: the
 * dashboard's own, else the viewer's preference, which defaults to `browser` (conf/defaults.ini
 * `default_timezone`); the host has no users, so the default.
 */
export function dashboardTimeZone(dashboard: { timezone?: string }): TimeZone {
  return dashboard.timezone || 'browser';
}

/**
 * The week start relative ranges round to (`now/w`): the dashboard's `weekStart`, else the
 * viewer's preference, which the host has not got (the locale's), as Grafana's initDashboard
 * sets it with @grafana/data's setWeekStart
 * (public/app/features/dashboard/state/initDashboard.ts, v10.4.0).
 */
export function applyWeekStart(dashboard: { weekStart?: string }): void {
  setWeekStart(dashboard.weekStart || undefined);
}

/**
 * `from`/`to` (epoch ms, or relative such as `now-6h` and `now/d`) as a time range, relative
 * ones resolved in `timeZone` (the dashboard's: `now/d` is its midnight), as Grafana's TimeSrv
 * resolves them (rangeUtil.convertRawToRange, public/app/features/dashboard/services/TimeSrv.ts,
 * v10.4.0).
 *
 * @example
 * toTimeRange('now/d', 'now', 'utc').from // today's 00:00 UTC, wherever the browser is
 */
export function toTimeRange(from: string, to: string, timeZone: TimeZone = 'browser'): TimeRange {
  const parse = (value: string, roundUp: boolean) => (/^\d+$/.test(value) ? dateTime(Number(value)) : dateMath.parse(value, roundUp, timeZone) ?? dateTime());
  return { from: parse(from, false), to: parse(to, true), raw: { from, to } };
}
