import { RawResponse } from './types';

/** A 429 that does not say how long to wait (older GitLab) is retried after this long, rather than hammered. */
const UNSAID_429_WAIT_MS = 2_000;
/** GitHub asks for at least a minute's wait when its rate-limit answer gives no reset time. */
const UNSAID_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * How long the API asks us to wait, or null when the response is not a rate limit.
 * GitHub: 403/429 with `retry-after`, or `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch s).
 * GitLab: 429 with `Retry-After`, or `RateLimit-Remaining: 0` and `RateLimit-Reset`.
 *
 * @example
 * rateLimitWait({ status: 429, header: (n) => (n === 'retry-after' ? '2' : null), body: '' }, Date.now()) // { waitMs: 2000, known: true }
 */
export function rateLimitWait(response: RawResponse, nowMs: number): { waitMs: number; known: boolean } | null {
  const { status } = response;
  if (status !== 403 && status !== 429) {
    return null;
  }
  const retryAfter = response.header('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) {
      return { waitMs: Math.max(0, seconds * 1000), known: true };
    }
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) {
      return { waitMs: Math.max(0, date - nowMs), known: true };
    }
  }
  const remaining = response.header('x-ratelimit-remaining') ?? response.header('ratelimit-remaining');
  const reset = response.header('x-ratelimit-reset') ?? response.header('ratelimit-reset');
  if (remaining === '0' && reset !== null && Number.isFinite(Number(reset))) {
    return { waitMs: Math.max(0, Number(reset) * 1000 - nowMs), known: true };
  }
  if (status === 429) {
    return { waitMs: UNSAID_429_WAIT_MS, known: false };
  }
  if (/rate limit/i.test(response.body.slice(0, 500))) {
    // Grafana's backendSrv drops headers of error answers; GitHub says "API rate limit exceeded" in the body.
    return { waitMs: UNSAID_RATE_LIMIT_WAIT_MS, known: false };
  }
  return null;
}
