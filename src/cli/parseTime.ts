import { parseTimeText } from '../events/normalize';
import { CalendarUnit, zonedTime, ZonedTime } from './zonedTime';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** One `<number><unit>` step of a duration; `ms` before `m` so that 500ms is not 500 minutes. */
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;

/**
 * A duration like `30m`, `2h`, `1d`, `1h30m` or `3600000ms` in ms; null when unreadable.
 * Parts add up in any order (`1h30m` is 90 minutes), as Grafana's intervals and Go's durations read.
 *
 * @example
 * parseDuration('1h30m') // 5400000
 */
export function parseDuration(text: string): number | null {
  const value = text.trim();
  // Zero needs no unit: `--wait 0` reads as it is documented ("reads once").
  if (/^0+$/.test(value)) {
    return 0;
  }
  if (value === '') {
    return null;
  }
  let total = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < value.length) {
    const match = DURATION_PART.exec(value);
    if (!match) {
      return null;
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  return Number.isFinite(total) && total >= 0 ? total : null;
}

/** How a time is read: `roundUp` for the end of a range (Grafana rounds `to` up), in which zone. */
export interface TimeOptions {
  /** `now/d` as the last ms of the day instead of the first, as Grafana reads the `to` of a range. */
  roundUp?: boolean;
  /** The zone for rounding, calendar steps and wall-clock times without an offset: `UTC` (default) or an IANA name. */
  timeZone?: string;
}

/**
 * One step of Grafana's time math: `/d` rounds, `-7d`/`+1M` moves. Counts of calendar units
 * (y, Q, M) are whole; shorter ones may be fractional or compound (`-1h30m`), a superset of
 * Grafana's syntax that reads the same as its own for everything Grafana accepts.
 */
const MATH_STEP = /\/([yQMwdhms])|([+-])((?:\d+(?:\.\d+)?(?:ms|[yQMwdhms]))+)/y;
const MATH_PART = /(\d+(?:\.\d+)?)(ms|[yQMwdhms])/g;

function applyMath(math: string, start: number, zoned: ZonedTime, roundUp: boolean): number | null {
  let time = start;
  MATH_STEP.lastIndex = 0;
  while (MATH_STEP.lastIndex < math.length) {
    const step = MATH_STEP.exec(math);
    if (!step) {
      return null;
    }
    if (step[1]) {
      const unit = step[1] as CalendarUnit;
      time = roundUp ? zoned.endOf(time, unit) : zoned.startOf(time, unit);
      continue;
    }
    const sign = step[2] === '-' ? -1 : 1;
    for (const [, count, unit] of step[3].matchAll(MATH_PART)) {
      const n = Number(count);
      if (unit === 'ms') {
        time += sign * n;
      } else if ('yQM'.includes(unit) && !Number.isInteger(n)) {
        return null;
      } else {
        time = zoned.add(time, sign * n, unit as CalendarUnit);
      }
    }
  }
  return Number.isFinite(time) ? time : null;
}

/** An absolute time: epoch ms, ISO 8601 with an offset, or a wall-clock reading in the zone. */
function parseAbsolute(value: string, zoned: ZonedTime): number | null {
  if (/^\d{10,}$/.test(value)) {
    return Number(value);
  }
  const wall = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/.exec(value);
  if (wall) {
    const ms = wall[7] ? Math.round(Number(wall[7]) * 1000) : 0;
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = wall;
    // A date the calendar does not have (2026-02-30, 25:00) is unreadable, not rolled over into the next.
    const check = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
    const real = check.getUTCMonth() === +mo - 1 && check.getUTCDate() === +d && check.getUTCHours() === +h && check.getUTCMinutes() === +mi && check.getUTCSeconds() === +s;
    return real ? zoned.fromWall(+y, +mo - 1, +d, +h, +mi, +s, ms) : null;
  }
  // Other text only when it names its zone ('2026-01-05T10:00:00+01:00', 'Mon, 05 Jan 2026
  // 10:00:00 GMT'): Date.parse would read 'Jan 5 2026 10:00' in the runner's zone, not --timezone.
  const parsed = parseTimeText(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * A point in time as epoch ms, read as Grafana reads a time range's `from` and `to`: `now`
 * with time math (`now-7d`, `now/d`, `now-1d/d`, `now-1w/w`, `now-1h30m`), ISO 8601, epoch ms,
 * `YYYY-MM-DD HH:mm:ss` (a wall clock in `timeZone`, UTC by default), or an absolute time with
 * math after `||`. Rounding goes to the start of the unit, or its last ms with `roundUp`.
 * Null when unreadable (also a date the calendar lacks, such as 2026-02-30, or a time beyond
 * any date), or when `timeZone` is unknown.
 *
 * @example
 * parseTime('now-1d/d', Date.UTC(2026, 0, 7, 12)) // Date.UTC(2026, 0, 6)
 * parseTime('now/d', Date.UTC(2026, 0, 7, 12), { roundUp: true }) // Date.UTC(2026, 0, 8) - 1
 */
export function parseTime(text: string, now: number, options: TimeOptions = {}): number | null {
  const zoned = zonedTime(options.timeZone);
  if (!zoned) {
    return null;
  }
  const value = text.trim();
  const bars = value.indexOf('||');
  if (!value.startsWith('now') && bars < 0) {
    return withinDates(parseAbsolute(value, zoned));
  }
  const base = value.startsWith('now') ? now : parseAbsolute(value.slice(0, bars), zoned);
  const math = value.slice(value.startsWith('now') ? 3 : bars + 2).replace(/\s/g, '');
  return base === null ? null : withinDates(applyMath(math, base, zoned, options.roundUp ?? false));
}

/** The furthest from 1970 a JavaScript date reaches, in ms (ECMAScript's time value range). */
export const MAX_DATE_MS = 8.64e15;

/** Null for a time no date can hold (epoch nanoseconds, now+9999999999h): unreadable, not a crash further on. */
function withinDates(time: number | null): number | null {
  return time !== null && Number.isFinite(time) && Math.abs(time) <= MAX_DATE_MS ? time : null;
}
