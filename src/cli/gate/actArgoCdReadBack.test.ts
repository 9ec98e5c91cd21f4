/**
 * @jest-environment node
 */
// gate --act on an Argo CD sync judged roll_back: Argo CD accepts the rollback and runs it as an
// operation afterwards, so the answer to the request says only "accepted". The gate reads the
// application back until the operation ends or --deadline comes, and its exit status and report
// say which: succeeded (20), failed (21, Argo CD's message), still running (22).
import fs from 'fs';
import path from 'path';

import { ArgoCdStep, argoCdApi } from '../../act/testing/describedApis';
import { ActionApi, startActionApi } from '../../act/testing/startActionApi';
import { Verdict } from '../../engine';
import { EventSource } from '../../events/types';
import { createScrubber } from '../../http/createScrubber';
import { ACT_EXIT, actOnVerdict, OPERATION_READ_INTERVAL_MS } from './act';
import { gateCommand } from './gateCommand';
import { FakeGrafana, startFakeGrafanaAnnotations } from './testing/startFakeGrafanaAnnotations';

const TOKEN = 'argocd-token-5b1f0e';
const NEW_REVISION = '4b1e0c5d9a7f3e2b1c0d9e8f7a6b5c4d3e2f1a0b';
/**
 * gitops-engine's message when resources fail to apply (pkg/sync/sync_context.go,
 * executeSyncFailPhase: `<message>, reason: <task messages>`); the task's message is CONSTRUCTED.
 */
const APPLY_FAILED = 'one or more objects failed to apply, reason: Deployment.apps "test-lla" is invalid: spec.template.spec.containers[0].image: Required value';

/**
 * tests/fixtures/ci/argocd/application_get_full.json (a real Application, ids 14 to 23, one
 * revision) with the judged sync, 23, deploying another revision: CONSTRUCTED change.
 */
function application(): Record<string, unknown> {
  const app = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'ci', 'argocd', 'application_get_full.json'), 'utf8'));
  app.status.history[app.status.history.length - 1].revision = NEW_REVISION;
  return app;
}

