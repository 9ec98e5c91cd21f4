import { createHttpClient, scrub } from './createHttpClient';
import { createLimiter } from './createLimiter';
import { rateLimitWait } from './rateLimitWait';
import { rebaseUrl } from './urls';
import { DeadlineExceeded, RawResponse, Transport, TransportError } from './types';

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

  it('ends a request waiting for a slot when its read ends, without waiting for the requests ahead of it', async () => {
    // Another panel's request holds the one slot until its own timeout: a server that never answers.
    let released = false;
    const hanging: Transport = (_url, signal) =>
      new Promise((_, reject) =>
        signal?.addEventListener('abort', () => {
          released = true;
          reject(signal.reason);
        })
      );
    const limiter = createLimiter(1);
    const slow = createHttpClient({ baseUrl: '/p/jenkins', providerName: 'Jenkins', transport: hanging, limiter, timeoutMs: 60_000 });
    const other = createHttpClient({ baseUrl: '/p/github', providerName: 'GitHub', transport: async () => response(200, {}, '[]'), limiter });
    const holding = new AbortController();
    const held = slow.getJson('/job/x/api/json', {}, holding.signal);
    const read = new AbortController();
    const waiting = other.getJson('/repos/o/r/deployments', {}, read.signal);
    read.abort(new DeadlineExceeded(120_000));
    const result = await waiting;
    expect(!result.ok && result.error.kind).toBe('deadline');
    expect(released).toBe(false);
    holding.abort();
    await held;
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
    // GitHub's secondary rate limit: requests remain, no Retry-After, at least a minute (CONSTRUCTED from GitHub's documented message).
    [response(429, { 'x-ratelimit-remaining': '4321', 'x-ratelimit-reset': '4000' }, '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}'), { waitMs: 60_000, known: false }],
    [response(403, { 'x-ratelimit-remaining': '4321' }, '{"message":"You have exceeded a secondary rate limit and have been temporarily blocked from content creation."}'), { waitMs: 60_000, known: false }],
    // Another server's 429 that mentions a rate limit keeps the short default (CONSTRUCTED after Mimir's per-tenant limit message).
    [response(429, {}, 'the request has been rejected because the tenant exceeded the request rate limit, set to 50 requests/s'), { waitMs: 2_000, known: false }],
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

describe('createHttpClient: deadlines, retries and origins', () => {
  const ok = (body: string) => response(200, {}, body);

  describe("GitHub's secondary rate limit (429, requests remaining, no Retry-After)", () => {
    const secondary = () =>
      response(429, { 'x-ratelimit-remaining': '4321', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3000) }, '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}');

    it('is not retried sooner than a minute: past the longest wait, it gives up saying to wait a minute', async () => {
      let requests = 0;
      const sleeps: number[] = [];
      const transport: Transport = async () => {
        requests++;
        return secondary();
      };
      const client = createHttpClient({ baseUrl: 'https://api.github.com', providerName: 'GitHub', transport, sleep: async (ms) => void sleeps.push(ms) });
      const result = await client.getJson('/repos/octo/app/deployments');
      expect(requests).toBe(1);
      expect(sleeps).toStrictEqual([]);
      expect(!result.ok && result.error.kind).toBe('rate_limit');
      expect(!result.ok && result.error.message).toMatch(/wait at least a minute/);
    });

    it('waits a minute before each retry when the client may wait that long', async () => {
      const sleeps: number[] = [];
      const answers = [secondary(), ok('[]')];
      const transport: Transport = async () => answers.shift()!;
      const client = createHttpClient({
        baseUrl: 'https://api.github.com',
        providerName: 'GitHub',
        transport,
        maxRateLimitWaitMs: 120_000,
        sleep: async (ms) => void sleeps.push(ms),
      });
      const result = await client.getJson('/repos/octo/app/deployments');
      expect(result.ok).toBe(true);
      expect(sleeps).toStrictEqual([60_000]);
    });
  });

  it('never requests a next link on another origin through the data-proxy route', async () => {
    const seen: string[] = [];
    const transport: Transport = async (url) => {
      seen.push(url);
      return ok('[]');
    };
    const client = createHttpClient({ baseUrl: '/api/datasources/proxy/uid/a/github', upstreamUrl: 'https://api.github.com', providerName: 'GitHub', transport });
    const result = await client.getJson(client.rebase('https://evil.example.com/repos/o/r/deployments?page=2'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('origin');
    expect(!result.ok && result.error.message).toContain('another origin (https://evil.example.com)');
    expect(seen).toStrictEqual([]);
    await client.getJson(client.rebase('https://api.github.com/repos/o/r/deployments?page=2'));
    expect(seen).toStrictEqual(['/api/datasources/proxy/uid/a/github/repos/o/r/deployments?page=2']);
  });

  it('never requests a next link whose dot segments leave the data-proxy route (Grafana\'s own API, another data source)', async () => {
    const seen: string[] = [];
    const transport: Transport = async (url) => {
      seen.push(url);
      return ok('[]');
    };
    const client = createHttpClient({ baseUrl: '/api/datasources/proxy/uid/a/github', upstreamUrl: 'https://api.github.com', providerName: 'GitHub', transport });
    for (const link of ['/api/datasources/proxy/uid/a/github/../../../../api/admin/users', '../../b/jenkins/job/x/api/json', '/api/datasources/proxy/uid/a/github/%2e%2e/%2e%2e/b/gitlab']) {
      const result = await client.getJson(client.rebase(link));
      expect(!result.ok && result.error.kind).toBe('origin');
      expect(!result.ok && result.error.message).toContain('outside the data source route');
    }
    expect(seen).toStrictEqual([]);
  });

  it('follows a same-origin redirect and refuses one to another origin', async () => {
    const seen: string[] = [];
    const transport: Transport = async (url) => {
      seen.push(url);
      if (url.endsWith('/a')) {
        return response(307, { location: '/b' });
      }
      if (url.endsWith('/b')) {
        return response(302, { location: 'http://127.0.0.1:9/c' });
      }
      return ok('[]');
    };
    const client = createHttpClient({ baseUrl: 'http://127.0.0.1:8', providerName: 'GitLab', transport });
    const result = await client.getJson('/a');
    expect(!result.ok && result.error.kind).toBe('origin');
    expect(seen).toStrictEqual(['http://127.0.0.1:8/a', 'http://127.0.0.1:8/b']);
  });

  it('retries a dropped connection with growing waits, then succeeds', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    const transport: Transport = async () => {
      if (++calls < 3) {
        throw new TransportError('the connection was reset');
      }
      return ok('[1]');
    };
    const client = createHttpClient({ baseUrl: 'http://x', providerName: 'GitLab', transport, sleep: async (ms) => void sleeps.push(ms) });
    const result = await client.getJson('/p');
    expect(result.ok && result.data).toStrictEqual([1]);
    expect(sleeps).toStrictEqual([100, 200]);
  });

  it.each([
    ['the backoff after a 503', async () => response(503)],
    ['the backoff after a dropped connection', async (): Promise<RawResponse> => {
      throw new TransportError('the connection was reset');
    }],
    ['a rate-limit wait it would sit out', async () => response(429, { 'retry-after': '3' })],
  ])('ends %s as soon as the read passes its deadline, with a deadline failure', async (_name, transport) => {
    const read = new AbortController();
    // A clock whose waits never end: only the read's signal can end this one.
    const sleep = () => {
      read.abort(new DeadlineExceeded(2_000));
      return new Promise<void>(() => undefined);
    };
    const client = createHttpClient({ baseUrl: 'http://x', providerName: 'GitLab', transport, sleep });
    const result = await client.getJson('/p', undefined, read.signal);
    expect(!result.ok && result.error).toStrictEqual({
      kind: 'deadline',
      status: null,
      message: 'GitLab: the read went past its overall deadline of 2 s while reading /p; the events read before it are kept (raise --deadline or narrow the time range).',
    });
  });

  it('aborts a request that outlives its timeout, through the signal the transport receives', async () => {
    const signals: AbortSignal[] = [];
    const transport: Transport = (_url, signal) =>
      new Promise((_resolve, reject) => {
        signals.push(signal!);
        signal!.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const client = createHttpClient({ baseUrl: 'http://x', providerName: 'Jenkins', transport, timeoutMs: 20 });
    const result = await client.getJson('/job/a/api/json');
    expect(!result.ok && result.error).toStrictEqual({ kind: 'timeout', status: null, message: 'Jenkins did not answer /job/a/api/json within 20 ms (tried 2 times); the server is slow or unreachable.' });
    expect(signals.map((s) => s.aborted)).toStrictEqual([true, true]);
  });

  it('refuses a body over the size cap even from a transport that cannot stop early', async () => {
    const client = createHttpClient({ baseUrl: '/p', providerName: 'Argo CD', transport: async () => ok('x'.repeat(2048)), maxResponseBytes: 1024 });
    const result = await client.getText('/a');
    expect(!result.ok && result.error.message).toBe('Argo CD sent more than 1024 bytes for /a; the answer was not read. Narrow the time range or scope.');
  });

  describe('POST', () => {
    it('sends the JSON body with the method and parses the JSON answer', async () => {
      const sent: unknown[] = [];
      const transport: Transport = async (url, _signal, options) => {
        sent.push({ url, method: options?.method, body: options?.jsonBody });
        return ok('{"data":{"viewer":{"login":"octocat"}}}');
      };
      const client = createHttpClient({ baseUrl: 'https://ghe.example.com/api/v3', providerName: 'GitHub', transport });
      const result = await client.postJson('https://ghe.example.com/api/graphql', { query: '{ viewer { login } }', variables: {} });
      expect(result.ok && result.data).toStrictEqual({ data: { viewer: { login: 'octocat' } } });
      expect(sent).toStrictEqual([{ url: 'https://ghe.example.com/api/graphql', method: 'POST', body: '{"query":"{ viewer { login } }","variables":{}}' }]);
    });

    it('postText sends the body with its media type and keeps an empty answer (Unleash answers a toggle with an empty 200)', async () => {
      const sent: unknown[] = [];
      const transport: Transport = async (url, _signal, options) => {
        sent.push({ method: options?.method, contentType: options?.contentType, body: options?.jsonBody });
        return ok('');
      };
      const client = createHttpClient({ baseUrl: 'http://k8s.example.com', providerName: 'Kubernetes', transport });
      const result = await client.postText('/apis/x/status', { status: { abort: true } }, undefined, { method: 'PATCH', contentType: 'application/merge-patch+json' });
      expect(result.ok && result.data).toBe('');
      expect(sent).toStrictEqual([{ method: 'PATCH', contentType: 'application/merge-patch+json', body: '{"status":{"abort":true}}' }]);
      const json = await client.postJson('/apis/x/status', {});
      expect(!json.ok && json.error.kind).toBe('json');
    });

    it.each([
      [{ idempotent: true }, 3, true],
      [{}, 1, false],
    ])('retries a dropped connection only when marked idempotent (%j)', async (options, calls, succeeds) => {
      let count = 0;
      const transport: Transport = async () => {
        if (++count < 3) {
          throw new TransportError('the connection was reset');
        }
        return ok('{}');
      };
      const client = createHttpClient({ baseUrl: 'http://x', providerName: 'GitHub', transport, sleep: async () => undefined });
      const result = await client.postJson('/graphql', {}, undefined, options);
      expect(count).toBe(calls);
      expect(result.ok).toBe(succeeds);
    });

    describe('a rate limit (429) answered to a change', () => {
      function limitedOnce(headers: Record<string, string>) {
        const sent: string[] = [];
        const transport: Transport = async (_url, _signal, options) => {
          sent.push(options?.method ?? 'GET');
          return sent.length === 1 ? response(429, headers, '{"message":"Too many requests"}') : ok('{}');
        };
        return { sent, client: createHttpClient({ baseUrl: 'https://unleash.example.com', providerName: 'Unleash', transport, sleep: async () => undefined, now: () => Date.UTC(2026, 0, 5, 10) }) };
      }

      it('is not sent again, and the failure quotes Retry-After', async () => {
        const { sent, client } = limitedOnce({ 'retry-after': '3' });
        const result = await client.postText('/api/admin/projects/default/features/f/environments/production/off', {});
        expect(sent).toStrictEqual(['POST']);
        expect(!result.ok && result.error).toStrictEqual({
          kind: 'rate_limit',
          status: 429,
          rateLimitedUntil: Date.UTC(2026, 0, 5, 10, 0, 3),
          message: 'Unleash rate limit reached for /api/admin/projects/default/features/f/environments/production/off (Retry-After: 3); a change is sent once, so it was not sent again: run again once the limit resets.',
        });
      });

      it.each([
        [{ method: 'PATCH' as const }, { 'ratelimit-remaining': '0', 'ratelimit-reset': String(Date.UTC(2026, 0, 5, 10, 1) / 1000) }, ' (it resets at 2026-01-05T10:01:00.000Z)'],
        [{}, {}, ''],
      ])('is not sent again without Retry-After either (%j)', async (options, headers, when) => {
        const { sent, client } = limitedOnce(headers);
        const result = await client.postJson('/api/v2/flags/default/f', {}, undefined, options);
        expect(sent).toHaveLength(1);
        expect(!result.ok && result.error.message).toBe(`Unleash rate limit reached for /api/v2/flags/default/f${when}; a change is sent once, so it was not sent again: run again once the limit resets.`);
      });

      it('is still waited out and retried for a read: a GET, and a POST marked idempotent', async () => {
        const get = limitedOnce({ 'retry-after': '1' });
        const read = await get.client.getJson('/api/admin/projects/default/features/f');
        expect(get.sent).toStrictEqual(['GET', 'GET']);
        expect(read.ok).toBe(true);
        const graphql = limitedOnce({ 'retry-after': '1' });
        const query = await graphql.client.postJson('/graphql', {}, undefined, { idempotent: true });
        expect(graphql.sent).toStrictEqual(['POST', 'POST']);
        expect(query.ok).toBe(true);
      });
    });

    it('does not follow a redirect that would turn the POST into a GET, and refuses another origin', async () => {
      const seen: string[] = [];
      const transport: Transport = async (url) => {
        seen.push(url);
        return response(302, { location: '/elsewhere' });
      };
      const client = createHttpClient({ baseUrl: 'http://127.0.0.1:8', providerName: 'GitHub', transport });
      const result = await client.postJson('/graphql', {}, undefined, { idempotent: true });
      expect(!result.ok && result.error.status).toBe(302);
      expect(seen).toStrictEqual(['http://127.0.0.1:8/graphql']);
      const elsewhere = await client.postJson('http://evil.example.com/graphql', {}, undefined, { idempotent: true });
      expect(!elsewhere.ok && elsewhere.error.kind).toBe('origin');
      expect(seen).toHaveLength(1);
    });
  });
});
