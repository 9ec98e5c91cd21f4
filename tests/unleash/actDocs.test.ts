/**
 * @jest-environment node
 */
// The acting snippets of docs/ci.md, run as written against the real Unleash server and the
// real Prometheus: each gets a fresh server with the flag turned on and the service's errors
// tripled from that minute, and must turn the flag off (exit 20). The command line is the
// package tarball installed as a pipeline's npx installs it (`npm run package` makes it).
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

import { ACT_EXIT } from '../../src/cli/gate/act';
import { RunningPrometheus, startPrometheus } from '../../src/metrics/testing/startPrometheus';
import { InstalledCli, installPackedCli } from '../package/installPackedCli';
import { CLI_PACKAGE, VERSION } from '../package/release';
import { adminCall, docSnippet, enabledInEnvironments, errors, MINUTE } from './actScenario';
import { RealUnleash, startUnleash } from './startUnleash';

jest.setTimeout(300_000);

const DOC = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'ci.md'), 'utf8');
const FLAG = 'semantic-search';

let cli: InstalledCli;
beforeAll(() => {
  cli = installPackedCli();
});
afterAll(() => cli?.remove());

function shell(command: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(['GitHub Actions: turn the flag off', 'GitLab CI: guard a flag rollout', 'Kubernetes CronJob: guard every flag change'])('docs/ci.md "%s"', (heading) => {
  let unleash: RealUnleash;
  let prometheus: RunningPrometheus;
  let turnedOnAt: number;

  beforeAll(async () => {
    unleash = await startUnleash();
    const feature = `/api/admin/projects/default/features/${FLAG}`;
    await adminCall(unleash, 'POST', '/api/admin/projects/default/features', { name: FLAG, type: 'release' });
    await adminCall(unleash, 'POST', `${feature}/environments/production/strategies`, { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'default', groupId: FLAG } });
    await adminCall(unleash, 'POST', `${feature}/environments/production/on`);
    turnedOnAt = Date.now();
    // The snippets' query sums rates of counters by service: the errors as a counter.
    const search = errors('search', turnedOnAt, 3, 1);
    let total = 0;
    search.values = search.values.map((v) => (total += v * 60));
    prometheus = await startPrometheus([{ ...search, metric: 'http_errors_total' }]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await unleash?.stop();
  });

  it('turns the flag off in production and says so (exit 20)', async () => {
    const pinned = `${CLI_PACKAGE}@${VERSION}`;
    const command = docSnippet(DOC, heading, pinned).replace(`npx --yes ${pinned}`, JSON.stringify(cli.bin));
    // The fixed now goes on the safedeploy command itself, before any shell that follows it (`; status=$?...`).
    const [safedeploy, ...after] = command.split(';');
    const run = await shell([`${safedeploy} --now ${new Date(turnedOnAt + 15 * MINUTE).toISOString()}`, ...after].join(';'), {
      PROMETHEUS_URL: prometheus.url,
      UNLEASH_URL: unleash.url,
      UNLEASH_TOKEN: unleash.token,
    });
    expect(run.stderr).toMatch(new RegExp(`acted: turned flag ${FLAG} off in production \\(project default\\); Unleash confirms it`));
    expect(run.code).toBe(20);
    expect(run.stdout + run.stderr).not.toContain(unleash.token.split('.')[1]);
    expect((await enabledInEnvironments(unleash, FLAG)).production).toBe(false);
  });
});

it('docs/ci.md documents every exit status of acting', () => {
  for (const code of Object.values(ACT_EXIT)) {
    expect(DOC).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  }
});
