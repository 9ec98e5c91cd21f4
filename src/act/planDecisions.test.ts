import { imagesVersion } from '../events/imagesVersion';
import { planArgoCdRollback } from './planArgoCdRollback';
import { planRolloutAbort } from './planRolloutAbort';

// CONSTRUCTED: the fields of an Argo CD Application and an Argo Rollouts Rollout that the
// decisions read, in the shapes of tests/fixtures/ci/argocd/application_get_full.json and
// src/act/testing/fixtures/argo_rollout_canary.json.

function app(history: Array<[number, string]>, phase = 'Succeeded') {
  return {
    metadata: { name: 'guestbook' },
    spec: { syncPolicy: {} },
    status: { history: history.map(([id, revision]) => ({ id, revision })), operationState: { phase } },
  };
}

const decideRollback = (historyId: number | undefined, state: unknown) => planArgoCdRollback({ kind: 'argocd_application', name: 'guestbook', historyId }).decide(state);

describe('rolling an Argo CD application back', () => {
  it('rolls back to the entry before the judged sync when that sync is the newest', () => {
    expect(decideRollback(5, app([[4, 'aaaa'], [5, 'bbbb']]))).toMatchObject({ act: true, request: { method: 'POST', body: { name: 'guestbook', id: 4 } } });
  });

  it.each([
    ['a judged sync without a history entry (still running when read): the newest entry is another sync', undefined, app([[4, 'aaaa'], [5, 'bbbb']]), /no history entry/],
    ['a sync again after the judged one', 5, app([[4, 'aaaa'], [5, 'bbbb'], [6, 'cccc']]), /synced again after the judged sync/],
    ['a history that no longer holds the judged sync', 3, app([[4, 'aaaa'], [5, 'bbbb']]), /no longer holds sync 3/],
    ['an operation running', 5, app([[4, 'aaaa'], [5, 'bbbb']], 'Running'), /an operation is running/],
  ])('refuses %s, sending nothing', (_name, historyId, state, why) => {
    const decision = decideRollback(historyId, state);
    expect(decision).toMatchObject({ act: false, outcome: 'refused' });
    expect(decision.act === false && decision.message).toMatch(why);
  });

  it('says already done when a later sync went back to the revision before the judged one', () => {
    expect(decideRollback(5, app([[4, 'aaaa'], [5, 'bbbb'], [6, 'aaaa']]))).toMatchObject({ act: false, outcome: 'already_done' });
  });
});

describe("reading an Argo CD rollback's operation back", () => {
  const before = { ...app([[4, 'aaaa'], [5, 'bbbb']]), status: { history: [{ id: 4, revision: 'aaaa' }, { id: 5, revision: 'bbbb' }], operationState: { phase: 'Succeeded', startedAt: '2026-12-06T10:00:00Z', operation: { sync: { revision: 'bbbb' } } } } };
  /** The application after the rollback request: `operation` set or cleared, and the operationState the controller wrote. */
  const after = (operation: boolean, state: Record<string, unknown> | null) => ({
    ...before,
    ...(operation ? { operation: { sync: { revision: 'aaaa' } } } : {}),
    status: { ...before.status, operationState: state ?? undefined },
  });
  const ours = (phase: string, message = '') => ({ phase, message, startedAt: '2026-12-06T10:31:00Z', operation: { sync: { revision: 'aaaa' } } });
  const operationOf = (state: unknown) => planArgoCdRollback({ kind: 'argocd_application', name: 'guestbook', historyId: 5 }).operationOf!(before, state);

  it.each([
    ['requested, its state cleared by the server', after(true, null), 'pending'],
    ['an answer from before the request (the old Succeeded)', before, 'pending'],
    ['started', after(true, ours('Running')), 'running'],
    ['a failed attempt being retried: Running with a message', after(true, ours('Running', 'one or more objects failed to apply')), 'running'],
    ['terminating', after(true, ours('Terminating')), 'running'],
    ['ended Succeeded', after(false, ours('Succeeded', 'successfully synced (all tasks run)')), 'succeeded'],
    ['ended Failed', after(false, ours('Failed', 'one or more objects failed to apply')), 'failed'],
    ['ended Error', after(false, ours('Error', 'Operation termination had errors')), 'failed'],
    ['a final phase while operation is still set (not yet cleared)', after(true, ours('Succeeded')), 'running'],
    ['a later operation to another revision', after(false, { ...ours('Succeeded'), operation: { sync: { revision: 'cccc' } } }), 'pending'],
  ])('%s reads as %s', (_name, state, expected) => {
    expect(operationOf(state).state).toBe(expected);
  });

  it("keeps Argo CD's phase and message", () => {
    expect(operationOf(after(false, ours('Failed', 'one or more objects failed to apply')))).toStrictEqual({ state: 'failed', phase: 'Failed', message: 'one or more objects failed to apply' });
  });
});

