import http from 'http';
import { AddressInfo } from 'net';

export interface Loopback {
  url: string;
  /** Paths (with query) in the order they were asked for. */
  requests: string[];
  close: () => Promise<void>;
}

/** What a loopback server answers: a status, a body (objects are sent as JSON) and headers. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A server on 127.0.0.1 and a free port that answers each request with `answer` (after
 * `delayMs`, for a slow server), for
 * running the built command line against hostile or broken APIs. `close` ends open sockets.
 *
 * @example
 * const api = await serveLoopback((url) => ({ status: 200, body: [] }));
 */
export async function serveLoopback(answer: (url: URL, count: number) => Answer, delayMs = 0): Promise<Loopback> {
  const requests: string[] = [];
  const sockets = new Set<import('net').Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const reply = answer(new URL(req.url ?? '/', 'http://api.invalid'), requests.length);
    const send = () => {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    };
    if (delayMs > 0) {
      setTimeout(send, delayMs);
    } else {
      send();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/**
 * An /api/v1/query_range answer: one `errors` series of service `web` with a sample per step of
 * the asked range, made by `value(seconds)`, plus `extra` fields beside `data` (CONSTRUCTED, in
 * Prometheus' response shape).
 */
export function prometheusMatrix(value: (seconds: number) => unknown, extra: Record<string, unknown> = {}): (url: URL) => Answer {
  return (url) => {
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const step = Number(url.searchParams.get('step'));
    const values = [];
    for (let t = start; t <= end; t += step) {
      values.push(value(t));
    }
    return { status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: { __name__: 'errors', service: 'web' }, values }] }, ...extra } };
  };
}
