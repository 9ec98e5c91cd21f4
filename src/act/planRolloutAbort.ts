import { get, isRecord, text } from '../events/normalize';
import { ActionPlan, ActionRequest, Decision } from './types';

/** The patch `kubectl argo rollouts abort` sends (argo-rollouts `pkg/kubectl-argo-rollouts/cmd/abort/abort.go`). */
export const ABORT_PATCH = { status: { abort: true } };
export const MERGE_PATCH = 'application/merge-patch+json';

/**
 * Aborting an Argo Rollouts rollout as `kubectl argo rollouts abort` does: read the Rollout
 * (`GET /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/{name}`); unless `status.abort` is
 * already true or the rollout fully promoted (nothing left to abort back to), send the merge
 * patch `{"status":{"abort":true}}` to its `status` subresource,
 * and, where the cluster answers 404 for that (no status subresource), to the resource
 * itself. The controller then scales the canary down and sends traffic back to the stable
 * ReplicaSet; `spec.template` keeps the new version.
 *
 * @example
 * planRolloutAbort({ kind: 'argo_rollout', namespace: 'prod', name: 'checkout' }).read.path
 * // '/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts/checkout'
 */
export function planRolloutAbort(target: { kind: 'argo_rollout'; namespace: string; name: string }): ActionPlan {
  const rollout = `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(target.namespace)}/rollouts/${encodeURIComponent(target.name)}`;
  const shown = `${target.namespace}/${target.name}`;
  const patch = (path: string): ActionRequest => ({ method: 'PATCH', path, contentType: MERGE_PATCH, body: ABORT_PATCH });
  const decide = (state: unknown): Decision => {
    if (!isRecord(state) || text(state.kind) !== 'Rollout') {
      return { act: false, outcome: 'refused', message: `the answer for ${shown} was not an Argo Rollouts Rollout; nothing was changed.` };
    }
    if (get(state, 'status', 'abort') === true) {
      return { act: false, outcome: 'already_done', message: `rollout ${shown} is already aborted; nothing to do.` };
    }
    // Fully promoted: the stable ReplicaSet is the new one, so an abort has nothing to go back to
    // (argo-rollouts #2982: it restores nothing, and the controller may loop on it).
    const stable = text(get(state, 'status', 'stableRS'));
    if (stable && stable === text(get(state, 'status', 'currentPodHash'))) {
      return {
        act: false,
        outcome: 'refused',
        message: `rollout ${shown} is already fully promoted (its stable ReplicaSet ${stable} is the new version), so an abort would restore nothing; undo it with \`kubectl argo rollouts undo\` or revert the change in Git.`,
      };
    }
    return { act: true, request: patch(`${rollout}/status`), onNotFound: patch(rollout) };
  };
  return { target, provider: 'Argo Rollouts', what: `abort rollout ${shown}`, read: { method: 'GET', path: rollout }, preview: patch(`${rollout}/status`), decide, confirm: true };
}
