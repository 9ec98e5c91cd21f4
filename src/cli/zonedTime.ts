/** Units of Grafana's time math: years, quarters, months, weeks, days, hours, minutes, seconds. */
export type CalendarUnit = 'y' | 'Q' | 'M' | 'w' | 'd' | 'h' | 'm' | 's';

/** A wall-clock reading in some time zone; month 0-11 as in Date. */
interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** Calendar arithmetic in one time zone, the way Grafana's dateMath (moment) does it. */
export interface ZonedTime {
  /** The IANA name, or `UTC`. */
  zone: string;
  /** The first ms of the unit that holds `ms` (weeks start on Sunday, as in Grafana's default locale). */
  startOf: (ms: number, unit: CalendarUnit) => number;
  /** The last ms of the unit that holds `ms`. */
  endOf: (ms: number, unit: CalendarUnit) => number;
  /** `ms` moved by `count` units: days and longer keep the wall-clock time across DST changes, and a month step keeps the day or ends at the month's last day. */
  add: (ms: number, count: number, unit: CalendarUnit) => number;
  /** The instant a wall-clock reading (`Date.UTC`-style fields) names in this zone. */
  fromWall: (
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    ms: number
  ) => number;
}

const FIXED_MS: Partial<Record<CalendarUnit, number>> = { h: 3_600_000, m: 60_000, s: 1000 };

/** The wall clock at `ms`: through the zone's formatter, or in UTC without one. */
function readWall(format: Intl.DateTimeFormat | null, ms: number): Wall {
  if (!format) {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth(),
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
    };
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return {
    year: parts.year,
    month: parts.month - 1,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    ms: ((ms % 1000) + 1000) % 1000,
  };
}

/**
 * Calendar math for `zone` (`utc`, `UTC` or an IANA name such as `Europe/Berlin`); null when
 * the runtime does not know the zone.
 *
 * @example
 * zonedTime('Europe/Berlin')?.startOf(Date.UTC(2026, 0, 5, 12), 'd') // Date.UTC(2026, 0, 4, 23)
 */
export function zonedTime(zone = 'UTC'): ZonedTime | null {
  const utc = zone.toLowerCase() === 'utc';
  let format: Intl.DateTimeFormat | null = null;
  if (!utc) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return null;
    }
  }
  const wall = (ms: number): Wall => readWall(format, ms);
  /** Zone offset at an instant, ms east of UTC. */
  const offset = (ms: number): number => {
    const w = wall(ms);
    return Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms) - ms;
  };
  const toInstant = (w: Wall): number => {
    const asUtc = Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
    if (!format) {
      return asUtc;
    }
    // Two passes settle the offset; in a DST gap the reading moves forward, as moment does.
    const first = asUtc - offset(asUtc);
    const second = asUtc - offset(first);
    return second === first ? first : Math.max(first, second);
  };
  const add = (ms: number, count: number, unit: CalendarUnit): number => {
    const fixed = FIXED_MS[unit];
    if (fixed !== undefined) {
      return ms + count * fixed;
    }
    const w = wall(ms);
    if (unit === 'd' || unit === 'w') {
      return toInstant({ ...w, day: w.day + count * (unit === 'w' ? 7 : 1) });
    }
    const months = w.month + count * (unit === 'y' ? 12 : unit === 'Q' ? 3 : 1);
    const lastDay = new Date(Date.UTC(w.year, months + 1, 0)).getUTCDate();
    return toInstant({ ...w, month: months, day: Math.min(w.day, lastDay) });
  };
  const startOf = (ms: number, unit: CalendarUnit): number => {
    const w = wall(ms);
    const dayStart = { ...w, hour: 0, minute: 0, second: 0, ms: 0 };
    switch (unit) {
      case 's':
        return toInstant({ ...w, ms: 0 });
      case 'm':
        return toInstant({ ...w, second: 0, ms: 0 });
      case 'h':
        return toInstant({ ...w, minute: 0, second: 0, ms: 0 });
      case 'd':
        return toInstant(dayStart);
      case 'w':
        return toInstant({ ...dayStart, day: w.day - new Date(Date.UTC(w.year, w.month, w.day)).getUTCDay() });
      case 'M':
        return toInstant({ ...dayStart, day: 1 });
      case 'Q':
        return toInstant({ ...dayStart, day: 1, month: w.month - (w.month % 3) });
      case 'y':
        return toInstant({ ...dayStart, day: 1, month: 0 });
    }
  };
  return {
    zone: utc ? 'UTC' : zone,
    startOf,
    endOf: (ms, unit) => add(startOf(ms, unit), 1, unit) - 1,
    add,
    fromWall: (year, month, day, hour, minute, second, ms) => toInstant({ year, month, day, hour, minute, second, ms }),
  };
}
