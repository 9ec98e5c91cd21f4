/**
 * @jest-environment node
 */
import { pairTotals, scoreEvents, SeriesInput } from '../../engine';
import { SequentialOptions } from '../../engine/sequential';
import { createHttpClient } from '../../http/createHttpClient';
import { readPrometheus } from '../../metrics/readPrometheus';
import { RunningPrometheus, startPrometheus } from '../../metrics/testing/startPrometheus';
import { fetchTransport } from '../fetchTransport';
import { GATE_EXIT } from './gateExitCode';
import { canaryScenarios, LATE_START } from './testing/canaryScenarios';
import { MINUTE } from './testing/gateScenarios';
import { assertBuilt, runCli } from './testing/runCli';

// The gate judging like a canary, against a real Prometheus backfilled with request and error
// counters by service and version (see canaryScenarios).

jest.setTimeout(60_000);

let prometheus: RunningPrometheus;
let deployAt: number;

beforeAll(async () => {
  assertBuilt();
  const scenarios = canaryScenarios(Date.now());
  deployAt = scenarios.deployAt;
  prometheus = await startPrometheus(scenarios.series);
});

afterAll(async () => {
  await prometheus?.stop();
});

const iso = (ms: number) => new Date(ms).toISOString();
const rate = (metric: string, service: string, by: string) => `sum by (${by}) (rate(${metric}{service="${service}"}[5m]))`;

/** The errors paired with their requests over the range and step a gate's report says it read, as the gate reads them. */
async function readAsTheGate(data: { from: number; to: number; stepMs: number }, queries: string[], totalQueries: string[]): Promise<SeriesInput[]> {
  const client = createHttpClient({ baseUrl: prometheus.url, providerName: 'Prometheus', transport: fetchTransport({}) });
  const range = { client, start: data.from, end: data.to, stepMs: data.stepMs, versionLabels: ['version'] };
  const [errors, totals] = await Promise.all([readPrometheus({ ...range, queries }), readPrometheus({ ...range, queries: totalQueries })]);
  if (!errors.ok || !totals.ok) {
    throw new Error('reading the test Prometheus failed');
  }
  return pairTotals(errors.series, totals.series).series;
}

/** The gate 31 minutes after the deploy (the impact window has passed), JSON report. */
function gate(service: string, by: string, extra: string[]) {
  return runCli([
    'gate',
    '--prometheus',
    prometheus.url,
    '--query',
    rate('http_errors_total', service, by),
    '--deploy-time',
    iso(deployAt),
    '--service',
    service,
    '--now',
    iso(deployAt + 31 * MINUTE),
    '--format',
    'json',
    ...extra,
  ]);
}

