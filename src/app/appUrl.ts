import { APP_URL, AppRoute } from './constants';

/** The query parameter that names a service whose name cannot stand in the path. */
const SERVICE_PARAM = 'service';

/**
 * A name that stands in the path as written: Grafana's history decodes every path it is given
 * (decodeURI), so a percent-encoded name is decoded once on the way to the address bar and once
 * more on reload, and reads back as another name (`a%2Fb` as `a/b`) or not at all (`90%`).
 * Anything else goes in the query string, which nothing decodes on the way.
 */
const PLAIN_NAME = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/**
 * Link to an app page keeping the time range, e.g. the detail of a service. A plain service
 * name is the path's last segment; any other name from CI data is the `service` query
 * parameter, encoded, so it reads back as written after links, reloads and Back.
 *
 * @example
 * appUrl(AppRoute.Services, 'web', { from: 'now-30d', to: 'now' }) // '/a/safedeploy-deploys-app/services/web?from=now-30d&to=now'
 * appUrl(AppRoute.Services, 'disk 90%') // '/a/safedeploy-deploys-app/services?service=disk%2090%25'
 */
export function appUrl(route: AppRoute, service?: string, range?: { from: string; to: string }, hash?: string): string {
  const inPath = service !== undefined && PLAIN_NAME.test(service);
  const path = `${APP_URL}/${route}${inPath ? `/${service}` : ''}`;
  const params = [
    ...(service !== undefined && !inPath ? [`${SERVICE_PARAM}=${encodeURIComponent(service)}`] : []),
    ...(range ? [`from=${encodeURIComponent(range.from)}`, `to=${encodeURIComponent(range.to)}`] : []),
  ];
  return `${path}${params.length ? `?${params.join('&')}` : ''}${hash ? `#${encodeURIComponent(hash)}` : ''}`;
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

/**
 * The route and service of an app location: the `service` query parameter, else the path's
 * segment after the route (links from earlier releases put every name there, encoded).
 * Unknown paths fall back to the services overview.
 */
export function parseAppPath(pathname: string, search = ''): { route: AppRoute; service: string | null } {
  const rest = pathname.startsWith(APP_URL) ? pathname.slice(APP_URL.length) : pathname;
  const [route, segment] = rest.split('/').filter(Boolean);
  const known = route === AppRoute.Readiness ? AppRoute.Readiness : AppRoute.Services;
  const param = new URLSearchParams(search).get(SERVICE_PARAM);
  if (param !== null && param !== '') {
    return { route: known, service: param };
  }
  let name: string | null = null;
  if (segment !== undefined) {
    try {
      name = decodeURIComponent(segment);
    } catch {
      name = segment;
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
