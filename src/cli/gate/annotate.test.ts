/**
 * @jest-environment node
 */
import { DEFAULT_IMPACT_OPTIONS } from '../../engine';
import { RunningPrometheus, startPrometheus } from '../../metrics/testing/startPrometheus';
import { GATE_EXIT } from './gateExitCode';
import { assertBuilt, runCli } from './testing/runCli';
import { gateScenarios, MINUTE } from './testing/gateScenarios';
import { FakeGrafana, startFakeGrafanaAnnotations } from './testing/startFakeGrafanaAnnotations';
import { annotationHtmlToText } from '../../events/annotationHtml';

jest.setTimeout(60_000);

/** A service account token that appears nowhere but in the gate's environment and the server. */
const TOKEN = 'glsa_annotateTestToken0123456789abcdef_0a1b2c3d';

let prometheus: RunningPrometheus;
let deployAt: number;
const servers: FakeGrafana[] = [];

beforeAll(async () => {
  assertBuilt();
  const scenarios = gateScenarios(Date.now());
  deployAt = scenarios.deployAt;
  prometheus = await startPrometheus(scenarios.series);
});

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(servers.map((s) => s.close()));
});

async function grafana(options: { failWith?: number; redirectTo?: string } = {}): Promise<FakeGrafana> {
  const server = await startFakeGrafanaAnnotations({ token: TOKEN, ...options });
  servers.push(server);
  return server;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The gate for checkout (a persisting spike: roll_back once the window has passed), judged `at` after the deploy. */
function gate(grafanaUrl: string, at: number, extra: string[] = []) {
  return runCli(
    [
      'gate',
      '--prometheus',
      prometheus.url,
      '--query',
      'http_errors{service="checkout"}',
      '--deploy-time',
      iso(deployAt),
      '--service',
      'checkout',
      '--now',
      iso(deployAt + at),
      '--wait',
      '0s',
      '--format',
      'json',
      '--annotate',
      '--grafana-url',
      grafanaUrl,
      '--grafana-token-env',
      'GRAFANA_TOKEN',
      ...extra,
    ],
    { GRAFANA_TOKEN: TOKEN, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'shop/checkout', GITHUB_RUN_ID: '4242' }
  );
}

describe('safedeploy gate --annotate against a Grafana-shaped annotations API', () => {
  it('leaves exactly one annotation for a deploy judged twice, with the final verdict', async () => {
    const server = await grafana();
    const early = await gate(`${server.url}/d/checkout/checkout?from={from}&to={to}`, 2 * MINUTE);
    const final = await gate(server.url, 31 * MINUTE);
    expect(final.code).toBe(GATE_EXIT.roll_back);
    expect(JSON.parse(final.stdout).verdict).toBe('roll_back');
    expect(server.annotations).toHaveLength(1);
    const [annotation] = server.annotations;
    expect(annotation.time).toBe(deployAt);
    expect(annotation.timeEnd).toBe(deployAt + DEFAULT_IMPACT_OPTIONS.afterMs);
    expect(annotation.tags).toStrictEqual(['safedeploy', 'service:checkout', 'verdict:roll_back']);
    // Grafana shows the text as HTML: read back as text, it is what the gate wrote.
    const text = annotationHtmlToText(annotation.text);
    expect(annotation.text.replace(/<br \/>/g, '')).not.toMatch(/["<>\n]/);
    expect(text).toMatch(/^SafeDeploy gate: roll_back for checkout\n.*baseline.*\nspike [\d.]+x on http_errors\{service="checkout"\}/);
    expect(text).toContain('CI run: https://github.com/shop/checkout/actions/runs/4242');
    expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toStrictEqual([
      'GET /api/annotations',
      'POST /api/annotations',
      'GET /api/annotations',
      'PATCH /api/annotations/1',
    ]);
    expect(early.stderr).toMatch(/created Grafana annotation 1 with the verdict \w+/);
    expect(final.stderr).toMatch(/updated Grafana annotation 1 with the verdict roll_back/);
    for (const run of [early, final]) {
      expect(run.stdout + run.stderr).not.toContain(TOKEN);
    }
  });

  it('sends the token to Grafana only, and on a redirect elsewhere says so once and keeps the exit status', async () => {
    const elsewhere = await grafana();
    const server = await grafana({ redirectTo: elsewhere.url });
    const run = await gate(server.url, 31 * MINUTE);
    expect(run.code).toBe(GATE_EXIT.roll_back);
    expect(server.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(elsewhere.requests).toStrictEqual([]);
    expect(run.stderr.match(/could not annotate Grafana/g)).toHaveLength(1);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('keeps the verdict\'s exit status when Grafana fails, saying so once; --annotate-required makes it exit 5', async () => {
    const server = await grafana({ failWith: 500 });
    const run = await gate(server.url, 31 * MINUTE);
    expect(run.code).toBe(GATE_EXIT.roll_back);
    expect(run.stderr.match(/could not annotate Grafana: .*500/g)).toHaveLength(1);
    const required = await gate(server.url, 31 * MINUTE, ['--annotate-required']);
    expect(required.code).toBe(GATE_EXIT.annotateFailed);
    expect(required.stderr).toMatch(/could not annotate Grafana: .*\(exit 5, --annotate-required\)/);
    // The report says the status the process exits with: pipelines branch on it.
    expect(JSON.parse(run.stdout)).toMatchObject({ exitCode: GATE_EXIT.roll_back, fails: true });
    expect(JSON.parse(required.stdout)).toMatchObject({ verdict: 'roll_back', exitCode: GATE_EXIT.annotateFailed, fails: true });
  });

  it('pins the annotation to one dashboard with --dashboard-uid', async () => {
    const server = await grafana();
    await gate(server.url, 31 * MINUTE, ['--dashboard-uid', 'checkout-slo']);
    expect(server.annotations.map((a) => a.dashboardUID)).toStrictEqual(['checkout-slo']);
    expect(server.requests[0].url).toContain('dashboardUID=checkout-slo');
    // Another job's verdict for the same deploy, for the whole organisation: its own annotation, the pinned one left as it was.
    await gate(server.url, 31 * MINUTE);
    expect(server.annotations.map((a) => a.dashboardUID ?? '')).toStrictEqual(['checkout-slo', '']);
  });

  describe('edge cases', () => {
    it.each([
      [['--annotate'], /--annotate needs --grafana-url/],
      [['--annotate', '--grafana-url', 'http://g.invalid'], /--annotate needs --grafana-token-env/],
      [['--dashboard-uid', 'x'], /--dashboard-uid only applies with --annotate/],
      [['--annotate', '--grafana-url', 'http://g.invalid', '--grafana-token-env', 'UNSET'], /UNSET named by --grafana-token-env is empty or unset/],
    ])('refuses %j with a usage error that names the fix', async (flags, message) => {
      const run = await runCli(['gate', '--prometheus', prometheus.url, '--query', 'up', '--deploy-time', 'now', '--service', 'x', ...flags], {});
      expect(run.code).toBe(GATE_EXIT.usage);
      expect(run.stderr).toMatch(message);
    });
  });
});
