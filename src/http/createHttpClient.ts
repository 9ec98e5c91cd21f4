import { createLimiter, DEFAULT_MAX_CONCURRENT, Limiter } from './createLimiter';
import { createScrubber, Scrubber } from './createScrubber';
import { cutScrubbed } from './cutScrubbed';
import { formatBytes, formatSeconds, httpMessage, looksLikeHtml } from './messages';
import { pause, Sleep, timerSleep } from './pause';
import { MAX_SERVER_WAIT_MS, rateLimitWait } from './rateLimitWait';
import { readDeadlineOf } from './readDeadline';
import { whenAborted } from './whenAborted';
import { DeadlineExceeded, Query, RawResponse, Transport, TransportError, TransportOptions } from './types';
import { buildUrl, displayPath, isUnder, originOf, rebaseUrl, resolveLocation } from './urls';

/** A rate-limit wait up to this long is waited out; a longer one ends the query with a notice. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 5_000;
/** Each request, headers and body together, gets this long (Grafana's data proxy also gives up after 30 s). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** A page larger than this is refused: 32 MiB holds about 700,000 GitHub deployments. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Rate-limited or 5xx reads are retried at most this often, never in a tight loop (a change never is). */
const MAX_RETRIES = 2;
/** Wait before retrying a 502/503/504. */
const BACKOFF_BASE_MS = 1_000;
/** A dropped or refused connection is retried this often, waiting 100, 200, 400 ms (idempotent requests only: GETs, and POSTs the caller marks as reads). */
const NETWORK_RETRIES = 3;
const NETWORK_BACKOFF_MS = 100;
/** A request that timed out is retried once: a server that is slow twice rarely answers the third time. */
const TIMEOUT_RETRIES = 1;
/** A Retry-After header is quoted in a message up to this many characters. */
const MAX_QUOTED_HEADER_LENGTH = 40;
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
  /**
   * Where the user sets this client's URL and token, as messages name them: the data source
   * settings in Grafana (the default), the flags on the command line.
   */
  settingsAt?: SettingsAt;
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
  /**
   * Removes the held secrets (every form, see `createRedactor`) from each answer's text before
   * it is parsed: a token a server echoes inside a field that parsing then splits or decodes (an
   * image name cut at its last `/`, a JSON escape) would otherwise reach output as a piece that
   * no longer matches. None when absent (in the browser Grafana keeps the secrets).
   */
  redactAnswers?: Scrubber;
  now?: () => number;
  /** Waits between attempts; the read's signal is passed so the wait can end with the read. */
  sleep?: Sleep;
}

export interface PostOptions {
  /**
   * True when sending the request twice does no harm (a GraphQL query is a read): then a
   * dropped connection, a timeout, a rate limit or a 502/503/504 is retried as for a GET. False by default.
   */
  idempotent?: boolean;
  /** POST unless said otherwise; PATCH updates part of a resource (an annotation). */
  method?: 'POST' | 'PATCH';
  /** The body's media type, for JSON of a special kind: `application/merge-patch+json`, LaunchDarkly's semantic patch. */
  contentType?: string;
}

