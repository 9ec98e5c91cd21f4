import { createScrubber, Scrubber } from './createScrubber';
import { DeadlineExceeded, RawResponse, Transport, TransportError, TransportOptions } from './types';

/** At most this many requests in flight per client (per datasource instance). */
export const DEFAULT_MAX_CONCURRENT = 4;
/** A rate-limit wait up to this long is waited out; a longer one ends the query with a notice. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 5_000;
/** Each request, headers and body together, gets this long (Grafana's data proxy also gives up after 30 s). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** A page larger than this is refused: 32 MiB holds about 700,000 GitHub deployments. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Rate-limited or 5xx requests are retried at most this often, never in a tight loop. */
const MAX_RETRIES = 2;
/** Wait before retrying a 502/503/504 or a 429 that does not say how long to wait. */
const BACKOFF_BASE_MS = 1_000;
/** A dropped or refused connection is retried this often, waiting 100, 200, 400 ms (idempotent requests only: GETs, and POSTs the caller marks as reads). */
const NETWORK_RETRIES = 3;
const NETWORK_BACKOFF_MS = 100;
/** A request that timed out is retried once: a server that is slow twice rarely answers the third time. */
const TIMEOUT_RETRIES = 1;
/** Same-origin redirects followed per request; more is a loop. */
const MAX_REDIRECTS = 5;

export type HttpFailureKind =
  | 'http'
  | 'rate_limit'
  | 'network'
  | 'tls'
  | 'html'
  | 'json'
  | 'timeout'
  | 'deadline'
  | 'aborted'
  | 'too_large'
  | 'origin';

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
  /**
   * Where requests go: a data-proxy route such as `/api/datasources/proxy/uid/abc/github`, or
   * the API itself. Credentials go only here: a URL outside it (another host, port or scheme,
   * or outside the route) is never requested.
   */
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
  /** Per request, from sending to the last body byte. Default 30 s. */
  timeoutMs?: number;
  /** Largest body accepted. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Cleans every message this client writes; pass one made from the configured secret. */
  scrub?: Scrubber;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PostOptions {
  /**
   * True when sending the request twice does no harm (a GraphQL query is a read): then a
   * dropped connection, a timeout or a 502/503/504 is retried as for a GET. False by default.
   */
  idempotent?: boolean;
  /** POST unless said otherwise; PATCH updates part of a resource (an annotation). */
  method?: 'POST' | 'PATCH';
}