describe('aborting an Argo Rollouts rollout', () => {
  const rollout = (status: Record<string, unknown>) => ({ kind: 'Rollout', metadata: { name: 'canary-demo' }, status });
  const JUDGED = { version: '65fb5ffc84', commit: '' };
  const decide = (state: unknown, judged = JUDGED) => planRolloutAbort({ kind: 'argo_rollout', namespace: 'jesse-test', name: 'canary-demo', judged }).decide(state);
  const IMAGE = 'ghcr.io/shop/checkout:v2.4.1';
  const withImage = (status: Record<string, unknown>, image = IMAGE) => ({ ...rollout(status), spec: { template: { spec: { containers: [{ name: 'checkout', image }] } } } });

  it('aborts an update in progress (the stable ReplicaSet is still the old one)', () => {
    expect(decide(rollout({ stableRS: '877894d5b', currentPodHash: '65fb5ffc84' }))).toMatchObject({ act: true, request: { method: 'PATCH', body: { status: { abort: true } } } });
  });

  it.each([
    ['its pod template hash', { version: '65fb5ffc84', commit: '' }],
    ['its image tag', { version: 'v2.4.1', commit: '' }],
    ['its image tag without the v', { version: '2.4.1', commit: '' }],
    ['its image', { version: IMAGE, commit: '' }],
  ])('aborts the update in progress when the judged deploy names %s', (_name, judged) => {
    expect(decide(withImage({ stableRS: '877894d5b', currentPodHash: '65fb5ffc84' }), judged)).toMatchObject({ act: true });
  });

  it.each([
    ['a commit its image tag is built from', 'ghcr.io/shop/checkout:main-3f2a9c1', { version: 'main', commit: '3f2a9c1e0d4b5a69' }],
    ['a version that is the commit (a GitHub deployment)', 'ghcr.io/shop/checkout:3f2a9c1e0d4b', { version: '3f2a9c1e0d4b5a69', commit: '' }],
    ['a digest', 'ghcr.io/shop/checkout@sha256:9b2c', { version: 'sha256:9b2c', commit: '' }],
    // The Kubernetes provider's version: each image without its registry path, joined by ', '.
    ['its image as the Kubernetes provider names it', 'ghcr.io/shop/checkout:v2.4.1', { version: 'checkout:v2.4.1', commit: '' }],
    ['its image with a digest, as the Kubernetes provider names it', 'ghcr.io/shop/checkout:v2.4.1@sha256:9b2c', { version: 'checkout:v2.4.1@sha256:9b2c', commit: '' }],
  ])('aborts the update in progress when the judged deploy names %s', (_name, image, judged) => {
    expect(decide(withImage({ stableRS: '877894d5b', currentPodHash: '65fb5ffc84' }, image), judged)).toMatchObject({ act: true });
  });

  it.each([
    ['a newer deploy rolling out than the one judged (now stable)', withImage({ stableRS: '877894d5b', currentPodHash: '65fb5ffc84' }), { version: '877894d5b', commit: '' }, /it is now rolling out pod template 65fb5ffc84 \(image ghcr.io\/shop\/checkout:v2.4.1\), not the judged deploy \(877894d5b\)/],
    ['another image tag', withImage({ stableRS: 'a', currentPodHash: 'b' }), { version: 'v2.4.2', commit: 'deadbeef12' }, /not the judged deploy \(v2.4.2, commit deadbeef12\)/],
    ['another image as the Kubernetes provider names it', withImage({ stableRS: 'a', currentPodHash: 'b' }), { version: 'checkout:v2.4.2', commit: '' }, /not the judged deploy \(checkout:v2.4.2\)/],
    ['another image of the same tag', withImage({ stableRS: 'a', currentPodHash: 'b' }), { version: 'payments:v2.4.1', commit: '' }, /not the judged deploy \(payments:v2.4.1\)/],
    ['a deploy that names no version or commit', withImage({ stableRS: 'a', currentPodHash: 'b' }), { version: '', commit: '' }, /the judged deploy names no version or commit.*--deploy-version/],
    ['a Rollout showing no pod template', rollout({ stableRS: 'a' }), JUDGED, /shows no current pod template/],
    ['a fully promoted newer deploy (undo would undo the wrong one)', withImage({ stableRS: 'c', currentPodHash: 'c' }), { version: 'v1', commit: '' }, /not the judged deploy/],
  ])('refuses %s, sending nothing, and says what to do', (_name, state, judged, why) => {
    const decision = decide(state, judged);
    expect(decision).toMatchObject({ act: false, outcome: 'refused' });
    expect(decision.act === false && decision.message).toMatch(why);
    expect(decision.act === false && decision.message).toMatch(/kubectl argo rollouts abort canary-demo -n jesse-test/);
  });

  it('reads a version listing several images as the Kubernetes provider does: every one must be in the template', () => {
    const twoContainers = {
      ...rollout({ stableRS: '877894d5b', currentPodHash: '65fb5ffc84' }),
      spec: { template: { spec: { containers: [{ image: IMAGE }, { image: 'docker.io/envoyproxy/envoy:v1.28.0' }] } } },
    };
    expect(decide(twoContainers, { version: 'checkout:v2.4.1, envoy:v1.28.0', commit: '' })).toMatchObject({ act: true });
    // The version exactly as the Kubernetes provider writes it for these images.
    expect(decide(twoContainers, { version: imagesVersion([IMAGE, 'docker.io/envoyproxy/envoy:v1.28.0']), commit: '' })).toMatchObject({ act: true });
    expect(decide(twoContainers, { version: 'checkout:v2.4.1, envoy:v1.29.0', commit: '' })).toMatchObject({ act: false, outcome: 'refused' });
    expect(decide(withImage({ stableRS: '877894d5b', currentPodHash: '65fb5ffc84' }), { version: 'checkout:v2.4.1, envoy:v1.28.0', commit: '' })).toMatchObject({ act: false, outcome: 'refused' });
  });

  it('refuses a rollout already fully promoted: an abort would restore nothing', () => {
    const decision = decide(rollout({ stableRS: '65fb5ffc84', currentPodHash: '65fb5ffc84', phase: 'Healthy' }));
    expect(decision).toMatchObject({ act: false, outcome: 'refused' });
    expect(decision.act === false && decision.message).toMatch(/already fully promoted .* `kubectl argo rollouts undo`/);
  });

  it('refuses an answer that is not a Rollout, and leaves an aborted one alone', () => {
    expect(decide({ kind: 'Deployment', status: {} })).toMatchObject({ act: false, outcome: 'refused' });
    expect(decide(rollout({ abort: true, stableRS: 'a', currentPodHash: 'b' }))).toMatchObject({ act: false, outcome: 'already_done' });
  });
});
