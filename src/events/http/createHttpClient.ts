import { RawResponse, Transport, TransportError } from './types';

/** At most this many requests in flight per client (per datasource instance). */
export const DEFAULT_MAX_CONCURRENT = 4;
/** A rate-limit wait up to this long is waited out; a longer one ends the query with a notice. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 5_000;
/** Rate-limited or 5xx requests are retried at most this often, never in a tight loop. */
const MAX_RETRIES = 2;
/** Wait before retrying a 502/503/504 or a 429 that does not say how long to wait. */
const BACKOFF_BASE_MS = 1_000;

export type HttpFailureKind = 'http' | 'rate_limit' | 'network' | 'tls' | 'html' | 'json';

export interface HttpFailure {
  kind: HttpFailureKind;
  status: number | null;
  /** A sentence a person can act on; never contains a token or credentials. */
  message: string;
  /** Epoch ms when a rate limit resets, when the API said so. */
  rateLimitedUntil?: number;
}

export type HttpResult<T> =
  | { ok: true; data: T; response: RawResponse; url: string }
  | { ok: false; error: HttpFailure };

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;
export type Query = Record<string, QueryValue>;

export interface HttpClientOptions {
  /** Where requests go: a data-proxy route such as `/api/datasources/proxy/uid/abc/github`, or the API itself. */
  baseUrl: string;
  /** The API's own base URL; absolute next-page URLs under it are rebased onto `baseUrl`. */
  upstreamUrl?: string;
  /** Shown in messages, e.g. "GitHub". */
  providerName: string;
  transport: Transport;
  /** Extra advice per HTTP status, e.g. which scope a 403 usually means. */
  hints?: Partial<Record<number, string>>;
  maxConcurrent?: number;
  /** A limiter shared with other clients, so all of one datasource's providers share the cap. */
  limiter?: Limiter;
  maxRateLimitWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpClient {
  readonly providerName: string;
  getJson<T = unknown>(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<T>>;
  getText(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<string>>;
  /** Turns a next-page URL from the API (absolute, upstream) into one this client can fetch. */
  rebase(url: string): string;
}

const DEFAULT_HINTS: Record<number, string> = {
  401: 'the token in the data source settings is missing, wrong or expired',
  403: 'the token lacks the permission (scope) this request needs',
  404: 'check the scope (repository, project, job or application name) and that the token can see it',
};

/**
 * The only place SafeDeploy speaks HTTP. Providers receive a client and never see a
 * transport, a token or a header they did not ask for.
 *
 * @example
 * const client = createHttpClient({ baseUrl: '/api/datasources/proxy/uid/abc/github', providerName: 'GitHub', transport });
 * const page = await client.getJson('/repos/octo/app/deployments', { per_page: 100 });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  const maxWait = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const hints = { ...DEFAULT_HINTS, ...options.hints };
  const name = options.providerName;
  const limit = options.limiter ?? createLimiter(maxConcurrent);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  const rebase = (url: string): string => rebaseUrl(url, options.upstreamUrl, baseUrl);

  async function getText(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<string>> {
    const url = buildUrl(baseUrl, pathOrUrl, query);
    const shownPath = displayPath(url, baseUrl);
    for (let attempt = 0; ; attempt++) {
      let response: RawResponse;
      try {
        response = await limit(() => options.transport(url, signal));
      } catch (err) {
        const reason = err instanceof TransportError ? err.reason : 'the request failed before any answer came back';
        const tls = err instanceof TransportError && err.tls;
        return fail(tls ? 'tls' : 'network', null, `Could not reach ${name} (${shownPath}): ${scrub(reason)}.`);
      }
      const { status } = response;
      if (status >= 200 && status < 300) {
        if (looksLikeHtml(response)) {
          return fail(
            'html',
            status,
            `${name} answered ${shownPath} with an HTML page instead of JSON: check that the URL in the data source settings points at the API, not the web interface or a login page.`
          );
        }
        return { ok: true, data: response.body, response, url };
      }
      const rateLimit = rateLimitWait(response, now());
      if (rateLimit !== null) {
        if (rateLimit.waitMs <= maxWait && attempt < MAX_RETRIES) {
          await sleep(Math.max(0, rateLimit.waitMs));
          continue;
        }
        const until = now() + rateLimit.waitMs;
        return {
          ok: false,
          error: {
            kind: 'rate_limit',
            status,
            rateLimitedUntil: rateLimit.known ? until : undefined,
            message: rateLimit.known
              ? `${name} rate limit reached; it resets at ${new Date(until).toISOString()}. Results fetched so far are shown.`
              : `${name} rate limit reached and the answer did not say when it resets; wait at least a minute before refreshing. Results fetched so far are shown.`,
          },
        };
      }
      if ((status === 502 || status === 503 || status === 504) && attempt < 1) {
        await sleep(BACKOFF_BASE_MS);
        continue;
      }
      return fail('http', status, httpMessage(name, status, shownPath, hints[status], response));
    }
  }

  async function getJson<T>(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<T>> {
    const text = await getText(pathOrUrl, query, signal);
    if (!text.ok) {
      return text;
    }
    try {
      return { ...text, data: JSON.parse(text.data) as T };
    } catch {
      return fail(
        'json',
        text.response.status,
        `${name} sent malformed or truncated JSON for ${displayPath(text.url, baseUrl)}; the rest of the results are kept.`
      );
    }
  }

  return { providerName: name, getJson, getText, rebase };
}

function fail(kind: HttpFailureKind, status: number | null, message: string): { ok: false; error: HttpFailure } {
  return { ok: false, error: { kind, status, message } };
}

function httpMessage(name: string, status: number, path: string, hint: string | undefined, response: RawResponse): string {
  const apiMessage = extractApiMessage(response.body);
  const detail = apiMessage ? ` (${apiMessage})` : '';
  if (status >= 500) {
    return `${name} returned ${status} for ${path}${detail}: the server had a problem; try again later.`;
  }
  return `${name} returned ${status} for ${path}${detail}${hint ? `: ${hint}` : ''}.`;
}

/** GitHub and GitLab put a human message in `message`; Argo CD in `error`. Kept short and single-line. */
function extractApiMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const text = record.message ?? record.error;
      if (typeof text === 'string' && text.trim() !== '') {
        return scrub(text.trim().replace(/\s+/g, ' ').slice(0, 160));
      }
    }
  } catch {
    // not JSON: an HTML error page or plain text, which we do not echo
  }
  return null;
}

