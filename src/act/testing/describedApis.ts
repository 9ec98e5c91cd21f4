import path from 'path';

import { createAjv, errorLines } from '../../events/testing/openApi';
import { MERGE_PATCH } from '../planRolloutAbort';
import { ApiAnswer, SeenRequest } from './startActionApi';

// Three APIs shaped from their publishers' descriptions (extracts in ../contracts, sources in
// its README), each holding one object's state: what the action tests run against. Bodies
// that do not fit the description are refused with 400, as the servers refuse them; answers
// are the stored objects, which the contract tests check against the same descriptions.

type Json = Record<string, unknown>;

const CONTRACTS = path.resolve(__dirname, '..', 'contracts');
const load = (file: string): Json => require(path.join(CONTRACTS, file));

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const notFound: ApiAnswer = { status: 404, body: { message: 'Not Found' } };

/**
 * LaunchDarkly's flag API for one flag: `GET /api/v2/flags/{project}/{key}?env=` answers the
 * flag with only that environment; `PATCH` with the semantic-patch media type takes
 * `turnFlagOff`/`turnFlagOn` (needing `environmentKey`); a PATCH without it is read as a JSON
 * patch (`PatchWithComment`, which requires `patch`) and refused.
 */
export function launchDarklyApi(project: string, initial: Json): { handle: (req: SeenRequest) => ApiAnswer; flag: Json } {
  const flag = clone(initial);
  const ajv = createAjv();
  ajv.addSchema(load('launchdarkly_flags_extract.json'), 'ld');
  const jsonPatch = ajv.getSchema('ld#/components/schemas/PatchWithComment')!;
  const handle = (req: SeenRequest): ApiAnswer => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== `/api/v2/flags/${project}/${flag.key}`) {
      return notFound;
    }
    const environments = flag.environments as Record<string, Json>;
    if (req.method === 'GET') {
      const env = url.searchParams.get('env');
      return { status: 200, body: { ...flag, environments: env ? { [env]: environments[env] } : environments } };
    }
    if (req.method !== 'PATCH') {
      return { status: 405, body: { message: 'Method not allowed' } };
    }
    // LaunchDarkly reads the body as a semantic patch only with this media type parameter.
    if (!req.contentType.includes('domain-model=launchdarkly.semanticpatch')) {
      return jsonPatch(req.body) ? { status: 400, body: { message: 'JSON patch not supported here' } } : { status: 400, body: { code: 'invalid_request', message: errorLines(jsonPatch).join('; ') } };
    }
    const body = req.body as Json;
    const kinds = Array.isArray(body?.instructions) ? (body.instructions as Json[]).map((i) => i.kind) : [];
    const config = environments[String(body?.environmentKey)];
    if (!config || kinds.length === 0 || kinds.some((k) => k !== 'turnFlagOff' && k !== 'turnFlagOn')) {
      return { status: 400, body: { code: 'invalid_request', message: 'environmentKey and instructions are required' } };
    }
    config.on = kinds[kinds.length - 1] === 'turnFlagOn';
    config.version = Number(config.version) + 1;
    flag._version = Number(flag._version) + 1;
    return { status: 200, body: flag };
  };
  return { handle, flag };
}

/**
 * What Argo CD's controller shows of the rollback's operation at one read of the application
 * after the request: `Stale` answers the application as it was before the request (the API
 * server answers from its informer cache, which may lag), `Pending` the request set as
 * `operation` and not started, `Running` the operation started (`status.operationState`, phase
 * Running), `Succeeded`, `Failed`, `Error` ended (operation cleared; a success adds the history
 * entry).
 */
export type ArgoCdStep = 'Stale' | 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';

/**
 * Argo CD's application API for one application: `GET /api/v1/applications/{name}` and
 * `POST .../rollback`, whose body must fit `applicationApplicationRollbackRequest`. As the
 * server does (server/application/application.go, Rollback), it refuses a rollback while
 * auto-sync is on, to an id not in the history and while an operation is set, and sets the sync
 * to that entry's revision as the application's `operation`, clearing `status.operationState`
 * (util/argo/argo.go, SetAppOperation). The controller's part (controller/appcontroller.go,
 * setOperationState; controller/sync.go, NewOperationState) runs as `steps` say, one step per read
 * after the request (the last one stays); without `steps` the sync succeeds at once.
 * `failure` is the operation's message when it ends Failed or Error.
 */
