const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * A duration like `30m`, `2h`, `1d` or `3600000ms` in ms; null when unreadable.
 *
 * @example
 * parseDuration('90s') // 90000
 */
export function parseDuration(text: string): number | null {
  // Zero needs no unit: `--wait 0` reads as it is documented ("reads once").
  if (/^\s*0+\s*$/.test(text)) {
    return 0;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/.exec(text);
  if (!match) {
    return null;
  }
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/**
 * A point in time as epoch ms: ISO 8601, `YYYY-MM-DD HH:MM:SS` (UTC), epoch ms, or relative
 * to `now` like `now`, `now-7d`, `now-15m`. Null when unreadable.
 *
 * @example
 * parseTime('now-1h', Date.UTC(2026, 0, 1, 12)) // Date.UTC(2026, 0, 1, 11)
 */
export function parseTime(text: string, now: number): number | null {
  const value = text.trim();
  const relative = /^now(?:([+-])(.+))?$/.exec(value);
  if (relative) {
    if (!relative[1]) {
      return now;
    }
    const offset = parseDuration(relative[2]);
    return offset === null ? null : relative[1] === '-' ? now - offset : now + offset;
  }
  if (/^\d{10,}$/.test(value)) {
    return Number(value);
  }
  const plain = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(value);
  if (plain) {
    const ms = plain[7] ? Math.round(Number(plain[7]) * 1000) : 0;
    return Date.UTC(+plain[1], +plain[2] - 1, +plain[3], +plain[4], +plain[5], +plain[6], ms);
  }
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : null;
}
