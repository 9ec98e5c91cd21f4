/**
 * @jest-environment node
 */
// The built command line (`bin/safedeploy.js`) against hostile HTTP servers on 127.0.0.1.
// SAFEDEPLOY_BIN may name another build of it (to show a test fails on an older one).
import { execFile, execFileSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';

import { startFakeGitHub } from '../../preview/demo/fakeGitHub.mjs';

// Each test starts a Node process; on a loaded machine that alone can take seconds.
jest.setTimeout(20_000);

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = process.env.SAFEDEPLOY_BIN ?? path.join(ROOT, 'bin', 'safedeploy.js');
const DAY = 86_400_000;
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

interface Served {
  url: string;
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders }>;
  close: () => Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, served: Served) => void;

const open: Served[] = [];

async function serve(handler: Handler): Promise<Served> {
  const served = { requests: [] } as unknown as Served;
  const sockets = new Set<import('net').Socket>();
  const server = http.createServer((req, res) => {
    served.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    handler(req, res, served);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  served.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  served.close = () =>
    new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      server.close(() => resolve());
    });
  open.push(served);
  return served;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const range = ['--from', iso(NOW - DAY), '--to', iso(NOW)];
const events = (provider: string, url: string, scope: string, more: string[] = []) => ['events', '--provider', provider, '--url', url, '--scope', scope, ...range, ...more];

function deployment(id: number, at: number) {
  return { id, sha: 'a'.repeat(40), ref: `v${id}`, environment: 'production', created_at: iso(at) };
}

/** A GitHub repository whose deployments list is answered by `list`; statuses are always []. */
function github(list: Handler): Handler {
  return (req, res, served) => {
    if (/\/statuses/.test(req.url ?? '')) {
      json(res, 200, []);
    } else {
      list(req, res, served);
    }
  };
}

beforeAll(() => {
  if (!process.env.SAFEDEPLOY_BIN) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'buildCli.mjs')], { cwd: ROOT });
  }
}, 60_000);

describe('deadlines', () => {
  it('gives up on a server that never answers after --timeout, with one error and exit 1', async () => {
    const silent = await serve(() => undefined);
    const result = await run(events('github', silent.url, 'o/r', ['--timeout', '200ms']));
    expect(result.code).toBe(1);
    // GraphQL first; a server that does not answer it would not answer REST either.
    expect(result.stderr).toBe('safedeploy: error: github did not answer /graphql within 200 ms (tried 2 times); the server is slow or unreachable.\n');
    expect(result.ms).toBeLessThan(10_000);
  });

  it('gives up on a body trickled one byte at a time', async () => {
    const trickle = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const result = await run(events('gitlab', trickle.url, 'shop/web', ['--timeout', '300ms']));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^safedeploy: error: gitlab did not answer \/api\/v4\/projects\/shop%2Fweb\/deployments within 300 ms/);
    expect(result.ms).toBeLessThan(10_000);
  });

  it('stops reading a body past the size cap and says so', async () => {
    const endless = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 32);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {
          // keep the socket's buffer full until it drains
        }
        if (!res.destroyed) {
          res.once('drain', pump);
        }
      };
      pump();
    });
    const result = await run(events('argocd', endless.url, 'checkout'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('safedeploy: error: argocd sent more than 32 MiB for /api/v1/applications/checkout; the answer was not read. Narrow the time range or scope.\n');
  });

  it('ends the whole read at --deadline, prints what was read and exits 3', async () => {
    const slow = await serve(
      github((req, res) => {
        const page = Number(new URL(req.url ?? '', 'http://x').searchParams.get('page') ?? '1');
        const next = `<http://${req.headers.host}/repos/o/r/deployments?page=${page + 1}>; rel="next"`;
        const five = [0, 1, 2, 3, 4].map((k) => deployment(page * 10 + k, NOW - 60_000 * (page * 10 + k)));
        setTimeout(() => json(res, 200, five, { link: next }), 100);
      })
    );
    // Two seconds: on a loaded machine starting Node takes a good part of one, and the test
    // needs at least one page read before the deadline.
    const result = await run(events('github', slow.url, 'o/r', ['--deadline', '2s', '--format', 'ndjson']));
    expect(result.code).toBe(3);
    const kept = result.stdout.trim().split('\n');
    // At least the first page of five was kept, each event a line of its own.
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.map((line) => JSON.parse(line).source)).toEqual(kept.map(() => 'github'));
    expect(result.stderr).toMatch(/^safedeploy: error: github: the read went past its overall deadline of 2 s while reading \/repos\/o\/r\/deployments/);
    expect(result.stderr).toMatch(new RegExp(`safedeploy: partial: ${kept.length} events printed`));
  });
});

