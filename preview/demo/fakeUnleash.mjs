// An Unleash-shaped HTTP server on loopback for the demo and the browser tests: the event
// search API (`GET /api/admin/search/events`), newest first, paged with `offset`/`limit`,
// the body carrying `total`, as Unleash 5.9+ serves it. Unleash takes the token as the bare
// `Authorization` header value (no scheme); anything else gets 401.
import http from 'node:http';

/**
 * `events`: `{ id, at, type, featureName, environment, project, createdBy, data, preData }`
 * with `at` in epoch ms. `token`: when set, requests whose Authorization differs get 401.
 */
export function startFakeUnleash({ events, token, port = 0, host = '127.0.0.1' }) {
  const stats = { requests: 0, authorization: [] };
  const sorted = [...events].sort((a, b) => b.at - a.at || b.id - a.id);
  const eventJson = (e) => ({
    id: e.id,
    createdAt: new Date(e.at).toISOString(),
    type: e.type,
    createdBy: e.createdBy ?? 'admin',
    createdByUserId: 1,
    environment: e.environment ?? null,
    project: e.project ?? 'default',
    featureName: e.featureName ?? null,
    data: e.data ?? null,
    preData: e.preData ?? null,
    tags: [],
  });
  // `IS:2024-05-14` filters by whole UTC days, inclusive.
  const day = (value, end) => {
    const match = /^IS:(\d{4}-\d{2}-\d{2})$/.exec(value ?? '');
    return match ? Date.parse(`${match[1]}T00:00:00Z`) + (end ? 86_400_000 - 1 : 0) : null;
  };

  const server = http.createServer((req, res) => {
    stats.requests++;
    stats.authorization.push(req.headers.authorization ?? '');
    const url = new URL(req.url ?? '/', 'http://unleash.invalid');
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (token && req.headers.authorization !== token) {
      return json(401, { name: 'AuthenticationRequired', message: 'You must log in to use Unleash.' });
    }
    if (req.method !== 'GET' || url.pathname !== '/api/admin/search/events') {
      return json(404, { name: 'NotFoundError', message: 'Could not find the resource.' });
    }
    const from = day(url.searchParams.get('from'), false);
    const to = day(url.searchParams.get('to'), true);
    // `IS:x` or `IS_ANY_OF:x,y`, as Unleash's event search filters take them.
    const anyOf = (name) => {
      const match = /^(?:IS|IS_ANY_OF):(.+)$/.exec(url.searchParams.get(name) ?? '');
      return match ? new Set(match[1].split(',')) : null;
    };
    const [project, environment, type] = [anyOf('project'), anyOf('environment'), anyOf('type')];
    const matching = sorted.filter(
      (e) =>
        (from === null || e.at >= from) &&
        (to === null || e.at <= to) &&
        (!project || project.has(e.project ?? 'default')) &&
        (!environment || environment.has(e.environment)) &&
        (!type || type.has(e.type))
    );
    const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0));
    const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 50)));
    return json(200, { events: matching.slice(offset, offset + limit).map(eventJson), total: matching.length });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const base = `http://${host}:${address.port}`;
      resolve({ url: base, port: address.port, stats, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
