import { HttpClient, HttpFailure, HttpResult } from '../http/createHttpClient';
import { ActionOutcome, ActionPlan, ActionRequest, ActionResult } from './types';

export interface RunActionOptions {
  /** The project's HTTP client, made for the action's API with the acting token; it keeps the token on that origin. */
  client: HttpClient;
  plan: ActionPlan;
  now: () => number;
  signal?: AbortSignal;
}

/** Sends one request of an action; a write is sent once (never retried: it is not a read). */
function send(client: HttpClient, request: ActionRequest, signal: AbortSignal | undefined): Promise<HttpResult<unknown>> {
  if (request.method === 'GET') {
    return client.getJson(request.path, undefined, signal);
  }
  return client.postText(request.path, request.body, signal, { method: request.method, contentType: request.contentType });
}

/**
 * Runs an action: reads the current state, does nothing when it already is what the action
 * would make it (or when acting would be unsafe), else sends the change once and, where the
 * plan asks, reads again to see it took. Never throws for API trouble; every message comes
 * from the client, which scrubs it. --dry-run is the caller's: it never calls this.
 *
 * @example
 * const result = await runAction({ client, plan: planAction(target), now: Date.now });
 * // { outcome: 'acted', message: 'turned flag semantic-search off in production (project default); Unleash now reports it off', actedAt: ... }
 */
export async function runAction({ client, plan, now, signal }: RunActionOptions): Promise<ActionResult> {
  const failed = (message: string): ActionResult => ({ outcome: ActionOutcome.Failed, message: `could not ${plan.what}: ${message}` });
  const before = await send(client, plan.read, signal);
  if (!before.ok) {
    return failed(before.error.message);
  }
  const decision = plan.decide(before.data);
  if (!decision.act) {
    return { outcome: decision.outcome === 'already_done' ? ActionOutcome.AlreadyDone : ActionOutcome.Refused, message: decision.message };
  }
  let sent = await send(client, decision.request, signal);
  if (!sent.ok && sent.error.status === 404 && decision.onNotFound) {
    sent = await send(client, decision.onNotFound, signal);
  }
  const done = plan.what.replace(/^(\w+)/, (verb) => PAST[verb] ?? verb);
  if (!sent.ok) {
    return answerLost(sent.error) ? readAfterLostAnswer({ client, plan, now, signal }, sent.error, done) : failed(sent.error.message);
  }
  const actedAt = now();
  if (!plan.confirm) {
    return { outcome: ActionOutcome.Acted, message: `${done}; ${plan.provider} accepted the request`, actedAt };
  }
  const after = await send(client, plan.read, signal);
  const seen = after.ok ? plan.decide(after.data) : null;
  if (seen && !seen.act && seen.outcome === 'already_done') {
    return { outcome: ActionOutcome.Acted, message: `${done}; ${plan.provider} confirms it`, actedAt };
  }
  return failed(
    after.ok
      ? `${plan.provider} accepted the request, but reading the state again shows it unchanged; check it by hand.`
      : `${plan.provider} accepted the request, but reading the state again failed (${after.error.message.replace(/\.$/, '')}); check it by hand.`
  );
}

/**
 * True when the change may have been made although no answer says so: the request timed out or
 * the connection dropped after it was sent, or a gateway gave up waiting for the API (502, 504).
 */
function answerLost(error: HttpFailure): boolean {
  return error.kind === 'timeout' || error.kind === 'network' || (error.kind === 'http' && (error.status === 502 || error.status === 504));
}

/**
 * After a change whose answer was lost: reads the state again (never sends the change again) and
 * says what it shows. Made: acted, said with the lost answer. Not made, or unreadable: failed,
 * with what to do.
 */
async function readAfterLostAnswer({ client, plan, now, signal }: RunActionOptions, lost: HttpFailure, done: string): Promise<ActionResult> {
  const why = lost.message.replace(/\.$/, '');
  const after = await send(client, plan.read, signal);
  const seen = after.ok ? plan.decide(after.data) : null;
  if (seen && !seen.act && seen.outcome === 'already_done') {
    return { outcome: ActionOutcome.Acted, message: `${done}; the answer to the change was lost (${why}), but ${plan.provider} now reports it done`, actedAt: now() };
  }
  const state = !after.ok
    ? `reading the state again failed too (${after.error.message.replace(/\.$/, '')}); check it by hand.`
    : seen?.act
      ? 'reading the state again shows it unchanged; run again, or check it by hand.'
      : `reading the state again could not tell (${(seen?.message ?? '').replace(/\.$/, '')}); check it by hand.`;
  return { outcome: ActionOutcome.Failed, message: `could not ${plan.what}: ${why}; ${state}` };
}

/** The past tense of the plans' verbs, for the sentence said after acting. */
const PAST: Record<string, string> = { turn: 'turned', roll: 'rolled', abort: 'aborted' };
