/**
 * @jest-environment node
 */
import { ChildProcess, spawn } from 'child_process';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';

import { matchRoute } from './dataProxy.mjs';

/** A token that appears nowhere but in the host's environment. */
const TOKEN = 'ghp_dataProxyTestToken0123456789abcdef';
const HTML = '<!doctype html><script>window.__pwned = 1</script>';

interface Seen {
  method: string;
  url: string;
  authorization: string;
}

/** An upstream that records each request and answers HTML for `/page`, JSON otherwise. */
function startUpstream(seen: Seen[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? '' });
    req.resume();
    if (req.url?.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'upstream=1' });
      res.end(HTML);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((r) => server.close(() => r())),
      })
    )
  );
}

/**
 * The preview host in its own process (it is an ES module reading `import.meta`), on a free
 * port, with `env` as its provisioning environment; resolves with the port it prints.
 */
function startHost(env: Record<string, string>): Promise<{ port: number; close: () => Promise<void> }> {
  const script = `import { startPreviewServer } from './preview/server.mjs';
const server = await startPreviewServer({ port: 0, env: JSON.parse(process.env.HOST_ENV) });
console.log('port ' + server.port);`;
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.resolve(__dirname, '..'),
    env: { PATH: process.env.PATH ?? '', HOST_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const close = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill())));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const port = /port (\d+)/.exec(out)?.[1];
      if (port) {
        resolve({ port: Number(port), close });
      }
    });
    child.stderr?.on('data', (chunk) => (err += String(chunk)));
    child.once('exit', (code) => reject(new Error(`the preview host exited (${code}): ${err}`)));
  });
}

// Grafana's rule (pkg/api/pluginproxy/ds_proxy.go, validateRequest): the first route in
// plugin.json order whose method allows the request and whose cleaned path is a plain string
// prefix of the cleaned proxied path; a host that picked the longest or a segment-bounded
// match would pass tests Grafana fails.
describe('matchRoute, as Grafana picks a data proxy route', () => {
  it.each([
    ['takes the first match, not the longest', [{ path: 'github', method: 'GET' }, { path: 'github/graphql', method: 'GET' }], 'github/graphql', 'GET', 'github', '/graphql'],
    ['matches a plain prefix, not a whole segment', [{ path: 'api' }], 'apiv2/secret', 'GET', 'api', 'v2/secret'],
    ['lets an earlier, looser route take a later, stricter one\'s paths', [{ path: 'unleash' }, { path: 'unleash/admin', reqRole: 'Editor' }], 'unleash/admin/features', 'GET', 'unleash', '/admin/features'],
    ['skips a route whose method differs', [{ path: 'github', method: 'GET' }, { path: 'github/graphql', method: 'POST' }], 'github/graphql', 'POST', 'github/graphql', ''],
    ['cleans both paths before comparing', [{ path: 'github/' }], '/github//repos/x', 'GET', 'github', '/repos/x'],
  ])('%s', (_, routes, proxyPath, method, routePath, rest) => {
    const match = matchRoute(routes, proxyPath, method);
    expect([match?.path, match?.rest]).toStrictEqual([routePath, rest]);
  });

  it('matches no route when none prefixes the path', () => {
    expect(matchRoute([{ path: 'github' }], 'gitlab/projects', 'GET')).toBeNull();
  });
});

describe('the preview host data proxy', () => {
  const seen: Seen[] = [];
  let upstream: { url: string; close: () => Promise<void> };
  let host: { port: number; close: () => Promise<void> };

  beforeAll(async () => {
    upstream = await startUpstream(seen);
    host = await startHost({
      SAFEDEPLOY_GITHUB_URL: upstream.url,
      SAFEDEPLOY_GITHUB_GRAPHQL_URL: `${upstream.url}/graphql`,
      SAFEDEPLOY_GITHUB_TOKEN: TOKEN,
      SAFEDEPLOY_UNLEASH_URL: upstream.url,
      SAFEDEPLOY_UNLEASH_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await host?.close();
    await upstream?.close();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const proxied = (method: string, path: string, role?: string) =>
    fetch(`http://127.0.0.1:${host.port}/api/datasources/proxy/uid/safedeploy-events/${path}`, {
      method,
      body: method === 'GET' ? undefined : '{}',
      headers: role ? { cookie: `safedeploy_preview_role=${role}` } : {},
    });
  const OFF = 'act/unleash/api/admin/projects/search/features/semantic-search/environments/production/off';

  it("refuses the Editor-only acting route to a Viewer with Grafana's 403, sending nothing upstream", async () => {
    for (const role of [undefined, 'Viewer']) {
      const answer = await proxied('POST', OFF, role);
      expect(answer.status).toBe(403);
      expect(await answer.text()).toBe('{"message":"plugin proxy route access denied"}');
    }
    expect(seen).toStrictEqual([]);
  });

  it.each(['Editor', 'Admin'])('lets an %s POST through the acting route, the token added by the host', async (role) => {
    const answer = await proxied('POST', OFF, role);
    expect(answer.status).toBe(200);
    expect(seen).toStrictEqual([{ method: 'POST', url: '/api/admin/projects/search/features/semantic-search/environments/production/off', authorization: TOKEN }]);
  });

  it('takes the role a page load names and keeps it in a cookie for the requests of that page', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/d/safedeploy-demo?role=Editor`);
    expect(page.headers.get('set-cookie')).toMatch(/^safedeploy_preview_role=Editor; Path=\/;/);
    expect(await page.text()).toContain('"orgRole":"Editor"');
    const plain = await fetch(`http://127.0.0.1:${host.port}/d/safedeploy-demo`);
    expect(await plain.text()).toContain('"orgRole":"Viewer"');
  });

  it('forwards a GET through the GET-only GitHub route with the token', async () => {
    const answer = await proxied('GET', 'github/repos/shop/api/deployments');
    expect(answer.status).toBe(200);
    expect(seen).toStrictEqual([{ method: 'GET', url: '/repos/shop/api/deployments', authorization: `Bearer ${TOKEN}` }]);
  });

  it.each(['DELETE', 'POST', 'PUT', 'PATCH'])('never sends the token with a %s through a GET-only route (Grafana matches the method)', async (method) => {
    const answer = await proxied(method, 'github/repos/shop/api/deployments');
    expect(answer.status).toBe(404);
    expect(seen).toStrictEqual([]);
  });

  it('sends a POST through the POST route of the GraphQL endpoint, and a GET there takes the GET route', async () => {
    await proxied('POST', 'github/graphql');
    await proxied('GET', 'github/graphql');
    expect(seen).toStrictEqual([
      { method: 'POST', url: '/graphql', authorization: `Bearer ${TOKEN}` },
      // The GET-only `github` route prefixes the path, so the GET goes to the REST base, as in Grafana.
      { method: 'GET', url: '/graphql', authorization: `Bearer ${TOKEN}` },
    ]);
  });

  it('serves an upstream HTML answer sandboxed, without sniffing and without its cookie, as Grafana does', async () => {
    const answer = await proxied('GET', 'github/page');
    expect(await answer.text()).toBe(HTML);
    expect(answer.headers.get('content-security-policy')).toBe('sandbox');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('set-cookie')).toBeNull();
  });
});