describe('loss', () => {
  const TOTAL = 10_000;
  function gitlabWithDrops(drop: (count: number, page: number) => boolean): Handler {
    let count = 0;
    return (req, res) => {
      count++;
      const url = new URL(req.url ?? '', 'http://x');
      const page = Number(url.searchParams.get('page'));
      if (drop(count, page)) {
        req.socket.destroy();
        return;
      }
      if (url.pathname.endsWith('/pipelines')) {
        json(res, 200, []);
        return;
      }
      const items = Array.from({ length: 100 }, (_, i) => {
        const id = (page - 1) * 100 + i + 1;
        return { id, status: 'success', created_at: iso(NOW - id * 5_000), ref: 'main' };
      });
      json(res, 200, items, { 'x-next-page': page * 100 < TOTAL ? String(page + 1) : '' });
    };
  }

  it('retries dropped connections: with 5% of them dropped all 10,000 deployments are kept', async () => {
    const flaky = await serve(gitlabWithDrops((count) => count % 20 === 7));
    const result = await run(events('gitlab', flaky.url, 'shop/web', ['--format', 'ndjson']));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(TOTAL);
  });

  it('exits 3 with the pages read before a page that keeps failing, and says it once', async () => {
    const broken = await serve(gitlabWithDrops((_count, page) => page === 50));
    const result = await run(events('gitlab', broken.url, 'shop/web', ['--format', 'ndjson']));
    expect(result.code).toBe(3);
    expect(result.stdout.trim().split('\n')).toHaveLength(4_900);
    expect(result.stderr.trim().split('\n')).toStrictEqual([
      'safedeploy: error: Could not reach gitlab (/api/v4/projects/shop%2Fweb/deployments): the server closed the connection (tried 4 times). (49 pages of deployments of shop/web read before it are kept)',
      'safedeploy: partial: 4900 events printed, but some pages could not be read (see above); exit status 3.',
    ]);
  });

  it('stops at a next link that points back to a page already read, after one request', async () => {
    const loop = await serve(
      github((req, res) => {
        json(res, 200, [deployment(1, NOW - 60_000)], { link: `<http://${req.headers.host}/repos/o/r/deployments?per_page=100>; rel="next"` });
      })
    );
    const result = await run(events('github', loop.url, 'o/r', ['--max-pages', '100000']));
    expect(result.code).toBe(3);
    // one GraphQL query (answered with a REST list, so REST takes over) and one page
    expect(loop.requests.filter((r) => r.method === 'GET' && !r.path.includes('/statuses'))).toHaveLength(1);
    expect(result.stderr).toContain('safedeploy: error: github: the next-page link of deployments of o/r points back to a page already read (after 1 page); stopped to avoid a loop.');
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  describe('a 10 MB page of about 220,000 items is read without overflowing the stack', () => {
    const COUNT = 220_000;
    // Ten items inside the range, the rest older: every item is parsed, ten are printed.
    const timeOf = (i: number) => (i < 10 ? NOW - (i + 1) * 60_000 : NOW - 3 * DAY - i * 1000);

    it.each([
      [
        'github',
        'o/r',
        (i: number) => `{"id":${i + 1},"sha":"${'a'.repeat(8)}","ref":"v${i}","created_at":"${iso(timeOf(i))}"}`,
        (items: string) => `[${items}]`,
      ],
      ['gitlab', 'shop/web', (i: number) => `{"id":${i + 1},"status":"success","created_at":"${iso(timeOf(i))}"}`, (items: string) => `[${items}]`],
      [
        'argocd',
        'checkout',
        (i: number) => `{"id":${i},"revision":"r${i}","deployedAt":"${iso(timeOf(i))}"}`,
        (items: string) => `{"metadata":{"name":"checkout"},"spec":{},"status":{"history":[${items}]}}`,
      ],
    ])('%s', async (provider, scope, item, wrap) => {
      const parts: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        parts.push(item(i));
      }
      const body = wrap(parts.join(','));
      expect(body.length).toBeGreaterThan(9_000_000);
      // Past the first page, an empty list, as GitLab answers past its last page (a full page that
      // comes without pagination headers is followed by the next page number).
      const big = await serve((req, res) => json(res, 200, /\/statuses|\/pipelines|[?&]page=[2-9]/.test(req.url ?? '') ? [] : body));
      const result = await run(events(provider, big.url, scope));
      expect(result.stderr).not.toMatch(/call stack/);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toHaveLength(10);
    }, 30_000);
  });
});

describe('GitHub through GraphQL', () => {
  const TOKEN = 'ghp_binGraphqlToken0123456789abcdef';
  const fakeDeployments = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      id: count - i,
      sha: (count - i).toString(16).padStart(40, '0'),
      ref: `v${count - i}`,
      environment: 'production',
      createdAt: NOW - (i + 1) * 5 * 60_000,
      statuses: [
        { id: 2 * i + 1, state: 'in_progress', createdAt: NOW - (i + 1) * 5 * 60_000 + 1_000 },
        { id: 2 * i + 2, state: i % 9 === 4 ? 'failure' : 'success', createdAt: NOW - (i + 1) * 5 * 60_000 + 60_000 },
      ],
    }));

  it('reads 250 deployments with their statuses in 3 requests over kept-alive connections', async () => {
    const fake = await startFakeGitHub({ repos: { 'o/r': fakeDeployments(250) }, token: TOKEN });
    try {
      const result = await run(events('github', fake.url, 'o/r', ['--token-env', 'GH']), { GH: TOKEN });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('safedeploy: info: GitHub: read deployments of o/r via GraphQL.\n');
      const printed = JSON.parse(result.stdout);
      expect(printed).toHaveLength(250);
      expect(printed.filter((e: { status: string }) => e.status === 'failure')).toHaveLength(28);
      expect(fake.stats.graphqlRequests).toBe(3);
      expect(fake.stats.requests).toBe(3);
      // Node's fetch keeps connections alive; it opens a second one when the next request
      // leaves before the previous answer's socket is marked free, and alternates between them.
      expect(fake.stats.connections).toBeLessThanOrEqual(2);
    } finally {
      await fake.close();
    }
  });

  it('falls back to REST on a server without GraphQL and still reuses its connections', async () => {
    const fake = await startFakeGitHub({ repos: { 'o/r': fakeDeployments(250) }, token: TOKEN, graphql: false });
    try {
      const result = await run(events('github', fake.url, 'o/r', ['--token-env', 'GH']), { GH: TOKEN });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('safedeploy: info: GitHub: read deployments of o/r via REST (GraphQL unavailable: HTTP 404).\n');
      expect(JSON.parse(result.stdout)).toHaveLength(250);
      // the 404 for /graphql, 3 pages, a status request per deployment
      expect(fake.stats.requests).toBe(1 + 3 + 250);
      // at most 4 requests in flight, each socket reused: a handful of sockets for 254 requests, not one each
      expect(fake.stats.connections).toBeLessThanOrEqual(8);
    } finally {
      await fake.close();
    }
  });
});

