/**
 * @jest-environment node
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { main } from '../main';
import { runWrites } from '../testing/runWrites';
import { Answer, Loopback, serveLoopback } from '../testing/serveLoopback';

const NOW = Date.UTC(2026, 11, 6, 12);
/** What a terminal would act on: C1 controls and bidi overrides and isolates. */
const TERMINAL_CONTROL = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => NOW });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('safedeploy events', () => {
  let api: Loopback;
  // A Grafana annotation whose text carries terminal controls (CONSTRUCTED, in /api/annotations' shape).
  const text = 'Deploy \u009b2J\u009b31mALL CLEAR\u009b0m api \u202egnp.exe \u2066x\u2069';
  beforeAll(async () => {
    api = await serveLoopback(() => ({ status: 200, body: [{ id: 7, time: NOW - 60_000, text, tags: ['deploy'] }] }));
  });
  afterAll(() => api.close());

  it.each(['json', 'ndjson'])('writes no terminal control from CI text to stdout (--format %s), and the text parses back whole', async (format) => {
    const result = await run(['events', '--provider', 'grafana', '--url', api.url, '--format', format]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(result.stdout).toContain('\\u009b2J');
    const events = format === 'json' ? JSON.parse(result.stdout) : result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e: { text: string; title: string }) => `${e.title} ${e.text}`).join(' ')).toContain('\u202egnp.exe');
  });

  it.each(['json', 'table'])('score writes no terminal control from an events file to stdout either (--format %s)', async (format) => {
    // The events as `safedeploy events` wrote them: JSON.parse turns its escapes back into controls.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-controls-'));
    const rows = ['timestamp,value', ...Array.from({ length: 600 }, (_, i) => `${new Date(NOW - (600 - i) * 60_000).toISOString()},${10 + (i % 5)}`)];
    fs.writeFileSync(path.join(dir, 'errors.csv'), rows.join('\n'));
    fs.writeFileSync(path.join(dir, 'events.json'), JSON.stringify([{ time: NOW - 100 * 60_000, id: 'v2', title: `\u001b[2J${text}` }]));
    const result = await run(['score', '--series', path.join(dir, 'errors.csv'), '--events', path.join(dir, 'events.json'), '--format', format]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe('safedeploy events writes its output as it goes', () => {
  let api: Loopback;
  // Grafana annotations in /api/annotations' shape (CONSTRUCTED): 40 deploys a minute apart.
  const annotations = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, time: NOW - (i + 1) * 60_000, text: `deploy ${i}`, tags: ['deploy'] }));
  beforeAll(async () => {
    api = await serveLoopback(() => ({ status: 200, body: annotations }));
  });
  afterAll(() => api.close());

  it.each(['json', 'ndjson'])('writes one event at a time (--format %s), never the whole output as one string', async (format) => {
    const { code, writes } = await runWrites(['events', '--provider', 'grafana', '--url', api.url, '--format', format], {}, NOW);
    const text = writes.join('');
    expect(code).toBe(0);
    const events = format === 'json' ? JSON.parse(text) : text.trim().split('\n').map((line) => JSON.parse(line));
    expect(events).toHaveLength(40);
    expect(text).toBe(format === 'json' ? JSON.stringify(events, null, 2) + '\n' : events.map((e: unknown) => JSON.stringify(e) + '\n').join(''));
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(text.length / 20);
  });
});

describe('safedeploy events keeps its JSON whole while removing a secret', () => {
  let api: Loopback;
  // A Grafana annotation (CONSTRUCTED, /api/annotations' shape) whose text carries the token.
  beforeAll(async () => {
    api = await serveLoopback(() => ({ status: 200, body: [{ id: 7, time: NOW - 60_000, text: 'deploy null by bot', tags: ['deploy'] }] }));
  });
  afterAll(() => api.close());

  it.each(['json', 'ndjson'])('prints valid JSON (--format %s) when a short token reads as JSON syntax (null), redacted in the text only', async (format) => {
    const { code, writes: out } = await runWrites(['events', '--provider', 'grafana', '--url', api.url, '--token-env', 'T', '--format', format], { T: 'null' }, NOW);
    expect(code).toBe(0);
    const [event] = format === 'json' ? JSON.parse(out.join('')) : [JSON.parse(out.join(''))];
    expect({ timeEnd: event.timeEnd, url: event.url, title: event.title }).toStrictEqual({ timeEnd: null, url: null, title: 'deploy [redacted] by bot' });
  });
});

