import { useEffect, useState } from 'react';
import { dateMath } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { DEFAULT_RANGE_FROM } from '../constants';

export interface AppLocation {
  pathname: string;
  /** The query string as written (`?service=…&from=…`); absent reads as none. */
  search?: string;
  hash: string;
  /** The range as written in the URL (`now-30d` or epoch ms). */
  raw: { from: string; to: string };
  /** The range resolved to epoch ms, rounded to the minute so reloads share a cache entry. */
  range: { from: number; to: number };
  /** Why the address's range could not be used as written (`range` is then the 30 days to its end); absent when it could. */
  rangeProblem?: string | null;
}

const MINUTE = 60_000;

/** `text` (`now-30d`, `now`, epoch ms) in epoch ms, or null when it is no time. */
function resolve(text: string, roundUp: boolean): number | null {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const parsed = dateMath.parse(text, roundUp);
  return parsed && parsed.isValid() ? parsed.valueOf() : null;
}

const DEFAULT_SPAN_MS = 30 * 86_400_000;

/**
 * The range `raw` stands for at `now` (ms, rounded down to the minute), or the 30 days before
 * its end with why, when the address holds no time or a range that ends before it starts: a
 * page must not quietly show other dates than the address asks for.
 *
 * @example
 * resolveRange({ from: 'yesterday', to: 'now' }, now).problem // '"yesterday" is not a time'
 */
export function resolveRange(raw: { from: string; to: string }, now: number): { range: { from: number; to: number }; problem: string | null } {
  const toValue = resolve(raw.to, true);
  let to = toValue ?? now;
  if (raw.to === 'now') {
    to = Math.ceil(to / MINUTE) * MINUTE;
  }
  const fromValue = resolve(raw.from, false);
  const unreadable = [toValue === null ? raw.to : null, fromValue === null ? raw.from : null].filter((t) => t !== null);
  const problem = unreadable.length
    ? `${unreadable.map((t) => JSON.stringify(t)).join(' and ')} ${unreadable.length === 1 ? 'is not a time' : 'are not times'}`
    : fromValue! >= to
      ? 'the range ends before it starts'
      : null;
  return { range: { from: problem ? to - DEFAULT_SPAN_MS : fromValue!, to }, problem };
}

function read(): AppLocation {
  const location = locationService.getLocation();
  const params = new URLSearchParams(location.search);
  const raw = { from: params.get('from') || DEFAULT_RANGE_FROM, to: params.get('to') || 'now' };
  const { range, problem } = resolveRange(raw, Math.floor(Date.now() / MINUTE) * MINUTE);
  return { pathname: location.pathname, search: location.search, hash: location.hash, raw, range, rangeProblem: problem };
}

/** The app's location (path, range) from Grafana's location service, updated on navigation. */
export function useAppLocation(): AppLocation {
  const [location, setLocation] = useState(read);
  useEffect(() => locationService.getHistory().listen(() => setLocation(read())), []);
  return location;
}

/** Changes the range in the URL, keeping the page. */
export function setRange(from: string | number, to: string | number) {
  locationService.partial({ from: String(from), to: String(to) });
}
