import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { imagesVersion } from '../imagesVersion';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus } from '../types';
import { appendAll } from './appendAll';
import { inRange } from './inRange';
import { readPages } from './readPages';
import { keptFor, namesEnvironment, Provider, ProviderDescription, ProviderRequest, SkipCounter } from './types';

/** Deployments number their ReplicaSets with this annotation; `kubectl rollout history` reads it. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Set on a ReplicaSet that a rollback reused: the revision numbers it held before. */
const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** One revision of a workload, from a ReplicaSet (Deployments) or a ControllerRevision (StatefulSets, DaemonSets). */
interface Revision {
  uid: string;
  name: string;
  namespace: string;
  workloadKind: string;
  workload: string;
  revision: number;
  createdAt: number;
  /** Latest write to the object itself in `managedFields`: when a rollback re-numbered a reused revision. */
  updatedAt: number | null;
  images: string[];
  /** The pod template in a canonical form, to tell a rollback to an earlier template. */
  template: string;
  reused: boolean;
}

/**
 * Pod templates nest a few levels (spec, containers, env...); one nested deeper than this is
 * hostile or broken, and following it would overflow the stack: the item is skipped.
 */
const MAX_TEMPLATE_DEPTH = 64;

/** Thrown by `canonical` for a template nested deeper than MAX_TEMPLATE_DEPTH. */
class TooDeep extends Error {}

/** JSON with sorted keys, leaving out the hash label the controller adds to each template. */
function canonical(value: unknown, depth = 0): string {
  if (depth > MAX_TEMPLATE_DEPTH) {
    throw new TooDeep();
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((key) => key !== 'pod-template-hash' && key !== 'controller-revision-hash')
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key], depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function owner(item: unknown): { kind: string; name: string } | null {
  const refs = get(item, 'metadata', 'ownerReferences');
  if (!Array.isArray(refs)) {
    return null;
  }
  const ref = refs.find((r) => isRecord(r) && WORKLOAD_KINDS.has(text(r.kind)) && r.controller !== false);
  return ref ? { kind: text(get(ref, 'kind')), name: text(get(ref, 'name')) } : null;
}

function containerImages(template: unknown): string[] {
  const containers = get(template, 'spec', 'containers');
  return Array.isArray(containers) ? containers.map((c) => text(get(c, 'image'))).filter(Boolean) : [];
}

function latestWrite(item: unknown): number | null {
  const fields = get(item, 'metadata', 'managedFields');
  if (!Array.isArray(fields)) {
    return null;
  }
  // A loop, not Math.max(...times): an item may carry 150,000 entries, more than a call takes arguments.
  let latest: number | null = null;
  for (const field of fields) {
    // Writes to a subresource (`status`: replica counts as pods come and go) go on long after
    // the rollback; only writes to the object itself can be the re-numbering.
    if (text(get(field, 'subresource')) !== '') {
      continue;
    }
    const time = toEpochMs(get(field, 'time'));
    latest = time !== null && (latest === null || time > latest) ? time : latest;
  }
  return latest;
}

/** A ReplicaSet or ControllerRevision as a revision of its owning workload, or why not. */
function toRevision(item: unknown): Revision | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  const workload = owner(item);
  if (!workload) {
    return 'not owned by a Deployment, StatefulSet or DaemonSet';
  }
  const createdAt = toEpochMs(get(item, 'metadata', 'creationTimestamp'));
  if (createdAt === null) {
    return 'missing or impossible creationTimestamp';
  }
  // ControllerRevisions carry `revision`; ReplicaSets the annotation.
  const number = typeof item.revision === 'number' ? item.revision : Number(text(get(item, 'metadata', 'annotations', REVISION_ANNOTATION)));
  if (!Number.isInteger(number) || number <= 0) {
    return 'missing revision number';
  }
  const template = get(item, 'spec', 'template') ?? get(item, 'data', 'spec', 'template');
  let shape: string;
  try {
    shape = template === undefined ? '' : canonical(template);
  } catch (err) {
    if (err instanceof TooDeep) {
      return `pod template nested deeper than ${MAX_TEMPLATE_DEPTH} levels`;
    }
    throw err;
  }
  return {
    uid: text(get(item, 'metadata', 'uid')) || text(get(item, 'metadata', 'name')),
    name: text(get(item, 'metadata', 'name')),
    namespace: text(get(item, 'metadata', 'namespace')),
    workloadKind: workload.kind,
    workload: workload.name,
    revision: number,
    createdAt,
    updatedAt: latestWrite(item),
    images: containerImages(template),
    template: shape,
    reused: text(get(item, 'metadata', 'annotations', REVISION_HISTORY_ANNOTATION)) !== '',
  };
}

