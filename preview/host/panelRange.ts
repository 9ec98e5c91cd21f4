// A panel's own time range from its query options (Relative time `timeFrom`, Time shift
// `timeShift`), as Grafana's dashboard scene gives it to the panel's queries and to the panel
// (public/app/features/dashboard-scene/scene/panel-timerange/PanelTimeRange.tsx,
// `getTimeOverride`, v12.4.0). No scenes import: jest tests it, scenes/PanelTimeRange.ts uses it.
import { dateMath, rangeUtil, TimeRange, TimeZone } from '@grafana/data';

/**
 * The range a panel queries over: with `timeFrom`, the last `timeFrom` up to now, in
 * `timeZone`, but only while the dashboard's range is relative (after a zoom, an absolute
 * dashboard range wins); with `timeShift`, both ends moved back by it. An option that is not a
 * time span leaves the range as it was. `timeFrom` and `timeShift` arrive with variables filled.
 *
 * @example
 * panelRange(lastSixHours, { timeFrom: '7d' }, 'utc') // now-7d to now
 */
export function panelRange(dashboard: TimeRange, { timeFrom, timeShift }: { timeFrom?: string; timeShift?: string }, timeZone: TimeZone): TimeRange {
  let range = dashboard;
  if (timeFrom) {
    const span = rangeUtil.describeTextRange(timeFrom);
    if (span.invalid) {
      return dashboard;
    }
    if (rangeUtil.isRelativeTimeRange(dashboard.raw)) {
      range = { from: dateMath.parse(span.from, false, timeZone)!, to: dateMath.parse(span.to, true, timeZone)!, raw: { from: span.from, to: span.to } };
    }
  }
  if (timeShift) {
    if (rangeUtil.describeTextRange(timeShift).invalid) {
      return range;
    }
    const back = `-${timeShift}`;
    const from = dateMath.parseDateMath(back, range.from, false)!;
    const to = dateMath.parseDateMath(back, range.to, true)!;
    range = { from, to, raw: { from, to } };
  }
  return range;
}
