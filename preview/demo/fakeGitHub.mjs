// A GitHub-shaped HTTP server on loopback for the demo, the browser tests and the benchmark:
// deployments with statuses, newest first, paged with `per_page`/`page` and a `Link` header,
// exactly the shapes of GitHub's REST API 2022-11-28. It counts requests and records the
// Authorization header it received, so tests can check the token arrived.
import http from 'node:http';

import { answerGraphql } from './fakeGitHubGraphql.mjs';

/**
 * `repos` maps `owner/repo` to deployments: `{ id, sha, ref, environment, description,
 * creator, createdAt, payload, statuses: [{ id, state, createdAt, description, logUrl }] }`.
 * `token`: when set, requests without `Authorization: Bearer <token>` get 401.
 * `graphql`: false answers POST /graphql with 404, as a GitHub-compatible server without GraphQL.
 * `stats.connections` counts TCP connections, to check that clients keep them alive;
 * `stats.shippedPullsRequests` the GraphQL requests for the pull requests a deploy shipped.
 */
export function startFakeGitHub({ repos, token, port = 0, host = '127.0.0.1', graphql = true }) {
  const stats = { requests: 0, listRequests: 0, statusRequests: 0, graphqlRequests: 0, shippedPullsRequests: 0, connections: 0, authorization: [] };
  const sorted = Object.fromEntries(
    Object.entries(repos).map(([name, list]) => [name, [...list].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)])
  );
  const byId = new Map(Object.entries(sorted).flatMap(([name, list]) => list.map((d) => [`${name}#${d.id}`, d])));
  let base = '';

  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const user = (login) => ({ login, id: 1, type: 'User', site_admin: false, html_url: `https://github.com/${login}` });
  const deploymentJson = (repo, d) => ({
    url: `${base}/repos/${repo}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: 'deploy',
    payload: d.payload ?? {},
    original_environment: d.environment,
    environment: d.environment,
    description: d.description ?? null,
    creator: user(d.creator ?? 'octocat'),
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt ?? d.createdAt),
    statuses_url: `${base}/repos/${repo}/deployments/${d.id}/statuses`,
    repository_url: `${base}/repos/${repo}`,
    transient_environment: false,
    production_environment: d.environment === 'production',
  });
  const statusJson = (repo, d, s) => ({
    url: `${base}/repos/${repo}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: user(d.creator ?? 'octocat'),
    description: s.description ?? '',
    environment: d.environment,
    target_url: s.logUrl ?? '',
    created_at: iso(s.createdAt),
    updated_at: iso(s.createdAt),
    deployment_url: `${base}/repos/${repo}/deployments/${d.id}`,
    repository_url: `${base}/repos/${repo}`,
    environment_url: '',
    log_url: s.logUrl ?? '',
  });

  const server = http.createServer((req, res) => {
    stats.requests++;
    stats.authorization.push(req.headers.authorization ?? '');
    const url = new URL(req.url ?? '/', base);
    const json = (status, body, headers = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    }
    if (url.pathname === '/graphql' && req.method === 'POST' && graphql) {
      stats.graphqlRequests++;
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        stats.shippedPullsRequests += body.includes('SafeDeployShippedPulls') ? 1 : 0;
        const answer = answerGraphql(body, sorted, iso);
        json(answer.status, answer.body);
      });
      return;
    }
    if (url.pathname === '/rate_limit') {
      return json(200, { resources: { core: { limit: 5000, remaining: 4999, reset: Math.floor(Date.now() / 1000) + 3600, used: 1 } } });
    }
    const statuses = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/deployments\/(\d+)\/statuses$/);
    if (statuses) {
      stats.statusRequests++;
      const deployment = byId.get(`${statuses[1]}#${Number(statuses[2])}`);
      if (!deployment) {
        return json(404, { message: 'Not Found' });
      }
      const list = [...deployment.statuses].sort((a, b) => b.createdAt - a.createdAt).map((s) => statusJson(statuses[1], deployment, s));
      return json(200, list);
    }
    const list = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/deployments$/);
    if (list) {
      stats.listRequests++;
      const all = sorted[list[1]];
      if (!all) {
        return json(404, { message: 'Not Found' });
      }
      const environment = url.searchParams.get('environment');
      const filtered = environment ? all.filter((d) => d.environment === environment) : all;
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const items = filtered.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(filtered.length / perPage));
      const link = (p, rel) => {
        const next = new URL(url.toString());
        next.searchParams.set('page', String(p));
        next.searchParams.set('per_page', String(perPage));
        return `<${base}${next.pathname}${next.search}>; rel="${rel}"`;
      };
      const links = [];
      if (page < last) {
        links.push(link(page + 1, 'next'), link(last, 'last'));
      }
      if (page > 1) {
        links.push(link(1, 'first'), link(page - 1, 'prev'));
      }
      return json(200, items.map((d) => deploymentJson(list[1], d)), links.length ? { link: links.join(', ') } : {});
    }
    return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });

  server.on('connection', () => stats.connections++);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      base = `http://${host}:${address.port}`;
      resolve({ url: base, port: address.port, stats, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
