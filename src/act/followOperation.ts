import { HttpClient } from '../http/createHttpClient';
import { ActionRequest, OperationRead } from './types';

/** How long and how often to read an operation back, on the caller's clock. */
export interface FollowSettings {
  /** Epoch ms (of `now`) after which no read starts and no wait runs: the caller's deadline. */
  deadlineAt: number;
  /** Between reads, ms. */
  intervalMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** What following came to: the last read's account of the operation, and why the last read failed, if it did. */
export interface Followed extends OperationRead {
  /** The last read's failure ('' when it was answered): said when the operation's end was not seen. */
  readError: string;
}

/**
 * Reads the state with `request` until `readOperation` says the operation ended (succeeded or
 * failed) or the deadline comes; each read is bounded by the client's own timeout and by the
 * time left. A failed read is tried again at the next interval (the operation runs on whether
 * or not it is watched). Never throws for API trouble; never sends anything but `request`, a GET.
 *
 * @example
 * await followOperation(client, plan.read, (after) => plan.operationOf!(before, after), { deadlineAt: Date.now() + 120_000, intervalMs: 5_000, sleep }, Date.now)
 * // { state: 'succeeded', phase: 'Succeeded', message: 'successfully synced (all tasks run)', readError: '' }
 */
export async function followOperation(
  client: HttpClient,
  request: ActionRequest,
  readOperation: (state: unknown) => OperationRead,
  settings: FollowSettings,
  now: () => number
): Promise<Followed> {
  let last: Followed = { state: 'pending', phase: '', message: '', readError: '' };
  for (;;) {
    const left = settings.deadlineAt - now();
    if (left <= 0) {
      return last;
    }
    const answer = await client.getJson(request.path, undefined, AbortSignal.timeout(left));
    last = answer.ok ? { ...readOperation(answer.data), readError: '' } : { ...last, readError: answer.error.message };
    if (last.state === 'succeeded' || last.state === 'failed') {
      return last;
    }
    const wait = Math.min(settings.intervalMs, settings.deadlineAt - now());
    if (wait <= 0) {
      return last;
    }
    await settings.sleep(wait);
  }
}
