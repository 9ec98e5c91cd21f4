/** The raw answer of one HTTP GET, whatever carried it (Grafana's backendSrv or Node's fetch). */
export interface RawResponse {
  status: number;
  /** Header lookup, case-insensitive; null when absent. */
  header: (name: string) => string | null;
  body: string;
}

/**
 * Carries one GET to a URL. Throws only when no HTTP answer came back at all (DNS, refused
 * connection, TLS); every HTTP status, including 4xx/5xx, resolves.
 */
export type Transport = (url: string, signal?: AbortSignal) => Promise<RawResponse>;

/** Thrown by a transport when no HTTP answer came back; `reason` never contains a secret. */
export class TransportError extends Error {
  constructor(
    readonly reason: string,
    readonly tls = false
  ) {
    super(reason);
    this.name = 'TransportError';
  }
}
