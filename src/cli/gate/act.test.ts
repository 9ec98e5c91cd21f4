/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';

import { argoCdApi, launchDarklyApi } from '../../act/testing/describedApis';
import { ActionApi, startActionApi } from '../../act/testing/startActionApi';
import { EngineEvent, Verdict } from '../../engine';
import { EventSource } from '../../events/types';
import { createScrubber } from '../../http/createScrubber';
import { UsageError } from '../readInputs';
import { ACT_EXIT, actAfterGate, actionSite, actOnVerdict, ActOptions } from './act';
import { GateArgs } from './parseGateArgs';
import { parseActArgs, parseFlagPick } from './parseActArgs';
import { FakeGrafana, startFakeGrafanaAnnotations } from './testing/startFakeGrafanaAnnotations';

const TOKEN = 'ld-api-9d2b77';
const FLAG_EVENT: EngineEvent = {
  time: 1_765_000_000_000,
  id: 'launchdarkly:abc',
  kind: 'flag',
  service: 'search',
  flagKey: 'semantic-search',
  environment: 'production',
  tags: ['project:shop', 'flag:semantic-search'],
};
const LD_FROM = { source: EventSource.LaunchDarkly, url: 'https://app.launchdarkly.com', scope: 'shop' };
const REASON = 'turn the flag off: search errors 3.2x since semantic-search was turned on in production';

describe('actionSite: what a verdict on an event undoes', () => {
  it.each([
    ['turn_off on a LaunchDarkly change turns that flag off in its environment and project', Verdict.TurnOff, FLAG_EVENT, LD_FROM, {}, { url: LD_FROM.url, source: 'launchdarkly', target: { kind: 'launchdarkly_flag', project: 'shop', flag: 'semantic-search', environment: 'production' } }],
    ['turn_off on an Unleash change without a project tag uses the scope', Verdict.TurnOff, { ...FLAG_EVENT, tags: [] }, { ...LD_FROM, source: EventSource.Unleash }, {}, { url: LD_FROM.url, source: 'unleash', target: { kind: 'unleash_flag', project: 'shop', flag: 'semantic-search', environment: 'production' } }],
    ['roll_back on an Argo CD sync rolls the application back before that history entry', Verdict.RollBack, { time: 1, id: 'argocd:guestbook:23', kind: 'deploy' }, { source: EventSource.ArgoCD, url: 'https://argocd.example.com', scope: 'apps/guestbook' }, {}, { url: 'https://argocd.example.com', source: 'argocd', target: { kind: 'argocd_application', name: 'guestbook', namespace: 'apps', historyId: 23 } }],
    ['roll_back with --rollout aborts that rollout, whatever read the deploy, naming the deploy judged', Verdict.RollBack, { time: 1, id: 'deploy', kind: 'deploy', version: 'v2.4.1', commit: '3f2a9c1e' }, null, { rollout: { namespace: 'prod', name: 'checkout', url: 'https://k8s.example.com' } }, { url: 'https://k8s.example.com', source: 'kubernetes', target: { kind: 'argo_rollout', namespace: 'prod', name: 'checkout', judged: { version: 'v2.4.1', commit: '3f2a9c1e' } } }],
  ])('%s', (_name, verdict, event, from, act, expected) => {
    expect(actionSite(verdict, event as EngineEvent, from, { dryRun: false, ...act })).toStrictEqual(expected);
  });

  it.each([
    ['a healthy verdict', Verdict.Healthy, FLAG_EVENT, LD_FROM, /the verdict is healthy/],
    ['fix_forward on a deploy', Verdict.FixForward, { time: 1, id: 'x', kind: 'deploy' }, null, /the verdict is fix_forward/],
    ['roll_back on a GitHub deploy', Verdict.RollBack, { time: 1, id: 'x', kind: 'deploy' }, { source: EventSource.GitHub, url: 'https://api.github.com', scope: 'o/r' }, /cannot undo by itself/],
    ['turn_off on a change with no environment', Verdict.TurnOff, { ...FLAG_EVENT, environment: '' }, LD_FROM, /names no environment/],
    // A running sync has no history entry: rolling back before the newest one would undo another sync.
    ['roll_back on an Argo CD sync still running when read', Verdict.RollBack, { time: 1, id: 'argocd:guestbook:operation:1700000000000', kind: 'deploy' }, { source: EventSource.ArgoCD, url: 'https://argocd.example.com', scope: 'guestbook' }, /still running when it was read/],
  ])('says why nothing is done for %s', (_name, verdict, event, from, why) => {
    expect(actionSite(verdict, event as EngineEvent, from, { dryRun: false })).toMatch(why);
  });

  it('leaves a flag alone that was changed again in the same environment after the change judged', () => {
    const later = { ...FLAG_EVENT, id: 'on-again', time: FLAG_EVENT.time + 3_600_000, toState: 'on' };
    const elsewhere = { ...later, id: 'staging', environment: 'staging' };
    expect(actionSite(Verdict.TurnOff, FLAG_EVENT as EngineEvent, LD_FROM, { dryRun: false }, [FLAG_EVENT, later] as EngineEvent[])).toMatch(
      /^semantic-search was changed again in production at .* \(on\), after the change judged: .* judge it instead/
    );
    // A change in another environment, or an earlier one, does not stop it.
    const earlier = { ...FLAG_EVENT, id: 'before', time: FLAG_EVENT.time - 60_000 };
    expect(actionSite(Verdict.TurnOff, FLAG_EVENT as EngineEvent, LD_FROM, { dryRun: false }, [earlier, FLAG_EVENT, elsewhere] as EngineEvent[])).toMatchObject({ target: { kind: 'launchdarkly_flag', environment: 'production' } });
  });
});

