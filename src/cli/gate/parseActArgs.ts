import { EventSource } from '../../events/types';
import { UsageError } from '../readInputs';
import { EventsRead } from './findDeploy';
import { secretFromEnv } from '../secretFromEnv';

/** --act and its companions: whether the gate undoes a change it judged harmful, and with what. */
export interface ActArgs {
  /** --dry-run: print each request instead of sending it. */
  dryRun: boolean;
  /** The acting token: --act-token-env's, else the provider's; sent only to `url`'s origin. */
  token?: string;
  /** --rollout NAMESPACE/NAME: the Argo Rollouts rollout to abort on roll_back, on the Kubernetes API at --rollout-url. */
  rollout?: { namespace: string; name: string; url: string };
}

export const ACT_FLAGS = {
  act: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'act-token-env': { type: 'string' },
  flag: { type: 'string' },
  'change-time': { type: 'string' },
  rollout: { type: 'string' },
  'rollout-url': { type: 'string' },
} as const;

/** Providers whose changes the gate can undo by itself: flags turned off, applications rolled back. */
export const ACTING_SOURCES: ReadonlySet<EventSource> = new Set([EventSource.Unleash, EventSource.LaunchDarkly, EventSource.ArgoCD]);

type Values = Record<string, string | string[] | boolean | undefined>;

/** `ns/name` of --rollout, checked as Kubernetes names are. */
function rolloutFlag(values: Values): { namespace: string; name: string; url: string } | undefined {
  const text = values.rollout as string | undefined;
  const url = values['rollout-url'] as string | undefined;
  if (text === undefined) {
    if (url !== undefined) {
      throw new UsageError('--rollout-url goes with --rollout NAMESPACE/NAME');
    }
    return undefined;
  }
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(text.trim());
  if (!match) {
    throw new UsageError('--rollout must be NAMESPACE/NAME of an Argo Rollouts rollout, e.g. prod/checkout');
  }
  if (!url || !/^https?:\/\/[^\s@]+$/.test(url)) {
    throw new UsageError('--rollout needs --rollout-url: the http(s) URL of the Kubernetes API server, without credentials');
  }
  return { namespace: match[1], name: match[3], url: url.replace(/\/+$/, '') };
}

/**
 * The --act flags, checked; undefined without --act or --dry-run. Throws a UsageError naming
 * the flag to fix. The acting token comes only from the environment.
 *
 * @example
 * parseActArgs({ act: true }, process.env, eventsRead) // { dryRun: false, token: eventsRead.token }
 */
export function parseActArgs(values: Values, env: Record<string, string | undefined>, events: EventsRead | null): ActArgs | undefined {
  if (!values.act && !values['dry-run']) {
    for (const flag of ['act-token-env', 'rollout', 'rollout-url']) {
      if (values[flag] !== undefined) {
        throw new UsageError(`--${flag} only applies with --act`);
      }
    }
    return undefined;
  }
  const rollout = rolloutFlag(values);
  if (!rollout && (!events || !ACTING_SOURCES.has(events.source))) {
    throw new UsageError('--act undoes a flag change (--provider unleash or launchdarkly), an Argo CD sync (--provider argocd) or an Argo Rollouts rollout (--rollout NAMESPACE/NAME --rollout-url URL)');
  }
  const flagSource = events?.source === EventSource.Unleash || events?.source === EventSource.LaunchDarkly;
  if (rollout && flagSource) {
    // The change judged is a flag change, undone by turning the flag off; --act-token-env is then
    // the Kubernetes token, which must never reach the flag provider.
    throw new UsageError('--rollout aborts a rollout when a deploy is judged roll_back; with --provider unleash or launchdarkly the change judged is a flag change, turned off with the provider\'s token: leave --rollout out');
  }
  if (flagSource && !(typeof values.environment === 'string' && values.environment.trim())) {
    // Without it the newest change of any environment would be judged, and turned off there.
    throw new UsageError('--act on a flag change needs --environment ENV: the change judged is one made there, and the flag is turned off there only');
  }
  const tokenEnv = values['act-token-env'] as string | undefined;
  const actToken = tokenEnv === undefined ? undefined : secretFromEnv(env, 'act-token-env', tokenEnv);
  if (rollout && !actToken) {
    throw new UsageError('--rollout needs --act-token-env VAR: a Kubernetes token allowed to patch rollouts/status in that namespace');
  }
  return { dryRun: values['dry-run'] === true, token: actToken ?? events?.token, rollout };
}

/**
 * --flag KEY and --change-time T: which flag change to judge, only with a flag provider. T is
 * read by `time` (the gate's time syntax); the change judged is the newest at or before it.
 */
export function parseFlagPick(values: Values, events: EventsRead | null, time: (flag: string) => number): { flag?: string; changeTime?: number } {
  if (values.flag === undefined && values['change-time'] === undefined) {
    return {};
  }
  if (!events || (events.source !== EventSource.Unleash && events.source !== EventSource.LaunchDarkly)) {
    throw new UsageError(`--${values.flag !== undefined ? 'flag' : 'change-time'} picks a flag change: it goes with --provider unleash or launchdarkly`);
  }
  const flag = (values.flag as string | undefined)?.trim();
  if (values.flag !== undefined && !flag) {
    throw new UsageError('--flag must name a flag key, e.g. --flag semantic-search');
  }
  return { flag, changeTime: values['change-time'] === undefined ? undefined : time('change-time') };
}