export interface HttpClient {
  readonly providerName: string;
  getJson<T = unknown>(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<T>>;
  getText(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<string>>;
  /**
   * POSTs (or PATCHes) `body` as JSON and parses the JSON answer, with the same deadline, size cap, origin
   * check and messages as a GET. Redirects are followed only when they keep the method (307, 308).
   */
  postJson<T = unknown>(pathOrUrl: string, body: unknown, signal?: AbortSignal, options?: PostOptions): Promise<HttpResult<T>>;
  /** Turns a next-page URL from the API (absolute, upstream) into one this client can fetch. */
  rebase(url: string): string;
  /** The URL a request for `pathOrUrl` and `query` goes to: one page has one URL, however it was named. */
  urlFor(pathOrUrl: string, query?: Query): string;
  /** The client's scrubber, for messages written outside it (provider notices). */
  scrub: Scrubber;
}

const DEFAULT_HINTS: Record<number, string> = {
  401: 'the token in the data source settings is missing, wrong or expired',
  403: 'the token lacks the permission (scope) this request needs',
  404: 'check the scope (repository, project, job or application name) and that the token can see it',
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The only place SafeDeploy speaks HTTP. Providers receive a client and never see a
 * transport, a token or a header they did not ask for.
 *
 * Every request has a deadline (`timeoutMs`, and the caller's signal for the whole read), a
 * size cap, and goes only to `baseUrl`: next links and redirects to another origin are
 * refused with a message, so credentials never leave the configured origin. Connection
 * failures are retried with exponential backoff for idempotent requests (GETs, and POSTs
 * marked `idempotent`, such as GraphQL queries); any other POST is sent once.
 *
 * @example
 * const client = createHttpClient({ baseUrl: '/api/datasources/proxy/uid/abc/github', providerName: 'GitHub', transport });
 * const page = await client.getJson('/repos/octo/app/deployments', { per_page: 100 });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  const maxWait = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const hints = { ...DEFAULT_HINTS, ...options.hints };
  const name = options.providerName;
  const limit = options.limiter ?? createLimiter(maxConcurrent);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const scrub = options.scrub ?? createScrubber();

  const rebase = (url: string): string => rebaseUrl(url, options.upstreamUrl, baseUrl);
  const failure = (kind: HttpFailureKind, status: number | null, message: string) => fail(kind, status, scrub(message));

  /** One attempt, bounded by the per-request timeout (counted from when it leaves the queue) and the caller's signal. */
  function send(url: string, signal: AbortSignal | undefined, init: Pick<TransportOptions, 'method' | 'jsonBody'>): Promise<RawResponse> {
    return limit(async () => {
      if (signal?.aborted) {
        throw signal.reason;
      }
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort);
      const timer = setTimeout(() => controller.abort(new RequestTimeout()), timeoutMs);
      try {
        const response = await options.transport(url, controller.signal, { maxBytes, ...init });
        if (response.body.length > maxBytes) {
          // backendSrv cannot stop early: measure what it delivered (characters, close enough to bytes).
          throw new TransportError('', false, true);
        }
        return response;
      } catch (err) {
        throw controller.signal.aborted ? controller.signal.reason : err;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  async function sendText(pathOrUrl: string, query: Query | undefined, signal: AbortSignal | undefined, init: OutgoingRequest): Promise<HttpResult<string>> {
    const idempotent = init.method === 'GET' || init.idempotent;
    let url = buildUrl(baseUrl, pathOrUrl, query);
    const shownPath = displayPath(url, baseUrl);
    let networkRetries = 0;
    let timeoutRetries = 0;
    let redirects = 0;
    for (let attempt = 0; ; attempt++) {
      if (!isUnder(url, baseUrl)) {
        return failure(
          'origin',
          null,
          `${name}: ${redirects > 0 ? `${shownPath} redirected` : 'the next-page link points'} to another origin (${originOf(url)}); it was not followed, so the token stays with ${originOf(baseUrl)}. Results read so far are kept; if that origin is the API, set it as the URL.`
        );
      }
      let response: RawResponse;
      try {
        response = await send(url, signal, { method: init.method, jsonBody: init.jsonBody });
      } catch (err) {
        if (err instanceof DeadlineExceeded) {
          return failure('deadline', null, `${name}: ${err.message} while reading ${shownPath}; the events read before it are kept (raise --deadline or narrow the time range).`);
        }
        if (err instanceof RequestTimeout) {
          if (idempotent && timeoutRetries++ < TIMEOUT_RETRIES) {
            continue;
          }
          return failure('timeout', null, `${name} did not answer ${shownPath} within ${formatSeconds(timeoutMs)} (tried ${Math.max(1, timeoutRetries)} times); the server is slow or unreachable.`);
        }
        if (signal?.aborted) {
          return failure('aborted', null, `${name}: the request for ${shownPath} was cancelled.`);
        }
        if (err instanceof TransportError && err.tooLarge) {
          return failure('too_large', null, `${name} sent more than ${formatBytes(maxBytes)} for ${shownPath}; the answer was not read. Narrow the time range or scope.`);
        }
        const reason = err instanceof TransportError ? err.reason : 'the request failed before any answer came back';
        const tls = err instanceof TransportError && err.tls;
        if (!tls && idempotent && networkRetries < NETWORK_RETRIES) {
          await sleep(NETWORK_BACKOFF_MS * 2 ** networkRetries);
          networkRetries++;
          continue;
        }
        const tries = networkRetries > 0 ? ` (tried ${networkRetries + 1} times)` : '';
        return failure(tls ? 'tls' : 'network', null, `Could not reach ${name} (${shownPath}): ${reason}${tries}.`);
      }
      const { status } = response;
      const location = response.header('location');
      // A POST or PATCH follows only redirects that keep its method and body; a 301/302/303 would turn it into a GET.
      if (REDIRECT_STATUSES.has(status) && location && (init.method === 'GET' || status === 307 || status === 308)) {
        if (redirects++ >= MAX_REDIRECTS) {
          return failure('http', status, `${name} redirected ${shownPath} more than ${MAX_REDIRECTS} times; check the URL in the data source settings.`);
        }
        url = resolveLocation(location, url);
        continue;
      }
      if (status >= 200 && status < 300) {
        if (looksLikeHtml(response)) {
          return failure(
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
      if ((status === 502 || status === 503 || status === 504) && idempotent && attempt < 1) {
        await sleep(BACKOFF_BASE_MS);
        continue;
      }
      return failure('http', status, httpMessage(name, status, shownPath, hints[status], response, scrub));
    }
  }

  const getText = (pathOrUrl: string, query?: Query, signal?: AbortSignal) => sendText(pathOrUrl, query, signal, { method: 'GET' });

  const getJson = <T>(pathOrUrl: string, query?: Query, signal?: AbortSignal) => parseJson<T>(getText(pathOrUrl, query, signal));

  const postJson = <T>(pathOrUrl: string, body: unknown, signal?: AbortSignal, post?: PostOptions) =>
    parseJson<T>(sendText(pathOrUrl, undefined, signal, { method: post?.method ?? 'POST', jsonBody: JSON.stringify(body), idempotent: post?.idempotent === true }));

  async function parseJson<T>(pending: Promise<HttpResult<string>>): Promise<HttpResult<T>> {
    const text = await pending;
    if (!text.ok) {
      return text;
    }
    try {
      return { ...text, data: JSON.parse(text.data) as T };
    } catch {
      return failure(
        'json',
        text.response.status,
        `${name} sent malformed or truncated JSON for ${displayPath(text.url, baseUrl)}; the rest of the results are kept.`
      );
    }
  }

  const urlFor = (pathOrUrl: string, query?: Query) => buildUrl(baseUrl, pathOrUrl, query);
  return { providerName: name, getJson, getText, postJson, rebase, urlFor, scrub };
}

/** What one request sends besides its URL. */
interface OutgoingRequest {
  method: 'GET' | 'POST' | 'PATCH';
  jsonBody?: string;
  idempotent?: boolean;
}

/** The abort reason of one request that ran past the client's per-request timeout. */
class RequestTimeout extends Error {
  constructor() {
    super('request timed out');
    this.name = 'RequestTimeout';
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`;
}

/** A Location header resolved against the URL that was redirected (relative paths keep the route). */
function resolveLocation(location: string, from: string): string {
  if (/^https?:\/\//i.test(from)) {
    try {
      return new URL(location, from).toString();
    } catch {
      return location;
    }
  }
  // A data-proxy path: an absolute-path Location names Grafana's own origin, which is fine only inside the route.
  return /^[a-z][a-z0-9+.-]*:/i.test(location) || location.startsWith('/') || location.startsWith('//') ? location : from.replace(/[^/]*$/, '') + location;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.startsWith('/') ? 'this Grafana' : 'an unknown origin';
  }
}

/**
 * True when `url` stays with the configured base: the same scheme, host and port when the base
 * is absolute (the command line), inside the data-proxy route when it is a path (Grafana).
 */
export function isUnder(url: string, baseUrl: string): boolean {
  if (/^https?:\/\//i.test(baseUrl)) {
    try {
      return new URL(url).origin === new URL(baseUrl).origin;
    } catch {
      return false;
    }
  }
  if (url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return false;
  }
  return url === baseUrl || url.startsWith(baseUrl + '/') || url.startsWith(baseUrl + '?');
}

function fail(kind: HttpFailureKind, status: number | null, message: string): { ok: false; error: HttpFailure } {
  return { ok: false, error: { kind, status, message } };
}

function httpMessage(name: string, status: number, path: string, hint: string | undefined, response: RawResponse, clean: Scrubber): string {
  const apiMessage = extractApiMessage(response.body, clean);
  const detail = apiMessage ? ` (${apiMessage})` : '';
  if (status >= 500) {
    return `${name} returned ${status} for ${path}${detail}: the server had a problem; try again later.`;
  }
  return `${name} returned ${status} for ${path}${detail}${hint ? `: ${hint}` : ''}.`;
}

/** GitHub and GitLab put a human message in `message`; Argo CD in `error`. Kept short and single-line. */
function extractApiMessage(body: string, clean: Scrubber): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const text = record.message ?? record.error;
      if (typeof text === 'string' && text.trim() !== '') {
        // Scrubbed whole before shortening, so a secret cut at the edge cannot leak in part.
        return clean(text).trim().replace(/\s+/g, ' ').slice(0, 160);
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

/** Cleans text with no known secret: credentials in URLs, token shapes, control characters. */
export const scrub: Scrubber = createScrubber();

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