describe('parseActArgs', () => {
  const ld = { source: EventSource.LaunchDarkly, url: 'https://app.launchdarkly.com', scope: 'shop', range: { from: 0, to: 1 }, token: 'read-token' };

  it('takes the provider token unless --act-token-env names another', () => {
    expect(parseActArgs({ act: true, environment: 'production' }, {}, ld)).toStrictEqual({ dryRun: false, token: 'read-token', rollout: undefined });
    expect(parseActArgs({ act: true, environment: 'production', 'act-token-env': 'W' }, { W: 'writer' }, ld)?.token).toBe('writer');
    expect(parseActArgs({}, {}, ld)).toBeUndefined();
  });

  it.each([
    [{ 'act-token-env': 'W' }, ld, '--act-token-env only applies with --act'],
    [{ act: true, environment: 'production', 'act-token-env': 'W' }, ld, 'the environment variable W named by --act-token-env is empty or unset'],
    // Without it the newest change of any environment is judged and turned off there; an unset CI variable gives ''.
    [{ act: true }, ld, /--act on a flag change needs --environment ENV/],
    [{ 'dry-run': true, environment: '  ' }, { ...ld, source: EventSource.Unleash }, /--act on a flag change needs --environment ENV/],
    [{ act: true }, { ...ld, source: EventSource.GitHub }, /--act undoes a flag change/],
    [{ act: true, rollout: 'prod/checkout' }, null, /--rollout needs --rollout-url/],
    [{ act: true, rollout: 'Prod_x', 'rollout-url': 'https://k8s' }, null, /--rollout must be NAMESPACE\/NAME/],
    [{ act: true, rollout: 'prod/checkout', 'rollout-url': 'https://k8s' }, null, /--rollout needs --act-token-env/],
  ])('refuses %j with a message naming the flag', (values, events, message) => {
    expect(() => parseActArgs(values, {}, events)).toThrow(UsageError);
    expect(() => parseActArgs(values, {}, events)).toThrow(message);
  });

  it('--flag and --change-time go with a flag provider only', () => {
    const time = () => 42;
    expect(parseFlagPick({ flag: 'semantic-search', 'change-time': 'now' }, ld, time)).toStrictEqual({ flag: 'semantic-search', changeTime: 42 });
    expect(() => parseFlagPick({ flag: 'x' }, { ...ld, source: EventSource.ArgoCD }, time)).toThrow('--flag picks a flag change');
    expect(() => parseFlagPick({ 'change-time': 'now' }, null, time)).toThrow('--change-time picks a flag change');
  });
});