export interface HttpClient {
  readonly providerName: string;
  getJson<T = unknown>(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<T>>;
  getText(pathOrUrl: string, query?: Query, signal?: AbortSignal): Promise<HttpResult<string>>;
  /**
   * POSTs `body` as JSON and parses the JSON answer, with the same deadline, size cap, origin
   * check and messages as a GET. Redirects are followed only when they keep the method (307, 308).
   */
  postJson<T = unknown>(pathOrUrl: string, body: unknown, signal?: AbortSignal, options?: PostOptions): Promise<HttpResult<T>>;
  /** As postJson, for answers that may be empty or not JSON (Unleash answers a toggle with an empty 200): the body as text. */
  postText(pathOrUrl: string, body: unknown, signal?: AbortSignal, options?: PostOptions): Promise<HttpResult<string>>;
  /** Turns a next-page URL from the API (absolute, upstream) into one this client can fetch. */
  rebase(url: string): string;
  /** The URL a request for `pathOrUrl` and `query` goes to: one page has one URL, however it was named. */
  urlFor(pathOrUrl: string, query?: Query): string;
  /** The client's scrubber, for messages written outside it (provider notices). */
  scrub: Scrubber;
}

/** Where a client's URL and token are set, as a message names them ("check {url}", "{token} is missing"). */
export interface SettingsAt {
  url: string;
  token: string;
}

/** In Grafana: the data source's own settings page. */
const DATASOURCE_SETTINGS: SettingsAt = { url: 'the URL in the data source settings', token: 'the token in the data source settings' };

const DEFAULT_HINTS: Record<number, string> = {
  403: 'the token lacks the permission (scope) this request needs',
  404: 'check the scope (repository, project, job or application name) and that the token can see it',
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What one request sends besides its URL. */
interface OutgoingRequest {
  method: 'GET' | 'POST' | 'PATCH';
  jsonBody?: string;
  contentType?: string;
  idempotent?: boolean;
}

/** The client's settings with defaults filled in, shared by the steps of a request. */
interface ClientContext {
  name: string;
  baseUrl: string;
  transport: Transport;
  limit: Limiter;
  timeoutMs: number;
  maxBytes: number;
  maxWait: number;
  hints: Partial<Record<number, string>>;
  settingsAt: SettingsAt;
  scrub: Scrubber;
  redactAnswers: Scrubber;
  now: () => number;
  sleep: Sleep;
}

/** Where one request stands: its current URL and the retries and redirects spent on it. */
interface RequestState {
  url: string;
  shownPath: string;
  idempotent: boolean;
  attempt: number;
  redirects: number;
  networkRetries: number;
  timeoutRetries: number;
}

type Failed = { ok: false; error: HttpFailure };

/** The abort reason of one request that ran past the client's per-request timeout. */
class RequestTimeout extends Error {
  constructor() {
    super('request timed out');
    this.name = 'RequestTimeout';
  }
}

/**
 * The only place SafeDeploy speaks HTTP. Providers receive a client and never see a
 * transport, a token or a header they did not ask for.
 *
 * Every request has a deadline (`timeoutMs`, and the caller's signal for the whole read), a
 * size cap, and goes only to `baseUrl`: next links and redirects to another origin are
 * refused with a message, so credentials never leave the configured origin. Connection
 * failures are retried with exponential backoff for idempotent requests (GETs, and POSTs
 * marked `idempotent`, such as GraphQL queries); any other POST is sent once, even when it
 * is answered with a rate limit (429, or 403 with Retry-After).
 *
 * @example
 * const client = createHttpClient({ baseUrl: '/api/datasources/proxy/uid/abc/github', providerName: 'GitHub', transport });
 * const page = await client.getJson('/repos/octo/app/deployments', { per_page: 100 });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const ctx: ClientContext = {
    name: options.providerName,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    transport: options.transport,
    limit: options.limiter ?? createLimiter(Math.max(1, options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxWait: options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
    hints: { 401: `${(options.settingsAt ?? DATASOURCE_SETTINGS).token} is missing, wrong or expired`, ...DEFAULT_HINTS, ...options.hints },
    settingsAt: options.settingsAt ?? DATASOURCE_SETTINGS,
    scrub: options.scrub ?? createScrubber(),
    redactAnswers: options.redactAnswers ?? ((text) => text),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? timerSleep,
  };
  const getText = (pathOrUrl: string, query?: Query, signal?: AbortSignal) => sendText(ctx, buildUrl(ctx.baseUrl, pathOrUrl, query), signal, { method: 'GET' });
  const postText = (pathOrUrl: string, body: unknown, signal?: AbortSignal, post?: PostOptions) =>
    sendText(ctx, buildUrl(ctx.baseUrl, pathOrUrl), signal, {
      method: post?.method ?? 'POST',
      jsonBody: JSON.stringify(body),
      contentType: post?.contentType,
      idempotent: post?.idempotent === true,
    });
  return {
    providerName: ctx.name,
    getText,
    getJson: <T>(pathOrUrl: string, query?: Query, signal?: AbortSignal) => parseJson<T>(ctx, getText(pathOrUrl, query, signal)),
    postJson: <T>(pathOrUrl: string, body: unknown, signal?: AbortSignal, post?: PostOptions) => parseJson<T>(ctx, postText(pathOrUrl, body, signal, post)),
    postText,
    rebase: (url: string) => rebaseUrl(url, options.upstreamUrl, ctx.baseUrl),
    urlFor: (pathOrUrl: string, query?: Query) => buildUrl(ctx.baseUrl, pathOrUrl, query),
    scrub: ctx.scrub,
  };
}

function failure(ctx: ClientContext, kind: HttpFailureKind, status: number | null, message: string): Failed {
  return { ok: false, error: { kind, status, message: ctx.scrub(message) } };
}

/**
 * One request to its end: attempts, retries and same-origin redirects, until an answer or a
 * failure that says what to do. Each attempt either ends the request or leaves it to retry.
 */
async function sendText(ctx: ClientContext, url: string, signal: AbortSignal | undefined, init: OutgoingRequest): Promise<HttpResult<string>> {
  const state: RequestState = {
    url,
    shownPath: displayPath(url, ctx.baseUrl),
    idempotent: init.method === 'GET' || init.idempotent === true,
    attempt: 0,
    redirects: 0,
    networkRetries: 0,
    timeoutRetries: 0,
  };
  for (; ; state.attempt++) {
    if (!isUnder(state.url, ctx.baseUrl)) {
      const what = state.redirects > 0 ? `${state.shownPath} redirected` : 'the next-page link points';
      if (originOf(state.url) === originOf(ctx.baseUrl)) {
        // A data-proxy path that climbs out of its route: the origin is the same Grafana.
        return failure(ctx, 'origin', null, `${ctx.name}: ${what} outside the data source route; it was not followed, so no other route's token or the viewer's session is used. Results read so far are kept.`);
      }
      return failure(
        ctx,
        'origin',
        null,
        `${ctx.name}: ${what} to another origin (${originOf(state.url)}); it was not followed, so the token stays with ${originOf(ctx.baseUrl)}. Results read so far are kept; if that origin is the API, set it as the URL.`
      );
    }
    let response: RawResponse;
    try {
      response = await sendOnce(ctx, state.url, signal, init);
    } catch (err) {
      const ended = await noAnswer(ctx, state, err, signal);
      if (ended) {
        return ended;
      }
      continue;
    }
    let ended: HttpResult<string> | null;
    try {
      ended = await answered(ctx, state, response, init, signal);
    } catch (abort) {
      // The wait before the next attempt was cut by the caller's signal: the read's deadline passed, or it was cancelled.
      ended = await noAnswer(ctx, state, abort, signal);
    }
    if (ended) {
      return ended;
    }
  }
}

/** One attempt, bounded by the per-request timeout (counted from when it leaves the queue) and the caller's signal. */
function sendOnce(ctx: ClientContext, url: string, signal: AbortSignal | undefined, init: OutgoingRequest): Promise<RawResponse> {
  return ctx.limit(async () => {
    if (signal?.aborted) {
      throw signal.reason;
    }
    const controller = new AbortController();
    const forget = signal ? whenAborted(signal, () => controller.abort(signal.reason)) : () => undefined;
    const timer = setTimeout(() => controller.abort(new RequestTimeout()), ctx.timeoutMs);
    try {
      const sent: TransportOptions = { maxBytes: ctx.maxBytes, method: init.method, jsonBody: init.jsonBody, contentType: init.contentType };
      const response = await ctx.transport(url, controller.signal, sent);
      if (response.body.length > ctx.maxBytes) {
        // backendSrv cannot stop early: measure what it delivered (characters, close enough to bytes).
        throw new TransportError('', false, true);
      }
      return response;
    } catch (err) {
      throw controller.signal.aborted ? controller.signal.reason : err;
    } finally {
      clearTimeout(timer);
      forget();
    }
  }, signal);
}

/** No HTTP answer came back: the failure to report, or null to try again. */
async function noAnswer(ctx: ClientContext, state: RequestState, err: unknown, signal: AbortSignal | undefined): Promise<Failed | null> {
  const name = ctx.name;
  const shownPath = state.shownPath;
  if (err instanceof DeadlineExceeded) {
    return failure(ctx, 'deadline', null, `${name}: ${err.message} while reading ${shownPath}; the events read before it are kept (raise --deadline or narrow the time range).`);
  }
  if (err instanceof RequestTimeout) {
    if (state.idempotent && state.timeoutRetries++ < TIMEOUT_RETRIES) {
      return null;
    }
    return failure(ctx, 'timeout', null, `${name} did not answer ${shownPath} within ${formatSeconds(ctx.timeoutMs)} (tried ${Math.max(1, state.timeoutRetries)} times); the server is slow or unreachable.`);
  }
  if (signal?.aborted) {
    return failure(ctx, 'aborted', null, `${name}: the request for ${shownPath} was cancelled.`);
  }
  if (err instanceof TransportError && err.tooLarge) {
    return failure(ctx, 'too_large', null, `${name} sent more than ${formatBytes(ctx.maxBytes)} for ${shownPath}; the answer was not read. Narrow the time range or scope.`);
  }
  const reason = err instanceof TransportError ? err.reason : 'the request failed before any answer came back';
  const tls = err instanceof TransportError && err.tls;
  if (!tls && state.idempotent && state.networkRetries < NETWORK_RETRIES) {
    try {
      await pause(ctx.sleep, NETWORK_BACKOFF_MS * 2 ** state.networkRetries, signal);
    } catch (abort) {
      return noAnswer(ctx, state, abort, signal);
    }
    state.networkRetries++;
    return null;
  }
  const tries = state.networkRetries > 0 ? ` (tried ${state.networkRetries + 1} times)` : '';
  return failure(ctx, tls ? 'tls' : 'network', null, `Could not reach ${name} (${shownPath}): ${reason}${tries}.`);
}

/**
 * An HTTP answer came back: the result to return, or null to follow a redirect or retry. A wait
 * before retrying ends with the caller's signal, whose reason it throws.
 */
async function answered(ctx: ClientContext, state: RequestState, response: RawResponse, init: OutgoingRequest, signal: AbortSignal | undefined): Promise<HttpResult<string> | null> {
  const { status } = response;
  const location = response.header('location');
  // A POST follows only redirects that keep its method and body; a 301/302/303 would turn it into a GET.
  if (REDIRECT_STATUSES.has(status) && location && (init.method === 'GET' || status === 307 || status === 308)) {
    if (state.redirects++ >= MAX_REDIRECTS) {
      return failure(ctx, 'http', status, `${ctx.name} redirected ${state.shownPath} more than ${MAX_REDIRECTS} times; check ${ctx.settingsAt.url}.`);
    }
    state.url = resolveLocation(location, state.url);
    return null;
  }
  if (status >= 200 && status < 300) {
    if (looksLikeHtml(response)) {
      return failure(
        ctx,
        'html',
        status,
        `${ctx.name} answered ${state.shownPath} with an HTML page instead of JSON: check that ${ctx.settingsAt.url} points at the API, not the web interface or a login page.`
      );
    }
    return { ok: true, data: ctx.redactAnswers(response.body), response, url: state.url };
  }
  // One reading of the clock: the reset time said back must be the one the server gave.
  const now = ctx.now();
  const rateLimit = rateLimitWait(response, now);
  if (rateLimit !== null) {
    // A change (a POST or PATCH not marked idempotent) is sent once: sent again it could act twice.
    if (!state.idempotent) {
      return writeRateLimited(ctx, state, response, rateLimit, now);
    }
    const deadline = readDeadlineOf(signal);
    const pastDeadline = deadline !== null && now + rateLimit.waitMs >= deadline;
    if (rateLimit.waitMs <= ctx.maxWait && state.attempt < MAX_RETRIES && !pastDeadline) {
      await pause(ctx.sleep, Math.max(0, rateLimit.waitMs), signal);
      return null;
    }
    return rateLimited(ctx, status, rateLimit, now, pastDeadline);
  }
  if ((status === 502 || status === 503 || status === 504) && state.idempotent && state.attempt < 1) {
    await pause(ctx.sleep, BACKOFF_BASE_MS, signal);
    return null;
  }
  return failure(ctx, 'http', status, httpMessage(ctx.name, status, state.shownPath, ctx.hints[status], response, ctx.scrub));
}

/** A rate limit that ends the request: when it resets, and whether waiting would outlast the read's deadline. */
function rateLimited(ctx: ClientContext, status: number, wait: { waitMs: number; known: boolean }, now: number, pastDeadline = false): Failed {
  const until = now + wait.waitMs;
  const message =
    pastDeadline && wait.waitMs <= ctx.maxWait
      ? `${ctx.name} rate limit reached; the wait it asks for (${formatSeconds(wait.waitMs)}) would end after the read's deadline, so it was not waited out. Results fetched so far are shown; run again in a moment.`
      : !wait.known
        ? `${ctx.name} rate limit reached and the answer did not say when it resets; wait at least a minute before refreshing. Results fetched so far are shown.`
        : wait.waitMs >= MAX_SERVER_WAIT_MS
          ? `${ctx.name} rate limit reached; the server asks to wait a day or more. Results fetched so far are shown.`
          : `${ctx.name} rate limit reached; it resets at ${new Date(until).toISOString()}. Results fetched so far are shown.`;
  return { ok: false, error: { kind: 'rate_limit', status, rateLimitedUntil: wait.known ? until : undefined, message } };
}

/** A rate-limit answer to a change: not retried; says when the server would take it, in its own words when it gave Retry-After. */
function writeRateLimited(ctx: ClientContext, state: RequestState, response: RawResponse, wait: { waitMs: number; known: boolean }, now: number): Failed {
  const retryAfter = response.header('retry-after');
  const when = retryAfter !== null ? ` (Retry-After: ${cutScrubbed(retryAfter, MAX_QUOTED_HEADER_LENGTH, ctx.scrub)})` : wait.known ? ` (it resets at ${new Date(now + wait.waitMs).toISOString()})` : '';
  return {
    ok: false,
    error: {
      kind: 'rate_limit',
      status: response.status,
      rateLimitedUntil: wait.known ? now + wait.waitMs : undefined,
      message: ctx.scrub(`${ctx.name} rate limit reached for ${state.shownPath}${when}; a change is sent once, so it was not sent again: run again once the limit resets.`),
    },
  };
}

async function parseJson<T>(ctx: ClientContext, pending: Promise<HttpResult<string>>): Promise<HttpResult<T>> {
  const text = await pending;
  if (!text.ok) {
    return text;
  }
  try {
    return { ...text, data: JSON.parse(text.data) as T };
  } catch {
    return failure(ctx, 'json', text.response.status, `${ctx.name} sent malformed or truncated JSON for ${displayPath(text.url, ctx.baseUrl)}; the rest of the results are kept.`);
  }
}

/** Cleans text with no known secret: credentials in URLs, token shapes, control characters. */
export const scrub: Scrubber = createScrubber();
