// The SafeDeploy preview host: serves the built dist/ to a page that loads the plugins the
// way Grafana does (SystemJS with the AMD extra, shared libraries registered as externals),
// with an emulated data proxy and provisioned datasources and dashboards. It is a tool for
// trying and testing the plugins without a Grafana server; production is Grafana.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createAppRoutes, loadAppSettings } from './appRoutes.mjs';
import { proxyRequest } from './dataProxy.mjs';
import { grafanaLine, hostBundlePath, lineLibraries, lineModules, monacoWorkersDir } from './grafanaLines.mjs';
import { loadDashboards, loadDatasources, publicSettings } from './provisioning.mjs';
import { sessionRole } from './session.mjs';
import { closeNow } from './closeNow.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_ID = 'safedeploy-deploys-app';

const MIME = {
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
};

/** The datasource types the host provides itself (Grafana provides them in production). */
const BUILTIN_DS_META = {
  'grafana-testdata-datasource': {
    id: 'grafana-testdata-datasource',
    name: 'TestData (preview host emulation)',
    type: 'datasource',
    module: 'host',
    builtIn: true,
    metrics: true,
    // Grafana's datasource picker reads the logo of every datasource it lists.
    info: { logos: { small: 'public/plugins/safedeploy-deploys-app/img/logo.svg', large: 'public/plugins/safedeploy-deploys-app/img/logo.svg' } },
  },
  prometheus: { id: 'prometheus', name: 'Prometheus (preview host emulation)', type: 'datasource', module: 'host', builtIn: true, metrics: true, info: { logos: { small: '', large: '' } } },
};

function readPlugins(distDir) {
  const plugins = {};
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'plugin.json'), 'utf8'));
  plugins[app.id] = { json: app, dir: distDir };
  for (const include of app.includes ?? []) {
    if (include.path && include.type !== 'page') {
      const dir = path.join(distDir, path.dirname(include.path));
      const json = JSON.parse(fs.readFileSync(path.join(distDir, include.path), 'utf8'));
      plugins[json.id] = { json, dir };
    }
  }
  return plugins;
}

/** Grafana serves a plugin's logos from its folder: `img/logo.svg` becomes `public/plugins/<id>/img/logo.svg`. */
function servedInfo(json) {
  const logos = json.info?.logos ?? {};
  const served = (p) => (p && !/^(https?:|\/|public\/)/.test(p) ? `public/plugins/${json.id}/${p}` : p);
  return { ...json.info, logos: { small: served(logos.small), large: served(logos.large) } };
}

function pluginMeta(plugin) {
  const { json } = plugin;
  return {
    id: json.id,
    name: json.name,
    type: json.type,
    info: servedInfo(json),
    module: `public/plugins/${json.id}/module.js`,
    baseUrl: `public/plugins/${json.id}`,
    annotations: Boolean(json.annotations),
    metrics: Boolean(json.metrics),
  };
}

/**
 * Grafana's annotation search (`GET /api/annotations`) over the host's annotations: those
 * overlapping [from, to] that carry every `tags`, newest first, at most `limit` (Grafana's
 * default 100).
 */
function findAnnotations(annotations, params) {
  const from = Number(params.get('from') ?? -Infinity);
  const to = Number(params.get('to') ?? Infinity);
  const tags = params.getAll('tags');
  return annotations
    .filter((a) => a.time <= to && (a.timeEnd ?? a.time) >= from && tags.every((t) => (a.tags ?? []).includes(t)))
    .sort((a, b) => b.time - a.time)
    .slice(0, Number(params.get('limit') ?? 100));
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendFile(res, file) {
  fs.readFile(file, (err, data) => {
    if (err) {
      return send(res, 404, 'Not found');
    }
    send(res, 200, data, MIME[path.extname(file)] ?? 'application/octet-stream');
  });
}

function safeJoin(dir, rel) {
  const full = path.resolve(dir, '.' + path.sep + rel);
  return full.startsWith(path.resolve(dir) + path.sep) ? full : null;
}

/** A request the host refuses with 400: a malformed target, Host header or path part. */
class BadRequest extends Error {}

/** Host header values HTTP allows: a name or IPv4 address, or a bracketed IPv6 one, with an optional port up to 65535. */
const HOST_HEADER = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * The request's URL, or a BadRequest: only an origin-form target (`/path?query`, RFC 9112
 * 3.2.1) and a well-formed Host are served. The Host is checked but never used to build the
 * URL, so no header can make `new URL` throw.
 */
