/**
 * @jest-environment node
 */
// The actions against servers shaped from the publishers' descriptions (extracts here, sources
// in README.md): every request names a documented operation, with the documented media type
// and a body that fits, every answer fits the documented answer, and a second run sends nothing.
import fs from 'fs';
import path from 'path';

import { fetchTransport } from '../../cli/fetchTransport';
import { routeHeaders } from '../../cli/routeHeaders';
import { EventSource } from '../../events/types';
import { readFixture } from '../../events/testing/fixtures';
import { createAjv, errorLines, findOperation, requestProblems, responseValidator } from '../../events/testing/openApi';
import { createHttpClient } from '../../http/createHttpClient';
import { planAction } from '../planAction';
import { runAction } from '../runAction';
import { argoCdApi, launchDarklyApi, rolloutsApi } from '../testing/describedApis';
import { ActionApi, SeenRequest, startActionApi } from '../testing/startActionApi';
import { ActionOutcome, ActionTarget } from '../types';

type Json = Record<string, unknown>;

const load = (file: string): Json => JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8'));
/** A fixture of ../testing/fixtures, without the `_comment` a CONSTRUCTED one carries. */
function local(file: string): Json {
  const { _comment, ...body } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'testing', 'fixtures', file), 'utf8')) as Json;
  return body;
}

const TOKEN = 'act-token-7c1e';
let api: ActionApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Runs the action on `target` through the project's HTTP client, authenticated as the datasource's route for `source` is. */
function run(source: EventSource, target: ActionTarget) {
  const client = createHttpClient({ baseUrl: api!.url, providerName: 'contract', transport: fetchTransport(routeHeaders(source, TOKEN)) });
  return runAction({ client, plan: planAction(target), now: Date.now });
}

/** The answers a server gave, by request, re-read from the wire (the server records requests, the test re-fetches answers). */
async function answerOf(request: SeenRequest, source: EventSource): Promise<unknown> {
  const response = await fetch(`${api!.url}${request.url}`, { headers: routeHeaders(source, TOKEN) });
  return response.json();
}

