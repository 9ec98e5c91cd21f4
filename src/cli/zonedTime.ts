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
  /**
   * The instant a wall-clock reading (`Date.UTC`-style fields) names in this zone: in the hour
   * clocks repeat, the earlier of the two; in the hour clocks skip, moved forward by the gap.
   */
  fromWall: (
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    ms: number
  ) => number;
  /** The later instant with the same wall clock as `ms` (the second copy of a repeated hour); null when the wall clock occurs once. */
  repeatOf: (ms: number) => number | null;
}

const FIXED_MS: Partial<Record<CalendarUnit, number>> = { h: 3_600_000, m: 60_000, s: 1000 };

const DAY_MS = 86_400_000;

/**
 * Offsets are read per quarter hour: zones change offset at most once in that span (months
 * apart in practice), so when both ends of a quarter agree the whole quarter has that offset.
 */
const OFFSET_SPAN_MS = 15 * 60_000;

/** The zone's formatter, or null when the runtime does not know the zone. */
function formatFor(zone: string): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-US', {
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
  // One per zone: a formatter costs about as much to build as a CSV row costs to read, and files hold thousands of rows.
  if (!ZONES.has(zone)) {
    ZONES.set(zone, buildZonedTime(zone));
  }
  return ZONES.get(zone) ?? null;
}

const ZONES = new Map<string, ZonedTime | null>();

function buildZonedTime(zone: string): ZonedTime | null {
  const utc = zone.toLowerCase() === 'utc';
  const format = utc ? null : formatFor(zone);
  if (!utc && !format) {
    return null;
  }
  const wall = (ms: number): Wall => readWall(format, ms);
  const exactOffset = (ms: number): number => {
    const w = wall(ms);
    return Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms) - ms;
  };
  const spans = new Map<number, number>();
  const spanStart = (span: number): number => {
    if (!spans.has(span)) {
      spans.set(span, exactOffset(span * OFFSET_SPAN_MS));
    }
    return spans.get(span)!;
  };
  /** Zone offset at an instant, ms east of UTC. */
  const offset = (ms: number): number => {
    const span = Math.floor(ms / OFFSET_SPAN_MS);
    const start = spanStart(span);
    return start === spanStart(span + 1) ? start : exactOffset(ms);
  };
  /**
   * The instants whose wall clock is `asUtc` (a wall reading written as if in UTC), earliest
   * first: one, two in the hour clocks repeat, none in the hour they skip. The offsets a day
   * either side are the only ones a reading can have, as zones change offset at most once a day.
   */
  const instantsOf = (asUtc: number): number[] => {
    const before = offset(asUtc - DAY_MS);
    if (before === offset(asUtc + DAY_MS)) {
      // No change of offset within a day either side: the one reading there is (the common case, kept cheap).
      return [asUtc - before];
    }
    const offsets = new Set([before, offset(asUtc), offset(asUtc + DAY_MS)]);
    const found = [...offsets].map((o) => asUtc - o).filter((ms) => ms + offset(ms) === asUtc);
    return [...new Set(found)].sort((a, b) => a - b);
  };
  /** `prefer`: the offset to keep when the reading occurs twice (rounding keeps the copy it started in). */
  const toInstant = (w: Wall, prefer?: number): number => {
    const asUtc = Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
    if (!format) {
      return asUtc;
    }
    const found = instantsOf(asUtc);
    if (found.length === 0) {
      // In the skipped hour, forward by the gap (02:30 becomes 03:30), as moment reads it.
      return asUtc - offset(asUtc - DAY_MS);
    }
    return found.find((ms) => asUtc - ms === prefer) ?? found[0];
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
    // Within the hour the start keeps the offset `ms` has, so 02:30 in the second copy of a repeated
    // hour rounds to its own 02:00; a day or longer starts at the first copy of its first hour.
    const at = (start: Wall) => toInstant(start, FIXED_MS[unit] === undefined ? undefined : offset(ms));
    const dayStart = { ...w, hour: 0, minute: 0, second: 0, ms: 0 };
    switch (unit) {
      case 's':
        return at({ ...w, ms: 0 });
      case 'm':
        return at({ ...w, second: 0, ms: 0 });
      case 'h':
        return at({ ...w, minute: 0, second: 0, ms: 0 });
      case 'd':
        return at(dayStart);
      case 'w':
        return at({ ...dayStart, day: w.day - new Date(Date.UTC(w.year, w.month, w.day)).getUTCDay() });
      case 'M':
        return at({ ...dayStart, day: 1 });
      case 'Q':
        return at({ ...dayStart, day: 1, month: w.month - (w.month % 3) });
      case 'y':
        return at({ ...dayStart, day: 1, month: 0 });
    }
  };
  return {
    zone: utc ? 'UTC' : zone,
    startOf,
    endOf: (ms, unit) => add(startOf(ms, unit), 1, unit) - 1,
    add,
    fromWall: (year, month, day, hour, minute, second, ms) => toInstant({ year, month, day, hour, minute, second, ms }),
    repeatOf: (ms) => (format ? (instantsOf(ms + offset(ms)).find((later) => later > ms) ?? null) : null),
  };
}