describe('credentials stay with the configured origin', () => {
  const TOKEN = 'ghx-0123456789abcdefSECRET';

  it('does not follow a GitHub next link to another origin, so that origin never sees the token', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, []));
    const api = await serve(
      github((_req, res) => json(res, 200, [deployment(1, NOW - 60_000)], { link: `<${elsewhere.url}/repos/o/r/deployments?page=2>; rel="next"` }))
    );
    const result = await run(events('github', api.url, 'o/r', ['--token-env', 'T']), { T: TOKEN });
    expect(elsewhere.requests).toStrictEqual([]);
    expect(api.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    expect(result.stderr).toContain(`safedeploy: error: github: the next-page link points to another origin (${elsewhere.url}); it was not followed`);
  });

  it('follows a GitLab redirect on the same origin with the token and refuses a 307 to another origin', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, []));
    const api = await serve((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/moved')) {
        json(res, 200, [{ id: 1, status: 'success', created_at: iso(NOW - 60_000) }]);
      } else if (url.includes('/deployments')) {
        res.writeHead(308, { location: `/moved${url}` }).end();
      } else {
        res.writeHead(307, { location: `${elsewhere.url}${url}` }).end();
      }
    });
    const result = await run(events('gitlab', api.url, 'shop/web', ['--token-env', 'T']), { T: 'glx-secret-token-value' });
    expect(elsewhere.requests).toStrictEqual([]);
    expect(api.requests.map((r) => r.headers['private-token'])).toStrictEqual(['glx-secret-token-value', 'glx-secret-token-value', 'glx-secret-token-value']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    expect(result.stderr).toContain(`redirected to another origin (${elsewhere.url}); it was not followed, so the token stays with ${api.url}`);
  });

  const basic = 'admin:11aa22bb33cc44dd55ee66ff77';
  it.each([
    ['github', TOKEN, `token ${TOKEN} is not valid`],
    ['github', TOKEN, `header was Authorization: Bearer%20${encodeURIComponent(TOKEN)}`],
    ['jenkins', basic, `bad credentials ${basic} (Basic ${Buffer.from(basic).toString('base64')}) for 11aa22bb33cc44dd55ee66ff77`],
    ['gitlab', 'glx-secret-token-value', 'invalid private_token=glx-secret-token-value (revoked)'],
  ])('never prints the %s token an error body echoes', async (provider, token, message) => {
    const echo = await serve((_req, res) => json(res, 401, { message }));
    const result = await run(events(provider, echo.url, 'o/r', ['--token-env', 'T']), { T: token });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^safedeploy: error: \w+ returned 401 for .*\[redacted\]/);
    const secret = token.split(':').pop() as string;
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(token).toString('base64'), Buffer.from(secret).toString('base64')]) {
      expect(result.stderr).not.toContain(form);
    }
  });

  it('strips terminal escapes, bell and bidi controls from API messages', async () => {
    const hostile = await serve((_req, res) => json(res, 404, { message: 'Not Found\u001b[2J\u001b]0;pwned\u0007\u0007 \u202egnp.exe\u202c \u2066x\u2069\u0085' }));
    const result = await run(events('github', hostile.url, 'o/r'));
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(result.stderr).toContain('(Not Found gnp.exe x)');
  });
});

