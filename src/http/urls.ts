import { Query } from './types';

/** The URL a request for `pathOrUrl` goes to: relative paths join the base, the query is encoded. */
export function buildUrl(baseUrl: string, pathOrUrl: string, query?: Query): string {
  const absolute = /^https?:\/\//i.test(pathOrUrl) || pathOrUrl.startsWith(baseUrl + '/') || pathOrUrl === baseUrl;
  // An empty path is the base itself: an endpoint served at the configured URL gets no trailing slash added.
  const url = absolute || pathOrUrl === '' ? pathOrUrl || baseUrl : `${baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
  const params: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      params.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  if (params.length === 0) {
    return url;
  }
  return url + (url.includes('?') ? '&' : '?') + params.join('&');
}

/** Next-page links name the upstream API; behind Grafana's data proxy they must go through the route. */
export function rebaseUrl(url: string, upstreamUrl: string | undefined, baseUrl: string): string {
  if (!/^https?:\/\//i.test(url) || !upstreamUrl) {
    return url;
  }
  try {
    const link = new URL(url);
    const upstream = new URL(upstreamUrl);
    if (link.host !== upstream.host) {
      return url;
    }
    const upstreamPath = upstream.pathname.replace(/\/+$/, '');
    const rest = link.pathname.startsWith(upstreamPath) ? link.pathname.slice(upstreamPath.length) : link.pathname;
    return `${baseUrl}${rest.startsWith('/') ? rest : '/' + rest}${link.search}`;
  } catch {
    return url;
  }
}

/** Stands for Grafana's own origin when a data-proxy path is resolved as the browser will. */
const GRAFANA_ORIGIN = 'http://grafana.invalid';

/**
 * True when `url` stays with the configured base: the same scheme, host and port when the base
 * is absolute (the command line), inside the data-proxy route when it is a path (Grafana).
 * A path is judged as the browser will send it: dot segments (`..`, `%2e%2e`) resolved and `\`
 * read as `/`, so a next link written `<route>/../../other` cannot reach Grafana's own API with
 * the viewer's session, or another data source's route with that data source's token.
 */
export function isUnder(url: string, baseUrl: string): boolean {
  if (/^https?:\/\//i.test(baseUrl)) {
    try {
      return new URL(url).origin === new URL(baseUrl).origin;
    } catch {
      return false;
    }
  }
  if (url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return false;
  }
  try {
    const sent = new URL(url, GRAFANA_ORIGIN);
    const route = new URL(baseUrl || '/', GRAFANA_ORIGIN).pathname.replace(/\/+$/, '');
    return sent.origin === GRAFANA_ORIGIN && (sent.pathname === route || sent.pathname.startsWith(route + '/'));
  } catch {
    return false;
  }
}

/** A Location header resolved against the URL that was redirected (relative paths keep the route). */
export function resolveLocation(location: string, from: string): string {
  if (/^https?:\/\//i.test(from)) {
    try {
      return new URL(location, from).toString();
    } catch {
      return location;
    }
  }
  // A data-proxy path: an absolute-path Location names Grafana's own origin, which is fine only inside the route.
  return /^[a-z][a-z0-9+.-]*:/i.test(location) || location.startsWith('/') || location.startsWith('//') ? location : from.replace(/[^/]*$/, '') + location;
}

/** The origin named in messages; a data-proxy path is "this Grafana". */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.startsWith('/') ? 'this Grafana' : 'an unknown origin';
  }
}

/**
 * True when `url` names a user or password before its host (`https://user:token@host`), read from the
 * text itself so that a half-typed or otherwise unparsable URL with credentials is caught too.
 * @example hasUserInfo('https://ci-bot:token@jenkins.example.com') // true
 */
export function hasUserInfo(url: string): boolean {
  const authority = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#\\]/)[0];
  return authority.includes('@');
}

/** The path shown in messages: relative to the base, without the query, credentials or host. */
export function displayPath(url: string, baseUrl: string): string {
  const noQuery = url.split('?')[0];
  if (noQuery.startsWith(baseUrl)) {
    return noQuery.slice(baseUrl.length) || '/';
  }
  try {
    return new URL(noQuery).pathname;
  } catch {
    return noQuery;
  }
}
