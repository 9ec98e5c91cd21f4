import http from 'http';
import { AddressInfo } from 'net';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  url: string;
  authorization: string;
  contentType: string;
  body: unknown;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ActionApi {
  url: string;
  requests: SeenRequest[];
  /** The requests that could change state (anything but GET). */
  writes: () => SeenRequest[];
  close: () => Promise<void>;
}

/**
 * A loopback HTTP server for the action tests: `authorization` holds the only Authorization
 * values accepted (401 otherwise, as the APIs answer), every request is recorded, and `answer`
 * (which holds the API's state) answers the rest. `redirectTo` answers every request with a
 * 307 to the same path on that origin: a hostile or misconfigured server.
 *
 * @example
 * const api = await startActionApi({ authorization: 'Bearer t' }, (req) => ({ status: 200, body: {} }));
 */
export async function startActionApi(options: { authorization: string | string[]; redirectTo?: string }, answer: (request: SeenRequest) => ApiAnswer): Promise<ActionApi> {
  const accepted = new Set([options.authorization].flat());
  const requests: SeenRequest[] = [];
  const sockets = new Set<import('net').Socket>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += String(chunk)));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // kept as text: the handler refuses it
      }
      const seen = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? '', contentType: req.headers['content-type'] ?? '', body };
      requests.push(seen);
      const reply: ApiAnswer = options.redirectTo
        ? { status: 307, body: '', headers: { location: `${options.redirectTo}${seen.url}` } }
        : !accepted.has(seen.authorization)
          ? { status: 401, body: { message: 'Unauthorized' } }
          : answer(seen);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
