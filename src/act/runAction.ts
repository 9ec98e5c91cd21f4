import { HttpClient, HttpFailure, HttpResult } from '../http/createHttpClient';
import { FollowSettings, followOperation } from './followOperation';
import { ActionOutcome, ActionPlan, ActionRequest, ActionResult } from './types';

export interface RunActionOptions {
  /** The project's HTTP client, made for the action's API with the acting token; it keeps the token on that origin. */
  client: HttpClient;
  plan: ActionPlan;
  now: () => number;
  signal?: AbortSignal;
  /**
   * Read back the operation the change starts (plans with `operationOf`: an Argo CD rollback)
   * until it ends or this deadline comes. Absent: accepted is the end.
   */
  follow?: FollowSettings;
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
export async function runAction({ client, plan, now, signal, follow }: RunActionOptions): Promise<ActionResult> {
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
  const options = { client, plan, now, signal, follow };
  if (!sent.ok) {
    return answerLost(sent.error) ? afterAccepted(options, await readAfterLostAnswer(options, sent.error, done), before.data) : failed(sent.error.message);
  }
  const actedAt = now();
  if (!plan.confirm) {
    return afterAccepted(options, { outcome: ActionOutcome.Acted, message: `${done}; ${plan.provider} accepted the request`, actedAt }, before.data);
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
 * After a change the API accepted: when the plan starts an operation and the caller follows it,
 * reads it back (see followOperation) and says what it came to. An operation that failed is a
 * failed action, with the API's own message: nothing was undone. One still pending or running
 * at the deadline stays acted (the change was accepted), with `operation` saying it was not seen
 * to end.
 */
async function afterAccepted(options: RunActionOptions, accepted: ActionResult, before: unknown): Promise<ActionResult> {
  const { plan, follow } = options;
  if (accepted.outcome !== ActionOutcome.Acted || !plan.operationOf || !follow) {
    return accepted;
  }
  const followed = await followOperation(options.client, plan.read, (after) => plan.operationOf!(before, after), follow, options.now);
  const { readError, ...operation } = followed;
  const said = `${operation.phase || operation.state}${operation.message ? `: ${operation.message.replace(/\.$/, '')}` : ''}`;
  if (operation.state === 'failed') {
    return { outcome: ActionOutcome.Failed, message: `could not ${plan.what}: ${plan.provider} accepted the request, but its operation ended ${said}; the change is not undone, check it in ${plan.provider}`, operation };
  }
  if (operation.state === 'succeeded') {
    return { ...accepted, message: `${accepted.message}; its operation ${said}`, operation };
  }
  const why = readError ? `; the last read failed (${readError.replace(/\.$/, '')})` : operation.phase ? ` (${said})` : '';
  return { ...accepted, message: `${accepted.message}, but its operation was still ${operation.state} when the deadline came${why}; check it in ${plan.provider}`, operation };
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