describe('safedeploy gate judging like a canary, against a real Prometheus', () => {
  it('passes a deploy during a threefold traffic surge when --total-query gives the requests', async () => {
    const run = await gate('shop', 'service', ['--total-query', rate('http_requests_total', 'shop', 'service')]);
    expect(run.code).toBe(GATE_EXIT.pass);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('healthy');
    expect(report.comparison).toBe('before_after');
    expect(report.reasons.join('; ')).toMatch(/errors rose with traffic: \{service="shop"\} (2\.\d+|3(\.\d+)?)x, requests (2\.\d+|3(\.\d+)?)x/);
    // The same errors without their requests look like harm: the requests are what tell.
    const counts = await gate('shop', 'service', []);
    expect(counts.code).toBe(GATE_EXIT.roll_back);
  });

  it('rolls back a new version with three times the old one\'s error ratio (exit 12)', async () => {
    const run = await gate('orders', 'service, version', ['--total-query', rate('http_requests_total', 'orders', 'service, version'), '--deploy-version', 'v2']);
    expect(run.code).toBe(GATE_EXIT.roll_back);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('roll_back');
    expect(report.comparison).toBe('versions');
    expect(report.versions).toMatchObject({ version: 'v2', others: ['v1'], errorRatio: true, worse: true });
    expect(report.versions.ratio).toBeGreaterThan(2);
    expect(report.reasons[0]).toMatch(/^new version worse than the others: v2 against v1 over the same 30 min: error ratio/);
  });

  it('rolls back a canary at three times the error ratio at the second minute of a gate polling each minute, on the samples read by then; without the sequential comparison the same reads are not rolled back (exit 12)', async () => {
    // checkout: v2 takes a fifth of 12,000 requests a minute at 3% against v1's 1%. Each minute
    // is one read (--wait 0), so what the gate read is what it judged: no wall clock involved.
    // Measured before the sequential comparison existed: not roll_back at 1, 2 and 3 minutes,
    // roll_back at 4 (the fixed-window comparison needs 4 samples a side).
    const query = rate('http_errors_total', 'checkout', 'service, version');
    const total = rate('http_requests_total', 'checkout', 'service, version');
    const at = (minutes: number) => gate('checkout', 'service, version', ['--total-query', total, '--deploy-version', 'v2', '--now', iso(deployAt + minutes * MINUTE), '--wait', '0']);
    const runs = await Promise.all([1, 2, 3].map(at));
    const reports = runs.map((r) => JSON.parse(r.stdout));
    expect(runs.map((r, k) => [r.code, reports[k].verdict])).toStrictEqual([
      [GATE_EXIT.pass, 'watch'],
      [GATE_EXIT.roll_back, 'roll_back'],
      [GATE_EXIT.roll_back, 'roll_back'],
    ]);
    const second = reports[1];
    // Decided on the read that ends two minutes after the deploy: v2's rate() has two samples then.
    expect([second.comparison, second.stoppedEarly, second.decidedAfterSamples, second.data.to - deployAt]).toStrictEqual(['versions', true, 2, 2 * MINUTE]);
    expect(second.reasons[0]).toMatch(/^decided after 2 samples: v2 against v1 at each time both served, [23](\.\d+)?x \(error ratio [\d.]+% vs [\d.]+%\); e-value .* \(anytime-valid sequential comparison/);
    // The same reads the gate made at minutes 2 and 3, scored as the gate scores them and with the
    // sequential test switched off (alpha 1e-300: a boundary near ln(1e300) = 691, out of reach of
    // 30 looks of samples clipped at 4 noise units, whose e-value stays under e^240): the
    // first reproduces the gate, the second shows the roll_back is the sequential comparison's.
    for (const report of reports.slice(1)) {
      const read = await readAsTheGate(report.data, [query], [total]);
      const judge = (sequential: Partial<SequentialOptions>) => scoreEvents(read, [{ time: deployAt, id: 'deploy', service: 'checkout', version: 'v2', kind: 'deploy' }], { now: report.data.to, sequential })[0];
      expect([judge({ settle: true }).verdict, judge({ settle: true }).decidedAfterSamples]).toStrictEqual([report.verdict, report.decidedAfterSamples]);
      expect(judge({ settle: true, alpha: 1e-300 }).verdict).not.toBe('roll_back');
    }
  });

  it('stops waiting as soon as the canary is decided: a gate started two minutes after the deploy ends at its first read, before --wait', async () => {
    // If the first read did not decide, the gate would read again a second later (--interval 1s)
    // on the same minutes and wait out --wait 3s: waitedOut, not stoppedEarly.
    const run = await gate('checkout', 'service, version', ['--total-query', rate('http_requests_total', 'checkout', 'service, version'), '--deploy-version', 'v2', '--now', iso(deployAt + 2 * MINUTE), '--wait', '3s', '--interval', '1s']);
    const report = JSON.parse(run.stdout);
    expect([run.code, report.verdict, report.stoppedEarly, report.waitedOut, report.decidedAfterSamples, report.data.to - deployAt]).toStrictEqual([GATE_EXIT.roll_back, 'roll_back', true, false, 2, 2 * MINUTE]);
    // One progress line per read: one read, and no next one announced.
    expect(run.stderr.split('\n').filter((line) => line.includes('verdict so far'))).toStrictEqual([expect.stringMatching(/verdict so far roll_back, [\dms]+ of the window left$/)]);
  });

  it('says the time a canary that first served three minutes after the deploy was decided: when the counted sample was taken, not samples × step', async () => {
    // payments: as checkout, but v2 first reports three minutes after the deploy, and rate()[5m]
    // needs two of its counter samples: the versions first both serve a minute after that.
    const run = (minutes: number, format: string) =>
      gate('payments', 'service, version', ['--total-query', rate('http_requests_total', 'payments', 'service, version'), '--deploy-version', 'v2', '--now', iso(deployAt + minutes * MINUTE), '--wait', '0', '--format', format]);
    const [json, table] = await Promise.all([run(6, 'json'), run(6, 'table')]);
    const report = JSON.parse(json.stdout);
    expect([json.code, report.verdict, report.comparison]).toStrictEqual([GATE_EXIT.roll_back, 'roll_back', 'versions']);
    const n = report.decidedAfterSamples;
    expect(report.decidedAfterMs).toBe(LATE_START + MINUTE + (n - 1) * MINUTE);
    expect(report.decidedAfterMs).not.toBe(n * MINUTE);
    const minutes = report.decidedAfterMs / MINUTE;
    expect(table.stdout).toMatch(new RegExp(`^decided +roll_back, decided after ${n} samples \\(${minutes}m00s after the deploy\\)$`, 'm'));
  });

  it('does not roll back an equally good canary at any minute of the first ten', async () => {
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, k) => gate('catalog', 'service, version', ['--total-query', rate('http_requests_total', 'catalog', 'service, version'), '--deploy-version', 'v2', '--now', iso(deployAt + (k + 1) * MINUTE), '--wait', '0']))
    );
    expect(runs.map((r) => JSON.parse(r.stdout).verdict)).not.toContain('roll_back');
  });

  it('does not roll back when both versions rise together, and says the old one rose the same', async () => {
    const run = await gate('billing', 'service, version', ['--total-query', rate('http_requests_total', 'billing', 'service, version'), '--deploy-version', 'v2']);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).not.toBe('roll_back');
    expect(run.code).not.toBe(GATE_EXIT.roll_back);
    expect(report.comparison).toBe('versions');
    expect(report.reasons[0]).toMatch(/not the deploy: the other versions rose the same/);
  });

  it('does not roll back a rise both versions share at any minute of the first ten, while the comparison still lacks samples', async () => {
    // billing: both versions rise alike at the deploy. In the first minutes too few samples a
    // side can be compared, and before/after alone sees the rise: the gate waits for the
    // version comparison instead of blaming the deploy.
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, k) => gate('billing', 'service, version', ['--total-query', rate('http_requests_total', 'billing', 'service, version'), '--deploy-version', 'v2', '--now', iso(deployAt + (k + 1) * MINUTE), '--wait', '0']))
    );
    const reports = runs.map((r) => JSON.parse(r.stdout));
    expect(reports.map((r) => r.verdict)).not.toContain('roll_back');
    expect(runs.map((r) => r.code)).not.toContain(GATE_EXIT.roll_back);
    expect(reports.map((r) => r.comparison)).toStrictEqual(Array(10).fill('versions'));
  });

  it('rolls back a full cutover to a v2 at three times the error ratio, judging the whole service (exit 12)', async () => {
    const run = await gate('cart', 'service, version', ['--total-query', rate('http_requests_total', 'cart', 'service, version'), '--deploy-version', 'v2']);
    const report = JSON.parse(run.stdout);
    expect([run.code, report.verdict, report.comparison]).toStrictEqual([GATE_EXIT.roll_back, 'roll_back', 'service']);
    expect(report.reasons[0]).toMatch(/^judged as the whole service before\/after \(cart \(all versions\) error ratio: errors summed over its versions over requests summed\): version against version not possible: the other versions stopped serving/);
  });

  it('fails a bad full cutover by the fourth minute of a gate polling each minute, and never a good one during a surge', async () => {
    // rate()[5m] keeps the old version's series for minutes after it stopped, so in the first
    // minutes both versions look served: the comparison is pending, then the version
    // comparison decides (measured: cart roll_back from minute 3; search never roll_back).
    const poll = (service: string) =>
      Promise.all(Array.from({ length: 8 }, (_, k) => gate(service, 'service, version', ['--total-query', rate('http_requests_total', service, 'service, version'), '--deploy-version', 'v2', '--now', iso(deployAt + (k + 1) * MINUTE), '--wait', '0'])));
    const [cart, search] = await Promise.all([poll('cart'), poll('search')]);
    const first = cart.findIndex((r) => JSON.parse(r.stdout).verdict === 'roll_back') + 1;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(4);
    expect(search.map((r) => JSON.parse(r.stdout).verdict)).not.toContain('roll_back');
  });

  it('passes a full cutover during a threefold traffic surge at a steady error ratio (exit 0)', async () => {
    const run = await gate('search', 'service, version', ['--total-query', rate('http_requests_total', 'search', 'service, version'), '--deploy-version', 'v2']);
    const report = JSON.parse(run.stdout);
    expect([run.code, report.verdict, report.comparison]).toStrictEqual([GATE_EXIT.pass, 'healthy', 'service']);
  });

  it('fails closed on a deploy with no data after it (exit 13), saying what to change; --fail-on roll_back lets it pass', async () => {
    const run = await gate('ghost', 'service', ['--total-query', rate('http_requests_total', 'ghost', 'service')]);
    const report = JSON.parse(run.stdout);
    expect([run.code, report.verdict]).toStrictEqual([GATE_EXIT.insufficient_data, 'insufficient_data']);
    expect(report.reasons.at(-1)).toMatch(/^the gate fails closed \(exit 13\) on a deploy it could not judge\. To judge it: .*--wait.*--step.*--query/);
    const lenient = await gate('ghost', 'service', ['--total-query', rate('http_requests_total', 'ghost', 'service'), '--fail-on', 'roll_back']);
    expect(lenient.code).toBe(GATE_EXIT.pass);
  });

  it('shows which comparison judged the deploy in the table report', async () => {
    const run = await gate('orders', 'service, version', ['--total-query', rate('http_requests_total', 'orders', 'service, version'), '--deploy-version', 'v2', '--format', 'table']);
    expect(run.stdout).toMatch(/judged by\s+version against version: v2 against v1 over the same 30 min: error ratio \d/);
  });

  describe('edge cases', () => {
    it('rejects --deploy-version without --deploy-time, saying where the version comes from', async () => {
      const run = await runCli(['gate', '--prometheus', prometheus.url, '--query', 'x', '--provider', 'github', '--url', 'https://api.github.com', '--scope', 'o/r', '--deploy-version', 'v2']);
      expect(run.code).toBe(GATE_EXIT.usage);
      expect(run.stderr).toMatch(/--deploy-version goes with --deploy-time/);
    });
  });
});
