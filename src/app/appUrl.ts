import { APP_URL, AppRoute } from './constants';

/**
 * Link to an app page keeping the time range, e.g. the detail of a service. Service names
 * are encoded, so any name from CI data stays inside the path.
 *
 * @example
 * appUrl(AppRoute.Services, 'web', { from: 'now-30d', to: 'now' }) // '/a/safedeploy-deploys-app/services/web?from=now-30d&to=now'
 */
export function appUrl(route: AppRoute, service?: string, range?: { from: string; to: string }, hash?: string): string {
  const path = `${APP_URL}/${route}${service !== undefined ? `/${encodeURIComponent(service)}` : ''}`;
  const query = range ? `?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}` : '';
  return `${path}${query}${hash ? `#${encodeURIComponent(hash)}` : ''}`;
}

/**
 * An app link that works outside Grafana (the Markdown export): the page's origin, Grafana's
 * sub path (`root_url` served from a sub path, e.g. `/grafana`, empty at the root) and the
 * app path. Pass a range in epoch ms so the link shows the same dates later, not `now-30d`.
 *
 * @example
 * absoluteAppUrl('https://ops.example', '/grafana', appUrl(AppRoute.Services, 'web', { from: '1700000000000', to: '1702592000000' }))
 * // 'https://ops.example/grafana/a/safedeploy-deploys-app/services/web?from=1700000000000&to=1702592000000'
 */
export function absoluteAppUrl(origin: string, subUrl: string | undefined, path: string): string {
  return `${origin}${(subUrl ?? '').replace(/\/+$/, '')}${path}`;
}

/** The route and service of an app path; unknown paths fall back to the services overview. */
export function parseAppPath(pathname: string): { route: AppRoute; service: string | null } {
  const rest = pathname.startsWith(APP_URL) ? pathname.slice(APP_URL.length) : pathname;
  const [route, service] = rest.split('/').filter(Boolean);
  const known = route === AppRoute.Readiness ? AppRoute.Readiness : AppRoute.Services;
  let name: string | null = null;
  if (service !== undefined) {
    try {
      name = decodeURIComponent(service);
    } catch {
      name = service;
    }
  }
  return { route: known, service: name };
}

/** The element id of a deploy's row on its service's page, the fragment links to it carry. */
export function deployAnchor(deployId: string): string {
  return `deploy-${deployId}`;
}

/**
 * The element id a location's fragment names (`#deploy-github%3A12` → `deploy-github:12`),
 * or null when it names none.
 */
export function anchorOf(hash: string): string | null {
  const text = hash.replace(/^#/, '');
  if (!text) {
    return null;
  }
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
