/** The raw answer of one HTTP request, whatever carried it (Grafana's backendSrv or Node's fetch). */
export interface RawResponse {
  status: number;
  /** Header lookup, case-insensitive; null when absent. */
  header: (name: string) => string | null;
  body: string;
}

export interface TransportOptions {
  /** GET unless said otherwise; POST carries GraphQL queries and new annotations, PATCH annotation updates. */
  method?: 'GET' | 'POST' | 'PATCH';
  /** A JSON document sent as the body, with `Content-Type: application/json`; only with POST and PATCH. */
  jsonBody?: string;
  /** The body's media type when it is JSON of a special kind (a merge patch, a semantic patch); `application/json` otherwise. */
  contentType?: string;
  /** Stop reading (and throw a `TransportError` with `tooLarge`) once the body passes this many bytes. */
  maxBytes?: number;
}

/**
 * Carries one request (a GET, or a POST with a JSON body) to a URL. Throws only when no HTTP answer came back at all (DNS, refused
 * connection, TLS, abort, body over `maxBytes`); every HTTP status, including 3xx, 4xx and
 * 5xx, resolves. Redirects are returned, not followed, where the transport can choose (Node):
 * the HTTP client decides whether a redirect stays with the configured origin.
 * The signal must stop the request while waiting for headers and while reading the body.
 */
export type Transport = (url: string, signal?: AbortSignal, options?: TransportOptions) => Promise<RawResponse>;

/** Thrown by a transport when no HTTP answer came back; `reason` never contains a secret. */
export class TransportError extends Error {
  constructor(
    readonly reason: string,
    readonly tls = false,
    readonly tooLarge = false
  ) {
    super(reason);
    this.name = 'TransportError';
  }
}

/** The abort reason of a read that went past its overall deadline. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`the read went past its overall deadline of ${Math.round(ms / 1000)} s`);
    this.name = 'DeadlineExceeded';
  }
}

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;
/** Query parameters of one request; empty values are left out. */
export type Query = Record<string, QueryValue>;
