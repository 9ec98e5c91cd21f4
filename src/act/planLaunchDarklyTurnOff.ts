import { get, isRecord } from '../events/normalize';
import { ActionPlan, ActionRequest, Decision } from './types';

/** The media type that makes a PATCH a semantic patch (LaunchDarkly's "Updates using semantic patch"). */
export const SEMANTIC_PATCH = 'application/json; domain-model=launchdarkly.semanticpatch';

const seg = encodeURIComponent;

/**
 * Turning a LaunchDarkly flag off in one environment: read the flag filtered to that
 * environment (`GET /api/v2/flags/{projectKey}/{featureFlagKey}?env=...`, whose
 * `environments[env].on` is its targeting state), and if it is on, send the `turnFlagOff`
 * semantic patch for that environment. Off serves the flag's off variation to everyone; the
 * targeting rules stay for turning it on again. The plan reads again after the change.
 *
 * @example
 * planLaunchDarklyTurnOff({ kind: 'launchdarkly_flag', project: 'shop', flag: 'new-checkout', environment: 'production' })
 */
export function planLaunchDarklyTurnOff(target: { kind: 'launchdarkly_flag'; project: string; flag: string; environment: string }): ActionPlan {
  const flag = `/api/v2/flags/${seg(target.project)}/${seg(target.flag)}`;
  const where = `in ${target.environment} (project ${target.project})`;
  const patch: ActionRequest = {
    method: 'PATCH',
    path: flag,
    contentType: SEMANTIC_PATCH,
    body: { environmentKey: target.environment, comment: 'Turned off by SafeDeploy', instructions: [{ kind: 'turnFlagOff' }] },
  };
  const decide = (state: unknown): Decision => {
    const config = get(state, 'environments', target.environment);
    if (!isRecord(config) || typeof config.on !== 'boolean') {
      return { act: false, outcome: 'refused', message: `LaunchDarkly did not report flag ${target.flag} in environment ${target.environment} (project ${target.project}); nothing was changed. Check --environment.` };
    }
    if (!config.on) {
      return { act: false, outcome: 'already_done', message: `flag ${target.flag} is already off ${where}; nothing to do.` };
    }
    return { act: true, request: patch };
  };
  return {
    target,
    provider: 'LaunchDarkly',
    what: `turn flag ${target.flag} off ${where}`,
    read: { method: 'GET', path: `${flag}?env=${seg(target.environment)}` },
    preview: patch,
    decide,
    confirm: true,
  };
}
