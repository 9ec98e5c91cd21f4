import { createHttpClient } from '../../http/createHttpClient';
import { Transport } from '../../http/types';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource, EventStatus } from '../types';
import { parseKubernetesRevision } from './readKubernetes';

type Item = { metadata: Record<string, unknown> & { annotations: Record<string, string> }; [key: string]: unknown };

describe('Kubernetes rollout parser', () => {
  const list = readFixture('kubernetes/replicasets_rollout_history_CONSTRUCTED.json') as { items: Item[] };
  const [current, previous] = list.items;
  const deployment = {
    kind: 'Deployment',
    metadata: { name: 'payments', namespace: 'prod' },
    status: {
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          lastUpdateTime: '2024-06-10T08:16:40Z',
          message: 'ReplicaSet "payments-7d9f8c6b5" has successfully progressed.',
        },
      ],
    },
  };
  // `kubectl rollout undo` to revision 11: the old ReplicaSet is re-numbered 13, not copied.
  const undone: Item = {
    ...previous,
    metadata: {
      ...previous.metadata,
      annotations: { ...previous.metadata.annotations, 'deployment.kubernetes.io/revision': '13', 'deployment.kubernetes.io/revision-history': '11' },
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', time: '2024-06-11T09:30:00Z' }],
    },
  };

  it.each([
    [
      'the current revision, with its rollout as a region',
      current,
      {
        kind: EventKind.Deploy,
        status: EventStatus.Success,
        time: Date.parse('2024-06-10T08:15:02Z'),
        timeEnd: Date.parse('2024-06-10T08:16:40Z'),
        id: 'kubernetes:prod/deployment/payments:12',
        version: 'payments:1.42.0',
      },
    ],
    ['an earlier revision, outcome unknown', previous, { kind: EventKind.Deploy, status: EventStatus.Unknown, timeEnd: null, version: 'payments:1.41.2' }],
  ])('reads %s', (_, item, expected) => {
    const event = parseKubernetesRevision(item, { revisions: list.items, workloads: [deployment] });
    expect(event).toMatchObject({ source: EventSource.Kubernetes, service: 'payments', environment: 'prod', ...expected });
  });

  it('reads kubectl rollout undo as a rollback at the time the old ReplicaSet was re-numbered', () => {
    const event = parseKubernetesRevision(undone, { revisions: [current, undone], workloads: [] });
    expect(event).toMatchObject({
      kind: EventKind.Rollback,
      time: Date.parse('2024-06-11T09:30:00Z'),
      version: 'payments:1.41.2',
      title: 'Rollback of Deployment payments to revision 13 (payments:1.41.2)',
    });
  });

  // ManagedFieldsEntry as the API server records it (manager, operation, apiVersion, time,
  // fieldsType, subresource: k8s.io/apimachinery meta/v1 types.go); entries CONSTRUCTED.
  const write = (time: string, subresource?: string) => ({ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', time, fieldsType: 'FieldsV1', fieldsV1: {}, ...(subresource ? { subresource } : {}) });
  const undoneWith = (managedFields: unknown[]): Item => ({ ...undone, metadata: { ...undone.metadata, managedFields } });

  it('times a rollback by the re-numbering, not by later status writes (regression: a pod restart 6 h later moved it)', () => {
    const item = undoneWith([write('2024-06-11T09:30:00Z'), write('2024-06-11T15:42:10Z', 'status')]);
    expect(parseKubernetesRevision(item, { revisions: [current, item], workloads: [] })).toMatchObject({ kind: EventKind.Rollback, time: Date.parse('2024-06-11T09:30:00Z') });
  });

  it('never times a rollback after the next revision was created (that rollout scales it down later)', () => {
    const item = undoneWith([write('2024-06-11T09:30:00Z'), write('2024-06-12T12:00:00Z')]);
    const next = { ...current, metadata: { ...current.metadata, name: 'payments-5c4b3a291', uid: 'next', creationTimestamp: '2024-06-12T11:59:00Z', annotations: { ...current.metadata.annotations, 'deployment.kubernetes.io/revision': '14' } } };
    expect(parseKubernetesRevision(item, { revisions: [current, item, next], workloads: [] })).toMatchObject({ time: Date.parse('2024-06-12T11:59:00Z') });
  });

  it('tells a rollback by a template an earlier revision had, without the history annotation', () => {
    const { 'deployment.kubernetes.io/revision-history': _, ...annotations } = undone.metadata.annotations;
    const bare = { ...undone, metadata: { ...undone.metadata, annotations } };
    expect(parseKubernetesRevision(bare, { revisions: [current, bare], workloads: [] })).toMatchObject({ kind: EventKind.Rollback });
  });

  it('reads StatefulSet rollouts from ControllerRevisions', () => {
    const revision = (n: number, image: string, created: string) => ({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `db-${n}`,
        namespace: 'data',
        uid: `uid-${n}`,
        creationTimestamp: created,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'uid-db', controller: true }],
      },
      revision: n,
      data: { spec: { template: { spec: { containers: [{ name: 'db', image }] } } } },
    });
    const revisions = [revision(1, 'postgres:15.4', '2024-06-01T00:00:00Z'), revision(2, 'postgres:16.1', '2024-06-02T00:00:00Z')];
    expect(parseKubernetesRevision(revisions[1], { revisions, workloads: [] })).toMatchObject({
      kind: EventKind.Deploy,
      service: 'db',
      environment: 'data',
      version: 'postgres:16.1',
      id: 'kubernetes:data/statefulset/db:2',
    });
  });

  it('matches n revisions to n workloads reading each workload a bounded number of times, not once per revision (O(n))', () => {
    const n = 2_000;
    const revisions = Array.from({ length: n }, (_, i) => ({
      ...current,
      metadata: { ...current.metadata, name: `web${i}-1`, uid: `rs-${i}`, ownerReferences: [{ kind: 'Deployment', name: `web${i}`, controller: true }] },
    }));
    const deployments = Array.from({ length: n }, (_, i) => ({ ...deployment, metadata: { name: `web${i}`, namespace: 'prod' } }));
    let reads = 0;
    // Counts every element read of the workload list, however the parser searches it.
    const workloads = new Proxy(deployments, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) {
          reads++;
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const events = revisions.map((item) => parseKubernetesRevision(item, { revisions, workloads }));
    expect(events.every((event) => typeof event !== 'string')).toBe(true);
    expect(reads).toBeLessThanOrEqual(2 * n);
  });

  describe('edge cases', () => {
    it.each([
      ['not an object', null, 'not an object'],
      ['a ReplicaSet nobody owns', { ...current, metadata: { ...current.metadata, ownerReferences: [] } }, 'not owned by a Deployment, StatefulSet or DaemonSet'],
      ['no revision number', { ...current, metadata: { ...current.metadata, annotations: {} } }, 'missing revision number'],
      ['no creation time', { ...current, metadata: { ...current.metadata, creationTimestamp: undefined } }, 'missing or impossible creationTimestamp'],
      ['a rollback without managedFields', { ...undone, metadata: { ...undone.metadata, managedFields: undefined } }, 'rollback without a recorded time (managedFields)'],
      ['a rollback with only status writes', undoneWith([write('2024-06-11T15:42:10Z', 'status')]), 'rollback without a recorded time (managedFields)'],
    ])('skips %s with the reason', (_, item, reason) => {
      expect(parseKubernetesRevision(item, { revisions: [], workloads: [] })).toBe(reason);
    });
  });
});