function looksLikeHtml(response: RawResponse): boolean {
  const type = response.header('content-type') ?? '';
  if (/text\/html/i.test(type)) {
    return true;
  }
  return /^\s*<(!doctype|html|head|body)/i.test(response.body.slice(0, 200));
}

/**
 * How long the API asks us to wait, or null when the response is not a rate limit.
 * GitHub: 403/429 with `retry-after`, or `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch s).
 * GitLab: 429 with `Retry-After`, or `RateLimit-Remaining: 0` and `RateLimit-Reset`.
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
    // A 429 without headers (older GitLab): back off rather than hammer.
    return { waitMs: BACKOFF_BASE_MS * 2, known: false };
  }
  if (/rate limit/i.test(response.body.slice(0, 500))) {
    // Grafana's backendSrv drops headers of error answers; GitHub says "API rate limit exceeded"
    // in the body and asks for at least a minute's wait when it gives no reset time.
    return { waitMs: 60_000, known: false };
  }
  return null;
}

export function buildUrl(baseUrl: string, pathOrUrl: string, query?: Query): string {
  const absolute = /^https?:\/\//i.test(pathOrUrl) || pathOrUrl.startsWith(baseUrl + '/') || pathOrUrl === baseUrl;
  const url = absolute ? pathOrUrl : `${baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
  const params: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      params.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  if (params.length === 0) {
    return url;
  }
  return url + (url.includes('?') ? '&' : '?') + params.join('&');
}

/** Next-page links name the upstream API; behind Grafana's data proxy they must go through the route. */
export function rebaseUrl(url: string, upstreamUrl: string | undefined, baseUrl: string): string {
  if (!/^https?:\/\//i.test(url) || !upstreamUrl) {
    return url;
  }
  try {
    const link = new URL(url);
    const upstream = new URL(upstreamUrl);
    if (link.host !== upstream.host) {
      return url;
    }
    const upstreamPath = upstream.pathname.replace(/\/+$/, '');
    const rest = link.pathname.startsWith(upstreamPath) ? link.pathname.slice(upstreamPath.length) : link.pathname;
    return `${baseUrl}${rest.startsWith('/') ? rest : '/' + rest}${link.search}`;
  } catch {
    return url;
  }
}

/** The path shown in messages: relative to the base, without the query, credentials or host. */
function displayPath(url: string, baseUrl: string): string {
  const noQuery = url.split('?')[0];
  if (noQuery.startsWith(baseUrl)) {
    return noQuery.slice(baseUrl.length) || '/';
  }
  try {
    return new URL(noQuery).pathname;
  } catch {
    return noQuery;
  }
}

/** Removes anything that looks like credentials from text that may be shown. */
export function scrub(text: string): string {
  return text
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//')
    .replace(/\b(gh[pousr]_[A-Za-z0-9]{10,}|glpat-[A-Za-z0-9_-]{10,})\b/g, '[redacted]')
    .replace(/(bearer|basic|private-token:?)\s+\S+/gi, '$1 [redacted]');
}

/** Runs at most `max` tasks at once, the rest in arrival order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(max: number = DEFAULT_MAX_CONCURRENT): Limiter {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      next();
    }
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        active++;
        task().then(
          (value) => {
            release();
            resolve(value);
          },
          (err) => {
            release();
            reject(err);
          }
        );
      };
      if (active < max) {
        run();
      } else {
        queue.push(run);
      }
    });
}
