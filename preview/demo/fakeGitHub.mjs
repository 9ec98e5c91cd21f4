// A GitHub-shaped HTTP server on loopback for the demo, the browser tests and the benchmark:
// deployments with statuses, newest first, paged with `per_page`/`page` and a `Link` header,
// exactly the shapes of GitHub's REST API 2022-11-28. It counts requests and records the
// Authorization header it received, so tests can check the token arrived.
import http from 'node:http';

import { answerGraphql } from './fakeGitHubGraphql.mjs';
import { closeNow } from '../closeNow.mjs';

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const user = (login) => ({ login, id: 1, type: 'User', site_admin: false, html_url: `https://github.com/${login}` });

function deploymentJson(base, repo, d) {
  return {
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
  };
}

function statusJson(base, repo, d, s) {
  return {
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
  };
}

/** Writes a JSON answer with GitHub's rate-limit headers. */
function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const NOT_FOUND = { status: 404, body: { message: 'Not Found' } };

/** GET /repos/{owner}/{repo}/deployments/{id}/statuses: every status, newest first. */
function answerStatuses(state, repo, id) {
  state.stats.statusRequests++;
  const deployment = state.byId.get(`${repo}#${id}`);
  if (!deployment) {
    return NOT_FOUND;
  }
  const list = [...deployment.statuses].sort((a, b) => b.createdAt - a.createdAt).map((s) => statusJson(state.base, repo, deployment, s));
  return { status: 200, body: list };
}

/** GET /repos/{owner}/{repo}/deployments: one page, filtered by environment, with a `Link` header. */
function answerDeployments(state, url, repo) {
  state.stats.listRequests++;
  const all = state.sorted[repo];
  if (!all) {
    return NOT_FOUND;
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
    return `<${state.base}${next.pathname}${next.search}>; rel="${rel}"`;
  };
  const links = [];
  if (page < last) {
    links.push(link(page + 1, 'next'), link(last, 'last'));
  }
  if (page > 1) {
    links.push(link(1, 'first'), link(page - 1, 'prev'));
  }
  return { status: 200, body: items.map((d) => deploymentJson(state.base, repo, d)), headers: links.length ? { link: links.join(', ') } : {} };
}

/** POST /graphql: read the whole body, then answer as GitHub's GraphQL API would. */
function answerGraphqlRequest(state, req, res) {
  state.stats.graphqlRequests++;
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    state.stats.shippedPullsRequests += body.includes('SafeDeployShippedPulls') ? 1 : 0;
    const answer = answerGraphql(body, state.sorted, iso);
    sendJson(res, answer.status, answer.body);
  });
}

/** One request: the token checked, then GraphQL, the rate limit, statuses or deployments. */
function handle(state, req, res) {
  const { stats, options } = state;
  stats.requests++;
  stats.authorization.push(req.headers.authorization ?? '');
  const url = new URL(req.url ?? '/', state.base);
  if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
    return sendJson(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
  }
  if (url.pathname === '/graphql' && req.method === 'POST' && options.graphql) {
    return answerGraphqlRequest(state, req, res);
  }
  if (url.pathname === '/rate_limit') {
    return sendJson(res, 200, { resources: { core: { limit: 5000, remaining: 4999, reset: Math.floor(Date.now() / 1000) + 3600, used: 1 } } });
  }
  const statuses = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/deployments\/(\d+)\/statuses$/);
  const list = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/deployments$/);
  const answer = statuses
    ? answerStatuses(state, statuses[1], Number(statuses[2]))
    : list
      ? answerDeployments(state, url, list[1])
      : { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  return sendJson(res, answer.status, answer.body, answer.headers);
}

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
  // The base URL is known once the server listens; every answer's links use it.
  const state = { stats, sorted, byId, options: { token, graphql }, base: '' };
  const server = http.createServer((req, res) => handle(state, req, res));
  server.on('connection', () => stats.connections++);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      state.base = `http://${host}:${address.port}`;
      resolve({ url: state.base, port: address.port, stats, close: () => closeNow(server) });
    });
  });
}
