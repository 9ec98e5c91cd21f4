import { createContext, useContext } from 'react';
import { dateTimeFormat } from '@grafana/data';
import { TimeZone } from '@grafana/schema';

/**
 * The time zone the view shows times in: the dashboard's (`PanelProps.timeZone`, which is
 * `browser` for a dashboard that names none), provided by the panel, or on the app's pages the
 * user's Grafana zone, provided by the app. Without a provider times are shown in UTC and say so.
 */
export const TimeZoneContext = createContext<TimeZone>('utc');

/** The time zone to show times in. */
export function useTimeZone(): TimeZone {
  return useContext(TimeZoneContext);
}

/**
 * `ms` as `format` in `timeZone`, Grafana's way (`dateTimeFormat`); in UTC it says so, since a
 * reader would otherwise take it for their own time.
 *
 * @example
 * formatTime(Date.UTC(2026, 0, 5, 10), 'YYYY-MM-DD HH:mm', 'America/New_York') // "2026-01-05 05:00"
 * formatTime(Date.UTC(2026, 0, 5, 10), 'YYYY-MM-DD HH:mm', 'utc') // "2026-01-05 10:00 UTC"
 */
export function formatTime(ms: number, format: string, timeZone: TimeZone): string {
  const text = dateTimeFormat(ms, { format, timeZone });
  // Grafana's 'utc', and the names a browser or the app's pages give it.
  return timeZone === 'utc' || timeZone === 'UTC' || timeZone === 'Etc/UTC' ? `${text} UTC` : text;
}
