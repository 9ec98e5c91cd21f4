// Grafana's data proxy, emulated: /api/datasources/proxy/uid/<uid>/<route path>/... is
// forwarded server-side to the route's url, with the route's headers filled in from the
// datasource's jsonData and secureJsonData. The browser never sees a secret.
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

import { roleIncludes } from './session.mjs';

const TEMPLATE = /\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g;

/** Fills `{{ .JsonData.x }}` and `{{ .SecureJsonData.y }}` the way Grafana's route templates do. */
export function interpolateRoute(text, ds) {
  return String(text ?? '').replace(TEMPLATE, (_, bag, key) => {
    const source = bag === 'JsonData' ? ds.jsonData : ds.secureJsonData;
    const value = source?.[key];
    return value == null ? '' : String(value);
  });
}

/** Headers Grafana drops from the browser's request before proxying. */
const DROPPED_REQUEST_HEADERS = new Set(['cookie', 'authorization', 'host', 'connection', 'origin', 'referer', 'x-grafana-org-id', 'x-grafana-device-id']);
/** Headers Grafana drops from the upstream answer. */
const DROPPED_RESPONSE_HEADERS = new Set(['set-cookie', 'connection', 'transfer-encoding', 'keep-alive']);

/**
 * Headers Grafana puts on every proxied answer: `Content-Security-Policy: sandbox`
 * (`pkg/util/proxyutil`, `SetProxyResponseHeaders`, applied by the data proxy's response
 * hook), so an upstream HTML page runs no script and gets an opaque origin instead of the
 * host's; and `nosniff`, which Grafana's server sends on every answer by default
 * (`content_type_protection`), so a browser never guesses a script out of `text/plain`.
 */
const PROXY_RESPONSE_HEADERS = { 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' };

/** Whether a route serves a request method: an empty or `*` method serves every method, as in Grafana. */
function routeAllows(route, method) {
  const wanted = String(route.method ?? '').toUpperCase();
  return wanted === '' || wanted === '*' || wanted === String(method ?? 'GET').toUpperCase();
}

/**
 * A path as Grafana's `CleanRelativePath` gives it: `..`, `.`, repeated and trailing slashes
 * resolved, relative to the root; '' for the root itself.
 */
function cleanRelativePath(p) {
  return path.posix.relative('/', path.posix.resolve('/', String(p ?? '')));
}

/**
 * Picks the route as Grafana's data proxy does (`pkg/api/pluginproxy/ds_proxy.go`,
 * `validateRequest`): the first, in plugin.json order, whose `method` allows the request's and
 * whose cleaned `path` is a plain string prefix of the cleaned proxied path. Not the longest,
 * and not at a segment boundary: route `api` takes `apiv2/...`, and an earlier `unleash` takes
 * `unleash/admin/...` from a later, stricter `unleash/admin`. A route whose method differs is
 * skipped, so a POST never borrows a GET-only route's credentials. `rest` is what follows the
 * route's path as written (`ds_auth_provider.go`, `ApplyRoute`: `TrimPrefix`).
 */
export function matchRoute(routes, proxyPath, method = 'GET') {
  const clean = cleanRelativePath(proxyPath);
  const route = (routes ?? []).find((r) => routeAllows(r, method) && clean.startsWith(cleanRelativePath(r.path)));
  if (!route) {
    return null;
  }
  const raw = proxyPath.replace(/^\/+/, '');
  const written = String(route.path ?? '');
  return { route, path: cleanRelativePath(route.path), rest: raw.startsWith(written) ? raw.slice(written.length) : raw };
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Whether the user may use a matched route, as Grafana's data proxy decides
 * (`pkg/api/pluginproxy`, `hasAccessToRoute`): a route with `reqRole` serves only users whose
 * org role includes it. A route with `reqAction` is judged by Grafana's RBAC, which the host
 * does not have: it refuses it rather than be kinder than Grafana.
 */
export function routeAccess(route, role) {
  if (route.reqAction) {
    return false;
  }
  return !route.reqRole || roleIncludes(role, route.reqRole);
}

/**
 * Handles one proxied request. `ds` carries secureJsonData; `routes` come from the
 * datasource plugin's plugin.json; `role` is the user's org role. A route the role may not
 * use answers 403 with Grafana's message and nothing is sent upstream.
 */
export function proxyRequest(req, res, ds, routes, proxyPath, search, role = 'Viewer') {
  const match = matchRoute(routes, proxyPath, req.method);
  if (match && !routeAccess(match.route, role)) {
    req.resume();
    return sendJson(res, 403, { message: 'plugin proxy route access denied' });
  }
  let target;
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!DROPPED_REQUEST_HEADERS.has(name.toLowerCase())) {
      headers[name] = value;
    }
  }
  if (match) {
    const base = interpolateRoute(match.route.url, ds).replace(/\/+$/, '');
    if (!/^https?:\/\//.test(base)) {
      return sendJson(res, 502, { message: `Data proxy: the route "${match.path}" has no valid URL; set it in the data source settings.` });
    }
    target = base + (match.rest.startsWith('/') || match.rest === '' ? match.rest : '/' + match.rest) + search;
    for (const header of match.route.headers ?? []) {
      headers[header.name.toLowerCase()] = interpolateRoute(header.content, ds);
    }
  } else if (ds.url) {
    target = ds.url.replace(/\/+$/, '') + '/' + proxyPath.replace(/^\/+/, '') + search;
  } else {
    return sendJson(res, 404, { message: 'Data proxy: no route matches this path.' });
  }
  headers['user-agent'] = 'Grafana/12.4.10 (SafeDeploy preview host)';
  const url = new URL(target);
  const client = url.protocol === 'https:' ? https : http;
  const upstream = client.request(url, { method: req.method, headers }, (answer) => {
    const out = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!DROPPED_RESPONSE_HEADERS.has(name)) {
        out[name] = value;
      }
    }
    Object.assign(out, PROXY_RESPONSE_HEADERS);
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstream.setTimeout(30_000, () => upstream.destroy(new Error('timeout')));
  upstream.on('error', () => {
    if (!res.headersSent) {
      // Like Grafana: a 502 that names no host, port or credential.
      sendJson(res, 502, { message: 'Bad Gateway: the data source could not be reached.' });
    } else {
      res.destroy();
    }
  });
  req.pipe(upstream);
}