const workloadKey = (r: Revision) => `${r.workloadKind}/${r.workload}`;

/** One workload's revisions, ordered by number, with what the rollback rule asks of them. */
interface History {
  numbers: number[];
  /** Creation time of the revision at each index. */
  created: number[];
  /** Latest creation time among the revisions up to each index. */
  latestCreated: number[];
  /** The lowest revision number of each pod template. */
  firstOfTemplate: Map<string, number>;
}

/** Each listing's revisions, read once and grouped by workload: parsing n items stays O(n log n), not O(n²). */
const historiesOf = new WeakMap<readonly unknown[], Map<string, History>>();

function revisionsByWorkload(items: readonly unknown[]): Map<string, History> {
  const known = historiesOf.get(items);
  if (known) {
    return known;
  }
  const groups = new Map<string, Revision[]>();
  for (const item of items) {
    const revision = toRevision(item);
    if (typeof revision !== 'string') {
      const group = groups.get(workloadKey(revision));
      if (group) {
        group.push(revision);
      } else {
        groups.set(workloadKey(revision), [revision]);
      }
    }
  }
  const histories = new Map<string, History>();
  for (const [key, group] of groups) {
    group.sort((a, b) => a.revision - b.revision);
    const latestCreated: number[] = [];
    const firstOfTemplate = new Map<string, number>();
    group.forEach((r, i) => {
      latestCreated.push(Math.max(r.createdAt, i > 0 ? latestCreated[i - 1] : -Infinity));
      if (r.template !== '' && !firstOfTemplate.has(r.template)) {
        firstOfTemplate.set(r.template, r.revision);
      }
    });
    histories.set(key, { numbers: group.map((r) => r.revision), created: group.map((r) => r.createdAt), latestCreated, firstOfTemplate });
  }
  historiesOf.set(items, histories);
  return histories;
}

/** Each listing's workloads by kind and name, read once: matching n revisions stays O(n), not O(n²). */
const workloadMaps = new WeakMap<readonly unknown[], Map<string, unknown>>();

function workloadsByKey(workloads: readonly unknown[]): Map<string, unknown> {
  let byKey = workloadMaps.get(workloads);
  if (!byKey) {
    byKey = new Map();
    for (const workload of workloads) {
      const key = `${text(get(workload, 'kind'))}/${text(get(workload, 'metadata', 'name'))}`;
      // The first of a name wins, as a search from the start would find it.
      if (!byKey.has(key)) {
        byKey.set(key, workload);
      }
    }
    workloadMaps.set(workloads, byKey);
  }
  return byKey;
}