describe('workloads that keep fewer old revisions', () => {
  // ReplicaSets shaped as kubernetes/replicasets_rollout_history_CONSTRUCTED.json; the Deployment as
  // apps/v1 Deployment (spec.revisionHistoryLimit, documented default 10). List bodies as the API
  // server sends them (items, metadata); values CONSTRUCTED.
  const replicaSet = (n: number, created: string) => ({
    metadata: {
      name: `web-${n}`,
      namespace: 'prod',
      uid: `u${n}`,
      creationTimestamp: created,
      annotations: { 'deployment.kubernetes.io/revision': String(n) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true, uid: 'd' }],
    },
    spec: { template: { spec: { containers: [{ name: 'web', image: `registry.example.com/web:${n}` }] } } },
  });
  const read = (revisionHistoryLimit: number | undefined) => {
    const lists: Record<string, unknown> = {
      replicasets: { items: [replicaSet(7, '2026-11-03T10:00:00Z'), replicaSet(8, '2026-11-04T10:00:00Z'), replicaSet(9, '2026-11-05T10:00:00Z')], metadata: {} },
      controllerrevisions: { items: [], metadata: {} },
      deployments: { items: [{ metadata: { name: 'web', namespace: 'prod' }, spec: { revisionHistoryLimit }, status: {} }], metadata: {} },
    };
    const transport: Transport = async (url) => ({ status: 200, header: () => null, body: JSON.stringify(lists[new URL(url).pathname.split('/').pop()!]) });
    const client = createHttpClient({ baseUrl: 'https://k8s.example.com', upstreamUrl: 'https://k8s.example.com', providerName: 'Kubernetes', transport });
    return readEvents({ source: EventSource.Kubernetes, client, scope: 'prod', range: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 10, 6) } });
  };

  it("says earlier rollouts are gone by the Deployment's own revisionHistoryLimit (regression: 10 was assumed for every workload)", async () => {
    const batch = await read(2);
    expect(batch.events).toHaveLength(3);
    expect(batch.notices.map((n) => n.text)).toStrictEqual([
      'Kubernetes keeps only the last revisions of each workload (revisionHistoryLimit, 10 by default); earlier rollouts are gone for web (before 2026-11-03T10:00:00.000Z).',
    ]);
  });

  it('says nothing when the default 10 leaves room for more than were made', async () => {
    expect((await read(undefined)).notices).toStrictEqual([]);
  });
});
