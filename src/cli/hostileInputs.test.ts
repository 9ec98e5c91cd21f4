/**
 * @jest-environment node
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { assertBuilt, runCli } from './gate/testing/runCli';
import { Answer, Loopback, prometheusMatrix, serveLoopback } from './testing/serveLoopback';

/**
 * The built command line (bin/safedeploy.js) against servers that answer in ways the APIs
 * allow but do not expect: huge rate-limit waits, echoed and encoded tokens, annotations
 * that share a millisecond, broken Prometheus answers, and input files past the limits.
 * Each server runs on a loopback port; payload shapes are CONSTRUCTED after each API's
 * documentation (Unleash event search, LaunchDarkly audit log, GitLab deployments, Grafana
 * /api/annotations, Prometheus /api/v1/query_range, CDEvents NDJSON).
 */
// Each test starts a Node process; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

const TOKEN = 'hx/Tok+en=0123456789abcdef/xyz';
const MINUTE = 60_000;
const FROM = Date.UTC(2026, 0, 5);
const TO = FROM + 24 * 60 * MINUTE;
const range = ['--from', new Date(FROM).toISOString(), '--to', new Date(TO).toISOString()];
const open: Loopback[] = [];

async function serve(answer: (url: URL, count: number) => Answer): Promise<Loopback> {
  const api = await serveLoopback(answer);
  open.push(api);
  return api;
}

/** As `serve`, answering each request after `delayMs`. */
async function serveSlow(delayMs: number, answer: (url: URL, count: number) => Answer): Promise<Loopback> {
  const api = await serveLoopback(answer, delayMs);
  open.push(api);
  return api;
}

beforeAll(() => assertBuilt());
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});

/** Unleash event search: `count` flag toggles, newest first, offset/limit with `total`. */
function unleashEvents(count: number, createdBy = 'ana') {
  return Array.from({ length: count }, (_, i) => ({
    id: 10_000 - i,
    createdAt: new Date(TO - (i + 1) * MINUTE).toISOString(),
    type: i % 2 ? 'feature-environment-enabled' : 'feature-environment-disabled',
    createdBy,
    environment: 'production',
    project: 'shop',
    featureName: `flag-${i % 7}`,
    data: null,
    preData: null,
    tags: [],
  }));
}

function unleashPage(url: URL, events: unknown[]): Answer {
  const offset = Number(url.searchParams.get('offset'));
  const limit = Number(url.searchParams.get('limit'));
  return { status: 200, body: { events: events.slice(offset, offset + limit), total: events.length } };
}

describe('server-given waits are clamped', () => {
  it.each([
    ['Retry-After: 99999999999999', { 'retry-after': '99999999999999' }],
    ['Retry-After: 1e300', { 'retry-after': '1e300' }],
    ['x-ratelimit-reset far in the future', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '99999999999999' }],
  ])('a 429 with %s on page 2 ends the read as partial, exit 3, with page 1 printed', async (_name, headers) => {
    const events = unleashEvents(150);
    const api = await serve((url, count) => (count > 1 ? { status: 429, body: { message: 'slow down' }, headers } : unleashPage(url, events)));
    const run = await runCli(['events', '--provider', 'unleash', '--url', api.url, ...range], {});
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/unleash rate limit reached; the server asks to wait a day or more/);
    expect(run.stderr).not.toMatch(/unexpected failure|Invalid time value/);
  });

  it('a rate-limit wait the client would sit out (Retry-After: 5) is not begun past --deadline 2s: exit 3 with page 1 printed', async () => {
    const events = unleashEvents(150);
    let firstRequest = 0;
    const api = await serve((url, count) => {
      firstRequest ||= Date.now();
      return count > 1 ? { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '5' } } : unleashPage(url, events);
    });
    const run = await runCli(['events', '--provider', 'unleash', '--url', api.url, '--deadline', '2s', ...range], {});
    const ended = Date.now();
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(0);
    // The wait would end after the deadline: the read ends at once and names the rate limit, not the deadline.
    expect(run.stderr).toMatch(/rate limit reached; the wait it asks for \(5 s\) would end after the read's deadline/);
    // The read ends by its deadline, about 2 s after its first request, not when the 5 s wait is over.
    expect(ended - firstRequest).toBeLessThan(3_500);
  });
});

