// An Unleash-shaped HTTP server on loopback for the demo and the browser tests: the event
// search API (`GET /api/admin/search/events`), newest first, paged with `offset`/`limit`,
// the body carrying `total`, as Unleash 5.9+ serves it. Unleash takes the token as the bare
// `Authorization` header value (no scheme); anything else gets 401. It also serves a flag's
// state and its turning on and off in one environment, as Unleash's admin API does
// (`GET /api/admin/projects/{project}/features/{name}`, whose `environments[]` carry `name`
// and `enabled`; `POST .../environments/{env}/on|off`, answered with an empty 200, and then in
// the event search as Unleash lists it), and records each change with the Authorization it came with.
import http from 'node:http';
import { closeNow } from '../closeNow.mjs';

/**
 * Each flag's state per environment, as its events leave it: the last enabled or disabled
 * event of a flag in an environment decides (CONSTRUCTED from the scenario's events).
 */
function featuresFrom(events) {
  const features = new Map();
  for (const e of [...events].sort((a, b) => a.at - b.at || a.id - b.id)) {
    const enabled = e.type === 'feature-environment-enabled' ? true : e.type === 'feature-environment-disabled' ? false : null;
    if (enabled === null || !e.featureName || !e.environment) {
      continue;
    }
    const key = `${e.project ?? 'default'}/${e.featureName}`;
    const feature = features.get(key) ?? { name: e.featureName, project: e.project ?? 'default', environments: new Map() };
    feature.environments.set(e.environment, enabled);
    features.set(key, feature);
  }
  return features;
}

const FEATURE = /^\/api\/admin\/projects\/([^/]+)\/features\/([^/]+)(?:\/environments\/([^/]+)\/(on|off))?$/;

/**
 * `events`: `{ id, at, type, featureName, environment, project, createdBy, data, preData }`
 * with `at` in epoch ms. `token`: when set, requests whose Authorization differs get 401.
 * `stats.changes` lists each accepted turning on or off: `{ path, authorization }`.
 */
export function startFakeUnleash({ events, token, port = 0, host = '127.0.0.1' }) {
  const stats = { requests: 0, authorization: [], changes: [] };
  const features = featuresFrom(events);
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

  /** A flag's state, or its turning on or off in one environment. */
  const serveFeature = ([, project, name, environment, state], req, res, url, json) => {
    const found = features.get(`${decodeURIComponent(project)}/${decodeURIComponent(name)}`);
    const env = environment && found?.environments.has(decodeURIComponent(environment)) ? decodeURIComponent(environment) : null;
    if (!found || (environment && !env)) {
      return json(404, { name: 'NotFoundError', message: 'Could not find the resource.' });
    }
    if (!environment && req.method === 'GET') {
      const environments = [...found.environments].map(([envName, enabled]) => ({ name: envName, enabled, type: envName, strategies: [] }));
      return json(200, { name: found.name, project: found.project, type: 'release', stale: false, environments });
    }
    if (environment && req.method === 'POST') {
      found.environments.set(env, state === 'on');
      stats.changes.push({ path: url.pathname, authorization: req.headers.authorization ?? '' });
      // As Unleash does, each turning on or off is an event, newest first in the search.
      const type = state === 'on' ? 'feature-environment-enabled' : 'feature-environment-disabled';
      sorted.unshift({ id: Math.max(0, ...sorted.map((e) => e.id)) + 1, at: Date.now(), type, featureName: found.name, environment: env, project: found.project });
      res.writeHead(200);
      return res.end();
    }
    return json(405, { name: 'MethodNotAllowed', message: 'Method not allowed.' });
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
    const feature = FEATURE.exec(url.pathname);
    if (feature) {
      return serveFeature(feature, req, res, url, json);
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
      resolve({ url: base, port: address.port, stats, close: () => closeNow(server) });
    });
  });
}
