/**
 * @jest-environment node
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';

import { startFakeGitHub } from '../../../preview/demo/fakeGitHub.mjs';
import { scoreEvents, Verdict } from '../../engine';
import { RunningPrometheus, startPrometheus } from '../../metrics/testing/startPrometheus';
import { GeneratedSeries } from '../../metrics/testing/toOpenMetrics';
import { DEFAULT_SCORING_SETTINGS, toEngineOptions } from '../../frames/toEngineOptions';
import { main } from '../main';
import { readEventsFile, readSeriesFile } from '../readInputs';
import { GATE_EXIT } from './gateExitCode';
import { assertBuilt, CliRun, runCli } from './testing/runCli';
import { FLOOD_SERIES, gateScenarios, MINUTE } from './testing/gateScenarios';

jest.setTimeout(60_000);

let prometheus: RunningPrometheus;
let deployAt: number;
let dir: string;
let catalog: GeneratedSeries;

beforeAll(async () => {
  assertBuilt();
  const scenarios = gateScenarios(Date.now());
  deployAt = scenarios.deployAt;
  catalog = scenarios.series[0];
  prometheus = await startPrometheus(scenarios.series);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-gate-'));
});

afterAll(async () => {
  await prometheus?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const iso = (ms: number) => new Date(ms).toISOString();

const runs = new Map<string, Promise<CliRun>>();

/**
 * The gate for one service, judged 31 minutes after the deploy: the impact window has
 * passed. Runs with the same arguments are made once and shared (the comparison with score
 * reuses the scenarios' runs), which keeps the suite short.
 */
function gate(
  query: string,
  service: string,
  extra: string[] = [],
  env: Record<string, string> = {},
  onStderr?: (s: string) => void
) {
  const args = [
    'gate',
    '--prometheus',
    prometheus.url,
    '--query',
    query,
    '--deploy-time',
    iso(deployAt),
    '--service',
    service,
    '--now',
    iso(deployAt + 31 * MINUTE),
    '--format',
    'json',
    ...extra,
  ];
  const key = JSON.stringify([args, env]);
  if (onStderr || !runs.has(key)) {
    runs.set(key, runCli(args, env, onStderr));
  }
  return runs.get(key)!;
}