describe('LaunchDarkly turnFlagOff against its published description', () => {
  const doc = load('launchdarkly_flags_extract.json');
  const ajv = createAjv();
  ajv.addSchema(doc, 'ld');
  const flagPath = '/api/v2/flags/shop/semantic-search';
  const patchOperation = findOperation(doc, 'PATCH', flagPath)!;
  const description = String(((doc.paths as Json)['/api/v2/flags/{projectKey}/{featureFlagKey}'] as Json & { patch: Json }).patch.description);
  const target: ActionTarget = { kind: 'launchdarkly_flag', project: 'shop', flag: 'semantic-search', environment: 'production' };
  let state: ReturnType<typeof launchDarklyApi>;

  beforeEach(async () => {
    state = launchDarklyApi('shop', local('launchdarkly_flag_CONSTRUCTED.json'));
    api = await startActionApi({ authorization: TOKEN }, state.handle);
  });

  it('the flag fixture fits the documented FeatureFlag', () => {
    const validate = responseValidator(ajv, 'ld', findOperation(doc, 'GET', flagPath)!);
    validate(state.flag);
    expect(errorLines(validate)).toStrictEqual([]);
  });

  it('turns the flag off in that environment only, with the semantic patch the description documents', async () => {
    const result = await run(EventSource.LaunchDarkly, target);
    expect(result.outcome).toBe(ActionOutcome.Acted);
    const environments = state.flag.environments as Record<string, Json>;
    expect([environments.production.on, environments.staging.on]).toStrictEqual([false, true]);
    const [patch] = api!.writes();
    expect(api!.requests.map((r) => `${r.method} ${r.url}`)).toStrictEqual([
      `GET ${flagPath}?env=production`,
      `PATCH ${flagPath}`,
      `GET ${flagPath}?env=production`,
    ]);
    expect(api!.requests.flatMap((r) => requestProblems(doc, ajv, r.method, r.url))).toStrictEqual([]);
    expect(patchOperation.template).toBe('/api/v2/flags/{projectKey}/{featureFlagKey}');
    // "you must append `domain-model=launchdarkly.semanticpatch` to your `Content-Type` header"
    expect(description).toContain('append `domain-model=launchdarkly.semanticpatch` to your `Content-Type` header');
    expect(patch.contentType).toBe('application/json; domain-model=launchdarkly.semanticpatch');
    // The body: the properties the description lists, and the instruction as its turnFlagOff example.
    const properties = [...description.matchAll(/^\* `(\w+)` \(/gm)].map((m) => m[1]);
    expect(properties.sort()).toStrictEqual(['comment', 'environmentKey', 'instructions']);
    const example = JSON.parse(/#### turnFlagOff[\s\S]*?```json\n([\s\S]*?)```/.exec(description)![1]) as Json;
    const body = patch.body as Json;
    expect(Object.keys(body).every((key) => properties.includes(key))).toBe(true);
    expect(body.instructions).toStrictEqual(example.instructions);
    expect(body.environmentKey).toBe('production');
  });

  it('every answer fits the documented answer of its operation', async () => {
    await run(EventSource.LaunchDarkly, target);
    const validateGet = responseValidator(ajv, 'ld', findOperation(doc, 'GET', flagPath)!);
    validateGet(await answerOf(api!.requests[0], EventSource.LaunchDarkly));
    expect(errorLines(validateGet)).toStrictEqual([]);
    const validatePatch = responseValidator(ajv, 'ld', patchOperation);
    validatePatch(state.flag);
    expect(errorLines(validatePatch)).toStrictEqual([]);
  });

  it('a second run reads, says the flag is already off, and sends no change', async () => {
    await run(EventSource.LaunchDarkly, target);
    const second = await run(EventSource.LaunchDarkly, target);
    expect(second).toStrictEqual({ outcome: ActionOutcome.AlreadyDone, message: 'flag semantic-search is already off in production (project shop); nothing to do.' });
    expect(api!.writes()).toHaveLength(1);
  });

  describe('edge cases', () => {
    it('the server refuses a PATCH without the semantic-patch media type, so the media type check means something', async () => {
      const answer = await fetch(`${api!.url}${flagPath}`, {
        method: 'PATCH',
        headers: { ...routeHeaders(EventSource.LaunchDarkly, TOKEN), 'Content-Type': 'application/json' },
        body: JSON.stringify({ environmentKey: 'production', instructions: [{ kind: 'turnFlagOff' }] }),
      });
      expect(answer.status).toBe(400);
      expect((state.flag.environments as Record<string, Json>).production.on).toBe(true);
    });

    it('an environment the flag does not have is refused without a change', async () => {
      const result = await run(EventSource.LaunchDarkly, { ...target, environment: 'prod' });
      expect(result.outcome).toBe(ActionOutcome.Refused);
      expect(result.message).toMatch(/did not report flag semantic-search in environment prod/);
      expect(api!.writes()).toStrictEqual([]);
    });
  });
});

/** The real application (ids 14 to 23, one revision) with the last sync deploying a new revision: CONSTRUCTED from the fixture. */
function guestbook(automated?: Json): Json {
  const app = readFixture('argocd/application_get_full.json') as Json & { spec: Json; status: { history: Json[] } };
  const last = app.status.history[app.status.history.length - 1];
  last.revision = '4b1e0c5d9a7f3e2b1c0d9e8f7a6b5c4d3e2f1a0b';
  if (automated) {
    app.spec = { ...app.spec, syncPolicy: { ...(app.spec.syncPolicy as Json), automated } };
  }
  return app;
}

describe('Argo CD rollback against its published description', () => {
  const doc = load('argocd_rollback_extract.json');
  const ajv = createAjv();
  ajv.addSchema(doc, 'argocd');
  const rollbackRequest = ajv.getSchema('argocd#/definitions/applicationApplicationRollbackRequest')!;
  const target: ActionTarget = { kind: 'argocd_application', name: 'velero-test', historyId: 23 };

  async function serve(app: Json) {
    const state = argoCdApi(app);
    api = await startActionApi({ authorization: `Bearer ${TOKEN}` }, state.handle);
    return state;
  }

  it('reads the application, then rolls back to the entry before the judged sync with a documented request', async () => {
    const state = await serve(guestbook());
    const result = await run(EventSource.ArgoCD, target);
    expect(result.outcome).toBe(ActionOutcome.Acted);
    expect(api!.requests.map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname}`)).toStrictEqual([
      'GET /api/v1/applications/velero-test',
      'POST /api/v1/applications/velero-test/rollback',
    ]);
    const [rollback] = api!.writes();
    expect(findOperation(doc, 'POST', '/api/v1/applications/velero-test/rollback')?.template).toBe('/api/v1/applications/{name}/rollback');
    expect(rollbackRequest(rollback.body)).toBe(true);
    expect(rollback.body).toStrictEqual({ name: 'velero-test', id: 22 });
    const history = (state.app.status as { history: Json[] }).history;
    expect(history[history.length - 1]).toMatchObject({ id: 24, revision: 'ea8759964626a583667a2bfd08f334ec2070040a' });
  });

  it('the application read and the rollback answer fit the documented v1alpha1Application', async () => {
    const state = await serve(guestbook());
    await run(EventSource.ArgoCD, target);
    for (const [method, at] of [['GET', '/api/v1/applications/velero-test'], ['POST', '/api/v1/applications/velero-test/rollback']]) {
      const validate = responseValidator(ajv, 'argocd', findOperation(doc, method, at)!);
      validate(state.app);
      expect(errorLines(validate)).toStrictEqual([]);
    }
  });

  it.each([
    [['Stale', 'Pending', 'Running', 'Succeeded'], ActionOutcome.Acted],
    [['Running', 'Failed'], ActionOutcome.Failed],
    [['Running', 'Error'], ActionOutcome.Failed],
  ] as const)('every state read back while the rollback runs (%j) fits the documented v1alpha1Application, and the end decides the outcome', async (steps, outcome) => {
    const state = argoCdApi(guestbook(), { steps: [...steps] });
    const answers: unknown[] = [];
    api = await startActionApi({ authorization: `Bearer ${TOKEN}` }, (req) => {
      const answer = state.handle(req);
      answers.push(JSON.parse(JSON.stringify(answer.body)));
      return answer;
    });
    const client = createHttpClient({ baseUrl: api.url, providerName: 'contract', transport: fetchTransport(routeHeaders(EventSource.ArgoCD, TOKEN)) });
    const follow = { deadlineAt: Date.now() + 60_000, intervalMs: 1, sleep: () => Promise.resolve() };
    const result = await runAction({ client, plan: planAction(target), now: Date.now, follow });
    expect([result.outcome, result.operation?.phase]).toStrictEqual([outcome, steps[steps.length - 1]]);
    expect(answers).toHaveLength(2 + steps.length);
    const validate = responseValidator(ajv, 'argocd', findOperation(doc, 'GET', '/api/v1/applications/velero-test')!);
    for (const answer of answers) {
      validate(answer);
      expect(errorLines(validate)).toStrictEqual([]);
    }
  });

  it('a second run finds the application back at the previous revision and sends nothing', async () => {
    await serve(guestbook());
    await run(EventSource.ArgoCD, target);
    const second = await run(EventSource.ArgoCD, target);
    expect(second).toStrictEqual({ outcome: ActionOutcome.AlreadyDone, message: 'Argo CD application velero-test is already back at ea875996 (history 24); nothing to do.' });
    expect(api!.writes()).toHaveLength(1);
  });

  it('refuses while the application syncs automatically, says so, and never touches its sync policy', async () => {
    const state = await serve(guestbook({ prune: true, selfHeal: true }));
    const result = await run(EventSource.ArgoCD, target);
    expect(result.outcome).toBe(ActionOutcome.Refused);
    expect(result.message).toMatch(/syncs automatically \(spec\.syncPolicy\.automated is set\).*never switches auto-sync off/);
    expect(api!.writes()).toStrictEqual([]);
    expect((state.app.spec as Json).syncPolicy).toMatchObject({ automated: { prune: true, selfHeal: true } });
  });

  describe('edge cases', () => {
    it('the server itself refuses a rollback under auto-sync, as Argo CD does, so the refusal is not ours alone', async () => {
      await serve(guestbook({ selfHeal: true }));
      const answer = await fetch(`${api!.url}/api/v1/applications/velero-test/rollback`, {
        method: 'POST',
        headers: { ...routeHeaders(EventSource.ArgoCD, TOKEN), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'velero-test', id: 22 }),
      });
      expect([answer.status, ((await answer.json()) as Json).error]).toStrictEqual([400, 'rollback cannot be initiated when auto-sync is enabled']);
    });

    it('auto-sync written as automated.enabled false is off: the rollback goes ahead', async () => {
      await serve(guestbook({ enabled: false }));
      expect((await run(EventSource.ArgoCD, target)).outcome).toBe(ActionOutcome.Acted);
    });

    it('the description refuses a history id sent as text, so the body check means something', () => {
      expect(rollbackRequest({ name: 'velero-test', id: '22' })).toBe(false);
    });

    it('refuses when the sync before the judged one deployed the same revision (the real fixture as served)', async () => {
      await serve(readFixture('argocd/application_get_full.json') as Json);
      const result = await run(EventSource.ArgoCD, target);
      expect(result.outcome).toBe(ActionOutcome.Refused);
      expect(result.message).toMatch(/deployed the same revision \(ea875996\); a rollback would change nothing/);
    });
  });
});

describe('Argo Rollouts abort against the Rollout CRD', () => {
  const crd = load('rollout_crd_extract.json') as Json & { spec: Json & { versions: Json[]; names: Json } };
  const version = crd.spec.versions[0] as Json & { schema: { openAPIV3Schema: Json }; subresources: Json };
  const ajv = createAjv();
  const rolloutSchema = ajv.compile(version.schema.openAPIV3Schema);
  const statusSchema = ajv.compile((version.schema.openAPIV3Schema.properties as Json).status as Json);
  const resource = `/apis/${crd.spec.group}/${version.name}/namespaces/jesse-test/${crd.spec.names.plural}/canary-demo`;
  // The judged deploy is the update the fixture rolls out (its pod template hash).
  const target: ActionTarget = { kind: 'argo_rollout', namespace: 'jesse-test', name: 'canary-demo', judged: { version: '65fb5ffc84', commit: '' } };

  async function serve(statusSubresource = true) {
    const state = rolloutsApi(local('argo_rollout_canary.json'), { statusSubresource });
    api = await startActionApi({ authorization: `Bearer ${TOKEN}` }, state.handle);
    return state;
  }

  it('the Rollout fixture fits the CRD schema', () => {
    expect(rolloutSchema(local('argo_rollout_canary.json'))).toBe(true);
  });

  it('sends the merge patch kubectl argo rollouts abort sends, to the status subresource the CRD declares', async () => {
    const state = await serve();
    const result = await run(EventSource.Kubernetes, target);
    expect(result.outcome).toBe(ActionOutcome.Acted);
    expect(version.subresources).toHaveProperty('status');
    expect(api!.requests.map((r) => `${r.method} ${r.url}`)).toStrictEqual([`GET ${resource}`, `PATCH ${resource}/status`, `GET ${resource}`]);
    const [patch] = api!.writes();
    expect([patch.contentType, patch.body]).toStrictEqual(['application/merge-patch+json', { status: { abort: true } }]);
    expect(statusSchema((patch.body as Json).status)).toBe(true);
    expect(rolloutSchema(state.rollout)).toBe(true);
    expect((state.rollout.status as Json).abort).toBe(true);
  });

  it('falls back to patching the resource where the status subresource answers 404, as kubectl argo rollouts does', async () => {
    await serve(false);
    const result = await run(EventSource.Kubernetes, target);
    expect(result.outcome).toBe(ActionOutcome.Acted);
    expect(api!.writes().map((r) => r.url)).toStrictEqual([`${resource}/status`, resource]);
  });

  it('a second run finds the rollout aborted and sends nothing', async () => {
    await serve();
    await run(EventSource.Kubernetes, target);
    const second = await run(EventSource.Kubernetes, target);
    expect(second).toStrictEqual({ outcome: ActionOutcome.AlreadyDone, message: 'rollout jesse-test/canary-demo is already aborted; nothing to do.' });
    expect(api!.writes()).toHaveLength(1);
  });

  describe('edge cases', () => {
    it('the CRD refuses an abort that is not a boolean, so the patch check means something', () => {
      expect(statusSchema({ abort: 'true' })).toBe(false);
      expect(errorLines(statusSchema)).toStrictEqual(['/abort must be boolean']);
    });
  });
});
