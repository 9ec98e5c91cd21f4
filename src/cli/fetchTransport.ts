import { RawResponse, Transport, TransportError } from '../http/types';

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the URL and port right?)',
  ENOTFOUND: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  UND_ERR_SOCKET: 'the server closed the connection',
};

function transportError(err: unknown): TransportError {
  const cause = (err as { cause?: { code?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code ?? '';
  const tls = /CERT|SSL|TLS|SELF_SIGNED/i.test(code);
  return new TransportError(tls ? `the TLS certificate was not accepted (${code})` : (NETWORK_REASONS[code] ?? `the request failed${code ? ` (${code})` : ''}`), tls);
}

/** Reads a body chunk by chunk, stopping as soon as it passes `maxBytes`; the signal also stops a trickle. */
async function readBody(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) {
    return '';
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw new TransportError('', false, true);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TransportError('', false, true);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/**
 * The command line's transport: Node's fetch with the headers Grafana's data-proxy route
 * would add. Node's fetch (undici's global agent) keeps connections alive and reuses them
 * across pages and requests; the command-line tests count sockets against requests to
 * hold that. A POST carries a JSON body (GraphQL queries). Redirects come back unfollowed so
 * the HTTP client can keep credentials on the configured origin. The signal stops the
 * request while waiting for headers and while the body trickles in; the body is read with
 * a byte cap. Network and TLS failures become a TransportError whose reason names no secret.
 */
export function fetchTransport(headers: Record<string, string>): Transport {
  return async (url, signal, options): Promise<RawResponse> => {
    const maxBytes = options?.maxBytes ?? Number.POSITIVE_INFINITY;
    let response: Response;
    try {
      const withBody = options?.method === 'POST' || options?.method === 'PATCH';
      response = await fetch(url, {
        method: options?.method ?? 'GET',
        headers: withBody ? { ...headers, 'Content-Type': options?.contentType ?? 'application/json' } : headers,
        body: withBody ? (options?.jsonBody ?? '') : undefined,
        signal,
        redirect: 'manual',
      });
    } catch (err) {
      throw signal?.aborted ? signal.reason : transportError(err);
    }
    let body: string;
    try {
      body = await readBody(response, maxBytes);
    } catch (err) {
      if (signal?.aborted) {
        throw signal.reason;
      }
      throw err instanceof TransportError ? err : transportError(err);
    }
    return { status: response.status, header: (name) => response.headers.get(name), body };
  };
}