describe('one scrubber for every secret the process holds', () => {
  it("gate never prints the provider's token that its 401 body echoes", async () => {
    const provider = await serve(() => ({ status: 401, body: { message: `bad credentials ${TOKEN} end` } }));
    const run = await runCli(
      ['gate', '--prometheus', 'http://127.0.0.1:9', '--query', 'up', '--provider', 'launchdarkly', '--url', provider.url, '--provider-token-env', 'LD', '--wait', '0'],
      { LD: TOKEN }
    );
    expect(run.code).toBe(4);
    // LaunchDarkly changes are flag changes, which the gate reads as such.
    expect(run.stderr).toMatch(/could not read flag changes: launchdarkly returned 401 .*\[redacted\]/);
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
  });

  const base64 = (text: string) => Buffer.from(text).toString('base64');
  it.each([
    ['lowercase percent-encoding', encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['double URL-encoding', encodeURIComponent(encodeURIComponent(TOKEN))],
    ['base64 of the Authorization header (offset 1)', base64(`Authorization: Bearer ${TOKEN}`)],
    ['base64 at offset 2', base64(`ab${TOKEN}`)],
    ['base64 followed by more bytes', base64(`${TOKEN} and more`)],
    ['hex', Buffer.from(TOKEN).toString('hex')],
    ['JSON \\/ escaping', TOKEN.replace(/\//g, '\\/')],
  ])('events removes the token in %s from an error message', async (_name, form) => {
    // Raw JSON text, so that a `\/` escape reaches the client as the server wrote it.
    const api = await serve(() => ({ status: 401, body: `{"message": "echo ${form.replace(/\\/g, '\\\\')} end"}` }));
    const run = await runCli(['events', '--provider', 'gitlab', '--url', api.url, '--scope', 'shop/web', '--token-env', 'T', ...range], { T: TOKEN });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/returned 401/);
    expect(run.stderr).not.toContain(form);
    const secretCore = Buffer.from(TOKEN).toString('base64').slice(4, 24);
    expect(run.stderr).not.toContain(secretCore);
  });

  it('stdout is scrubbed too: a token a server puts in an event is not printed', async () => {
    const events = unleashEvents(3, `deployer ${TOKEN}`);
    const api = await serve((url) => unleashPage(url, events));
    const run = await runCli(['events', '--provider', 'unleash', '--url', api.url, '--token-env', 'T', ...range], { T: TOKEN });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(TOKEN);
    expect(JSON.parse(run.stdout).map((e: { author: string }) => e.author)).toStrictEqual(['deployer [redacted]', 'deployer [redacted]', 'deployer [redacted]']);
  });
});

describe('Grafana annotations that share a millisecond', () => {
  /** /api/annotations: time within [from, to], newest first (ties by id), at most `limit`. */
  function annotationsApi(annotations: Array<{ id: number; time: number }>) {
    const sorted = [...annotations].sort((a, b) => b.time - a.time || b.id - a.id);
    return serve((url) => {
      const from = Number(url.searchParams.get('from'));
      const to = Number(url.searchParams.get('to'));
      const limit = Number(url.searchParams.get('limit') || 100);
      const page = sorted.filter((a) => a.time >= from && a.time <= to).slice(0, limit);
      return { status: 200, body: page.map((a) => ({ ...a, timeEnd: a.time, text: `note ${a.id}`, tags: ['config'] })) };
    });
  }

  it('reads all 1,200 annotations when 700 of them share one time', async () => {
    const tie = TO - 30 * MINUTE;
    const annotations = Array.from({ length: 1200 }, (_, i) => ({ id: i + 1, time: i < 700 ? tie : tie - (i - 699) * 1000 }));
    const api = await annotationsApi(annotations);
    const run = await runCli(['events', '--provider', 'grafana', '--url', api.url, ...range], {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(new Set(JSON.parse(run.stdout).map((e: { id: string }) => e.id)).size).toBe(1200);
  });

  it('exits 3, saying why, when more annotations share one time than any page holds', async () => {
    const tie = TO - 30 * MINUTE;
    const api = await annotationsApi(Array.from({ length: 16_001 }, (_, i) => ({ id: i + 1, time: tie })));
    const run = await runCli(['events', '--provider', 'grafana', '--url', api.url, ...range], {});
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/more than 16,000 annotations share the time/);
  });
});

describe('gate on broken metrics', () => {
  /** /api/v1/query_range: one series with a sample per step, made by `value`, or a whole `body`. */
  function prometheus(value: (seconds: number) => unknown, extra: Record<string, unknown> = {}) {
    return serve(prometheusMatrix(value, extra));
  }
  const gate = (url: string) => ['gate', '--prometheus', url, '--query', 'errors', '--deploy-time', 'now-40m', '--service', 'web', '--history', '2h', '--wait', '0'];

  it.each([
    ['null samples', () => null],
    ['text samples', (t: number) => [t, 'abc']],
    ['text timestamps', () => ['abc', '1']],
    ['values beyond ±1e100', (t: number) => [t, '1e308']],
  ])('%s are unreadable metrics: exit 3, said once', async (_name, value) => {
    const api = await prometheus(value);
    const run = await runCli(gate(api.url), {});
    expect(run.stderr).not.toMatch(/unexpected failure/);
    expect(run.code).toBe(3);
    expect(run.stderr.match(/could not read metrics/g)).toHaveLength(1);
  });

  it.each([
    ['a null result entry', { status: 'success', data: { resultType: 'matrix', result: [null] } }],
    ['values that are an object', { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: {} }] } }],
  ])('%s is unreadable metrics: exit 3', async (_name, body) => {
    const api = await serve(() => ({ status: 200, body }));
    const run = await runCli(gate(api.url), {});
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/could not read metrics: query errors: .*not a series/);
  });

  it('--wait 0 reads once, as documented, like 0s', async () => {
    const api = await prometheus((t) => [t, '1']);
    const run = await runCli(gate(api.url), {});
    expect(run.code).toBe(0);
    expect(api.requests).toHaveLength(1);
  });

  it("counts a VictoriaMetrics answer marked isPartial (no warning) as read in part: exit 3, said once", async () => {
    const api = await prometheus((t) => [t, '1'], { isPartial: true });
    const run = await runCli(gate(api.url), {});
    expect(run.code).toBe(3);
    expect(run.stderr.match(/isPartial/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/marked its answer to query errors as partial .* counts as read in part/);
  });

  it('says 100,000 distinct warnings in one line with their count', async () => {
    // Query-engine annotations: warnings that lose no data (others make the read partial, exit 3).
    const warnings = Array.from({ length: 100_000 }, (_, i) => `PromQL info: warning number ${i}`);
    const api = await prometheus((t) => [t, '1'], { warnings });
    const run = await runCli(gate(api.url), {});
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.includes('Prometheus warned'));
    expect(lines).toStrictEqual(['safedeploy gate: Prometheus warned about query errors: PromQL info: warning number 0 (100,000 warnings in all)']);
  });
});