/** How many revisions of the history have a lower number than `number`: binary search. */
function lowerCount(history: History, number: number): number {
  let lo = 0;
  let hi = history.numbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (history.numbers[mid] < number) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** True when a lower revision is newer than this one, or had its template: this rollout went back. */
function earlierRevisionLooksOlder(history: History, revision: Revision): boolean {
  const lo = lowerCount(history, revision.revision);
  const newerBefore = lo > 0 && history.latestCreated[lo - 1] > revision.createdAt;
  const first = history.firstOfTemplate.get(revision.template);
  return newerBefore || (revision.template !== '' && first !== undefined && first < revision.revision);
}

/**
 * When a rollback re-numbered this revision: its latest write, but never after the next
 * revision was created (the rollout that replaced it scales it down, a later write).
 */
function rollbackTime(revision: Revision, history: History | undefined): number | null {
  if (revision.updatedAt === null || !history) {
    return revision.updatedAt;
  }
  const next = lowerCount(history, revision.revision + 1);
  return next < history.created.length ? Math.min(revision.updatedAt, history.created[next]) : revision.updatedAt;
}

export interface KubernetesContext {
  /** Every revision item of the same listing, to tell a rollback from a new template. */
  revisions: readonly unknown[];
  /** The workloads (Deployments, StatefulSets, DaemonSets) of the namespace, for rollout status and finish time. */
  workloads: readonly unknown[];
}

/** Progress of a Deployment's current rollout from its `Progressing` condition. */
function rolloutProgress(workload: unknown, revisionName: string): { status: EventStatus; finishedAt: number | null } | null {
  const conditions = get(workload, 'status', 'conditions');
  const progressing = Array.isArray(conditions) ? conditions.find((c) => text(get(c, 'type')) === 'Progressing') : undefined;
  if (!progressing || !text(get(progressing, 'message')).includes(`"${revisionName}"`)) {
    return null;
  }
  const reason = text(get(progressing, 'reason'));
  const at = toEpochMs(get(progressing, 'lastUpdateTime'));
  if (reason === 'NewReplicaSetAvailable') {
    return { status: EventStatus.Success, finishedAt: at };
  }
  if (reason === 'ProgressDeadlineExceeded') {
    return { status: EventStatus.Failure, finishedAt: at };
  }
  return { status: EventStatus.InProgress, finishedAt: null };
}

/**
 * One rollout of a Deployment, StatefulSet or DaemonSet from the ReplicaSet (or
 * ControllerRevision) that holds its revision: the pod template's images are the version,
 * the namespace the environment, the workload the service. A rollout of a template an earlier
 * revision already had (`kubectl rollout undo` re-numbers the old ReplicaSet instead of making
 * a new one) is a rollback, timed by the re-numbering write. For the workload's current
 * revision the `Progressing` condition gives the outcome and when it finished (a region).
 *
 * @example
 * parseKubernetesRevision(replicaSet, { revisions: list.items, workloads: deployments.items })
 * // → { kind: 'deploy', service: 'payments', environment: 'prod', version: 'payments:1.42.0', ... }
 */
export function parseKubernetesRevision(item: unknown, context: KubernetesContext): DeployEvent | string {
  const revision = toRevision(item);
  if (typeof revision === 'string') {
    return revision;
  }
  const history = revisionsByWorkload(context.revisions).get(workloadKey(revision));
  // Reused: a lower revision is newer than this object, so this template existed before it.
  const rollback =
    revision.reused ||
    (history !== undefined && earlierRevisionLooksOlder(history, revision));
  const time = rollback ? rollbackTime(revision, history) : revision.createdAt;
  if (time === null || time < revision.createdAt) {
    return 'rollback without a recorded time (managedFields)';
  }
  const workload = workloadsByKey(context.workloads).get(workloadKey(revision));
  const progress = workload ? rolloutProgress(workload, revision.name) : null;
  const version = imagesVersion(revision.images);
  const what = `${revision.workloadKind} ${revision.workload}`;
  return makeEvent({
    time,
    timeEnd: progress?.finishedAt ?? null,
    id: `kubernetes:${revision.namespace}/${revision.workloadKind.toLowerCase()}/${revision.workload}:${revision.revision}`,
    source: EventSource.Kubernetes,
    kind: rollback ? EventKind.Rollback : EventKind.Deploy,
    status: progress?.status ?? EventStatus.Unknown,
    service: revision.workload,
    environment: revision.namespace,
    version,
    title: `${rollback ? 'Rollback of' : 'Rollout of'} ${what} to revision ${revision.revision}${version ? ` (${version})` : ''}`,
    text: revision.images.join('\n'),
    tags: [`namespace:${revision.namespace}`, `workload:${revision.workloadKind.toLowerCase()}/${revision.workload}`],
  });
}

const K8S_PAGE = 500;
/** `revisionHistoryLimit` default of Deployments, StatefulSets and DaemonSets. */
const DEFAULT_REVISION_HISTORY = 10;
/** A rollout's environment is its namespace, the scope's: rollouts are kept when it is the one asked for. */
const ENVIRONMENT = namesEnvironment;

/** `prod` or `prod/app=checkout,tier=web` → namespace and label selector. */
export function kubernetesScope(scope: string): { namespace: string; selector: string } {
  const slash = scope.indexOf('/');
  return slash < 0 ? { namespace: scope.trim(), selector: '' } : { namespace: scope.slice(0, slash).trim(), selector: scope.slice(slash + 1).trim() };
}

/** Every item of a Kubernetes list, following `metadata.continue`, with the notice of a lost page. */
async function listAll(request: ProviderRequest, path: string, what: string, selector: string): Promise<{ items: unknown[]; notices: EventNotice[] }> {
  const items: unknown[] = [];
  const query = (token: string) => ({ labelSelector: selector || undefined, limit: K8S_PAGE, continue: token || undefined });
  const read = await readPages({
    client: request.client,
    what,
    first: { url: path, query: query('') },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => {
      const list = get(data, 'items');
      return Array.isArray(list) ? list : 'the answer is not a list; is the URL the API server?';
    },
    // Each page's `continue` token is new, so only the items tell a repeated page.
    itemKey: (item) => text(get(item, 'metadata', 'uid')),
    onItems: (page) => {
      appendAll(items, page);
    },
    nextPage: (page) => {
      const token = text(get(page.data, 'metadata', 'continue'));
      return token ? { url: path, query: query(token) } : null;
    },
  });
  // A complete walk with a notice stopped at the page limit. Elsewhere that cuts off the oldest
  // items; a Kubernetes list is ordered by name, so the items never read may be the newest.
  const limited = read.complete && read.notices.length > 0;
  return {
    items,
    notices: limited
      ? [{ severity: 'error', text: `Kubernetes: stopped after ${read.pages} pages of ${what} (${items.length.toLocaleString('en-US')} items); lists are ordered by name, not time, so the newest rollouts may be among those not read: raise --max-pages ("Max pages") or narrow the scope with a label selector.` }]
      : read.notices,
  };
}

/**
 * Each listed workload's `spec.revisionHistoryLimit`, by `deployment/web`; workloads that do
 * not set it (and StatefulSets and DaemonSets, which are not listed) keep the default.
 */
function historyLimits(workloads: readonly unknown[]): Map<string, number> {
  const limits = new Map<string, number>();
  for (const workload of workloads) {
    const limit = get(workload, 'spec', 'revisionHistoryLimit');
    const key = `${text(get(workload, 'kind')).toLowerCase()}/${text(get(workload, 'metadata', 'name'))}`;
    if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 0 && !limits.has(key)) {
      limits.set(key, limit);
    }
  }
  return limits;
}

