import { Transport, TransportError } from '../../events/http/types';

/** A duration for messages: 45s, 2m05s. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * A transport whose requests end after `timeoutMs` (unless the caller's signal ends them
 * first), saying so and what to do, rather than "the request failed".
 *
 * @example
 * const transport = withDeadline(fetchTransport(headers), 30_000);
 */
export function withDeadline(transport: Transport, timeoutMs: number): Transport {
  return async (url, signal) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      return await transport(url, combined);
    } catch (err) {
      if (deadline.aborted) {
        throw new TransportError(`no answer within ${formatElapsed(timeoutMs)}; raise --timeout or narrow the query`);
      }
      throw err;
    }
  };
}