describe('score input limits', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-hostile-'));
  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, text);
    return full;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const t0 = Date.UTC(2026, 0, 5);
  const csv = (value: (i: number) => string) => ['timestamp,value', ...Array.from({ length: 240 }, (_, i) => `${t0 + i * MINUTE},${value(i)}`)].join('\n');
  const deployAt = t0 + 120 * MINUTE;
  const oneDeploy = () => file('deploy.json', JSON.stringify([{ id: 'd1', time: deployAt }]));

  it('refuses more events than it scores at once, in one line', async () => {
    const events = file('many.json', JSON.stringify(Array.from({ length: 100_001 }, (_, i) => ({ time: t0 + i }))));
    const run = await runCli(['score', '--series', file('s.csv', csv(() => '1')), '--events', events], {});
    expect(run.code).toBe(2);
    // One line for the refusal; the series file's column note may stand before it.
    const problems = run.stderr.split('\n').filter((line) => line && !line.startsWith('safedeploy: note:'));
    expect(problems).toStrictEqual([`safedeploy: ${events} holds 100,001 events; score reads at most 100,000 at once: split the file by time range`]);
  });

  it('refuses a value written with a thousands separator instead of reading 12,345 as 12', async () => {
    const series = file('sep.csv', ['timestamp,value', `${t0},12,345`].join('\n'));
    const run = await runCli(['score', '--series', series, '--events', oneDeploy()], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/row 1 has 3 fields.*12345, not 12,345/);
  });

  it('reads Inf and Infinity alike, as gaps with a note', async () => {
    const withInf = await runCli(['score', '--series', file('inf.csv', csv((i) => (i === 5 ? 'Inf' : '1'))), '--events', oneDeploy()], {});
    const withInfinity = await runCli(['score', '--series', file('infinity.csv', csv((i) => (i === 5 ? 'Infinity' : '1'))), '--events', oneDeploy()], {});
    expect([withInf.code, withInfinity.code]).toStrictEqual([0, 0]);
    expect(withInf.stderr).toMatch(/1 value is not a finite number .* read as gaps/);
    expect(withInfinity.stderr).toMatch(/1 value is not a finite number .* read as gaps/);
    expect(JSON.parse(withInf.stdout).events[0].verdict).toBe(JSON.parse(withInfinity.stdout).events[0].verdict);
  });

  it.each([
    ['NaN', JSON.stringify(Array.from({ length: 240 }, (_, i) => ({ time: t0 + i * MINUTE, value: i < 120 ? 1 : 'NaN' })))],
    ['true/false', JSON.stringify(Array.from({ length: 240 }, (_, i) => ({ time: t0 + i * MINUTE, value: i < 120 ? 1 : i % 2 === 0 })))],
  ])('a window of %s values is not judged healthy without a notice', async (name, json) => {
    const run = await runCli(['score', '--series', file(`${name.replace('/', '')}.json`, json), '--events', oneDeploy()], {});
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/120 values are not a finite number .* read as gaps/);
    expect(JSON.parse(run.stdout).events[0].verdict).not.toBe('healthy');
  });
});

