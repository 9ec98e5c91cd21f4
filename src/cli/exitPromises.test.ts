/**
 * @jest-environment node
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { assertBuilt, runCli } from './gate/testing/runCli';
import { MAX_EVENT_DEPTH } from './score/refuseDeepEvents';
import { Loopback, serveLoopback } from './testing/serveLoopback';

/**
 * The built command line held to its documented exit statuses on inputs past what it
 * expected: events nested thousands of levels deep, bad inputs that used to print notes
 * before their one line, and a Grafana annotation required of a gate whose metrics could not
 * be read. Event files and the Prometheus answer are CONSTRUCTED (the shapes of
 * `safedeploy events` output and of Prometheus's /api/v1/query_range error).
 */
// Each test starts a Node process; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5);
const DEPLOY_AT = T0 + 120 * MINUTE;
const open: Loopback[] = [];
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-exit-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});

function file(name: string, text: string): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, text);
  return full;
}

/** Four hours of a flat error count, a spike after the deploy: a series score reads with one note. */
const series = () =>
  file('errors.csv', ['timestamp,value', ...Array.from({ length: 240 }, (_, i) => `${T0 + i * MINUTE},${i >= 120 ? 50 : 10 + (i % 3)}`)].join('\n'));

/** One deploy whose `payload` nests `levels` objects deep (the event itself is level 1). */
function deployNested(levels: number): string {
  const nested = '{"a":'.repeat(levels - 1) + '1' + '}'.repeat(levels - 1);
  return file(`nested-${levels}.json`, `[{"id":"d1","time":${DEPLOY_AT},"payload":${nested}}]`);
}

describe('score: a bad input is one line on stderr and exit 2', () => {
  it('refuses an event nested 5,000 levels deep with one line naming the event, instead of overflowing the stack', async () => {
    const events = deployNested(5_000);
    const run = await runCli(['score', '--series', series(), '--events', events]);
    expect(run).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `safedeploy: ${events}: event 1 nests deeper than ${MAX_EVENT_DEPTH} levels; events are flat records (time, id, service, ...): drop or flatten the deep field\n`,
    });
  });

  it(`scores an event nested ${MAX_EVENT_DEPTH} levels deep, and prints it whole`, async () => {
    const run = await runCli(['score', '--series', series(), '--events', deployNested(MAX_EVENT_DEPTH)]);
    expect(run.code).toBe(0);
    const [scored] = JSON.parse(run.stdout).events;
    expect(scored.verdict).not.toBe('not_scored');
    expect(JSON.stringify(scored.payload)).toBe('{"a":'.repeat(MAX_EVENT_DEPTH - 1) + '1' + '}'.repeat(MAX_EVENT_DEPTH - 1));
  });

  it(`refuses an event one level deeper than ${MAX_EVENT_DEPTH}`, async () => {
    const run = await runCli(['score', '--series', series(), '--events', deployNested(MAX_EVENT_DEPTH + 1)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/event 1 nests deeper than/);
  });

  it.each([
    ['an events file that is not there', (s: string) => ['--series', s, '--events', path.join(dir, 'missing.json')], /cannot read events file/],
    ['two series, the second unreadable', (s: string) => ['--series', s, '--series', file('bad.csv', 'when,how much\n1,2\n'), '--events', deployNested(2)], /no time column/],
    ['a --total file that is not there', (s: string) => ['--series', s, '--total', path.join(dir, 'missing.csv'), '--events', deployNested(2)], /cannot read series file/],
  ])('%s: the error alone, without the notes of the files read before it', async (_name, args, error) => {
    const run = await runCli(['score', ...args(series())]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(error);
  });

  it('still says its notes when it scores', async () => {
    const run = await runCli(['score', '--series', series(), '--events', deployNested(2)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^safedeploy: note: .*errors\.csv: time from column "timestamp", value from column "value"/);
  });
});

describe('gate --annotate-required when the metrics cannot be read', () => {
  it('keeps exit 3 (metrics unreadable) rather than 5 (annotation failed), and writes nothing to Grafana', async () => {
    const prometheus = await serveLoopback(() => ({ status: 500, body: { status: 'error', errorType: 'internal', error: 'storage unavailable' } }));
    const grafana = await serveLoopback(() => ({ status: 200, body: [] }));
    open.push(prometheus, grafana);
    const run = await runCli(
      ['gate', '--prometheus', prometheus.url, '--query', 'errors', '--deploy-time', 'now-40m', '--service', 'web', '--wait', '0', '--timeout', '2s']
        .concat(['--annotate', '--annotate-required', '--grafana-url', grafana.url, '--grafana-token-env', 'GRAFANA_TOKEN']),
      { GRAFANA_TOKEN: 'glsa_exitPromisesToken0123456789abcdef' }
    );
    expect(run.code).toBe(3);
    expect(run.stderr.match(/could not read metrics/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/no Grafana annotation written: there is no verdict/);
    expect(grafana.requests).toStrictEqual([]);
  });
});

describe("duration flags are bounded by what Node's timers hold", () => {
  const MAX = '24d20h31m23s647ms';
  const refusal = (flag: string, given: string) =>
    `safedeploy: --${flag} must be at most ${MAX} (2147483647 ms, about 24.8 days: the longest a Node.js timer waits); got ${given}\n`;
  /** An Unleash event search with nothing in it. */
  const emptyUnleash = async () => {
    const api = await serveLoopback(() => ({ status: 200, body: { events: [], total: 0 } }));
    open.push(api);
    return api;
  };
  const gate = (url: string) => ['gate', '--prometheus', url, '--query', 'errors', '--deploy-time', 'now-40m', '--service', 'web'];

  it.each([
    ['events', 'timeout', '25d'],
    ['events', 'deadline', '25d'],
    ['events', 'timeout', '2147483648ms'],
    ['gate', 'timeout', '25d'],
    ['gate', 'wait', '25d'],
    ['gate', 'interval', '600h'],
    ['gate', 'deadline', '4w'],
  ])('%s --%s %s is a usage error naming the flag and the maximum, before any request', async (command, flag, given) => {
    const api = await emptyUnleash();
    const args =
      command === 'events'
        ? ['events', '--provider', 'unleash', '--url', api.url, `--${flag}`, given]
        : flag === 'deadline'
          ? ['gate', '--prometheus', api.url, '--query', 'errors', '--provider', 'unleash', '--url', api.url, '--deadline', given]
          : [...gate(api.url), `--${flag}`, given];
    const run = await runCli(args);
    expect(run).toStrictEqual({ code: 2, stdout: '', stderr: refusal(flag, given) });
    expect(api.requests).toStrictEqual([]);
  });

  it(`takes --timeout and --deadline of exactly ${MAX}, with no TimeoutOverflowWarning`, async () => {
    const api = await emptyUnleash();
    const run = await runCli(['events', '--provider', 'unleash', '--url', api.url, '--timeout', MAX, '--deadline', MAX]);
    expect(run).toStrictEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(api.requests.length).toBeGreaterThan(0);
  });

  it('leaves spans of data unbounded: a 90-day SLO window and a 30-day --before are no timers', async () => {
    const ratio = file('ratio.csv', ['timestamp,value', ...Array.from({ length: 240 }, (_, i) => `${T0 + i * MINUTE},${i >= 120 ? 0.05 : 0.001}`)].join('\n'));
    const run = await runCli(['score', '--series', ratio, '--error-ratio', '--slo', '99.9', '--slo-window', '90d', '--before', '30d', '--events', deployNested(2)]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).events).toHaveLength(1);
  });
});
