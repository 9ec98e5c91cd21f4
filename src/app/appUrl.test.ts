import { absoluteAppUrl, anchorOf, appUrl, deployAnchor, parseAppPath } from './appUrl';
import { AppRoute } from './constants';

describe('appUrl and parseAppPath', () => {
  it.each([
    [AppRoute.Services, undefined, '/a/safedeploy-deploys-app/services', { route: AppRoute.Services, service: null }],
    [AppRoute.Services, 'web', '/a/safedeploy-deploys-app/services/web', { route: AppRoute.Services, service: 'web' }],
    [
      AppRoute.Readiness,
      'a/b c',
      '/a/safedeploy-deploys-app/readiness?service=a%2Fb%20c',
      { route: AppRoute.Readiness, service: 'a/b c' },
    ],
  ])('links %s of %s to %s and reads it back', (route, service, url, parsed) => {
    expect(appUrl(route, service)).toBe(url);
    const [pathname, search = ''] = url.split('?');
    expect(parseAppPath(pathname, search)).toStrictEqual(parsed);
  });

  // Grafana's history runs decodeURI over every path it is given, and again over the address
  // bar's on reload: a name in the path came back as another name (a%2Fb as a/b) or broke the page (90%).
  it.each(['disk 90% full', 'a%2Fb ?#c', '..', '.', '(no service)', 'café/api', 'x+y&z=1'])(
    'reads %p back as written after the path went through decodeURI, as on a link and on reload',
    (name) => {
      const url = appUrl(AppRoute.Services, name, { from: 'now-7d', to: 'now' });
      const [pathname, search] = url.split('?');
      expect(pathname).toBe('/a/safedeploy-deploys-app/services');
      const once = decodeURI(pathname);
      expect(parseAppPath(once, `?${search}`).service).toBe(name);
      expect(parseAppPath(decodeURI(once), `?${search}`).service).toBe(name);
    }
  );

  it('still reads a service from the path of a link an earlier release wrote', () => {
    expect(parseAppPath('/a/safedeploy-deploys-app/services/a%2Fb%20c', '?from=now-30d&to=now')).toStrictEqual({
      route: AppRoute.Services,
      service: 'a/b c',
    });
  });

  it('falls back to the overview for the app root and unknown pages', () => {
    expect(parseAppPath('/a/safedeploy-deploys-app')).toStrictEqual({ route: AppRoute.Services, service: null });
    expect(parseAppPath('/a/safedeploy-deploys-app/nope')).toStrictEqual({ route: AppRoute.Services, service: null });
  });

  it('keeps the range in the query and the deploy in the hash', () => {
    expect(appUrl(AppRoute.Services, 'web', { from: 'now-30d', to: 'now' }, 'deploy-1')).toBe(
      '/a/safedeploy-deploys-app/services/web?from=now-30d&to=now#deploy-1'
    );
  });
});

describe('deployAnchor and anchorOf', () => {
  it("reads back the row a deploy's link names, whatever its id holds", () => {
    const id = 'github:deployment:shop/web:1013 #1';
    const url = appUrl(AppRoute.Services, 'web', undefined, deployAnchor(id));
    expect(anchorOf(url.slice(url.indexOf('#')))).toBe(deployAnchor(id));
  });

  it('names no row for an empty fragment, and keeps one that is not percent-encoding as written', () => {
    expect(anchorOf('')).toBeNull();
    expect(anchorOf('#')).toBeNull();
    expect(anchorOf('#deploy-100%')).toBe('deploy-100%');
  });
});

describe('absoluteAppUrl', () => {
  // Markdown export links missed Grafana's sub path (root_url /grafana/) and carried now-30d.
  it.each([
    ['/grafana', 'https://ops.example/grafana/a/safedeploy-deploys-app/services/web?from=1700000000000&to=1702592000000#deploy-d1'],
    ['/grafana/', 'https://ops.example/grafana/a/safedeploy-deploys-app/services/web?from=1700000000000&to=1702592000000#deploy-d1'],
    ['', 'https://ops.example/a/safedeploy-deploys-app/services/web?from=1700000000000&to=1702592000000#deploy-d1'],
    [undefined, 'https://ops.example/a/safedeploy-deploys-app/services/web?from=1700000000000&to=1702592000000#deploy-d1'],
  ])('puts Grafana served under %p before the app path, with the dates as given', (subUrl, expected) => {
    const path = appUrl(AppRoute.Services, 'web', { from: '1700000000000', to: '1702592000000' }, 'deploy-d1');
    expect(absoluteAppUrl('https://ops.example', subUrl, path)).toBe(expected);
  });
});
