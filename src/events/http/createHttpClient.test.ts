import { createHttpClient, createLimiter, rateLimitWait, rebaseUrl, scrub } from './createHttpClient';
import { RawResponse, Transport } from './types';

function response(status: number, headers: Record<string, string> = {}, body = ''): RawResponse {
  return { status, header: (name) => headers[name.toLowerCase()] ?? null, body };
}

describe('createHttpClient', () => {
  it('never has more than the cap in flight, even across clients sharing a limiter', async () => {
    let inFlight = 0;
    let max = 0;
    const transport: Transport = async () => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return response(200, {}, '[]');
    };
    const limiter = createLimiter(4);
    const github = createHttpClient({ baseUrl: '/p/github', providerName: 'GitHub', transport, limiter });
    const gitlab = createHttpClient({ baseUrl: '/p/gitlab', providerName: 'GitLab', transport, limiter });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? github : gitlab).getJson('/x')));
    expect(max).toBe(4);
  });

  it('rebases next-page links onto the data-proxy route', () => {
    expect(rebaseUrl('https://api.github.com/repositories/1/deployments?page=2', 'https://api.github.com', '/api/datasources/proxy/uid/a/github')).toBe(
      '/api/datasources/proxy/uid/a/github/repositories/1/deployments?page=2'
    );
    expect(rebaseUrl('https://ghe.example.com/api/v3/x?page=2', 'https://ghe.example.com/api/v3', '/proxy/github')).toBe('/proxy/github/x?page=2');
    expect(rebaseUrl('https://elsewhere.example.com/x', 'https://api.github.com', '/proxy')).toBe('https://elsewhere.example.com/x');
  });

  it.each([
    [response(429, { 'retry-after': '7' }), { waitMs: 7000, known: true }],
    [response(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1010' }), { waitMs: 10_000, known: true }],
    [response(429, { 'ratelimit-remaining': '0', 'ratelimit-reset': '1005' }), { waitMs: 5000, known: true }],
    [response(429), { waitMs: 2000, known: false }],
    [response(403, {}, '{"message":"API rate limit exceeded for user"}'), { waitMs: 60_000, known: false }],
    [response(403, {}, '{"message":"Resource not accessible by integration"}'), null],
    [response(500), null],
  ])('reads the wait of %j', (answer, expected) => {
    expect(rateLimitWait(answer, 1_000_000)).toStrictEqual(expected);
  });

  it('keeps credentials out of messages', () => {
    expect(scrub('https://user:hunter2@ci.example.com failed with Bearer abc.def and ghp_abcdefghijklmnop1234')).toBe(
      'https://ci.example.com failed with Bearer [redacted] and [redacted]'
    );
  });
});
