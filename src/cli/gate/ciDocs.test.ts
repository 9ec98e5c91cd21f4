/**
 * @jest-environment node
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { InstalledCli, installPackedCli } from '../../../tests/package/installPackedCli';
import { VERSION } from '../../../tests/package/release';
import { RunningPrometheus, startPrometheus } from '../../metrics/testing/startPrometheus';
import { GATE_EXIT } from './gateExitCode';
import { canaryScenarios } from './testing/canaryScenarios';
import { asCounter, gateScenarios, MINUTE } from './testing/gateScenarios';

jest.setTimeout(120_000);

/** How every snippet runs the gate: the published package, pinned to this release. */
const PINNED_GATE = `npx --yes @safedeploy/cli@${VERSION} gate`;

const DOC = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'ci.md'), 'utf8');

let prometheus: RunningPrometheus;
let deployAt: number;
let dir: string;
let cli: InstalledCli;

beforeAll(async () => {
  // The snippets run through the package tarball installed into an empty folder, as a
  // pipeline's npx would install it, not through the checkout's bin/.
  cli = installPackedCli();
  const now = Date.now();
  const scenarios = gateScenarios(now);
  deployAt = scenarios.deployAt;
  // The progressive-delivery snippets' counters by service and version (same deploy time).
  const canary = canaryScenarios(now);
  // The snippets' query: 5xx counters of checkout (which the deploy breaks) and payments.
  const byService = (service: string) => scenarios.series.find((s) => s.labels.service === service)!;
  prometheus = await startPrometheus([
    asCounter(byService('checkout'), 'http_requests_total', { service: 'checkout', code: '500' }),
    asCounter(byService('catalog'), 'http_requests_total', { service: 'payments', code: '503' }),
    // Each version's counters also carry the Argo Rollouts pod template hash label, as the
    // Argo Rollouts snippet's relabeling keeps it (the hash named like the version here).
    ...canary.series.map((s) => ({ ...s, labels: { ...s.labels, rollouts_pod_template_hash: s.labels.version } })),
  ]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-ci-docs-'));
});

afterAll(async () => {
  await prometheus?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  cli?.remove();
});

/**
 * The gate's command line in the first fenced block of a section of docs/ci.md: from
 * `npx --yes @safedeploy/cli@VERSION gate` while lines continue with a backslash or, in a folded YAML
 * scalar, stay as deeply indented.
 */
function snippet(section: string): string {
  const body = DOC.split(/^## /m).find((s) => s.startsWith(section));
  const block = body && /```\w*\n([\s\S]*?)```/.exec(body)?.[1];
  if (!block) {
    throw new Error(`docs/ci.md has no fenced block under "## ${section}"`);
  }
  const lines = block.split('\n');
  const start = lines.findIndex((l) => l.includes(PINNED_GATE));
  if (start < 0) {
    throw new Error(`docs/ci.md "## ${section}" does not run the gate as \`${PINNED_GATE}\` (the version of package.json)`);
  }
  const indent = lines[start].search(/\S/);
  const command: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (i > start && (line.trim() === '' || line.search(/\S/) < indent)) {
      break;
    }
    command.push(line.trim().replace(/\s*\\$/, ''));
  }
  return command.join(' ');
}

function shell(
  command: string,
  env: Record<string, string>
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a snippet here: the installed package for npx, the test server for the URL, and a clock 31 minutes after the deploy. */
function runSnippet(section: string, env: Record<string, string>) {
  const command = snippet(section)
    .replace(PINNED_GATE, `${JSON.stringify(cli.bin)} gate`)
    .replace('${{ vars.PROMETHEUS_URL }}', prometheus.url);
  const now = new Date(deployAt + 31 * MINUTE).toISOString();
  return shell(`${command} --now ${now}`, {
    PROMETHEUS_URL: prometheus.url,
    PROMETHEUS_TOKEN: 'ci-docs-secret-token',
    ...env,
  });
}

describe('docs/ci.md snippets, run against a real Prometheus', () => {
  it('GitHub Actions: fails the job with the roll_back code and writes the job summary', async () => {
    const summary = path.join(dir, 'summary.md');
    const run = await runSnippet('GitHub Actions', {
      DEPLOY_TIME: new Date(deployAt).toISOString(),
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.stderr).toMatch(/verdict so far roll_back/);
    expect(run.code).toBe(GATE_EXIT.roll_back);
    const markdown = fs.readFileSync(summary, 'utf8');
    expect(markdown).toMatch(/^### SafeDeploy gate: roll\\_back$/m);
    expect(markdown).toContain(
      `(https://grafana.example.com/d/checkout?from=${deployAt - 60 * MINUTE}&to=${deployAt + 90 * MINUTE})`
    );
    expect(markdown + run.stderr).not.toContain('ci-docs-secret-token');
  });

  it('GitLab CI: reads the job start time and keeps the report as an artifact', async () => {
    const run = await runSnippet('GitLab CI', { CI_JOB_STARTED_AT: new Date(deployAt).toISOString() });
    expect(run.code).toBe(GATE_EXIT.roll_back);
    expect(fs.readFileSync(path.join(dir, 'gate.md'), 'utf8')).toMatch(/checkout/);
  });

  it('Jenkins: takes the deploy time the Deploy stage recorded and returns the status the pipeline branches on', async () => {
    const run = await runSnippet('Jenkins', { DEPLOY_TIME: new Date(deployAt).toISOString() });
    expect(run.code).toBe(GATE_EXIT.roll_back);
    expect(DOC).toContain(`status == ${GATE_EXIT.roll_back}`);
    expect(DOC).toContain(`status == ${GATE_EXIT.fix_forward}`);
    expect(run.stdout).toMatch(/^verdict +roll_back: fails the pipeline \(exit 12\)$/m);
  });

  it.each(['Argo Rollouts', 'Flagger'])('%s: the job fails with roll_back when the new version has three times the error ratio', async (section) => {
    const run = await runSnippet(section, { SERVICE: 'orders', DEPLOY_VERSION: 'v2', DEPLOY_TIME: new Date(deployAt).toISOString() });
    expect(run.code).toBe(GATE_EXIT.roll_back);
    expect(run.stdout).toMatch(/^judged by +version against version: v2 against v1 over the same 30 min: error ratio/m);
  });

  it.each(['Argo Rollouts', 'Flagger'])('%s: the same command passes a version that rose only with the others', async (section) => {
    const run = await runSnippet(section, { SERVICE: 'billing', DEPLOY_VERSION: 'v2', DEPLOY_TIME: new Date(deployAt).toISOString() });
    expect(run.code).toBe(GATE_EXIT.pass);
    expect(run.stdout).toMatch(/not the deploy: the other versions rose the same/);
  });

  it('documents every exit code the gate uses', () => {
    for (const code of new Set(Object.values(GATE_EXIT))) {
      expect(DOC).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
    }
  });
});