describe('answers that are not events', () => {
  it.each([
    ['truncated JSON', '[{"context":{"id":"1","type":"dev.cdevents.service.deployed.0.2.0"', /not valid JSON/],
    ['XML', '<?xml version="1.0"?><events/>', /XML or HTML/],
    ['null', 'null', /the answer was null/],
    ['{}', '{}', /an object without "context"/],
    ['an empty body', '', /the answer was empty/],
  ])('CDEvents %s is an error and exit 1', async (_name, body, message) => {
    const cd = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    const result = await run(['events', '--provider', 'cdevents', '--url', cd.url, ...range]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^safedeploy: error: cdevents: the configured URL: /);
    expect(result.stderr).toMatch(message);
  });

  it('an Argo CD 200 with {"message"} is an error, not an empty history', async () => {
    const argo = await serve((_req, res) => json(res, 200, { message: 'permission denied', code: 7 }));
    const result = await run(events('argocd', argo.url, 'checkout'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('safedeploy: error: argocd: application checkout: Argo CD answered with a message instead of the application: permission denied.\n');
  });
});

describe('score inputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-bin-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const start = Date.UTC(2026, 0, 5);
  function series(name: string, time: (i: number) => number, value: (i: number) => number) {
    const rows = ['timestamp,value'];
    for (let i = 0; i < 720; i++) {
      rows.push(`${time(start + i * 60_000)},${value(i)}`);
    }
    fs.writeFileSync(path.join(dir, name), rows.join('\n'));
    return path.join(dir, name);
  }

  it('refuses values so large that statistics overflow, instead of scoring them healthy', async () => {
    const file = series('huge.csv', (t) => t, (i) => (i >= 600 ? 1.7e308 : 1e308));
    fs.writeFileSync(path.join(dir, 'e.json'), JSON.stringify([{ id: 'd', time: start + 600 * 60_000 }]));
    const result = await run(['score', '--series', file, '--events', path.join(dir, 'e.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // One line, as for every bad input: the note on the columns read waits for a result.
    expect(result.stderr).toBe(`safedeploy: ${file}: row 1 has the value 1e+308, beyond ±1e+100; statistics of such values overflow. Scale the series (e.g. divide by 1e6) and score again\n`);
  });

  it('reads 10-digit epoch seconds as seconds, says so once per file, and scores as with ms', async () => {
    const spike = (i: number) => 10 + (i % 5) + (i >= 600 ? 40 : 0);
    const ms = series('ms.csv', (t) => t, spike);
    const seconds = series('s.csv', (t) => t / 1000, spike);
    fs.writeFileSync(path.join(dir, 'ms.json'), JSON.stringify([{ id: 'd', time: start + 600 * 60_000 }]));
    fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify([{ id: 'd', time: (start + 600 * 60_000) / 1000 }]));
    const inMs = await run(['score', '--series', ms, '--events', path.join(dir, 'ms.json')]);
    const inSeconds = await run(['score', '--series', seconds, '--events', path.join(dir, 's.json')]);
    expect(inSeconds.code).toBe(0);
    expect(inSeconds.stderr).toBe(
      [
        `safedeploy: note: ${seconds}: time from column "timestamp", value from column "value"; times without an offset read in UTC.`,
        `safedeploy: note: ${seconds}: times look like epoch seconds (10 digits); read as seconds.`,
        `safedeploy: note: ${path.join(dir, 's.json')}: times look like epoch seconds (10 digits); read as seconds.`,
        '',
      ].join('\n')
    );
    const [a] = JSON.parse(inMs.stdout).events;
    const [b] = JSON.parse(inSeconds.stdout).events;
    expect(b.time).toBe(start + 600 * 60_000);
    expect(b.verdict).toBe(a.verdict);
    expect(b.score).toBe(a.score);
    expect(a.verdict).not.toBe('healthy');
  });
  describe("Grafana's CSV download", () => {
    const FIXTURES = path.join(__dirname, 'fixtures', 'grafana-csv');
    const spike = (i: number) => 10 + (i % 5) + (i >= 600 ? 40 : 0);
    const deployAt = start + 600 * 60_000;
    let reference: { verdict: string; score: number };
    let eventsFile: string;
    beforeAll(async () => {
      eventsFile = path.join(dir, 'deploy.json');
      fs.writeFileSync(eventsFile, JSON.stringify([{ id: 'd', time: deployAt }]));
      const plain = await run(['score', '--series', series('plain.csv', (t) => t, spike), '--events', eventsFile]);
      [reference] = JSON.parse(plain.stdout).events;
    });

    // Each file is Grafana's own output for the same 12 hours as plain.csv (see grafanaCsvFixtures.test.ts).
    it.each([
      ['formatted-comma.csv', 'a quoted header, CRLF and YYYY-MM-DD HH:mm:ss times'],
      ['formatted-semicolon.csv', 'a semicolon between cells (locales with a decimal comma)'],
      ['formatted-bom.csv', 'a UTF-8 byte-order mark'],
      ['excel-utf16-tab.csv', 'the Excel download: UTF-16LE with a byte-order mark and tabs'],
      ['excel-sep-line.csv', 'the older Excel download with a sep=; line'],
      ['raw-comma.csv', '"Formatted data" off: epoch ms times'],
    ])('scores %s (%s) as the plain series, naming the columns it took', async (name) => {
      const file = path.join(FIXTURES, name);
      const result = await run(['score', '--series', file, '--events', eventsFile]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(
        `safedeploy: note: ${file}: time from column "Time", value from column "errors"; times without an offset read in UTC.\n`
      );
      const [impact] = JSON.parse(result.stdout).events;
      expect(impact.time).toBe(deployAt);
      expect(impact.verdict).toBe(reference.verdict);
      expect(impact.score).toBe(reference.score);
      expect(reference.verdict).not.toBe('healthy');
    });

    it('reads wall-clock times in --timezone: the deploy lands an hour later in the Berlin reading', async () => {
      const file = path.join(FIXTURES, 'formatted-comma.csv');
      // 10:00 in Berlin is 09:00 UTC: the same deploy, at minute 600 of the Berlin reading, is an hour earlier in UTC.
      fs.writeFileSync(path.join(dir, 'berlin.json'), JSON.stringify([{ id: 'd', time: deployAt - 3_600_000 }]));
      const result = await run([
        'score',
        '--series',
        file,
        '--events',
        path.join(dir, 'berlin.json'),
        '--timezone',
        'Europe/Berlin',
      ]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('times without an offset read in Europe/Berlin.');
      const [impact] = JSON.parse(result.stdout).events;
      expect(impact.verdict).toBe(reference.verdict);
      expect(impact.score).toBe(reference.score);
    });

    it('takes another column with --value-column, and names the columns when it is not there', async () => {
      // CONSTRUCTED: a Grafana-style export of two series (Time, errors, latency).
      const rows = [
        '"Time","latency","errors"',
        ...Array.from(
          { length: 720 },
          (_, i) =>
            `${iso(start + i * 60_000)
              .replace('T', ' ')
              .slice(0, 19)},0.2,${spike(i)}`
        ),
      ];
      const file = path.join(dir, 'two.csv');
      fs.writeFileSync(file, rows.join('\r\n'));
      const chosen = await run(['score', '--series', file, '--events', eventsFile, '--value-column', 'errors']);
      expect(chosen.code).toBe(0);
      expect(chosen.stderr).toContain(
        'time from column "Time", value from column "errors" (not read: "latency"; choose with --value-column)'
      );
      expect(JSON.parse(chosen.stdout).events[0].score).toBe(reference.score);
      const missing = await run(['score', '--series', file, '--events', eventsFile, '--value-column', 'rate']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(`safedeploy: ${file}: no column "rate" (columns: "Time", "latency", "errors")\n`);
    });

    it('refuses a download whose values carry units, saying how to avoid it, rather than reading them as gaps', async () => {
      // CONSTRUCTED: "Formatted data" with a unit on the field writes "12 req/s"; half the rows here.
      const rows = [
        '"Time","errors"',
        ...Array.from({ length: 720 }, (_, i) => `${start + i * 60_000},${spike(i)}${i % 2 ? ' req/s' : ''}`),
      ];
      const file = path.join(dir, 'units.csv');
      fs.writeFileSync(file, rows.join('\r\n'));
      const result = await run(['score', '--series', file, '--events', eventsFile]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `safedeploy: ${file}: column "errors" holds numbers with a unit or scale (row 2: "11 req/s"), as Grafana writes them with "Formatted data" on, rounded and scaled (1.20 K for 1,200); download the CSV with "Formatted data" off\n`
      );
    });
  });
});

describe("events with Grafana's relative time", () => {
  it('reads --from now-7d/d --to now/d as from the start of the day a week ago to the end of today (UTC)', async () => {
    const startOfToday = Math.floor(NOW / DAY) * DAY;
    const weekAgo = startOfToday - 7 * DAY;
    const at = [
      weekAgo - 60_000,
      weekAgo + 60_000,
      NOW - 3_600_000,
      startOfToday + DAY - 60_000,
      startOfToday + DAY + 60_000,
    ];
    const fake = await startFakeGitHub({
      repos: {
        'o/r': at.map((createdAt, i) => ({
          id: i + 1,
          sha: String(i + 1).padStart(40, '0'),
          ref: `v${i + 1}`,
          environment: 'production',
          createdAt,
          statuses: [{ id: i + 1, state: 'success', createdAt: createdAt + 1000 }],
        })),
      },
      token: undefined,
    });
    try {
      const result = await run([
        'events',
        '--provider',
        'github',
        '--url',
        fake.url,
        '--scope',
        'o/r',
        '--from',
        'now-7d/d',
        '--to',
        'now/d',
      ]);
      expect(result.code).toBe(0);
      const times = (JSON.parse(result.stdout) as Array<{ time: number }>).map((e) => e.time).sort((a, b) => a - b);
      // An event's time is its status' (a second after the deployment), in whole seconds as GitHub writes them.
      expect(times).toStrictEqual([at[1], at[2], at[3]].map((t) => Math.floor(t / 1000) * 1000 + 1000));
    } finally {
      await fake.close();
    }
  });

  it('rounds to the day in --timezone', async () => {
    const fake = await startFakeGitHub({ repos: { 'o/r': [] }, token: undefined });
    try {
      const bad = await run([
        'events',
        '--provider',
        'github',
        '--url',
        fake.url,
        '--scope',
        'o/r',
        '--from',
        'now-1d/d',
        '--timezone',
        'Mars/Olympus',
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe(
        'safedeploy: --timezone must be UTC or an IANA time zone such as Europe/Berlin; got "Mars/Olympus"\n'
      );
      const good = await run([
        'events',
        '--provider',
        'github',
        '--url',
        fake.url,
        '--scope',
        'o/r',
        '--from',
        'now-1d/d',
        '--to',
        'now/d',
        '--timezone',
        'Asia/Tokyo',
      ]);
      expect(good.code).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
