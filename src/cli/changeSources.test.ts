/**
 * @jest-environment node
 */
import { execFile, execFileSync } from 'child_process';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';

/**
 * The built command line (bin/safedeploy.js) against local servers shaped like each change
 * API: paging, a rejected token (401) and a rate limit (429) that outlasts the wait.
 */
// Each test starts a Node process; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'safedeploy.js');
const TOKEN = 'chg-test-token-0123456789abcdef';
const MINUTE = 60_000;
const FROM = Date.UTC(2026, 0, 5);
const TO = FROM + 24 * 60 * MINUTE;

type Mode = 'ok' | 'rate_limit_page_2';

interface Api {
  url: string;
  requests: Array<{ path: string; authorization: string }>;
  close: () => Promise<void>;
}

/** A loopback server: checks the token as the real API would, then answers with `handler`. */
async function serveApi(expectedAuthorization: string, handler: (url: URL, count: number) => { status: number; body: unknown; headers?: Record<string, string> }): Promise<Api> {
  const requests: Api['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization ?? '' });
    const answer =
      req.headers.authorization === expectedAuthorization ? handler(new URL(req.url ?? '/', 'http://api.invalid'), requests.length) : { status: 401, body: { message: 'Unauthorized' } };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** `step` apart, newest first, inside the range. */
const times = (n: number, step = 5 * MINUTE) => Array.from({ length: n }, (_, i) => TO - (i + 1) * step);
const RATE_LIMITED = { status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '600' } };

/** Unleash event search: 150 toggles, offset/limit with `total`. */
function unleash(mode: Mode) {
  const events = times(150).map((at, i) => ({
    id: 1000 - i,
    createdAt: new Date(at).toISOString(),
    type: i % 2 ? 'feature-environment-enabled' : 'feature-environment-disabled',
    createdBy: 'ana',
    environment: 'production',
    project: 'shop',
    featureName: `flag-${i % 7}`,
    data: null,
    preData: null,
    tags: [],
  }));
  return serveApi(TOKEN, (url, count) => {
    if (url.pathname !== '/api/admin/search/events') {
      return { status: 404, body: { message: 'Not found' } };
    }
    if (mode === 'rate_limit_page_2' && count > 1) {
      return RATE_LIMITED;
    }
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    return { status: 200, body: { events: events.slice(offset, offset + limit), total: events.length } };
  });
}

/** LaunchDarkly audit log: 45 on/off entries, 20 a page, `_links.next` relative. */
function launchDarkly(mode: Mode) {
  const items = times(45).map((date, i) => ({
    _id: `entry-${i}`,
    date,
    kind: 'flag',
    name: 'New checkout',
    titleVerb: i % 2 ? 'turned on the flag' : 'turned off the flag',
    accesses: [{ action: 'updateOn', resource: 'proj/shop:env/production:flag/new-checkout' }],
    member: { email: 'ana@example.com' },
  }));
  return serveApi(TOKEN, (url, count) => {
    if (url.pathname !== '/api/v2/auditlog') {
      return { status: 404, body: { message: 'Not found' } };
    }
    if (mode === 'rate_limit_page_2' && count > 1) {
      return RATE_LIMITED;
    }
    const before = Number(url.searchParams.get('before'));
    const page = items.filter((e) => e.date < before).slice(0, 20);
    const oldest = page[page.length - 1]?.date;
    const next = page.length === 20 ? { next: { href: `/api/v2/auditlog?after=${url.searchParams.get('after')}&before=${oldest}&limit=20` } } : {};
    return { status: 200, body: { items: page, _links: { self: { href: url.pathname + url.search }, ...next } } };
  });
}

/** Kubernetes API server: 12 ReplicaSets of one Deployment, 5 a page with `continue`. */
function kubernetes(mode: Mode) {
  const replicaSets = times(12).map((at, i) => ({
    metadata: {
      name: `web-${i}`,
      namespace: 'prod',
      uid: `uid-${i}`,
      creationTimestamp: new Date(at).toISOString(),
      annotations: { 'deployment.kubernetes.io/revision': String(12 - i) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }],
    },
    spec: { template: { spec: { containers: [{ name: 'web', image: `registry.example.com/web:1.${12 - i}.0` }] } } },
  }));
  return serveApi(`Bearer ${TOKEN}`, (url, count) => {
    if (mode === 'rate_limit_page_2' && count > 1) {
      return RATE_LIMITED;
    }
    const list = (items: unknown[]) => {
      const start = Number(url.searchParams.get('continue') || 0);
      const end = start + 5;
      return { status: 200, body: { kind: 'List', metadata: { continue: end < items.length ? String(end) : '' }, items: items.slice(start, end) } };
    };
    if (url.pathname === '/apis/apps/v1/namespaces/prod/replicasets') {
      return list(replicaSets);
    }
    if (url.pathname === '/apis/apps/v1/namespaces/prod/controllerrevisions' || url.pathname === '/apis/apps/v1/namespaces/prod/deployments') {
      return list([]);
    }
    return { status: 404, body: { kind: 'Status', message: 'the server could not find the requested resource' } };
  });
}

