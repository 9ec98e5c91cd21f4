import { RawResponse } from './types';

/** A 429 that does not say how long to wait (older GitLab) is retried after this long, rather than hammered. */
const UNSAID_429_WAIT_MS = 2_000;
/**
 * Server-given waits are clamped to this: a `Retry-After` of 1e300 seconds or a reset in the
 * year 5000 is no wait anyone will sit out, and no date it could name is valid.
 */
export const MAX_SERVER_WAIT_MS = 24 * 3_600_000;
/** GitHub asks for at least a minute's wait when its rate-limit answer (primary or secondary) gives no reset time. */
const UNSAID_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * How long the API asks us to wait, or null when the response is not a rate limit.
 * GitHub: 403/429 with `retry-after`, or `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch s).
 * GitLab: 429 with `Retry-After`, or `RateLimit-Remaining: 0` and `RateLimit-Reset`.
 * Otherwise a body that speaks of a rate limit (GitHub's secondary limit) is a minute's wait,
 * and any other 429 a short one.
 *
 * @example
 * rateLimitWait({ status: 429, header: (n) => (n === 'retry-after' ? '2' : null), body: '' }, Date.now()) // { waitMs: 2000, known: true }
 */
export function rateLimitWait(response: RawResponse, nowMs: number): { waitMs: number; known: boolean } | null {
  const wait = serverWait(response, nowMs);
  return wait && { ...wait, waitMs: Math.min(MAX_SERVER_WAIT_MS, Math.max(0, wait.waitMs)) };
}

function serverWait(response: RawResponse, nowMs: number): { waitMs: number; known: boolean } | null {
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
  // Before the 429 default: GitHub's secondary rate limit (403 or 429, "You have exceeded a
  // secondary rate limit", no Retry-After, requests still remaining) asks for at least a minute,
  // and retrying sooner can get the integration banned. Grafana's backendSrv also drops headers
  // of error answers, and GitHub says "API rate limit exceeded" in the body.
  // GitHub's wording only on a 429: another server's 429 that mentions a rate limit (Mimir,
  // Cortex) keeps the short default; a 403 that says "rate limit" is one, whoever sends it.
  const body = response.body.slice(0, 500);
  if (/secondary rate limit|API rate limit exceeded/i.test(body) || (status !== 429 && /rate limit/i.test(body))) {
    return { waitMs: UNSAID_RATE_LIMIT_WAIT_MS, known: false };
  }
  if (status === 429) {
    return { waitMs: UNSAID_429_WAIT_MS, known: false };
  }
  return null;
}
