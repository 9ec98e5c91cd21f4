import { laterFlagChange } from '../act/laterFlagChange';
import { planAction } from '../act/planAction';
import { runAction } from '../act/runAction';
import { ActionOutcome, ActionResult, FlagTarget } from '../act/types';
import { EventBatch, FLAG_OFF } from '../events/types';
import { createHttpClient, HttpClient } from '../http/createHttpClient';
import { Transport } from '../http/types';

export interface TurnFlagOffOptions {
  datasourceUid: string;
  /** The provider's URL from the datasource settings; the action is refused without it. */
  upstreamUrl: string | undefined;
  transport: Transport;
  now?: () => number;
  signal?: AbortSignal;
  /** Reads the flag's changes in its project and environment from `from` to now, through the read-only route. */
  changesSince?: (from: number, signal?: AbortSignal) => Promise<EventBatch>;
}

const LABEL = { unleash: 'Unleash', launchdarkly: 'LaunchDarkly' } as const;

/**
 * The client an action on a flag runs with: its reads go through the provider's read-only
 * route (`unleash`, `launchdarkly`, GET only), its one change through the acting route
 * (`act/unleash` POST, `act/launchdarkly` PATCH), which Grafana serves only to Editors and
 * above (`reqRole`) and where it adds the token. The browser never holds the token.
 */
export function flagActionClient(target: Pick<FlagTarget, 'provider'>, options: Pick<TurnFlagOffOptions, 'datasourceUid' | 'upstreamUrl' | 'transport'>): HttpClient {
  const proxy = `/api/datasources/proxy/uid/${encodeURIComponent(options.datasourceUid)}`;
  const common = { providerName: LABEL[target.provider], transport: options.transport, upstreamUrl: options.upstreamUrl };
  const reads = createHttpClient({ ...common, baseUrl: `${proxy}/${target.provider}` });
  // A 403 on the acting route is Grafana's role check (Editor and above) as often as the token's scope.
  const writes = createHttpClient({ ...common, baseUrl: `${proxy}/act/${target.provider}`, hints: { 403: 'Grafana lets only Editors and Admins act through this data source, or the token may not change flags' } });
  return { ...reads, postJson: writes.postJson, postText: writes.postText };
}

/**
 * What the flag's changes since the one judged say, before anything is sent: a later change
 * (turned off, or changed again: what is live now) leaves the flag alone, and so does a read
 * that failed, since a lost page may hold one. Null: nothing changed since, go on.
 */
async function laterChangeResult(target: FlagTarget, options: TurnFlagOffOptions): Promise<ActionResult | null> {
  if (!target.judged || !options.changesSince) {
    return null;
  }
  const name = LABEL[target.provider];
  const batch = await options.changesSince(target.judged.at, options.signal);
  const errors = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text.replace(/\.$/, ''));
  if (errors.length > 0) {
    return { outcome: ActionOutcome.Failed, message: `the changes of flag ${target.flag} since the one judged could not be read (${errors.join('; ')}), so nothing was changed: try again, or turn it off in ${name}.` };
  }
  const later = laterFlagChange(target, target.judged.id, target.judged.at, batch.events);
  if (!later) {
    return null;
  }
  const at = new Date(later.time).toISOString();
  if (later.toState === FLAG_OFF) {
    return { outcome: ActionOutcome.AlreadyDone, message: `flag ${target.flag} was already turned off in ${target.environment} at ${at}, after the change judged; nothing to do.` };
  }
  return {
    outcome: ActionOutcome.Refused,
    message: `flag ${target.flag} was changed again in ${target.environment} at ${at} (${later.toState || 'changed'}), after the change judged: what is live now is that change, so nothing was changed. Refresh the panel to judge it, or turn the flag off in ${name}.`,
  };
}

/**
 * Turns a flag off in one environment through the datasource's data-proxy routes: with the
 * change judged and `changesSince`, first reads the flag's changes since (see laterChangeResult); then reads it,
 * does nothing when it is already off, else sends the provider's turn-off once and reads
 * again to see it off (see `runAction`). Never throws for API trouble: a refused role (403),
 * a missing URL or a failed request comes back as a `failed` result with a sentence.
 *
 * @example
 * await turnFlagOff({ provider: 'unleash', project: 'default', flag: 'semantic-search', environment: 'production' }, { datasourceUid: 'abc', upstreamUrl, transport })
 * // { outcome: 'acted', message: 'turned flag semantic-search off in production (project default); Unleash confirms it', actedAt }
 */
export async function turnFlagOff(target: FlagTarget, options: TurnFlagOffOptions): Promise<ActionResult> {
  if (!options.upstreamUrl?.trim()) {
    return { outcome: ActionOutcome.Failed, message: `${LABEL[target.provider]} is not configured in this data source: set its URL in the data source settings.` };
  }
  const later = await laterChangeResult(target, options);
  if (later) {
    return later;
  }
  const plan = planAction({ kind: target.provider === 'unleash' ? 'unleash_flag' : 'launchdarkly_flag', project: target.project, flag: target.flag, environment: target.environment });
  return runAction({ client: flagActionClient(target, options), plan, now: options.now ?? Date.now, signal: options.signal });
}
