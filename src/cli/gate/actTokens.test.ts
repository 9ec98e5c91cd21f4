/**
 * @jest-environment node
 */
// Each acting token goes only to the API it is for: with --rollout, --act-token-env is a
// Kubernetes token, and a flag provider's change must never be turned off with it.
import { EventSource } from '../../events/types';
import { UsageError } from '../readInputs';
import { parseActArgs } from './parseActArgs';

const KUBE_TOKEN = 'kube-sa-token-7f3a9c';

describe('--rollout with a flag provider', () => {
  it.each([EventSource.Unleash, EventSource.LaunchDarkly])(
    'is refused with %s: the Kubernetes token would otherwise turn the flag off, in an environment no one named',
    (source) => {
      const events = { source, url: 'https://flags.example.com', scope: 'default', range: { from: 0, to: 1 }, token: 'flag-read-token' };
      // No --environment: before, --rollout also lifted that requirement.
      const values = { act: true, rollout: 'prod/checkout', 'rollout-url': 'https://k8s.example.com', 'act-token-env': 'KUBE' };
      expect(() => parseActArgs(values, { KUBE: KUBE_TOKEN }, events)).toThrow(UsageError);
      expect(() => parseActArgs({ ...values, environment: 'production' }, { KUBE: KUBE_TOKEN }, events)).toThrow(
        /--rollout aborts a rollout .* flag change, turned off with the provider's token: leave --rollout out/
      );
    }
  );

  it('stays allowed with a deploy provider: the Kubernetes token goes to the rollout only', () => {
    const events = { source: EventSource.ArgoCD, url: 'https://argocd.example.com', scope: 'guestbook', range: { from: 0, to: 1 }, token: 'argocd-token' };
    const values = { act: true, rollout: 'prod/checkout', 'rollout-url': 'https://k8s.example.com', 'act-token-env': 'KUBE' };
    expect(parseActArgs(values, { KUBE: KUBE_TOKEN }, events)).toStrictEqual({
      dryRun: false,
      token: KUBE_TOKEN,
      rollout: { namespace: 'prod', name: 'checkout', url: 'https://k8s.example.com' },
    });
  });
});
