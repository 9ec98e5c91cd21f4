/**
 * @jest-environment node
 */
// gate --act --rollout through the built command line: a deploy the real Prometheus shows
// harmful (checkout, errors three times their level) is judged roll_back, and the gate aborts
// the Argo Rollouts rollout on a Kubernetes API shaped from the Rollout CRD, with the acting
// token only; a second run finds it aborted and sends nothing.
import fs from 'fs';
import path from 'path';

import { rolloutsApi } from '../../act/testing/describedApis';
import { ActionApi, startActionApi } from '../../act/testing/startActionApi';
import { RunningPrometheus, startPrometheus } from '../../metrics/testing/startPrometheus';
import { ACT_EXIT } from './act';
import { assertBuilt, runCli } from './testing/runCli';
import { gateScenarios, MINUTE } from './testing/gateScenarios';

jest.setTimeout(60_000);

const K8S_TOKEN = 'k8s-sa-token-51d0';
// The fixture's rollout: stable ReplicaSet 877894d5b, the update rolling out 65fb5ffc84.
const JUDGED_HASH = '65fb5ffc84';
const STABLE_HASH = '877894d5b';
let prometheus: RunningPrometheus;
let kubernetes: ActionApi;
let rollout: Record<string, unknown>;
let deployAt: number;

beforeAll(async () => {
  assertBuilt();
  const scenarios = gateScenarios(Date.now());
  deployAt = scenarios.deployAt;
  prometheus = await startPrometheus(scenarios.series.filter((s) => s.metric === 'http_errors' && ['checkout', 'catalog'].includes(s.labels.service)));
  const { _comment, ...fixture } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'act', 'testing', 'fixtures', 'argo_rollout_canary.json'), 'utf8'));
  const api = rolloutsApi(fixture, { statusSubresource: true });
  rollout = api.rollout;
  kubernetes = await startActionApi({ authorization: `Bearer ${K8S_TOKEN}` }, api.handle);
});

afterAll(async () => {
  await prometheus?.stop();
  await kubernetes?.close();
});

/** The gate on `service`'s deploy; `version` is what it deployed (--deploy-version), none when null. */
function gate(service: string, version: string | null = JUDGED_HASH) {
  return runCli(
    [
      'gate', '--prometheus', prometheus.url, '--query', `http_errors{service="${service}"}`,
      '--deploy-time', new Date(deployAt).toISOString(), '--service', service, ...(version === null ? [] : ['--deploy-version', version]),
      '--now', new Date(deployAt + 31 * MINUTE).toISOString(), '--wait', '0',
      '--act', '--rollout', 'jesse-test/canary-demo', '--rollout-url', kubernetes.url, '--act-token-env', 'K8S_TOKEN',
      '--format', 'json',
    ],
    { K8S_TOKEN }
  );
}

describe('gate --act --rollout', () => {
  it('a healthy deploy leaves the rollout alone and says why', async () => {
    const run = await gate('catalog');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/no action: the verdict is healthy/);
    expect(JSON.parse(run.stdout).action).toStrictEqual({ outcome: 'none', message: expect.stringMatching(/^no action: the verdict is healthy/) });
    expect(kubernetes.requests).toStrictEqual([]);
  });

  it('a rollout now rolling out another deploy than the one judged is left alone: refused, said, exit 12', async () => {
    // The deploy judged is the one now stable; the update in progress is a newer deploy, not judged.
    const run = await gate('checkout', STABLE_HASH);
    expect(run.code).toBe(12);
    expect(run.stderr).toMatch(/no action: not aborting rollout jesse-test\/canary-demo: it is now rolling out pod template 65fb5ffc84 \(image argoproj\/rollouts-demo:does-not-exist\), not the judged deploy \(877894d5b\)/);
    expect(JSON.parse(run.stdout).action.outcome).toBe('refused');
    expect(kubernetes.writes()).toStrictEqual([]);
  });

  it('a deploy that names no version is not tied to the rollout: refused, said, exit 12', async () => {
    const run = await gate('checkout', null);
    expect(run.code).toBe(12);
    expect(run.stderr).toMatch(/no action: not aborting rollout jesse-test\/canary-demo: the judged deploy names no version .*--deploy-version/);
    expect(kubernetes.writes()).toStrictEqual([]);
  });

  it('roll_back aborts the rollout with the merge patch on its status, exit 20; a second run sends nothing', async () => {
    const run = await gate('checkout');
    expect(run.stderr).toMatch(/acted: aborted rollout jesse-test\/canary-demo; Argo Rollouts confirms it, [\d.]+ s after the verdict \(exit 20\)/);
    expect(run.code).toBe(ACT_EXIT.acted);
    // The report carries what was done with the verdict, as said on stderr.
    const report = JSON.parse(run.stdout);
    expect([report.verdict, report.action.outcome]).toStrictEqual(['roll_back', 'acted']);
    expect(report.action.message).toMatch(/^acted: aborted rollout jesse-test\/canary-demo; .*\(exit 20\)\.$/);
    expect((rollout.status as Record<string, unknown>).abort).toBe(true);
    expect(kubernetes.writes().map((r) => [r.method, r.url, r.contentType, r.authorization])).toStrictEqual([
      ['PATCH', '/apis/argoproj.io/v1alpha1/namespaces/jesse-test/rollouts/canary-demo/status', 'application/merge-patch+json', `Bearer ${K8S_TOKEN}`],
    ]);
    expect(run.stdout + run.stderr).not.toContain(K8S_TOKEN);

    const again = await gate('checkout');
    expect(again.stderr).toContain('no action: rollout jesse-test/canary-demo is already aborted; nothing to do.');
    expect(again.code).toBe(12);
    expect(JSON.parse(again.stdout).action.outcome).toBe('already_done');
    expect(kubernetes.writes()).toHaveLength(1);
  });
});