/** Grafana's annotation API: 700 annotations, newest first, `limit` per request. */
function grafana(mode: Mode) {
  const annotations = times(700, MINUTE).map((time, i) => ({ id: 5000 - i, time, timeEnd: time, text: `Note ${i}`, tags: i % 10 ? ['config'] : ['incident'] }));
  return serveApi(`Bearer ${TOKEN}`, (url, count) => {
    if (url.pathname !== '/api/annotations') {
      return { status: 404, body: { message: 'Not found' } };
    }
    if (mode === 'rate_limit_page_2' && count > 1) {
      return RATE_LIMITED;
    }
    const to = Number(url.searchParams.get('to'));
    const from = Number(url.searchParams.get('from'));
    const limit = Number(url.searchParams.get('limit'));
    return { status: 200, body: annotations.filter((a) => a.time >= from && a.time <= to).slice(0, limit) };
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function safedeploy(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, CHG_TOKEN: TOKEN }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const eventsArgs = (provider: string, url: string, scope: string) => [
  'events',
  '--provider',
  provider,
  '--url',
  url,
  '--scope',
  scope,
  '--from',
  new Date(FROM).toISOString(),
  '--to',
  new Date(TO).toISOString(),
  '--token-env',
  'CHG_TOKEN',
];

const PROVIDERS = [
  { provider: 'unleash', start: unleash, scope: 'shop', events: 150, pages: 2 },
  { provider: 'launchdarkly', start: launchDarkly, scope: 'shop', events: 45, pages: 3 },
  { provider: 'kubernetes', start: kubernetes, scope: 'prod/app=web', events: 12, pages: 3 + 1 + 1 },
  { provider: 'grafana', start: grafana, scope: '', events: 700, pages: 2 },
];

beforeAll(() => {
  // The command line is bundled from source; build it so the test runs what ships.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'buildCli.mjs')], { cwd: ROOT });
}, 60_000);

describe('safedeploy events for change sources', () => {
  it.each(PROVIDERS)('$provider: reads every page with the token as the route sends it', async ({ provider, start, scope, events, pages }) => {
    const api = await start('ok');
    try {
      const result = await safedeploy(eventsArgs(provider, api.url, scope));
      // Only information may be said (Kubernetes: its revision history is capped).
      expect(result.stderr.split('\n').filter((line) => line && !line.startsWith('safedeploy: info: '))).toStrictEqual([]);
      expect(result.code).toBe(0);
      const read = JSON.parse(result.stdout) as Array<{ time: number; source: string }>;
      expect(read).toHaveLength(events);
      expect(new Set(read.map((e) => e.source))).toStrictEqual(new Set([provider]));
      expect(read.map((e) => e.time)).toStrictEqual([...read.map((e) => e.time)].sort((a, b) => a - b));
      expect(api.requests).toHaveLength(pages);
      expect(result.stdout).not.toContain(TOKEN);
    } finally {
      await api.close();
    }
  });

  it('kubernetes: says once that the revision history cap hid rollouts before the oldest kept one', async () => {
    const api = await kubernetes('ok');
    try {
      const result = await safedeploy(eventsArgs('kubernetes', api.url, 'prod'));
      expect(result.stderr).toBe(
        `safedeploy: info: Kubernetes keeps only the last revisions of each workload (revisionHistoryLimit, 10 by default); earlier rollouts are gone for web (before ${new Date(TO - 60 * MINUTE).toISOString()}).\n`
      );
    } finally {
      await api.close();
    }
  });

  it.each(PROVIDERS)('$provider: a rejected token fails with one line that says so and a non-zero status', async ({ provider, start, scope }) => {
    const api = await start('ok');
    try {
      const result = await safedeploy([...eventsArgs(provider, api.url, scope).slice(0, -2)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^safedeploy: error: ${provider} returned 401 for /\\S+ \\(Unauthorized\\): the token in the environment variable named by --token-env is missing, wrong or expired\\.$`));
      expect(result.stderr).not.toContain(TOKEN);
    } finally {
      await api.close();
    }
  });

  it.each(PROVIDERS)('$provider: a rate limit on a later page keeps the first page and says when it resets', async ({ provider, start, scope }) => {
    const api = await start('rate_limit_page_2');
    try {
      const result = await safedeploy(eventsArgs(provider, api.url, scope));
      expect(result.stderr).toMatch(new RegExp(`^safedeploy: error: ${provider} rate limit reached; it resets at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\. Results fetched so far are shown\\.\\n`));
      expect(result.stderr.split('\n').filter((line) => /^safedeploy: (error|warning)/.test(line))).toHaveLength(1);
      const printed = JSON.parse(result.stdout).length;
      expect(printed).toBeGreaterThan(0);
      // Lost pages change the exit status, said once.
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`safedeploy: partial: ${printed} events printed, but some pages could not be read (see above); exit status 3.\n`);
      // Never hammered: the 10-minute wait is not waited out, and not retried.
      expect(api.requests.length).toBeLessThanOrEqual(4);
    } finally {
      await api.close();
    }
  });
});
