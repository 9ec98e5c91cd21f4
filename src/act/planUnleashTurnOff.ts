import { get } from '../events/normalize';
import { ActionPlan, ActionRequest, Decision } from './types';

const seg = encodeURIComponent;

/**
 * Turning an Unleash flag off in one environment: read the flag
 * (`GET /api/admin/projects/{project}/features/{name}`, whose `environments[]` carry
 * `name` and `enabled`), and if it is on there, `POST .../environments/{env}/off`, which
 * disables the flag in that environment only and keeps its strategies for turning it on again.
 * The plan reads again after the change and requires the flag off.
 *
 * @example
 * planUnleashTurnOff({ kind: 'unleash_flag', project: 'default', flag: 'semantic-search', environment: 'production' }).read.path
 * // '/api/admin/projects/default/features/semantic-search'
 */
export function planUnleashTurnOff(target: { kind: 'unleash_flag'; project: string; flag: string; environment: string }): ActionPlan {
  const feature = `/api/admin/projects/${seg(target.project)}/features/${seg(target.flag)}`;
  const where = `in ${target.environment} (project ${target.project})`;
  const off: ActionRequest = { method: 'POST', path: `${feature}/environments/${seg(target.environment)}/off` };
  const decide = (state: unknown): Decision => {
    const environments = get(state, 'environments');
    const found = Array.isArray(environments) ? environments.find((e) => get(e, 'name') === target.environment) : undefined;
    if (found === undefined) {
      return { act: false, outcome: 'refused', message: `Unleash has no environment ${target.environment} on flag ${target.flag} (project ${target.project}); nothing was changed.` };
    }
    if (get(found, 'enabled') === false) {
      return { act: false, outcome: 'already_done', message: `flag ${target.flag} is already off ${where}; nothing to do.` };
    }
    return { act: true, request: off };
  };
  return { target, provider: 'Unleash', what: `turn flag ${target.flag} off ${where}`, read: { method: 'GET', path: feature }, preview: off, decide, confirm: true };
}