describe('safedeploy events outside UTC', () => {
  // The built command line in a child process whose time zone is not UTC (Jest pins its own to UTC).
  const BIN = process.env.SAFEDEPLOY_BIN ?? path.join(__dirname, '..', '..', '..', 'bin', 'safedeploy.js');
  let api: Loopback;
  // The CDEvents v0.5.1 conformance service.deployed (cdevents/spec, conformance/service_deployed.json),
  // trimmed, with its timestamp as Python's `datetime.isoformat()` writes a naive time: no zone (CONSTRUCTED).
  const deployed = {
    context: { specversion: '0.5.1', id: '271069a8-fc18-44f1-b38f-9d70a1695819', source: '/event/source/123', type: 'dev.cdevents.service.deployed.0.3.0', timestamp: '2026-12-06T10:00:00.315384' },
    subject: { id: 'mySubject123', source: '/event/source/123', content: { environment: { id: 'production' }, artifactId: 'pkg:oci/myapp@sha256%3A0b31b1c02ff4' } },
  };
  beforeAll(async () => {
    api = await serveLoopback(() => ({ status: 200, body: [deployed] }));
  });
  afterAll(() => api.close());

  it.each(['America/New_York', 'Asia/Kolkata'])('places a time that names no zone at the same instant in %s as in UTC', async (zone) => {
    const args = [BIN, 'events', '--provider', 'cdevents', '--url', api.url, '--scope', '/events', '--from', '2026-12-05T00:00:00Z', '--to', '2026-12-07T00:00:00Z'];
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
      execFile(process.execPath, args, { env: { PATH: process.env.PATH, TZ: zone } }, (err, out) => (err ? reject(err) : resolve({ stdout: out })))
    );
    const events = JSON.parse(stdout);
    expect(events.map((e: { time: number }) => new Date(e.time).toISOString())).toStrictEqual(['2026-12-06T10:00:00.315Z']);
  });
});

describe('safedeploy events on hostile text', () => {
  const BIN = process.env.SAFEDEPLOY_BIN ?? path.join(__dirname, '..', '..', '..', 'bin', 'safedeploy.js');
  let api: Loopback;
  // An Argo CD application (/api/v1/applications/{name} shape, CONSTRUCTED) whose failed sync's
  // message is 300,000 characters of `a.`: a word boundary at every character, no URL anywhere.
  const message = 'a.'.repeat(150_000);
  beforeAll(async () => {
    const started = new Date(NOW - 60_000).toISOString();
    api = await serveLoopback(() => ({
      status: 200,
      body: { metadata: { name: 'web' }, spec: { destination: { namespace: 'prod' } }, status: { history: [], operationState: { phase: 'Failed', startedAt: started, message } } },
    }));
  });
  afterAll(() => api.close());

  it('reads a 300,000-character message through the credentials filter and prints it whole', async () => {
    // A filter that scans forward from each word boundary takes over a minute on this message:
    // the child is stopped at Jest's own test timeout, a bound, not a speed figure.
    const args = [BIN, 'events', '--provider', 'argocd', '--url', api.url, '--scope', 'web', '--from', new Date(NOW - 3_600_000).toISOString(), '--to', new Date(NOW + 60_000).toISOString()];
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, args, { env: { PATH: process.env.PATH }, timeout: 25_000, maxBuffer: 16 * 1024 * 1024 }, (err, out) => (err ? reject(err) : resolve(out)))
    );
    expect(JSON.parse(stdout).map((e: { text: string }) => e.text)).toStrictEqual([message]);
  });
});

describe('safedeploy events on a read that lost a page', () => {
  let api: Loopback;
  // GitLab deployments (/api/v4/projects/:id/deployments shape, CONSTRUCTED): a full first page of
  // 100, then a 429 whose wait (10 minutes) is past what a read waits out; project shop/whole has the one page.
  beforeAll(async () => {
    api = await serveLoopback((url): Answer => {
      if (url.pathname.endsWith('/pipelines')) {
        return { status: 200, body: [] };
      }
      if (url.searchParams.get('page') === '2') {
        return { status: 429, body: { message: '429 Too Many Requests' }, headers: { 'retry-after': '600' } };
      }
      const page = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, status: 'success', created_at: new Date(NOW - (i + 1) * 60_000).toISOString(), ref: 'main' }));
      return { status: 200, body: page, headers: { 'x-next-page': url.pathname.includes('whole') ? '' : '2' } };
    });
  });
  afterAll(() => api.close());
  const read = (more: string[]) => run(['events', '--provider', 'gitlab', '--url', api.url, '--scope', 'shop/web', ...more]);

  it('the default JSON stays a bare array of the kept events: the loss is in the exit status and on stderr', async () => {
    const result = await read([]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toHaveLength(100);
  });

  it('--envelope puts the loss in the JSON: partial true and what was lost, with exit 3 and the loss said once on stderr', async () => {
    const result = await read(['--envelope']);
    expect(result.code).toBe(3);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body)).toStrictEqual(['events', 'partial', 'lost']);
    expect(result.stdout).toBe(JSON.stringify(body, null, 2) + '\n');
    expect(body.events).toHaveLength(100);
    expect(body.partial).toBe(true);
    expect(body.lost).toStrictEqual([expect.stringMatching(/^gitlab rate limit reached; it resets at .*Results fetched so far are shown\.$/)]);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toStrictEqual([`safedeploy: error: ${body.lost[0]}`, 'safedeploy: partial: 100 events printed, but some pages could not be read (see above); exit status 3.']);
  });

  it('--envelope on a whole read says partial false, lost empty, exit 0, nothing on stderr', async () => {
    const result = await run(['events', '--provider', 'gitlab', '--url', api.url, '--scope', 'shop/whole', '--envelope']);
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    const body = JSON.parse(result.stdout);
    expect([body.events.length, body.partial, body.lost]).toStrictEqual([100, false, []]);
  });

  it('--envelope goes with --format json only: with ndjson it is a usage error', async () => {
    const result = await read(['--envelope', '--format', 'ndjson']);
    expect([result.code, result.stdout]).toStrictEqual([2, '']);
    expect(result.stderr).toMatch(/--envelope goes with --format json/);
  });
});
