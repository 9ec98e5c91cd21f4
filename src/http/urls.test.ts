import { buildUrl, hasUserInfo, isUnder } from './urls';

describe('hasUserInfo', () => {
  it.each([
    ['https://ci-bot:token@jenkins.example.com', true],
    ['https://token@gitlab.example.com/api', true],
    // Half typed, not a URL yet, and already holding part of the secret.
    ['https://ci-bot:11a3e2@', true],
    ['ci-bot:token@jenkins.example.com', true],
    ['https://user:pass@host\\\\other', true],
    ['https://jenkins.example.com', false],
    ['https://k8s.example.com:6443/api', false],
    ['https://ci.example.com/job/a@b', false],
    ['https://ci.example.com/?by=me@example.com', false],
    ['', false],
  ])('%s has a user or password: %p', (url, expected) => {
    expect(hasUserInfo(url)).toBe(expected);
  });
});

describe('isUnder', () => {
  const route = '/api/datasources/proxy/uid/a/github';
  it.each([
    [`${route}/repos/o/r/deployments?page=2`, true],
    [`${route}?page=2`, true],
    [route, true],
    [`${route}/repos/o/../r/deployments`, true],
  ])('keeps %s inside the data-proxy route: %p', (url, expected) => {
    expect(isUnder(url, route)).toBe(expected);
  });

  describe('edge cases', () => {
    // The browser resolves dot segments (also percent-encoded) and reads `\` as `/` before the
    // request leaves: a next link written this way would reach Grafana's own API with the
    // viewer's session, or another data source's route with its token.
    it.each([
      [`${route}/../../../../api/admin/users`],
      [`${route}/repos/../../other/x`],
      [`${route}/%2e%2e/%2E%2E/uid/b/jenkins/job/x`],
      [`${route}/..\\..\\..\\..\\api\\users`],
      [`${route}\\..\\..\\b\\gitlab`],
      [`${route}/..`],
      ['/\\evil.example.com/x'],
      ['//evil.example.com/x'],
    ])('refuses %s, which leaves the route once the browser resolves it', (url) => {
      expect(isUnder(url, route)).toBe(false);
    });

    it('refuses a path that leaves Grafana itself when the base is all of Grafana (annotations)', () => {
      expect(isUnder('/\\evil.example.com/api/annotations', '')).toBe(false);
      expect(isUnder('/api/annotations?from=1', '')).toBe(true);
    });
  });
});

describe('buildUrl', () => {
  const base = '/api/datasources/proxy/uid/a/cdevents';
  it.each([
    ['', undefined, base],
    ['/', undefined, `${base}/`],
    ['/events', { limit: 5 }, `${base}/events?limit=5`],
    ['events', undefined, `${base}/events`],
    ['', { since: 'x y' }, `${base}?since=x%20y`],
  ])('joins %p to the base: %s', (path, query, expected) => {
    expect(buildUrl(base, path, query)).toBe(expected);
  });
});