describe('actOnVerdict against LaunchDarkly and Argo CD shaped from their descriptions', () => {
  let api: ActionApi;
  let grafana: FakeGrafana | undefined;
  const lines: string[] = [];
  const flag = () => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'act', 'testing', 'fixtures', 'launchdarkly_flag_CONSTRUCTED.json'), 'utf8'));

  afterEach(async () => {
    lines.length = 0;
    await api?.close();
    await grafana?.close();
    grafana = undefined;
  });

  function options(overrides: Partial<ActOptions>): ActOptions {
    return {
      act: { dryRun: false, token: TOKEN },
      verdict: Verdict.TurnOff,
      event: FLAG_EVENT,
      from: { ...LD_FROM, url: api.url },
      reasons: [REASON],
      environment: 'production',
      timeoutMs: 5_000,
      redact: createScrubber([TOKEN]),
      say: (line) => lines.push(line),
      now: Date.now,
      ...overrides,
    };
  }

  it('turns the flag off, says so once with the seconds since the verdict, and writes the action to Grafana beside the verdict', async () => {
    const ld = launchDarklyApi('shop', flag());
    api = await startActionApi({ authorization: TOKEN }, ld.handle);
    grafana = await startFakeGrafanaAnnotations({ token: 'grafana-sa' });
    const { exitCode: code, action } = await actOnVerdict(options({ annotate: { grafana: grafana.url, token: 'grafana-sa', required: false } }));
    expect(code).toBe(ACT_EXIT.acted);
    expect(action).toStrictEqual({ outcome: 'acted', message: lines[0] });
    expect((ld.flag.environments as Record<string, { on: boolean }>).production.on).toBe(false);
    expect(lines[0]).toMatch(/^acted: turned flag semantic-search off in production \(project shop\); LaunchDarkly confirms it, [\d.]+ s after the verdict \(exit 20\)\.$/);
    expect(grafana.annotations.map((a) => [a.tags, a.text])).toStrictEqual([
      [['safedeploy', 'service:search', 'env:production', 'action:launchdarkly_flag'], 'turned off by SafeDeploy: search errors 3.2x since semantic-search was turned on in production'],
    ]);
  });

  it('--dry-run prints the read and the semantic patch with the token redacted, and sends nothing', async () => {
    api = await startActionApi({ authorization: TOKEN }, launchDarklyApi('shop', flag()).handle);
    const { exitCode: code, action } = await actOnVerdict(options({ act: { dryRun: true, token: TOKEN } }));
    expect(code).toBeNull();
    expect(action.outcome).toBe('dry_run');
    expect(api.requests).toStrictEqual([]);
    expect(lines).toStrictEqual([
      '--dry-run: would turn flag semantic-search off in production (project shop) (LaunchDarkly); nothing is sent. First the read, so a change already undone is left alone:',
      `  GET ${api.url}/api/v2/flags/shop/semantic-search?env=production`,
      '    Authorization: [redacted]',
      'then, if it still needs undoing:',
      `  PATCH ${api.url}/api/v2/flags/shop/semantic-search`,
      '    Authorization: [redacted]',
      '    Content-Type: application/json; domain-model=launchdarkly.semanticpatch',
      '    {"environmentKey":"production","comment":"Turned off by SafeDeploy","instructions":[{"kind":"turnFlagOff"}]}',
    ]);
  });

  it('an Argo CD application under auto-sync is refused, said once, with the verdict\'s exit kept', async () => {
    const app = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'ci', 'argocd', 'application_get_full.json'), 'utf8'));
    app.spec.syncPolicy.automated = { selfHeal: true };
    api = await startActionApi({ authorization: `Bearer ${TOKEN}` }, argoCdApi(app).handle);
    const { exitCode: code, action } = await actOnVerdict(
      options({ verdict: Verdict.RollBack, event: { time: 1, id: 'argocd:velero-test:23', kind: 'deploy' }, from: { source: EventSource.ArgoCD, url: api.url, scope: 'velero-test' } })
    );
    expect(code).toBeNull();
    expect(action.outcome).toBe('refused');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^no action: not rolling back Argo CD application velero-test: it syncs automatically/);
    expect(api.writes()).toStrictEqual([]);
  });

  it('does not act on a verdict from metrics read only in part, and says so', async () => {
    api = await startActionApi({ authorization: `Bearer ${TOKEN}` }, () => ({ status: 200, body: {} }));
    // Only what the hook reads of the gate's arguments: acting on, a deploy given by time.
    const args = { act: { dryRun: false, token: TOKEN, rollout: { namespace: 'prod', name: 'checkout', url: api.url } }, deploy: { time: 1, service: 'checkout' }, timeoutMs: 5_000 } as Partial<GateArgs> as GateArgs;
    const report = { verdict: Verdict.RollBack, reasons: [], metricsError: 'Prometheus did not answer' };
    const acted = await actAfterGate(args, report, { time: 1, id: 'deploy', kind: 'deploy' }, createScrubber([TOKEN]), (l) => lines.push(l), Date.now);
    expect(acted).toStrictEqual({ exitCode: null, action: { outcome: 'none', message: lines[0] } });
    expect(lines).toStrictEqual(['no action: the verdict roll_back rests on metrics read only in part; run again when they can be read.']);
    expect(api.requests).toStrictEqual([]);
  });

  it('a failed action is said once with its own exit status, and the token is not in it', async () => {
    api = await startActionApi({ authorization: 'another-token' }, launchDarklyApi('shop', flag()).handle);
    const { exitCode: code, action } = await actOnVerdict(options({}));
    expect(code).toBe(ACT_EXIT.actionFailed);
    expect(action.outcome).toBe('failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^action failed: could not turn flag semantic-search off .*401.*\(exit 21\)\.$/);
    expect(lines[0]).not.toContain(TOKEN);
  });
});