function requestUrl(req) {
  const target = req.url ?? '';
  const host = req.headers.host;
  const port = host === undefined ? undefined : HOST_HEADER.exec(host)?.[1];
  if (host !== undefined && (!HOST_HEADER.test(host) || (port !== undefined && Number(port) > 65535))) {
    throw new BadRequest('bad Host header');
  }
  if (!target.startsWith('/') || target.startsWith('//')) {
    throw new BadRequest('the request target must be a path');
  }
  try {
    return new URL(target, 'http://preview.invalid');
  } catch {
    throw new BadRequest('malformed request target');
  }
}

/** A percent-decoded path part; malformed escapes and NUL (which no file name holds) are a bad request. */
function decodePart(part) {
  let decoded;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    throw new BadRequest('malformed percent-encoding');
  }
  if (decoded.includes('\0')) {
    throw new BadRequest('NUL in the path');
  }
  return decoded;
}

/**
 * What the host serves, read once at start: the plugins (from dist/ or a plugins folder), the
 * host bundle of the Grafana line, provisioned and extra datasources and dashboards.
 */
function loadSite({ root, pluginsDir, grafana, env, extraDatasources, extraDashboards }) {
  const distDir = pluginsDir ? path.join(pluginsDir, APP_ID) : path.join(root, 'dist');
  if (!fs.existsSync(path.join(distDir, 'plugin.json'))) {
    throw new Error(
      pluginsDir
        ? `${pluginsDir} holds no ${APP_ID}/plugin.json: unzip the release archive into it.`
        : 'dist/ is missing: run `npm run build` first.'
    );
  }
  const hostBundle = hostBundlePath(grafanaLine({ SAFEDEPLOY_GRAFANA: grafana }), root);
  if (!fs.existsSync(hostBundle)) {
    const prefix = grafana === '12.4' ? '' : `SAFEDEPLOY_GRAFANA=${grafana} `;
    throw new Error(`The preview host bundle for Grafana ${grafana} is missing: run \`${prefix}npm run build:host\` first.`);
  }
  const plugins = readPlugins(distDir);
  const provisioningDir = path.join(root, 'provisioning');
  const datasources = [
    ...loadDatasources(provisioningDir, env),
    ...extraDatasources.map((ds, i) => ({ id: 1000 + i, url: '', isDefault: false, jsonData: {}, secureJsonData: {}, ...ds })),
  ];
  const dashboards = [...loadDashboards(provisioningDir, env), ...extraDashboards];
  const metaFor = (type) => (plugins[type] ? pluginMeta(plugins[type]) : BUILTIN_DS_META[type] ?? { id: type, name: type, type: 'datasource', module: '' });
  return {
    root,
    grafana,
    hostBundle,
    plugins,
    provisioningDir,
    datasources,
    dashboards,
    dsPublic: datasources.map((ds) => publicSettings(ds, metaFor(ds.type))),
    // Plugins read the running Grafana's version from config.buildInfo, as in Grafana.
    grafanaVersion: lineLibraries(grafana, root)['@grafana/runtime'] ?? grafana,
    // Monaco's web workers, where the line bundles Monaco (see buildHost.mjs); 10.4 finds its own.
    workersDir: monacoWorkersDir(grafana, root),
  };
}

