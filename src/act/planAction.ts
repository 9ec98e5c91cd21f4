import { planArgoCdRollback } from './planArgoCdRollback';
import { planLaunchDarklyTurnOff } from './planLaunchDarklyTurnOff';
import { planRolloutAbort } from './planRolloutAbort';
import { planUnleashTurnOff } from './planUnleashTurnOff';
import { ActionPlan, ActionTarget } from './types';

/**
 * The plan that undoes a change on its target: turn the flag off, roll the application
 * back, abort the rollout. Pure.
 *
 * @example
 * planAction({ kind: 'unleash_flag', project: 'default', flag: 'semantic-search', environment: 'production' }).what
 * // 'turn flag semantic-search off in production (project default)'
 */
export function planAction(target: ActionTarget): ActionPlan {
  switch (target.kind) {
    case 'unleash_flag':
      return planUnleashTurnOff(target);
    case 'launchdarkly_flag':
      return planLaunchDarklyTurnOff(target);
    case 'argocd_application':
      return planArgoCdRollback(target);
    case 'argo_rollout':
      return planRolloutAbort(target);
  }
}