export function argoCdApi(initial: Json, options: { steps?: ArgoCdStep[]; failure?: string } = {}): { handle: (req: SeenRequest) => ApiAnswer; app: Json; reads: () => number } {
  const app = clone(initial);
  const ajv = createAjv();
  ajv.addSchema(load('argocd_rollback_extract.json'), 'argocd');
  const rollbackRequest = ajv.getSchema('argocd#/definitions/applicationApplicationRollbackRequest')!;
  const name = String((app.metadata as Json).name);
  const status = app.status as Json;
  const failedPrecondition = (message: string): ApiAnswer => ({ status: 400, body: { error: message, code: 9, message } });
  const stamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  let requested: { entry: Json; before: Json; startedAt: string | null } | null = null;
  let readsAfter = 0;
  let reads = 0;

  /** The controller's step on the requested operation. */
  const step = (kind: ArgoCdStep): Json => {
    const { entry } = requested!;
    if (kind === 'Stale') {
      return requested!.before;
    }
    if (kind === 'Pending' || !app.operation) {
      return app;
    }
    requested!.startedAt ??= stamp();
    const state: Json = { operation: app.operation, phase: kind, startedAt: requested!.startedAt };
    if (kind !== 'Running') {
      const history = status.history as Json[];
      state.finishedAt = stamp();
      state.message = kind === 'Succeeded' ? 'successfully synced (all tasks run)' : (options.failure ?? 'one or more objects failed to apply');
      state.syncResult = { revision: entry.revision, source: entry.source, resources: [] };
      delete app.operation;
      if (kind === 'Succeeded') {
        history.push({ ...clone(entry), id: Math.max(...history.map((h) => Number(h.id))) + 1, deployStartedAt: requested!.startedAt, deployedAt: state.finishedAt });
      }
    }
    status.operationState = state;
    return app;
  };

  const handle = (req: SeenRequest): ApiAnswer => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'GET' && url.pathname === `/api/v1/applications/${name}`) {
      reads++;
      if (!requested || !options.steps) {
        return { status: 200, body: app };
      }
      const steps = options.steps;
      return { status: 200, body: step(steps[Math.min(readsAfter++, steps.length - 1)]) };
    }
    if (req.method !== 'POST' || url.pathname !== `/api/v1/applications/${name}/rollback`) {
      return notFound;
    }
    if (!rollbackRequest(req.body)) {
      return { status: 400, body: { error: errorLines(rollbackRequest).join('; '), code: 3 } };
    }
    const automated = ((app.spec as Json).syncPolicy as Json | undefined)?.automated as Json | undefined;
    if (automated && automated.enabled !== false) {
      return failedPrecondition('rollback cannot be initiated when auto-sync is enabled');
    }
    if (app.operation) {
      return failedPrecondition('another operation is already in progress');
    }
    const history = status.history as Json[];
    const entry = history.find((h) => h.id === Number((req.body as Json).id));
    if (!entry) {
      return { status: 400, body: { error: `application ${name} does not have deployment with id ${(req.body as Json).id}`, code: 3 } };
    }
    const syncOptions = ((app.spec as Json).syncPolicy as Json | undefined)?.syncOptions;
    requested = { entry, before: clone(app), startedAt: null };
    readsAfter = 0;
    // util/argo/argo.go, SetAppOperation: the operation is set and the last one's state cleared.
    delete status.operationState;
    app.operation = {
      sync: { revision: entry.revision, ...(syncOptions ? { syncOptions } : {}), syncStrategy: { apply: {} }, source: entry.source },
      initiatedBy: { username: 'admin' },
    };
    if (!options.steps) {
      step('Succeeded');
    }
    return { status: 200, body: app };
  };
  return { handle, app, reads: () => reads };
}

/**
 * The Kubernetes API for one Argo Rollouts `Rollout`, from the CRD: `GET
 * /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/{name}` and merge-patch `PATCH` of it and
 * of its `status` subresource (404 for `/status` with `statusSubresource: false`, as on a
 * cluster without it). A patch's `status` must fit the CRD's status schema.
 */
export function rolloutsApi(initial: Json, options: { statusSubresource: boolean }): { handle: (req: SeenRequest) => ApiAnswer; rollout: Json } {
  const rollout = clone(initial);
  const crd = load('rollout_crd_extract.json');
  const version = ((crd.spec as Json).versions as Json[])[0];
  const ajv = createAjv();
  const statusSchema = ajv.compile(((((version.schema as Json).openAPIV3Schema as Json).properties as Json).status as Json));
  const meta = rollout.metadata as Json;
  const base = `/apis/argoproj.io/${version.name}/namespaces/${meta.namespace}/rollouts/${meta.name}`;
  const handle = (req: SeenRequest): ApiAnswer => {
    const { pathname } = new URL(req.url, 'http://x');
    if (req.method === 'GET' && pathname === base) {
      return { status: 200, body: rollout };
    }
    const toStatus = pathname === `${base}/status`;
    if (req.method !== 'PATCH' || (pathname !== base && !toStatus) || (toStatus && !options.statusSubresource)) {
      return notFound;
    }
    if (req.contentType !== MERGE_PATCH) {
      return { status: 415, body: { kind: 'Status', status: 'Failure', message: `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`, reason: 'UnsupportedMediaType', code: 415 } };
    }
    const status = (req.body as Json)?.status;
    if (!statusSchema(status)) {
      return { status: 422, body: { kind: 'Status', status: 'Failure', message: errorLines(statusSchema).join('; '), reason: 'Invalid', code: 422 } };
    }
    rollout.status = { ...(rollout.status as Json), ...(status as Json) };
    return { status: 200, body: rollout };
  };
  return { handle, rollout };
}
