import { get, isRecord, text } from '../events/normalize';
import { rolloutTemplateOf, RolloutTemplate, templateIsDeploy } from './rolloutTemplateOf';
import { ActionPlan, ActionRequest, Decision, JudgedDeploy } from './types';

/** The patch `kubectl argo rollouts abort` sends (argo-rollouts `pkg/kubectl-argo-rollouts/cmd/abort/abort.go`). */
export const ABORT_PATCH = { status: { abort: true } };
export const MERGE_PATCH = 'application/merge-patch+json';

/** The template in words: "pod template 65fb5ffc84 (image argoproj/rollouts-demo:blue)". */
function describeTemplate(template: RolloutTemplate): string {
  const images = template.images.length > 0 ? ` (image${template.images.length > 1 ? 's' : ''} ${template.images.join(', ')})` : '';
  return `${template.podHash ? `pod template ${template.podHash}` : 'a pod template with no hash yet'}${images}`;
}

/**
 * Why the rollout in progress is not known to be the judged deploy, or '' when it is. An abort
 * stops whatever the Rollout rolls out now: when that is a newer deploy than the one judged, the
 * abort would throw away a deploy nobody judged and send traffic back to the harmful one's
 * ReplicaSet, or to one older still. Undecided (a deploy naming no version, a Rollout showing no
 * template) counts as not the judged one: nothing is sent.
 */
function notTheJudged(template: RolloutTemplate, judged: JudgedDeploy, where: { namespace: string; name: string }): string {
  const abortYourself = `abort it yourself with \`kubectl argo rollouts abort ${where.name} -n ${where.namespace}\` if that is meant`;
  if (!template.podHash && template.images.length === 0) {
    return `it shows no current pod template (status.currentPodHash, spec.template images), so it cannot be told whether it is rolling out the judged deploy; ${abortYourself}.`;
  }
  if (!judged.version.trim() && !judged.commit.trim()) {
    return `the judged deploy names no version or commit, so it cannot be told whether ${describeTemplate(template)}, which the rollout is rolling out now, is that deploy; give the deploy's pod template hash or image tag with --deploy-version (with --deploy-time), or ${abortYourself}.`;
  }
  if (templateIsDeploy(template, judged)) {
    return '';
  }
  const named = [judged.version.trim(), judged.commit.trim().slice(0, 12)].filter((n, i, all) => n && all.indexOf(n) === i).join(', commit ');
  return `it is now rolling out ${describeTemplate(template)}, not the judged deploy (${named}); an abort would stop that deploy instead. Judge the deploy it is rolling out, or ${abortYourself}.`;
}

/**
 * Aborting an Argo Rollouts rollout as `kubectl argo rollouts abort` does: read the Rollout
 * (`GET /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/{name}`); unless `status.abort` is
 * already true, the rollout is rolling out another deploy than the judged one (see
 * `notTheJudged`), or it fully promoted (nothing left to abort back to), send the merge
 * patch `{"status":{"abort":true}}` to its `status` subresource,
 * and, where the cluster answers 404 for that (no status subresource), to the resource
 * itself. The controller then scales the canary down and sends traffic back to the stable
 * ReplicaSet; `spec.template` keeps the new version.
 *
 * @example
 * planRolloutAbort({ kind: 'argo_rollout', namespace: 'prod', name: 'checkout', judged: { version: '65fb5ffc84', commit: '' } }).read.path
 * // '/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts/checkout'
 */
export function planRolloutAbort(target: { kind: 'argo_rollout'; namespace: string; name: string; judged: JudgedDeploy }): ActionPlan {
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
    const other = notTheJudged(rolloutTemplateOf(state), target.judged, target);
    if (other) {
      return { act: false, outcome: 'refused', message: `not aborting rollout ${shown}: ${other}` };
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