describe('gate --act reads an Argo CD rollback back', () => {
  let api: ActionApi;
  let grafana: FakeGrafana | undefined;
  let lines: string[];
  let clock: number;

  afterEach(async () => {
    await api.close();
    await grafana?.close();
    grafana = undefined;
  });

  /** Rolls back sync 23 against an Argo CD whose controller takes `steps`, on a clock that only the gate's waits move. */
  async function rollBack(steps: ArgoCdStep[], more: { failure?: string; deadlineMs?: number; annotate?: boolean; failedReads?: number } = {}) {
    const argo = argoCdApi(application(), { steps, failure: more.failure });
    let sent = false;
    let failedReads = more.failedReads ?? 0;
    api = await startActionApi({ authorization: `Bearer ${TOKEN}` }, (req) => {
      sent ||= req.method === 'POST';
      // A read back that the API server answers with an error (grpc-gateway's shape; CONSTRUCTED text).
      if (sent && req.method === 'GET' && failedReads-- > 0) {
        return { status: 500, body: { error: 'etcdserver: request timed out', code: 13, message: 'etcdserver: request timed out' } };
      }
      return argo.handle(req);
    });
    if (more.annotate) {
      grafana = await startFakeGrafanaAnnotations({ token: 'grafana-sa' });
    }
    lines = [];
    clock = 1_765_000_000_000;
    const acted = await actOnVerdict({
      act: { dryRun: false, token: TOKEN },
      verdict: Verdict.RollBack,
      event: { time: clock - 1_800_000, id: 'argocd:velero-test:23', kind: 'deploy', service: 'velero' },
      from: { source: EventSource.ArgoCD, url: api.url, scope: 'velero-test' },
      reasons: ['errors 4x since the deploy'],
      annotate: grafana ? { grafana: grafana.url, token: 'grafana-sa', required: false } : undefined,
      timeoutMs: 5_000,
      deadlineMs: more.deadlineMs,
      redact: createScrubber([TOKEN]),
      say: (line) => lines.push(line),
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
    });
    const requests = api.requests.map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname}`);
    return { ...acted, argo, requests };
  }

  it('exits 20 only once Argo CD reports the rollback Succeeded, and says its message', async () => {
    const run = await rollBack(['Pending', 'Running', 'Succeeded']);
    expect(run.exitCode).toBe(ACT_EXIT.acted);
    expect(run.action.outcome).toBe('acted');
    expect(run.action.operation).toStrictEqual({ state: 'succeeded', phase: 'Succeeded', message: 'successfully synced (all tasks run)' });
    // The read that decides, the rollback, then three reads back, OPERATION_READ_INTERVAL_MS apart.
    expect(run.requests).toStrictEqual([
      'GET /api/v1/applications/velero-test',
      'POST /api/v1/applications/velero-test/rollback',
      ...Array(3).fill('GET /api/v1/applications/velero-test'),
    ]);
    expect(clock - 1_765_000_000_000).toBe(2 * OPERATION_READ_INTERVAL_MS);
    expect(lines).toStrictEqual([run.action.message]);
    expect(lines[0]).toMatch(/^acted: rolled Argo CD application velero-test back to the sync before history 23; Argo CD accepted the request; its operation Succeeded: successfully synced \(all tasks run\), 10\.00 s after the verdict \(exit 20\)\.$/);
  });

  it.each(['Failed', 'Error'] as const)('a rollback Argo CD accepted and then ended %s exits 21, not 20, with Argo CD\'s message, said once', async (phase) => {
    const run = await rollBack(['Running', phase], { failure: APPLY_FAILED, annotate: true });
    expect(run.exitCode).toBe(ACT_EXIT.actionFailed);
    expect(run.action.outcome).toBe('failed');
    expect(run.action.operation).toStrictEqual({ state: 'failed', phase, message: APPLY_FAILED });
    expect(lines).toStrictEqual([
      `action failed: could not roll Argo CD application velero-test back to the sync before history 23: Argo CD accepted the request, but its operation ended ${phase}: ${APPLY_FAILED}; the change is not undone, check it in Argo CD (exit 21).`,
    ]);
    // Nothing was restored: no "rolled back by SafeDeploy" annotation.
    expect(grafana!.annotations).toStrictEqual([]);
  });

  it('still running when --deadline comes exits 22: accepted, not known to be undone; it stops reading at the deadline', async () => {
    const run = await rollBack(['Running'], { deadlineMs: 20_000, annotate: true });
    expect(run.exitCode).toBe(ACT_EXIT.stillRunning);
    expect(run.action.outcome).toBe('running');
    expect(run.action.operation).toStrictEqual({ state: 'running', phase: 'Running', message: '' });
    expect(clock - 1_765_000_000_000).toBe(20_000);
    // Reads at 0, 5, 10, 15 and 20 s after the verdict, none after.
    expect(run.requests.filter((r) => r.startsWith('GET'))).toHaveLength(1 + 20_000 / OPERATION_READ_INTERVAL_MS);
    expect(lines[0]).toMatch(/^acted, not seen to end: .*Argo CD accepted the request, but its operation was still running when the deadline came \(Running\); check it in Argo CD, 20\.00 s after the verdict \(exit 22\)\.$/);
    // The rollback was sent and accepted: it is written beside the verdict.
    expect(grafana!.annotations.map((a) => [a.tags, a.text])).toStrictEqual([
      [['safedeploy', 'service:velero', 'action:argocd_application'], 'rollback started (not seen to end) by SafeDeploy: errors 4x since the deploy'],
    ]);
    expect(lines).toStrictEqual([run.action.message, 'created Grafana annotation 1 with the action']);
  });

  describe('edge cases', () => {
    it('an answer from before the rollback (the API server\'s cache) is not taken for its end: the old Succeeded is not ours', async () => {
      const run = await rollBack(['Stale', 'Stale', 'Succeeded']);
      expect(run.exitCode).toBe(ACT_EXIT.acted);
      expect(run.requests.filter((r) => r.startsWith('GET'))).toHaveLength(4);
      expect(run.argo.app.status).toMatchObject({ operationState: { phase: 'Succeeded', operation: { sync: { revision: 'ea8759964626a583667a2bfd08f334ec2070040a' } } } });
    });

    it('a rollback requested and never started reads as pending at the deadline, exit 22', async () => {
      const run = await rollBack(['Pending'], { deadlineMs: 10_000 });
      expect(run.exitCode).toBe(ACT_EXIT.stillRunning);
      expect(run.action.operation).toStrictEqual({ state: 'pending', phase: '', message: 'requested; Argo CD has not started it' });
      expect(lines[0]).toMatch(/its operation was still pending when the deadline came; check it in Argo CD/);
    });

    it('a read back that fails is tried again at the next interval: the operation runs on unwatched', async () => {
      const run = await rollBack(['Succeeded'], { failedReads: 1 });
      expect(run.exitCode).toBe(ACT_EXIT.acted);
      expect(run.requests.filter((r) => r.startsWith('GET'))).toHaveLength(3);
    });

    it('reads that fail until the deadline end as not seen (exit 22), saying the last read failed', async () => {
      const run = await rollBack(['Succeeded'], { failedReads: 100, deadlineMs: 10_000 });
      expect(run.exitCode).toBe(ACT_EXIT.stillRunning);
      expect(run.action.operation).toStrictEqual({ state: 'pending', phase: '', message: '' });
      expect(lines[0]).toMatch(/its operation was still pending when the deadline came; the last read failed \(.*500.*\); check it in Argo CD/);
    });

    it('reads back within the deadline only: with no time left, nothing is read after the rollback', async () => {
      const run = await rollBack(['Running'], { deadlineMs: 0 });
      expect(run.exitCode).toBe(ACT_EXIT.stillRunning);
      expect(run.requests).toStrictEqual(['GET /api/v1/applications/velero-test', 'POST /api/v1/applications/velero-test/rollback']);
    });
  });
});

describe('gate --act --provider argocd, end to end', () => {
  const MINUTE = 60_000;
  /** When sync 23 of the fixture deployed (its history entry's deployedAt). */
  const DEPLOYED_AT = Date.parse('2024-03-05T07:33:04Z');
  let prometheus: ActionApi;
  let argocd: ActionApi;
  afterEach(async () => {
    await prometheus.close();
    await argocd.close();
  });

  /** The service's errors, noisy around 10 a minute, four times that from the deploy on (a Prometheus range answer). */
  function errorsAt(tMs: number): number {
    const x = Math.sin((tMs / MINUTE) * 12.9898) * 43758.5453;
    const base = 10 + (x - Math.floor(x) - 0.5);
    return tMs >= DEPLOYED_AT ? base * 4 : base;
  }

  it.each([
    [['Running', 'Failed'] as ArgoCdStep[], ACT_EXIT.actionFailed, { outcome: 'failed', operation: { state: 'failed', phase: 'Failed', message: APPLY_FAILED } }, 5_000],
    [['Running'] as ArgoCdStep[], ACT_EXIT.stillRunning, { outcome: 'running', operation: { state: 'running', phase: 'Running', message: '' } }, 30_000],
  ])('--format json reports the rollback read back as action.operation (%j), exit %i, reading no longer than --deadline 30s', async (steps, exit, action, readFor) => {
    prometheus = await startActionApi({ authorization: '' }, (req) => {
      const url = new URL(req.url, 'http://x');
      const [start, end, step] = ['start', 'end', 'step'].map((key) => Number(url.searchParams.get(key)) * 1000);
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end; t += step) {
        values.push([t / 1000, String(errorsAt(t))]);
      }
      return { status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: { service: 'velero' }, values }] } } };
    });
    argocd = await startActionApi({ authorization: `Bearer ${TOKEN}` }, argoCdApi(application(), { steps, failure: APPLY_FAILED }).handle);
    let clock = 0;
    const out: string[] = [];
    const err: string[] = [];
    const code = await gateCommand(
      ['--prometheus', prometheus.url, '--query', 'errors', '--provider', 'argocd', '--url', argocd.url, '--scope', 'velero-test', '--service', 'velero',
        '--from', new Date(DEPLOYED_AT - 60 * MINUTE).toISOString(), '--provider-token-env', 'ARGOCD_TOKEN', '--act', '--deadline', '30s',
        '--wait', '0', '--history', '1d', '--now', new Date(DEPLOYED_AT + 45 * MINUTE).toISOString(), '--format', 'json'],
      { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { ARGOCD_TOKEN: TOKEN }, now: () => clock, sleep: async (ms) => void (clock += ms) }
    );
    const report = JSON.parse(out.join(''));
    expect(report.verdict).toBe('roll_back');
    expect([code, report.exitCode, report.fails]).toStrictEqual([exit, exit, true]);
    expect(report.action).toMatchObject(action);
    expect(clock).toBe(readFor);
    expect(err.join('').split('\n').filter((line) => line.includes(report.action.message))).toHaveLength(1);
    expect(err.join('')).not.toContain(TOKEN);
  });
});