describe('safedeploy gate against a real Prometheus', () => {
  it('passes a healthy deploy with exit 0 after one read, since the window has passed', async () => {
    const run = await gate('http_errors{service="catalog"}', 'catalog');
    expect(run.code).toBe(GATE_EXIT.pass);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ verdict: 'healthy', exitCode: 0, fails: false, complete: true, metricsError: null });
    expect(report.data.series).toBe(1);
    expect(report.data.stepMs).toBe(MINUTE);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('keeps its JSON report parseable when the token is a word JSON itself uses (null)', async () => {
    const run = await gate('http_errors{service="catalog"}', 'catalog', ['--token-env', 'PROMETHEUS_TOKEN'], { PROMETHEUS_TOKEN: 'null' });
    expect(run.code).toBe(GATE_EXIT.pass);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ verdict: 'healthy', metricsError: null });
  });

  it('fails a persisting step with the roll_back code and says how big the spike is', async () => {
    const run = await gate('http_errors{service="checkout"}', 'checkout');
    expect(run.code).toBe(GATE_EXIT.roll_back);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('roll_back');
    expect(report.spike.ratio).toBeGreaterThan(2.5);
    expect(report.spike.series).toBe('http_errors{service="checkout"}');
    expect(report.reasons[0]).toMatch(/checkout.*baseline/);
  });

  it('stops early with roll_back when the evidence is large and sure five minutes in', async () => {
    // --wait 5s: a gate that did not stop at its first read waits out (and says so) rather than
    // polling on the wall clock until jest's timeout.
    const run = await gate('http_errors{service="checkout"}', 'checkout', [
      '--now',
      iso(deployAt + 6 * MINUTE),
      '--interval',
      '1s',
      '--wait',
      '5s',
    ]);
    expect(run.code).toBe(GATE_EXIT.roll_back);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ verdict: 'roll_back', stoppedEarly: true, waitedOut: false, complete: false, action: null });
    // The sequential test crossed after two samples of the threefold step, the deploy's own and
    // the next: the report says so, and that the second was taken a minute after the deploy.
    expect([report.decidedAfterSamples, report.decidedAfterMs]).toStrictEqual([2, MINUTE]);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('counts from the first sample after a deploy that falls between samples, and says when the deciding one was taken', async () => {
    const run = await gate('http_errors{service="checkout"}', 'checkout', ['--deploy-time', iso(deployAt + 30_000), '--now', iso(deployAt + 6 * MINUTE), '--interval', '1s', '--wait', '5s']);
    const report = JSON.parse(run.stdout);
    expect([run.code, report.verdict]).toStrictEqual([GATE_EXIT.roll_back, 'roll_back']);
    // The first sample since the deploy is 30 s after it; n samples end n − 1 minutes later.
    expect(report.decidedAfterMs).toBe(30_000 + (report.decidedAfterSamples - 1) * MINUTE);
  });

  it('passes an effect-free deploy on a quiet series as soon as the sequential test rules out a large harm, before --wait (exit 0)', async () => {
    // Twelve minutes in, one read: every judged series ruled out a large harmful change from the
    // first sample ten minutes after the deploy (settleAfterMs; one-minute samples, the deploy's
    // own the first), so the gate stops there rather than at 30 minutes.
    const run = await gate('http_errors{service="catalog"}', 'catalog', ['--now', iso(deployAt + 12 * MINUTE), '--interval', '1s', '--wait', '5s', '--format', 'json']);
    expect(run.code).toBe(GATE_EXIT.pass);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ verdict: 'healthy', stoppedEarly: true, complete: false, waitedOut: false });
    expect(report.settledAfterSamples).toBeGreaterThanOrEqual(11);
    expect(report.settledAfterSamples).toBeLessThanOrEqual(13);
    // The deploy is on the step grid: its own sample is the first of those counted.
    expect(report.settledAfterMs).toBe((report.settledAfterSamples - 1) * MINUTE);
    expect(report.reasons[0]).toMatch(/^settled after \d+ samples: every series ruled out a large harmful change/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const table = await gate('http_errors{service="catalog"}', 'catalog', ['--now', iso(deployAt + 12 * MINUTE), '--interval', '1s', '--wait', '5s', '--format', 'table']);
    expect(table.stdout).toMatch(new RegExp(`^decided +healthy, settled after ${report.settledAfterSamples} samples \\(${report.settledAfterSamples - 1}m00s after the deploy\\)$`, 'm'));
    // Five minutes in, nothing settles yet: a rollout's harm may still be on its way.
    const early = await gate('http_errors{service="catalog"}', 'catalog', ['--now', iso(deployAt + 5 * MINUTE), '--wait', '0', '--format', 'json']);
    expect(JSON.parse(early.stdout).settledAfterSamples ?? null).toBeNull();
  });

  it('never passes a persisting threefold step early, at any minute of the first ten', async () => {
    const runs = await Promise.all(Array.from({ length: 10 }, (_, k) => gate('http_errors{service="checkout"}', 'checkout', ['--now', iso(deployAt + (k + 1) * MINUTE), '--wait', '0'])));
    expect(runs.map((r) => JSON.parse(r.stdout).verdict)).not.toContain('healthy');
  });

  it('fails closed when an error code appears with the deploy, naming the series and what to change in the query (exit 13)', async () => {
    // billing's 500s stay flat; a 503 series, first seen at the deploy, runs at thirty times
    // them. Judged on the 500s alone the deploy was healthy, and the gate passed it.
    const run = await gate('http_errors{service="billing"}', 'billing');
    expect(run.code).toBe(GATE_EXIT[Verdict.InsufficientData]);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('insufficient_data');
    expect(report.reasons[0]).toMatch(/^not every series could be judged: http_errors\{[^}]*code="503"[^}]*\} has data since the event but too little before it to compare; .*sum without \(code\)/);
    expect(report.reasons[report.reasons.length - 1]).toMatch(/the first reason says which series and what to change in --query/);
    expect(report.reasons.join(' ')).not.toMatch(/--step/);
  });

  it('calls a spike that recovers fix_forward, which fails only when --fail-on names it', async () => {
    const passing = await gate('http_errors{service="search"}', 'search');
    expect(JSON.parse(passing.stdout).verdict).toBe('fix_forward');
    expect(passing.code).toBe(GATE_EXIT.pass);
    const failing = await gate('http_errors{service="search"}', 'search', ['--fail-on', 'roll_back,fix_forward']);
    expect(failing.code).toBe(GATE_EXIT.fix_forward);
    expect(JSON.parse(failing.stdout).spike.recovered).toBe(true);
  });

  it('rolls back a deploy of cart that breaks payments, naming the other service', async () => {
    const run = await gate('http_errors{service=~"cart|payments"}', 'cart');
    expect(run.code).toBe(GATE_EXIT.roll_back);
    const report = JSON.parse(run.stdout);
    expect(report.reasons[0]).toMatch(/^broke another service: http_errors\{service="payments"\}/);
    expect(report.spike.service).toBe('payments');
  });

  it('polls once per interval until the window has passed, one progress line per poll and no carriage return', async () => {
    // An hour of history is too little for the sequential test to calibrate on, so it cannot
    // rule out a large harm early and the gate reads until the window has passed.
    const run = await gate('http_errors{service="catalog"}', 'catalog', [
      '--history',
      '1h',
      '--now',
      iso(deployAt + 30 * MINUTE - 2500),
      '--interval',
      '1s',
      '--format',
      'table',
    ]);
    expect(run.code).toBe(GATE_EXIT.pass);
    const lines = run.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBeLessThanOrEqual(5);
    for (const line of lines) {
      expect(line).toMatch(
        /^safedeploy gate: \d+s: \d+ samples, ratio [\d.]+x, verdict so far (healthy|watch), \d+s of the window left/
      );
    }
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).toMatch(/^verdict +healthy: passes \(exit 0\)$/m);
  });

  it('keeps the data read and says so once, with the could-not-read code, when Prometheus stops mid-wait', async () => {
    const own = await startPrometheus([catalog]);
    let stopping: Promise<void> | null = null;
    const run = await runCli(
      [
        'gate',
        '--prometheus',
        own.url,
        '--query',
        'http_errors',
        '--deploy-time',
        iso(deployAt),
        '--service',
        'catalog',
        '--now',
        iso(deployAt + 20 * MINUTE),
        // Too little history to settle early (as above): the gate keeps reading until Prometheus stops.
        '--history',
        '1h',
        '--interval',
        '1s',
        '--timeout',
        '2s',
        '--format',
        'json',
      ],
      {},
      (sofar) => {
        if (!stopping && sofar.includes('samples')) {
          stopping = own.stop();
        }
      }
    );
    await (stopping ?? own.stop());
    expect(run.code).toBe(GATE_EXIT.metricsUnreadable);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('watch');
    // The hour before the deploy and the 20 minutes after it.
    expect(report.data.samples).toBeGreaterThan(60);
    expect(report.metricsError).toMatch(/Could not reach Prometheus/);
    const all = run.stdout + run.stderr;
    expect(run.stderr.match(/could not read metrics/g)).toHaveLength(1);
    expect(run.stderr.match(/data read up to/g)).toHaveLength(1);
    expect(all).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('prints a markdown summary for a CI job, with the dashboard link around the deploy', async () => {
    const run = await gate('http_errors{service="checkout"}', 'checkout', [
      '--format',
      'markdown',
      '--grafana-url',
      'https://grafana.example.com/d/abc/svc?var-service={service}&from={from}&to={to}',
    ]);
    expect(run.stdout).toMatch(/^### SafeDeploy gate: roll\\_back$/m);
    expect(run.stdout).toContain(
      `[open in Grafana](https://grafana.example.com/d/abc/svc?var-service=checkout&from=${deployAt - 60 * MINUTE}&to=${deployAt + 90 * MINUTE})`
    );
    expect(run.stdout).toMatch(/^\| verdict \| roll\\_back: fails the pipeline \(exit 12\) \|$/m);
  });

  it('fills {service} in the dashboard link also when the link leaves the time range to the gate', async () => {
    const run = await gate('http_errors{service="checkout"}', 'checkout', ['--format', 'json', '--grafana-url', 'https://grafana.example.com/d/abc/svc?var-service={service}']);
    expect(JSON.parse(run.stdout).grafanaUrl).toBe(`https://grafana.example.com/d/abc/svc?var-service=checkout&from=${deployAt - 60 * MINUTE}&to=${deployAt + 90 * MINUTE}`);
  });
});

describe('safedeploy gate finding the deploy through a CI/CD provider', () => {
  it('judges the newest successful GitHub deployment, read with the events flags and the provider token', async () => {
    const providerToken = 'ghp_providertoken0123456789';
    const deployment = (id: number, createdAt: number, state: string) => ({
      id,
      sha: String(id).repeat(40),
      ref: `v${id}`,
      environment: 'production',
      createdAt: createdAt - 2 * MINUTE,
      statuses: [{ id, state, createdAt }],
    });
    const github = await startFakeGitHub({
      token: providerToken,
      repos: {
        'shop/checkout': [
          deployment(1, deployAt - 3 * 60 * MINUTE, 'success'),
          deployment(2, deployAt, 'success'),
          deployment(3, deployAt + 5 * MINUTE, 'failure'),
        ],
      },
    });
    try {
      const args = [
        '--provider',
        'github',
        '--url',
        github.url,
        '--scope',
        'shop/checkout',
        '--environment',
        'production',
        '--from',
        iso(deployAt - 6 * 60 * MINUTE),
      ];
      const run = await runCli(
        [
          'gate',
          '--prometheus',
          prometheus.url,
          '--query',
          'http_errors{service="checkout"}',
          ...args,
          '--provider-token-env',
          'GH',
          '--now',
          iso(deployAt + 31 * MINUTE),
          '--format',
          'json',
        ],
        { GH: providerToken }
      );
      expect(run.code).toBe(GATE_EXIT.roll_back);
      const report = JSON.parse(run.stdout);
      expect(report.deploy).toMatchObject({ time: deployAt, service: 'checkout', from: 'github' });
      expect(github.stats.authorization).toContain(`Bearer ${providerToken}`);
      expect(run.stdout + run.stderr).not.toContain(providerToken);
      // the gate needs the deploy only: no request for the pull requests deploys shipped
      expect(github.stats.graphqlRequests).toBeGreaterThan(0);
      expect(github.stats.shippedPullsRequests).toBe(0);

      const none = await runCli(
        [
          'gate',
          '--prometheus',
          prometheus.url,
          '--query',
          'up',
          ...args,
          '--from',
          iso(deployAt + 10 * MINUTE),
          '--provider-token-env',
          'GH',
          '--now',
          iso(deployAt + 31 * MINUTE),
          '--format',
          'json',
        ],
        { GH: providerToken }
      );
      expect(none.code).toBe(GATE_EXIT.deployUnknown);
      expect(none.stderr).toMatch(
        /^safedeploy gate: no deploy in shop\/checkout from .*: check --scope, --environment, --service and --from, or give --deploy-time\n$/
      );
      // A pipeline parsing stdout gets the report's head and the reason, not an empty stdout.
      const noneReport = JSON.parse(none.stdout);
      expect(noneReport).toMatchObject({ verdict: null, exitCode: GATE_EXIT.deployUnknown, fails: true, partial: false, deploy: null });
      expect(noneReport.deployError).toMatch(/^no deploy in shop\/checkout from /);
    } finally {
      await github.close();
    }
  });
});

describe('the gate agrees with score and the panel', () => {
  /** The data the gate read, exported from Prometheus as a series file for `safedeploy score`. */
  async function exportSeries(query: string, data: { from: number; to: number; stepMs: number }, file: string) {
    const url = `${prometheus.url}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${data.from / 1000}&end=${data.to / 1000}&step=${data.stepMs / 1000}`;
    const body = await (await fetch(url)).json();
    const rows = body.data.result[0].values.map(([t, v]: [number, string]) => `${t * 1000},${v}`);
    fs.writeFileSync(file, ['timestamp,value', ...rows].join('\n'));
  }

  it.each([
    ['catalog', 'healthy'],
    ['checkout', 'roll_back'],
    ['search', 'fix_forward'],
  ])('gives %s the verdict and score that score and the panel give on the same data (%s)', async (service, verdict) => {
    const query = `http_errors{service="${service}"}`;
    const gated = JSON.parse((await gate(query, service)).stdout);
    const series = path.join(dir, `${service}.csv`);
    const events = path.join(dir, `${service}-events.json`);
    await exportSeries(query, gated.data, series);
    fs.writeFileSync(events, JSON.stringify([{ time: deployAt, service, id: 'deploy', kind: 'deploy' }]));
    const scored = await runCli(['score', '--series', series, '--events', events, '--format', 'json']);
    expect(scored.code).toBe(0);
    const [result] = JSON.parse(scored.stdout).events;
    expect(gated.verdict).toBe(verdict);
    expect({ verdict: result.verdict, score: result.score, severity: result.severity }).toStrictEqual({
      verdict: gated.verdict,
      score: gated.score,
      severity: gated.severity,
    });
    // The panel scores with its default options, as a fresh panel on a dashboard does.
    const [panel] = scoreEvents([readSeriesFile(series)], readEventsFile(events), toEngineOptions(DEFAULT_SCORING_SETTINGS));
    expect({ verdict: panel.verdict, score: panel.score }).toStrictEqual({
      verdict: gated.verdict,
      score: gated.score,
    });
  });
});

describe('safedeploy gate with bad input', () => {
  const secret = 'prom-secret-token-8d1f0c';

  it.each([
    [
      'invalid PromQL',
      'rate(http_errors[5m]',
      /query rate\(http_errors\[5m\]: Prometheus returned 400 .*parse error.*check the PromQL given to --query/,
    ],
    [
      'an empty result',
      'http_errors{service="nope"}',
      /returned no series between .* check the metric name and labels/,
    ],
    [
      '10,000 series',
      'flood',
      new RegExp(`returned ${FLOOD_SERIES} series, more than the 500 the gate reads: aggregate it`),
    ],
  ])('%s: one line naming cause and fix, exit 3, token never shown', async (_name, query, message) => {
    // Two hours of history keep Prometheus's work on 10,000 series short.
    const result = await gate(query, 'catalog', ['--token-env', 'PROM_TOKEN', '--history', '2h'], {
      PROM_TOKEN: secret,
    });
    expect(result.code).toBe(GATE_EXIT.metricsUnreadable);
    const errors = result.stderr.split('\n').filter((l) => l.includes('could not read metrics'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('reads NaN and +Inf samples as gaps, says so once, and still judges the deploy', async () => {
    const run = await gate('http_errors{service="ledger"}', 'ledger', [
      '--interval',
      '1s',
      '--now',
      iso(deployAt + 30 * MINUTE - 1500),
    ]);
    expect(run.code).toBe(GATE_EXIT.pass);
    expect(JSON.parse(run.stdout).verdict).toBe('healthy');
    expect(run.stderr.match(/NaN or infinite samples were read as gaps/g)).toHaveLength(1);
  });

  it('names a refused connection and a server that never answers', async () => {
    const hanging = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const port = (hanging.address() as { port: number }).port;
    try {
      const slow = await runCli(
        [
          'gate',
          '--prometheus',
          `http://127.0.0.1:${port}`,
          '--query',
          'up',
          '--deploy-time',
          'now-1h',
          '--service',
          'a',
          '--timeout',
          '1s',
        ],
        { TOKEN: secret },
        undefined
      );
      expect(slow.code).toBe(GATE_EXIT.metricsUnreadable);
      expect(slow.stderr).toMatch(
        /^safedeploy gate: could not read metrics: query up: Prometheus did not answer \/api\/v1\/query_range within 1 s .*: raise --timeout, or narrow the query or --history \(exit 3\)$/m
      );
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
    const refused = await runCli(
      [
        'gate',
        '--prometheus',
        `http://127.0.0.1:${port}`,
        '--query',
        'up',
        '--deploy-time',
        'now-1h',
        '--service',
        'a',
        '--basic-auth-env',
        'AUTH',
      ],
      { AUTH: `admin:${secret}` }
    );
    expect(refused.code).toBe(GATE_EXIT.metricsUnreadable);
    expect(refused.stderr).toMatch(
      /the connection was refused .*: check --prometheus and that the server is up \(exit 3\)$/m
    );
    expect(refused.stdout + refused.stderr).not.toContain(secret);
  });

  it("answers a wrong base URL with Prometheus's 404 and the fix", async () => {
    const run = await runCli([
      'gate',
      '--prometheus',
      `${prometheus.url}/prometheus`,
      '--query',
      'up',
      '--deploy-time',
      iso(deployAt),
      '--service',
      'a',
    ]);
    expect(run.code).toBe(GATE_EXIT.metricsUnreadable);
    expect(run.stderr).toMatch(/Prometheus returned 404 .*check --prometheus/);
  });

  it('prints its flags and exit codes for --help and exits 0', async () => {
    let stdout = '';
    const code = await main(['gate', '--help'], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: {},
      now: Date.now,
    });
    expect(code).toBe(GATE_EXIT.pass);
    expect(stdout).toMatch(/--prometheus URL --query PROMQL/);
    expect(stdout).toMatch(/12 roll_back/);
  });

  it.each([
    [['--query', 'up', '--deploy-time', 'now', '--service', 'a'], /--prometheus must be/],
    [['--prometheus', 'http://127.0.0.1:1', '--deploy-time', 'now', '--service', 'a'], /--query PROMQL is required/],
    [
      ['--prometheus', 'http://127.0.0.1:1', '--query', 'up', '--deploy-time', 'now'],
      /--service is required with --deploy-time/,
    ],
    [
      [
        '--prometheus',
        'http://127.0.0.1:1',
        '--query',
        'up',
        '--deploy-time',
        'now',
        '--service',
        'a',
        '--fail-on',
        'healthy',
      ],
      /healthy never fails/,
    ],
    [
      [
        '--prometheus',
        'http://127.0.0.1:1',
        '--query',
        'up',
        '--deploy-time',
        'now',
        '--service',
        'a',
        '--token-env',
        'MISSING',
      ],
      /MISSING named by --token-env is empty or unset/,
    ],
    [
      ['--prometheus', 'http://127.0.0.1:1', '--query', 'up', '--scope', 'octo/app'],
      /--scope reads deploy events and needs --provider/,
    ],
  ])('exits 2 on usage errors: %j', async (args, message) => {
    // In process: nothing is read, so the built command line adds only its start-up time.
    let stderr = '';
    const code = await main(['gate', ...args], {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      env: {},
      now: Date.now,
    });
    expect(code).toBe(GATE_EXIT.usage);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