/**
 * Rollouts of the Deployments, StatefulSets and DaemonSets of one namespace (optionally
 * narrowed by a label selector), read from their ReplicaSets and ControllerRevisions, with
 * the Deployments' conditions for the current rollout's outcome.
 */
export const readKubernetes: Provider = async (request) => {
  const { namespace, selector } = kubernetesScope(request.scope);
  if (!namespace) {
    return { events: [], notices: [{ severity: 'error', text: 'Kubernetes: set the namespace, optionally followed by /label-selector (prod/app=checkout).' }] };
  }
  const base = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}`;
  const notices: EventNotice[] = [];
  // One list after another, stopping at the first failure: one cause, said once.
  const lists: unknown[][] = [];
  for (const resource of ['replicasets', 'controllerrevisions', 'deployments']) {
    const list = notices.length ? { items: [], notices: [] } : await listAll(request, `${base}/${resource}`, `${resource} in ${namespace}`, selector);
    lists.push(list.items);
    appendAll(notices, list.notices);
  }
  const [replicaSets, controllerRevisions, deployments] = lists;
  // Lists leave out each item's kind; the parser matches workloads by it.
  const workloads = deployments.map((d) => (isRecord(d) ? { kind: 'Deployment', ...d } : d));
  const revisions = appendAll(appendAll([], replicaSets), controllerRevisions);
  const skipped = new SkipCounter();
  const events: DeployEvent[] = [];
  // Per workload (`deployment/web`): its name, how many revisions are kept and the oldest one's time.
  const kept = new Map<string, { name: string; count: number; oldest: number }>();
  const inEnvironment = keptFor(ENVIRONMENT, request.environment);
  for (const item of revisions) {
    const parsed = parseKubernetesRevision(item, { revisions, workloads });
    if (typeof parsed === 'string') {
      skipped.skip(parsed);
      continue;
    }
    const key = parsed.tags.find((tag) => tag.startsWith('workload:'))?.slice('workload:'.length) ?? parsed.service;
    const workload = kept.get(key) ?? { name: parsed.service, count: 0, oldest: Infinity };
    kept.set(key, { name: parsed.service, count: workload.count + 1, oldest: Math.min(workload.oldest, parsed.time) });
    if (inRange(parsed, request.range) && inEnvironment(parsed)) {
      events.push(parsed);
    }
  }
  // Controllers keep `revisionHistoryLimit` old revisions and delete the rest: a workload at
  // that many whose oldest is inside the range has lost earlier rollouts.
  const limits = historyLimits(workloads);
  const truncated = Array.from(kept.entries()).filter(([key, w]) => w.count >= (limits.get(key) ?? DEFAULT_REVISION_HISTORY) && w.oldest > request.range.from);
  if (truncated.length > 0) {
    const names = truncated.map(([, w]) => `${w.name} (before ${new Date(w.oldest).toISOString()})`).join(', ');
    notices.push({
      severity: 'info',
      text: `Kubernetes keeps only the last revisions of each workload (revisionHistoryLimit, 10 by default); earlier rollouts are gone for ${names}.`,
    });
  }
  request.onProgress?.(events);
  return { events, notices: [...notices, ...skipped.notices(`Kubernetes revisions in ${namespace}`)] };
};

/** Kubernetes: read once, the rollouts kept by environment (namespace) here. */
export const KUBERNETES: ProviderDescription = { read: readKubernetes, environment: ENVIRONMENT };