/** The page every route renders: Grafana's boot data, then the host bundle that loads the plugins. */
function pageRenderer(site, host, port) {
  const { plugins, dsPublic, dashboards } = site;
  // The user's zone preference is Grafana's default for a user who set none (`default_timezone =
  // browser`): the browser's own zone, as the dashboards here already resolve it.
  const bootData = (theme, orgRole) => ({
    settings: {
      appSubUrl: '',
      appUrl: `http://${host}:${port}/`,
      buildInfo: { version: site.grafanaVersion, edition: 'Preview', env: 'production', commit: 'preview' },
      datasources: Object.fromEntries(dsPublic.map((ds) => [ds.name, ds])),
      defaultDatasource: dsPublic.find((ds) => ds.isDefault)?.name ?? dsPublic[0]?.name,
      panels: Object.fromEntries(Object.values(plugins).filter((p) => p.json.type === 'panel').map((p) => [p.json.id, pluginMeta(p)])),
      apps: Object.fromEntries(Object.values(plugins).filter((p) => p.json.type === 'app').map((p) => [p.json.id, { ...pluginMeta(p), preload: false }])),
      featureToggles: {},
      theme2: { isDark: theme !== 'light' },
    },
    user: { theme, timezone: 'browser', weekStart: 'monday', isSignedIn: true, orgRole, login: 'preview', locale: 'en-US', language: 'en-US' },
    navTree: [],
    assets: { dark: '', light: '' },
  });
  const monacoEnvironment = fs.existsSync(site.workersDir)
    ? `window.MonacoEnvironment = { getWorkerUrl: (_, label) => '/public/build/monaco/' + (label === 'json' ? 'json' : 'editor') + '.worker.js' };`
    : '';
  return (dashboardUid, theme, app = null, datasource = null, orgRole = 'Viewer') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SafeDeploy preview host</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="/">
<link rel="icon" href="/public/plugins/safedeploy-deploys-app/img/logo.svg">
<link rel="stylesheet" href="/host.css">
<style>
/* Grafana's global styles (left out here for their web fonts) make buttons inherit text colour. */
button { color: inherit; font: inherit; }
body { margin: 0; }
</style>
</head><body>
<div id="root"></div>
<script>
window.grafanaBootData = ${JSON.stringify(bootData(theme, orgRole)).replace(/</g, '\\u003c')};
${monacoEnvironment}
window.__SAFEDEPLOY_PREVIEW__ = ${JSON.stringify({ dashboardUid, dashboards: dashboards.map((d) => ({ uid: d.uid, title: d.title })), app, datasource }).replace(/</g, '\\u003c')};
</script>
<script src="/host.js"></script>
</body></html>`;
}

/** Grafana's API routes the plugins call: the data proxy, annotations, dashboards, datasources, health. True when one answered. */
function serveApi(site, options, req, res, url) {
  const { pathname, search } = url;
  const proxy = pathname.match(/^\/api\/datasources\/proxy\/uid\/([^/]+)(\/.*)?$/);
  if (proxy) {
    const ds = site.datasources.find((d) => d.uid === decodePart(proxy[1]));
    if (!ds) {
      send(res, 404, JSON.stringify({ message: 'Data source not found' }), 'application/json');
    } else {
      proxyRequest(req, res, ds, site.plugins[ds.type]?.json.routes ?? [], proxy[2] ?? '/', search, sessionRole(req, url).role);
    }
    return true;
  }
  if (pathname === '/api/annotations' && req.method === 'GET') {
    send(res, 200, JSON.stringify(findAnnotations(options.annotations, url.searchParams)), 'application/json');
    return true;
  }
  const dashApi = pathname.match(/^\/api\/dashboards\/uid\/([^/]+)$/);
  if (dashApi) {
    const dashboard = site.dashboards.find((d) => d.uid === decodePart(dashApi[1]));
    dashboard
      ? send(res, 200, JSON.stringify({ dashboard, meta: { provisioned: true } }), 'application/json')
      : send(res, 404, JSON.stringify({ message: 'Dashboard not found' }), 'application/json');
    return true;
  }
  const dsApi = pathname.match(/^\/api\/datasources\/uid\/([^/]+)$/);
  if (dsApi) {
    const ds = site.dsPublic.find((d) => d.uid === decodePart(dsApi[1]));
    ds ? send(res, 200, JSON.stringify(ds), 'application/json') : send(res, 404, '{"message":"Data source not found"}', 'application/json');
    return true;
  }
  if (pathname === '/api/preview/metrics') {
    const params = Object.fromEntries(url.searchParams.entries());
    send(res, 200, JSON.stringify(options.metrics ? options.metrics(params) : []), 'application/json');
    return true;
  }
  if (pathname === '/api/health') {
    send(res, 200, '{"database":"ok","version":"preview"}', 'application/json');
    return true;
  }
  return false;
}

/** Pages (dashboards, a datasource's settings) and files (the host bundle, plugin assets, Monaco, icons). True when one answered. */
function servePagesAndFiles(site, page, res, url, role) {
  const { pathname, search } = url;
  const { grafana, root } = site;
  const theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
  if (pathname === '/') {
    res.writeHead(302, { location: `/d/${site.dashboards[0]?.uid ?? 'none'}${search}` });
    res.end();
    return true;
  }
  const dash = pathname.match(/^\/d\/([^/]+)\/?$/);
  const dsEdit = pathname.match(/^\/datasources\/edit\/([^/]+)\/?$/);
  if (dash || dsEdit) {
    send(res, 200, dash ? page(decodePart(dash[1]), theme, null, null, role) : page('', theme, null, decodePart(dsEdit[1]), role), 'text/html; charset=utf-8');
    return true;
  }
  if (pathname === '/host.js' || pathname === '/host.css') {
    sendFile(res, path.join(path.dirname(site.hostBundle), pathname.slice(1)));
    return true;
  }
  const asset = pathname.match(/^\/public\/plugins\/([^/]+)\/(.+)$/);
  if (asset && site.plugins[asset[1]]) {
    const file = safeJoin(site.plugins[asset[1]].dir, decodePart(asset[2]));
    file ? sendFile(res, file) : send(res, 403, 'Forbidden');
    return true;
  }
  const worker = pathname.match(/^\/public\/build\/monaco\/(\w+\.worker\.js)$/);
  // Grafana serves Monaco's AMD build from public/lib/monaco; @grafana/ui 10.4's CodeEditor
  // loads it from there (later lines bundle Monaco into Grafana's own build).
  const monaco = pathname.match(/^\/public\/lib\/monaco\/(.+)$/);
  if (worker || monaco) {
    const file = worker ? path.join(site.workersDir, worker[1]) : safeJoin(path.join(lineModules(grafana, root), 'monaco-editor'), decodePart(monaco[1]));
    file && fs.existsSync(file) ? sendFile(res, file) : send(res, 404, 'Not found');
    return true;
  }
  // Grafana 11 and later serve the icon set from public/build/img, 10.4 from public/img.
  const icon = pathname.match(/^\/public\/(?:build\/)?img\/icons\/(\w+)\/([\w-]+)\.svg$/);
  if (icon) {
    // Grafana serves its icon set from its own build; the npm package ships most of it.
    const file = path.join(lineModules(grafana, root), '@grafana', 'ui', 'dist', 'public', 'img', 'icons', icon[1], `${icon[2]}.svg`);
    fs.existsSync(file)
      ? sendFile(res, file)
      : send(res, 200, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="6" fill="currentColor"/></svg>', MIME['.svg']);
    return true;
  }
  return false;
}

/**
 * A failure while answering: a bad request is 400 with its reason; anything else is 500 with
 * no detail (a message could name a path of this machine), logged on the host's console.
 */
function sendFailure(res, err) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof BadRequest) {
    send(res, 400, `Bad request: ${err.message}`);
    return;
  }
  console.error('preview host:', err);
  send(res, 500, 'Preview host error');
}

/** The request handler: every route, and no request that can end the process. */
function createHandler(site, options, page, handleApp) {
  return (req, res) => {
    try {
      const url = requestUrl(req);
      const session = sessionRole(req, url);
      if (session.setCookie) {
        res.setHeader('set-cookie', session.setCookie);
      }
      if (serveApi(site, options, req, res, url) || servePagesAndFiles(site, page, res, url, session.role)) {
        return;
      }
      handleApp(req, res, url).then(
        (handled) => handled || send(res, 404, 'Not found'),
        (err) => sendFailure(res, err)
      );
    } catch (err) {
      sendFailure(res, err);
    }
  };
}

/**
 * Starts the preview host. `env` drives `$VAR` expansion in provisioning files;
 * `metrics(params)` answers the TestData stand-in with the demo scenario's series.
 *
 * `extraDashboards` are served next to the provisioned ones (the browser tests use them).
 * `pluginsDir`, a Grafana plugins folder (a release archive unzipped into it), is served
 * instead of the checkout's dist/.
 *
 * A request the host cannot read (a malformed target or Host header, a path part with a
 * malformed escape or NUL) is answered 400; nothing a client sends ends the process.
 *
 * @param {{ port?: number, host?: string, env?: Record<string, string | undefined>, root?: string, pluginsDir?: string,
 *   metrics?: (params: Record<string, string>) => unknown[], extraDashboards?: Array<Record<string, unknown>>,
 *   alertHistory?: ((params: Record<string, string>) => unknown) | null, grafana?: string,
 *   extraDatasources?: Array<Record<string, unknown>>, annotations?: Array<Record<string, any>> }} [options]
 * `alertHistory` answers Grafana alerting's state history API (null: the API is missing).
 * `grafana` is the Grafana line whose libraries the page runs (default: SAFEDEPLOY_GRAFANA, else 12.4).
 * `extraDatasources` are served next to the provisioned ones (`{ uid, name, type, jsonData }`);
 * `annotations` are this Grafana's own annotations (`GET /api/annotations`), in its Annotation shape.
 */
export function startPreviewServer({
  port = 3000,
  host = '127.0.0.1',
  env = process.env,
  root = ROOT,
  pluginsDir,
  metrics,
  extraDashboards = [],
  alertHistory,
  grafana = grafanaLine(process.env),
  extraDatasources = [],
  annotations = [],
} = {}) {
  const site = loadSite({ root, pluginsDir, grafana, env, extraDatasources, extraDashboards });
  const page = pageRenderer(site, host, port);
  const handleApp = createAppRoutes({
    plugins: site.plugins,
    settings: loadAppSettings(site.provisioningDir, env),
    alertHistory,
    send,
    renderPage: (app, theme, req, url) => page('', theme, app, null, sessionRole(req, url).role),
  });
  const server = http.createServer(createHandler(site, { metrics, annotations }, page, handleApp));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : port, close: () => closeNow(server) });
    });
  });
}
