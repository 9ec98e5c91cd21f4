import { RawResponse, Transport, TransportError } from '../events/http/types';

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the URL and port right?)',
  ENOTFOUND: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
};

/**
 * The command line's transport: Node's fetch with the headers Grafana's data-proxy route
 * would add. Network and TLS failures become a TransportError whose reason names no secret.
 */
export function fetchTransport(headers: Record<string, string>): Transport {
  return async (url, signal): Promise<RawResponse> => {
    let response: Response;
    try {
      response = await fetch(url, { headers, signal, redirect: 'follow' });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } })?.cause;
      const code = cause?.code ?? '';
      const tls = /CERT|SSL|TLS|SELF_SIGNED/i.test(code);
      throw new TransportError(tls ? `the TLS certificate was not accepted (${code})` : (NETWORK_REASONS[code] ?? `the request failed${code ? ` (${code})` : ''}`), tls);
    }
    const body = await response.text();
    return { status: response.status, header: (name) => response.headers.get(name), body };
  };
}
