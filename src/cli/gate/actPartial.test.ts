/**
 * @jest-environment node
 */
// gate --act when the metrics server answers in part: Thanos with partial_response (its
// default) answers 200 with the series of the stores that answered and a warning naming the
// one that did not. A verdict on such a read is not acted on; a query-engine annotation
// ("PromQL info: ...") is no loss of data and does not stop the action.
import { ActionApi, startActionApi } from '../../act/testing/startActionApi';
import { ACT_EXIT } from './act';
import { gateCommand } from './gateCommand';
import { GATE_EXIT } from './gateExitCode';

const TOKEN = '*:*.unleash-admin-token-abcdef';
const MINUTE = 60_000;
const CHANGE_AT = Date.UTC(2026, 0, 5, 10, 0);
/** Thanos's text when a store fails mid-stream (pkg/store/proxy_merge.go: `receive series from <store>: <err>`); the store address is CONSTRUCTED. */
const STORE_LOST = 'receive series from store-gw-2.monitoring.svc:10901: rpc error: code = Unavailable desc = connection error';
/** Prometheus's annotation for a counter-like name (util/annotations/annotations.go, PossibleNonCounterInfo), as the API returns it. */
const PROMQL_INFO = 'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "errs" (1:1)';

/** search's errors, noisy around 10 a minute, tripled from the flag change on. */
function errorsAt(tMs: number): number {
  const x = Math.sin((tMs / MINUTE) * 12.9898) * 43758.5453;
  const base = 10 + (x - Math.floor(x) - 0.5);
  return tMs >= CHANGE_AT ? base * 3 : base;
}

/** A Prometheus-compatible range answer over the asked range; `warningsFor(n)` gives the n-th read's warnings (from 1). */
function fakePrometheus(warningsFor: (read: number) => string[]): Promise<ActionApi> {
  let reads = 0;
  return startActionApi({ authorization: '' }, (req) => {
    const url = new URL(req.url, 'http://x');
    const [start, end, step] = ['start', 'end', 'step'].map((key) => Number(url.searchParams.get(key)) * 1000);
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end; t += step) {
      values.push([t / 1000, String(errorsAt(t))]);
    }
    const warnings = warningsFor(++reads);
    return {
      status: 200,
      body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: { service: 'search' }, values }] }, ...(warnings.length ? { warnings } : {}) },
    };
  });
}

/** Unleash with one change turning semantic-search on in production at CHANGE_AT, and the flag's state. */
function fakeUnleash(): Promise<ActionApi> {
  let enabled = true;
  const events = [{ id: 1, type: 'feature-environment-enabled', featureName: 'semantic-search', project: 'default', environment: 'production', createdAt: new Date(CHANGE_AT).toISOString(), createdBy: 'ana', data: {}, preData: null, tags: [] }];
  return startActionApi({ authorization: TOKEN }, (req) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/api/admin/search/events') {
      return { status: 200, body: { events, total: events.length } };
    }
    if (req.method === 'GET' && path === '/api/admin/projects/default/features/semantic-search') {
      return { status: 200, body: { name: 'semantic-search', environments: [{ name: 'production', enabled }] } };
    }
    if (req.method === 'POST' && path === '/api/admin/projects/default/features/semantic-search/environments/production/off') {
      enabled = false;
      return { status: 200, body: '' };
    }
    return { status: 404, body: {} };
  });
}

/** Runs `gate --act` at `now` with a clock that the gate's own waits move forward. */
async function gateAct(prometheus: ActionApi, unleash: ActionApi, now: number, wait: string) {
  let clock = 0;
  const out: string[] = [];
  const err: string[] = [];
  const code = await gateCommand(
    ['--prometheus', prometheus.url, '--query', 'errs', '--provider', 'unleash', '--url', unleash.url, '--scope', 'default', '--environment', 'production',
      '--service', 'search', '--provider-token-env', 'UT', '--act', '--wait', wait, '--history', '1d', '--now', new Date(now).toISOString(), '--format', 'json'],
    { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { UT: TOKEN }, now: () => clock, sleep: async (ms) => void (clock += ms) }
  );
  return { code, report: JSON.parse(out.join('')), stderr: err.join('').split('\n').filter(Boolean) };
}

describe('gate --act on an answer that may lack data', () => {
  let prometheus: ActionApi | undefined;
  let unleash: ActionApi | undefined;
  afterEach(async () => {
    await prometheus?.close();
    await unleash?.close();
  });

  it('does not act on a turn_off from a Thanos partial response, says so in one line, and exits 3', async () => {
    prometheus = await fakePrometheus(() => [STORE_LOST]);
    unleash = await fakeUnleash();
    const run = await gateAct(prometheus, unleash, CHANGE_AT + 45 * MINUTE, '0');
    expect(unleash.writes()).toStrictEqual([]);
    expect(run.code).toBe(GATE_EXIT.metricsUnreadable);
    expect(run.report.verdict).toBe('turn_off');
    expect(run.report.metricsError).toBe(`query errs may lack data: ${STORE_LOST}`);
    // The JSON says the verdict rests on lost data, for a pipeline that reads stdout only.
    expect([run.report.partial, run.report.exitCode]).toStrictEqual([true, GATE_EXIT.metricsUnreadable]);
    expect(run.report.action).toStrictEqual({ outcome: 'none', message: 'no action: the verdict turn_off rests on metrics read only in part; run again when they can be read.' });
    expect(run.stderr.filter((line) => /no action/.test(line))).toStrictEqual(['safedeploy gate: no action: the verdict turn_off rests on metrics read only in part; run again when they can be read.']);
    expect(run.stderr.filter((line) => /may lack data/.test(line))).toHaveLength(1);
    expect(run.stderr.join('\n')).not.toMatch(/^\s+at /m);
  });

  it('acts when the only warning is a PromQL annotation: it is no loss of data', async () => {
    prometheus = await fakePrometheus(() => [PROMQL_INFO]);
    unleash = await fakeUnleash();
    const run = await gateAct(prometheus, unleash, CHANGE_AT + 45 * MINUTE, '0');
    expect(run.code).toBe(ACT_EXIT.acted);
    expect(run.report.metricsError).toBeNull();
    expect(run.report.partial).toBe(false);
    expect(unleash.writes().map((w) => `${w.method} ${w.url}`)).toStrictEqual(['POST /api/admin/projects/default/features/semantic-search/environments/production/off']);
    expect(run.stderr).toContain(`safedeploy gate: Prometheus warned about query errs: ${PROMQL_INFO}`);
  });

  it('does not stop early on a read in part: it reads again, and acts on the whole read', async () => {
    prometheus = await fakePrometheus((read) => (read === 1 ? [STORE_LOST] : []));
    unleash = await fakeUnleash();
    const run = await gateAct(prometheus, unleash, CHANGE_AT + 8 * MINUTE, '30m');
    expect(prometheus.requests).toHaveLength(2);
    expect(run.code).toBe(ACT_EXIT.acted);
    expect(run.report.metricsError).toBeNull();
    expect(unleash.writes()).toHaveLength(1);
  });
});
