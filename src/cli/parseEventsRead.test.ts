import { parseEventsRead } from './parseEventsRead';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const EVENTS = { tokenFlag: 'token-env', defaultFrom: 'now-7d' };
const GATE = { tokenFlag: 'provider-token-env', defaultFrom: 'now-1d' };

describe('parseEventsRead', () => {
  it('reads a provider, its range from the rules default, durations and the token from the named variable', () => {
    const read = parseEventsRead(
      {
        provider: 'github',
        url: 'https://api.github.com',
        scope: 'octo/app',
        'token-env': 'GH',
        timeout: '5s',
        'max-pages': '3',
      },
      NOW,
      { GH: 'secret-value' },
      EVENTS
    );
    expect(read).toStrictEqual({
      source: 'github',
      url: 'https://api.github.com',
      scope: 'octo/app',
      environment: undefined,
      service: undefined,
      range: { from: NOW - 7 * 86_400_000, to: NOW },
      maxPages: 3,
      timeoutMs: 5_000,
      deadlineMs: undefined,
      token: 'secret-value',
      tokenFlag: 'token-env',
    });
  });

  it.each(['0x10', '', '1e2', '3.5', '0'])('refuses --max-pages %j: a positive whole number in decimal only', (pages) => {
    const values = { provider: 'github', url: 'https://api.github.com', scope: 'octo/app', 'max-pages': pages };
    expect(() => parseEventsRead(values, NOW, {}, EVENTS)).toThrow('--max-pages must be a positive whole number');
  });

  it.each(['unleash', 'launchdarkly', 'grafana', 'cdevents'])(
    'needs no scope for %s, for events and for the gate alike',
    (provider) => {
      for (const rules of [EVENTS, GATE]) {
        expect(parseEventsRead({ provider, url: 'http://127.0.0.1:1' }, NOW, {}, rules).scope).toBe('');
      }
    }
  );

  it.each([
    [{ provider: 'svn', url: 'http://x' }, /--provider must be one of/],
    [{ provider: 'github', url: 'ftp://x', scope: 'a/b' }, /--url must be the http\(s\) base URL/],
    [{ provider: 'github', url: 'http://x' }, /--scope is required/],
    [
      { provider: 'github', url: 'http://x', scope: 'a/b', from: 'yesterday' },
      /such as now-1d or now-1d\/d\) with from before to/,
    ],
    [
      { provider: 'github', url: 'http://x', scope: 'a/b', 'provider-token-env': 'NOPE' },
      /NOPE named by --provider-token-env is empty/,
    ],
    [{ provider: 'github', url: 'http://x', scope: 'a/b', deadline: '-1s' }, /--deadline must be a duration/],
  ])('refuses %j with a message naming the flag', (values, message) => {
    expect(() => parseEventsRead(values, NOW, {}, GATE)).toThrow(message);
  });
});
