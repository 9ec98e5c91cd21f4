import { appUrl, parseAppPath } from './appUrl';
import { AppRoute } from './constants';

describe('appUrl and parseAppPath', () => {
  it.each([
    [AppRoute.Services, undefined, '/a/safedeploy-deploys-app/services', { route: AppRoute.Services, service: null }],
    [AppRoute.Services, 'web', '/a/safedeploy-deploys-app/services/web', { route: AppRoute.Services, service: 'web' }],
    [
      AppRoute.Readiness,
      'a/b c',
      '/a/safedeploy-deploys-app/readiness/a%2Fb%20c',
      { route: AppRoute.Readiness, service: 'a/b c' },
    ],
  ])('links %s of %s to %s and reads it back', (route, service, url, parsed) => {
    expect(appUrl(route, service)).toBe(url);
    expect(parseAppPath(url)).toStrictEqual(parsed);
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
