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
}

const MINUTE = 60_000;

function resolve(text: string, roundUp: boolean, fallback: number): number {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const parsed = dateMath.parse(text, roundUp);
  return parsed && parsed.isValid() ? parsed.valueOf() : fallback;
}

function read(): AppLocation {
  const location = locationService.getLocation();
  const params = new URLSearchParams(location.search);
  const raw = { from: params.get('from') || DEFAULT_RANGE_FROM, to: params.get('to') || 'now' };
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  let to = resolve(raw.to, true, now);
  let from = resolve(raw.from, false, to - 30 * 86_400_000);
  if (raw.to === 'now') {
    to = Math.ceil(to / MINUTE) * MINUTE;
  }
  if (from >= to) {
    from = to - 30 * 86_400_000;
  }
  return { pathname: location.pathname, search: location.search, hash: location.hash, raw, range: { from, to } };
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