describe('Kubernetes listings', () => {
  /** A ReplicaSet of Deployment `web` at revision `n`, created `n` seconds into the range. */
  function replicaSet(n: number, template: unknown = { spec: { containers: [{ name: 'web', image: `registry.example.com/web:1.${n}.0` }] } }, extra: Record<string, unknown> = {}) {
    return {
      metadata: {
        name: `web-${n}`,
        namespace: 'prod',
        uid: `uid-${n}`,
        creationTimestamp: new Date(FROM + n * 1000).toISOString(),
        annotations: { 'deployment.kubernetes.io/revision': String(n) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }],
        ...extra,
      },
      spec: { template },
    };
  }
  /** An API server listing `replicaSets` 500 a page with `continue`, and no other revisions or workloads. */
  function apiServer(replicaSets: unknown[], answer?: (url: URL, count: number) => Answer | null) {
    return serve((url, count) => {
      const special = answer?.(url, count);
      if (special) {
        return special;
      }
      const items = url.pathname.endsWith('/replicasets') ? replicaSets : [];
      const start = Number(url.searchParams.get('continue') || 0);
      return { status: 200, body: { kind: 'List', metadata: { continue: start + 500 < items.length ? String(start + 500) : '' }, items: items.slice(start, start + 500) } };
    });
  }
  const k8s = (url: string, more: string[] = []) => ['events', '--provider', 'kubernetes', '--url', url, '--scope', 'prod', ...range, ...more];

  it('reads 5,000 ReplicaSets over 10 pages well inside --deadline 10s', async () => {
    const api = await apiServer(Array.from({ length: 5000 }, (_, i) => replicaSet(i + 1)));
    const started = Date.now();
    const run = await runCli(k8s(api.url, ['--deadline', '10s']), {});
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(5000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ends at --deadline on a server that takes 1.5 s a page, with the pages read kept: exit 3', async () => {
    let served = 0;
    const api = await serveSlow(1500, (url) => {
      const start = Number(url.searchParams.get('continue') || 0);
      served++;
      const items = url.pathname.endsWith('/replicasets') ? Array.from({ length: 500 }, (_, i) => replicaSet(start + i + 1)) : [];
      return { status: 200, body: { kind: 'List', metadata: { continue: String(start + 500) }, items } };
    });
    const started = Date.now();
    const run = await runCli(k8s(api.url, ['--deadline', '4s']), {});
    const elapsed = Date.now() - started;
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/overall deadline of 4 s/);
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(0);
    expect(served).toBeGreaterThan(0);
    // Node's start and the last page in flight aside, the read ends at the deadline.
    expect(elapsed).toBeLessThan(7_000);
  });

  it('stops a server that resends the same ReplicaSets with a fresh continue token: exit 3', async () => {
    const page = Array.from({ length: 500 }, (_, i) => replicaSet(i + 1));
    const api = await apiServer([], (url, count) =>
      url.pathname.endsWith('/replicasets') ? { status: 200, body: { kind: 'List', metadata: { continue: `token-${count}` }, items: page } } : null
    );
    const run = await runCli(k8s(api.url), {});
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toHaveLength(500);
    expect(run.stderr).toMatch(/repeats items already read/);
    expect(api.requests.filter((r) => r.includes('/replicasets'))).toHaveLength(2);
  });

  it('skips a ReplicaSet nested 10,000 levels deep with a notice and reads one with 150,000 managedFields', async () => {
    // Written as text: JSON.stringify itself would overflow the stack on it.
    const deep = '{"nested":'.repeat(10_000) + '{"image":"x"}' + '}'.repeat(10_000);
    const managedFields = Array.from({ length: 150_000 }, (_, i) => ({ manager: 'kube-controller-manager', operation: 'Update', time: new Date(FROM + i).toISOString() }));
    const items = Array.from({ length: 298 }, (_, i) => replicaSet(i + 1));
    items.push(replicaSet(299, { spec: 'DEEP' }), replicaSet(300, undefined, { managedFields }));
    const body = JSON.stringify({ kind: 'List', metadata: { continue: '' }, items }).replace('"DEEP"', deep);
    const api = await apiServer([], (url) => (url.pathname.endsWith('/replicasets') ? { status: 200, body } : null));
    const run = await runCli(k8s(api.url), {});
    expect(run.stderr).not.toMatch(/unexpected failure|call stack/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(299);
    expect(run.stderr).toMatch(/pod template nested deeper than 64 levels/);
  });
});

describe('smaller findings', () => {
  it('CDEvents NDJSON with two corrupt lines in the middle exits 3: two events are lost', async () => {
    const event = (i: number) =>
      JSON.stringify({
        context: { specversion: '0.5.0', id: `e${i}`, source: '/ci', type: 'dev.cdevents.service.deployed.0.3.0', timestamp: new Date(TO - i * MINUTE).toISOString() },
        subject: { id: 'web', content: { environment: { id: 'prod' }, artifactId: 'pkg:oci/web@sha256:0b31' } },
      });
    const body = [event(1), '{not json', event(2), 'also not json', event(3)].join('\n') + '\n';
    const api = await serve(() => ({ status: 200, body, headers: { 'content-type': 'application/x-ndjson' } }));
    const run = await runCli(['events', '--provider', 'cdevents', '--url', api.url, '--scope', '/events', ...range], {});
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toHaveLength(3);
    expect(run.stderr).toMatch(/2 line\(s\) were not valid JSON and were skipped; the events on them are lost/);
  });
});
