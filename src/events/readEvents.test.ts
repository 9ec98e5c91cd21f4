/**
 * @jest-environment node
 */
import http from 'http';
import { AddressInfo } from 'net';

import { fetchTransport } from '../cli/fetchTransport';
import { routeHeaders } from '../cli/routeHeaders';
import { createHttpClient } from '../http/createHttpClient';
import { readEvents } from './readEvents';
import { readFixture } from './testing/fixtures';
import { EventSource, GitHubFeed } from './types';

const TOKEN = 'ghp_testToken0123456789abcdefghij';
const DAY = 86_400_000;

interface Served {
  url: string;
  requests: Array<{ path: string; headers: http.IncomingHttpHeaders }>;
  maxInFlight: number;
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 answering with `handler`; records every request. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, count: number) => void | Promise<void>): Promise<Served> {
  const requests: Served['requests'] = [];
  let inFlight = 0;
  const served = { maxInFlight: 0 } as Served;
  const server = http.createServer(async (req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    inFlight++;
    served.maxInFlight = Math.max(served.maxInFlight, inFlight);
    res.on('finish', () => inFlight--);
    await handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(served, {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function client(source: EventSource, url: string, sleeps: number[] = []) {
  return createHttpClient({
    baseUrl: url,
    upstreamUrl: url,
    providerName: source,
    transport: fetchTransport(routeHeaders(source, TOKEN)),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

const [deploymentTemplate] = readFixture('github/deployments_list.json') as Array<Record<string, unknown>>;
const [statusTemplate] = readFixture('github/deployment_statuses_list.json') as Array<Record<string, unknown>>;
const NOW = Date.UTC(2026, 10, 20);

/** Real GitHub deployment shapes, one an hour back from NOW, newest first. */
function deployments(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    ...deploymentTemplate,
    id: 1000 - i,
    ref: `v${1000 - i}`,
    created_at: new Date(NOW - i * 3_600_000 - 60_000).toISOString(),
  }));
}

function githubHandler(all: Array<Record<string, unknown>>, perPageSeen: string[] = [], linkBase?: string) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const statuses = url.pathname.match(/deployments\/(\d+)\/statuses$/);
    if (statuses) {
      const deployment = all.find((d) => d.id === Number(statuses[1]));
      const at = Date.parse(String(deployment?.created_at)) + 60_000;
      return json(res, 200, [{ ...statusTemplate, id: Number(statuses[1]), created_at: new Date(at).toISOString() }]);
    }
    const page = Number(url.searchParams.get('page') ?? 1);
    perPageSeen.push(url.searchParams.get('per_page') ?? '');
    const size = 100;
    const items = all.slice((page - 1) * size, page * size);
    const more = page * size < all.length;
    const next = `${linkBase ?? `http://${req.headers.host}`}${url.pathname}?per_page=100&page=${page + 1}`;
    return json(res, 200, items, more ? { link: `<${next}>; rel="next"` } : {});
  };
}

describe('readEvents over real HTTP', () => {
  it('pages GitHub deployments through Link headers, sending the token in the header only', async () => {
    const all = deployments(250);
    const perPage: string[] = [];
    const server = await serve(githubHandler(all, perPage, 'http://api.example.invalid'));
    try {
      // Link targets name the upstream host; the client rebases them onto its own base URL.
      const github = createHttpClient({
        baseUrl: server.url,
        upstreamUrl: 'http://api.example.invalid',
        providerName: 'GitHub',
        transport: fetchTransport(routeHeaders(EventSource.GitHub, TOKEN)),
      });
      const batch = await readEvents({ source: EventSource.GitHub, githubGraphqlUrl: null, client: github, scope: 'octo/app', range: { from: NOW - 300 * 3_600_000, to: NOW } });
      expect(batch.notices).toStrictEqual([]);
      expect(batch.events).toHaveLength(250);
      expect(batch.events.map((e) => e.time)).toStrictEqual([...batch.events.map((e) => e.time)].sort((a, b) => a - b));
      const lists = server.requests.filter((r) => r.path.includes('/deployments?') || r.path.endsWith('/deployments'));
      expect(lists).toHaveLength(3);
      expect(perPage[0]).toBe('100');
      for (const request of server.requests) {
        expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(request.headers['x-github-api-version']).toBe('2022-11-28');
        expect(request.path).not.toContain(TOKEN);
      }
      expect(server.maxInFlight).toBeLessThanOrEqual(4);
    } finally {
      await server.close();
    }
  });

  it('stops paging once deployments are older than the range and fetches statuses only inside it', async () => {
    const all = deployments(500);
    const server = await serve(githubHandler(all));
    try {
      const batch = await readEvents({ source: EventSource.GitHub, githubGraphqlUrl: null, client: client(EventSource.GitHub, server.url), scope: 'octo/app', range: { from: NOW - 24 * 3_600_000, to: NOW } });
      expect(batch.events.length).toBeGreaterThanOrEqual(24);
      const lists = server.requests.filter((r) => !r.path.includes('/statuses'));
      const statuses = server.requests.filter((r) => r.path.includes('/statuses'));
      expect(lists).toHaveLength(1);
      // the range plus the one-hour lookback for deploys that finish inside it
      expect(statuses.length).toBeLessThanOrEqual(26);
    } finally {
      await server.close();
    }
  });

  it('waits out a short 429 Retry-After and carries on', async () => {
    const all = deployments(5);
    const sleeps: number[] = [];
    const inner = githubHandler(all);
    const server = await serve((req, res, count) => (count === 1 ? json(res, 429, { message: 'slow down' }, { 'retry-after': '2' }) : inner(req, res)));
    try {
      const batch = await readEvents({ source: EventSource.GitHub, githubGraphqlUrl: null, client: client(EventSource.GitHub, server.url, sleeps), scope: 'octo/app', range: { from: NOW - 10 * 3_600_000, to: NOW } });
      expect(sleeps).toStrictEqual([2000]);
      expect(batch.events).toHaveLength(5);
      expect(batch.notices).toStrictEqual([]);
    } finally {
      await server.close();
    }
  });

  it('does not begin a rate-limit wait that would end after the read\'s deadline, and names the rate limit as the cause', async () => {
    const sleeps: number[] = [];
    const server = await serve((_req, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '3' }));
    try {
      const batch = await readEvents({
        source: EventSource.GitHub,
        githubGraphqlUrl: null,
        client: client(EventSource.GitHub, server.url, sleeps),
        scope: 'octo/app',
        range: { from: NOW - 10 * 3_600_000, to: NOW },
        deadlineMs: 2_000,
      });
      expect(sleeps).toStrictEqual([]);
      expect(server.requests).toHaveLength(1);
      expect(batch.notices.map((n) => [n.severity, n.text])).toStrictEqual([
        ['error', "github rate limit reached; the wait it asks for (3 s) would end after the read's deadline, so it was not waited out. Results fetched so far are shown; run again in a moment."],
      ]);
    } finally {
      await server.close();
    }
  });

  it('keeps what was read and says when a long rate limit resets', async () => {
    const all = deployments(150);
    const inner = githubHandler(all);
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const server = await serve((req, res) =>
      req.url?.includes('page=2')
        ? json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) })
        : inner(req, res)
    );
    try {
      const batch = await readEvents({ source: EventSource.GitHub, githubGraphqlUrl: null, client: client(EventSource.GitHub, server.url), scope: 'octo/app', range: { from: NOW - 200 * 3_600_000, to: NOW } });
      expect(batch.events).toHaveLength(100);
      expect(batch.notices).toHaveLength(1);
      expect(batch.notices[0].text).toBe(`github rate limit reached; it resets at ${new Date(reset * 1000).toISOString()}. Results fetched so far are shown.`);
    } finally {
      await server.close();
    }
  });

  it('explains an HTML page instead of JSON', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Sign in</body></html>');
    });
    try {
      const batch = await readEvents({ source: EventSource.GitLab, client: client(EventSource.GitLab, server.url), scope: 'group/app', range: { from: NOW - DAY, to: NOW } });
      expect(batch.events).toStrictEqual([]);
      expect(batch.notices[0]).toStrictEqual({
        severity: 'error',
        text: 'gitlab answered /api/v4/projects/group%2Fapp/deployments with an HTML page instead of JSON: check that the URL in the data source settings points at the API, not the web interface or a login page.',
      });
    } finally {
      await server.close();
    }
  });

  it('skips a malformed item and says so, keeping the rest', async () => {
    const [good] = readFixture('gitlab/deployments_list.json') as Array<Record<string, unknown>>;
    const items = [
      { ...good, id: 1, created_at: new Date(NOW - 3_600_000).toISOString() },
      { ...good, id: 2, created_at: 'not a date', deployable: null },
      { ...good, id: 3, created_at: new Date(NOW - 7_200_000).toISOString() },
    ];
    const server = await serve((req, res) => (req.url?.includes('/deployments') ? json(res, 200, items, { 'x-next-page': '' }) : json(res, 200, [])));
    try {
      const batch = await readEvents({ source: EventSource.GitLab, client: client(EventSource.GitLab, server.url), scope: 'group/app', range: { from: NOW - DAY, to: NOW } });
      expect(batch.events.map((e) => e.id)).toStrictEqual(['gitlab:deployment:group/app:3', 'gitlab:deployment:group/app:1']);
      expect(batch.notices).toStrictEqual([{ severity: 'warning', text: '1 GitLab items of /api/v4/projects/group%2Fapp/deployments skipped: missing or impossible created_at (1).' }]);
      const deploymentsRequest = server.requests.find((r) => r.path.includes('/deployments'))!;
      expect(deploymentsRequest.path).toContain('order_by=updated_at');
      expect(deploymentsRequest.path).toContain('updated_after=');
      expect(deploymentsRequest.headers['private-token']).toBe(TOKEN);
    } finally {
      await server.close();
    }
  });

  it('reports truncated JSON without failing the query', async () => {
    const server = await serve((_req, res) => json(res, 200, '[{"id": 1, "created_at": "2026-'));
    try {
      const batch = await readEvents({ source: EventSource.GitHub, githubGraphqlUrl: null, client: client(EventSource.GitHub, server.url), scope: 'octo/app', range: { from: NOW - DAY, to: NOW } });
      expect(batch.events).toStrictEqual([]);
      expect(batch.notices[0].text).toBe('github sent malformed or truncated JSON for /repos/octo/app/deployments; the rest of the results are kept.');
    } finally {
      await server.close();
    }
  });

  it.each([
    [401, 'github returned 401 for /repos/octo/app/deployments (Bad credentials): the token in the data source settings is missing, wrong or expired.'],
    [404, 'github returned 404 for /repos/octo/app/deployments (Not Found): check the scope (repository, project, job or application name) and that the token can see it.'],
  ])('explains a %d', async (status, text) => {
    const server = await serve((_req, res) => json(res, status, { message: status === 401 ? 'Bad credentials' : 'Not Found' }));
    try {
      const batch = await readEvents({ source: EventSource.GitHub, githubGraphqlUrl: null, client: client(EventSource.GitHub, server.url), scope: 'octo/app', range: { from: NOW - DAY, to: NOW } });
      expect(batch.notices).toStrictEqual([{ severity: 'error', text }]);
    } finally {
      await server.close();
    }
  });

  it('bounds pagination and says so', async () => {
    const server = await serve(githubHandler(deployments(400)));
    try {
      const batch = await readEvents({ source: EventSource.GitHub, githubGraphqlUrl: null, client: client(EventSource.GitHub, server.url), scope: 'octo/app', range: { from: NOW - 1000 * 3_600_000, to: NOW }, maxPages: 2 });
      expect(batch.events).toHaveLength(200);
      expect(batch.notices[0].text).toBe('github: stopped after 2 pages of deployments of octo/app; narrow the time range or raise "Max pages" (--max-pages).');
    } finally {
      await server.close();
    }
  });

  it('says a host cannot be reached, without a stack trace', async () => {
    const server = await serve((_req, res) => json(res, 200, []));
    await server.close();
    const batch = await readEvents({ source: EventSource.ArgoCD, client: client(EventSource.ArgoCD, server.url), scope: 'checkout', range: { from: NOW - DAY, to: NOW } });
    expect(batch.notices[0].text).toBe('Could not reach argocd (/api/v1/applications/checkout): the connection was refused (is the URL and port right?) (tried 4 times).');
  });

  it('says a failure shared by every repository and environment once, with how often it happened', async () => {
    const server = await serve((_req, res) => json(res, 200, []));
    await server.close();
    const batch = await readEvents({
      source: EventSource.GitHub,
      client: client(EventSource.GitHub, server.url),
      scope: 'octo/app, octo/api',
      environment: 'production,staging',
      range: { from: NOW - DAY, to: NOW },
    });
    expect(batch.notices.map((n) => n.text)).toStrictEqual(['Could not reach github (/graphql): the connection was refused (is the URL and port right?) (tried 4 times). (4 times)']);
  });

  it('pages Jenkins builds with allBuilds ranges and reads CDEvents NDJSON', async () => {
    const job = readFixture('jenkins/job_builds_tree_CONSTRUCTED.json') as { builds: Array<Record<string, unknown>> };
    const server = await serve((req, res) => {
      if (req.url?.startsWith('/job/')) {
        const builds = job.builds.map((b) => ({ ...b, timestamp: NOW - 3_600_000 }));
        return json(res, 200, { allBuilds: builds });
      }
      const line = JSON.stringify({ ...(readFixture('cdevents/v0.5.1/service_deployed.json') as object), context: { id: 'a', type: 'dev.cdevents.service.deployed.0.3.0', timestamp: new Date(NOW - 60_000).toISOString(), source: '/x', specversion: '0.5.1' } });
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(`${line}\n${line}\n`);
    });
    try {
      const jenkins = await readEvents({ source: EventSource.Jenkins, client: client(EventSource.Jenkins, server.url), scope: 'payments-deploy', range: { from: NOW - DAY, to: NOW } });
      expect(jenkins.events.length).toBe(job.builds.length);
      expect(server.requests[0].path).toContain(encodeURIComponent('allBuilds[number,result'));
      expect(decodeURIComponent(server.requests[0].path)).toContain('{0,100}');
      expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(TOKEN).toString('base64')}`);
      const cdevents = await readEvents({ source: EventSource.CDEvents, client: client(EventSource.CDEvents, server.url), scope: '/events', range: { from: NOW - DAY, to: NOW } });
      expect(cdevents.events).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('reads workflow runs and releases when asked', async () => {
    const runs = readFixture('github/workflow_runs_list.json') as { workflow_runs: Array<Record<string, unknown>> };
    const releases = readFixture('github/releases_list.json') as Array<Record<string, unknown>>;
    const recent = new Date(NOW - 3_600_000).toISOString();
    const server = await serve((req, res) => {
      if (req.url?.includes('/actions/runs')) {
        return json(res, 200, { total_count: 1, workflow_runs: runs.workflow_runs.map((r) => ({ ...r, created_at: recent, run_started_at: recent })) });
      }
      return json(res, 200, releases.map((r) => ({ ...r, created_at: recent, published_at: recent })));
    });
    try {
      const batch = await readEvents({
        source: EventSource.GitHub,
        client: client(EventSource.GitHub, server.url),
        scope: 'octo/app',
        githubFeeds: [GitHubFeed.WorkflowRuns, GitHubFeed.Releases],
        range: { from: NOW - DAY, to: NOW },
      });
      expect(batch.events.map((e) => e.kind).sort()).toStrictEqual(['pipeline', 'release']);
      expect(server.requests[0].path).toMatch(/created=\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}/);
    } finally {
      await server.close();
    }
  });
});
