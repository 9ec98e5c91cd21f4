import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');
const ID_PATTERN = /^[0-9a-z]+\-([0-9a-z]+\-)?(app|panel|datasource)$/;

const SOURCES = [
  { file: 'plugin.json', type: 'app', id: 'safedeploy-deploys-app', name: 'SafeDeploy' },
  { file: 'src/datasource/plugin.json', type: 'datasource', id: 'safedeploy-events-datasource', name: 'SafeDeploy Events' },
  { file: 'src/panel/plugin.json', type: 'panel', id: 'safedeploy-impact-panel', name: 'Deploy Impact' },
];
const BUILT = [
  { file: 'dist/plugin.json', type: 'app', id: 'safedeploy-deploys-app', name: 'SafeDeploy' },
  { file: 'dist/datasource/plugin.json', type: 'datasource', id: 'safedeploy-events-datasource', name: 'SafeDeploy Events' },
  { file: 'dist/panel/plugin.json', type: 'panel', id: 'safedeploy-impact-panel', name: 'Deploy Impact' },
];

function read(file: string) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('plugin.json manifests', () => {
  it('dist/ has been built before these tests run', () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'plugin.json'))).toBe(true);
  });

  it.each([...SOURCES, ...BUILT])('$file has the fields Grafana requires', ({ file, type, id, name }) => {
    const json = read(file);
    expect(json.type).toBe(type);
    expect(json.id).toBe(id);
    expect(json.id).toMatch(ID_PATTERN);
    expect(json.name).toBe(name);
    expect(typeof json.info.version).toBe('string');
    expect(typeof json.info.updated).toBe('string');
    expect(json.info.keywords.length).toBeGreaterThan(0);
    expect(json.info.logos.small).toMatch(/\.svg$/);
    expect(json.info.logos.large).toMatch(/\.svg$/);
    expect(json.dependencies.grafanaDependency).toBe('>=10.4.0');
  });

  it.each(BUILT)('$file has its version and date filled in and its logos and module next to it', ({ file }) => {
    const json = read(file);
    expect(json.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dir = path.dirname(path.join(ROOT, file));
    expect(fs.existsSync(path.join(dir, json.info.logos.small))).toBe(true);
    expect(fs.existsSync(path.join(dir, json.info.logos.large))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'module.js'))).toBe(true);
  });

  it("every nested plugin in the app's includes exists, in the source and in dist/", () => {
    const app = read('plugin.json');
    // Pages carry a path too, but it is a URL, not a nested plugin.
    const nested = app.includes.filter((i: { type: string; path?: string }) => i.path && i.type !== 'page' && i.type !== 'dashboard');
    expect(nested.map((i: { path: string }) => i.path).sort()).toStrictEqual(['datasource/plugin.json', 'panel/plugin.json']);
    for (const include of nested) {
      const source = read(path.join('src', include.path));
      const built = read(path.join('dist', include.path));
      expect(source.type).toBe(include.type);
      expect(built.id).toBe(source.id);
    }
  });

  it("offers the starter dashboard in the app's includes, ships it and the demo's in dist/, and provisions the demo from the installed plugin", () => {
    const app = read('plugin.json');
    const dashboards = app.includes.filter((i: { type: string }) => i.type === 'dashboard');
    expect(dashboards.map((d: { path: string }) => d.path)).toStrictEqual(['dashboards/deploy-impact.json']);
    for (const file of ['dashboards/deploy-impact.json', 'dashboards/safedeploy-demo.json']) {
      expect(read(path.join('dist', file))).toStrictEqual(read(path.join('src', file)));
    }
    expect(read('dist/dashboards/deploy-impact.json').uid).toBe('safedeploy-deploy-impact');
    const provider = fs.readFileSync(path.join(ROOT, 'provisioning', 'dashboards', 'dashboards.yaml'), 'utf8');
    expect(provider).toContain('path: /var/lib/grafana/plugins/safedeploy-deploys-app/dashboards/safedeploy-demo.json');
    expect(fs.readdirSync(path.join(ROOT, 'provisioning', 'dashboards'))).toStrictEqual(['dashboards.yaml']);
  });

  it('every route names the one method its provider uses, so the proxy adds no token to other methods', () => {
    // Grafana matches a route only when its method equals the request's (an empty or "*" method
    // matches all); a POST or DELETE then matches no route and gets no credentials.
    const ds = read('src/datasource/plugin.json');
    const writes: Array<{ path: string; method: string; reqRole?: string }> = [];
    for (const route of ds.routes) {
      expect(['GET', 'POST', 'PATCH']).toContain(route.method);
      if (route.path.startsWith('act/')) {
        writes.push({ path: route.path, method: route.method, reqRole: route.reqRole });
      } else if (route.method === 'POST') {
        // POST only for GraphQL queries, on a route of its own
        expect(route.path).toMatch(/\/graphql$/);
      } else {
        expect(route.method).toBe('GET');
      }
      // Only the acting routes are limited by role, and only they change anything.
      expect(route.reqRole === undefined).toBe(!route.path.startsWith('act/'));
      expect(route.reqAction).toBeUndefined();
    }
    // Exactly the two flag turn-offs, each for Editors and above (Grafana refuses others with 403).
    expect(writes).toStrictEqual([
      { path: 'act/unleash', method: 'POST', reqRole: 'Editor' },
      { path: 'act/launchdarkly', method: 'PATCH', reqRole: 'Editor' },
    ]);
  });

  it('no read route is a prefix of an acting route, so no request to an acting path borrows a read route', () => {
    // Grafana takes the first route, in order, whose method matches and whose path is a plain text prefix of the request's.
    const routes = read('src/datasource/plugin.json').routes as Array<{ path: string; method: string }>;
    const reads = routes.filter((r) => !r.path.startsWith('act/'));
    for (const write of routes.filter((r) => r.path.startsWith('act/'))) {
      expect(reads.filter((r) => write.path.startsWith(r.path))).toStrictEqual([]);
    }
  });

  it("the app's pages are Release health, the readiness review and the configuration", () => {
    const pages = read('plugin.json').includes.filter((i: { type: string }) => i.type === 'page');
    expect(pages.map((p: { path: string }) => p.path)).toStrictEqual([
      '/a/safedeploy-deploys-app/services',
      '/a/safedeploy-deploys-app/readiness',
      '/plugins/safedeploy-deploys-app',
    ]);
    expect(pages.filter((p: { defaultNav?: boolean }) => p.defaultNav)).toHaveLength(1);
  });

  it('the change-source routes allow GET only, and send their tokens as each API expects', () => {
    const routes = read('src/datasource/plugin.json').routes as Array<{ path: string; method?: string; headers: Array<{ name: string; content: string }> }>;
    const auth = (path: string) => routes.find((r) => r.path === path)!;
    expect(['unleash', 'launchdarkly', 'kubernetes'].map((path) => auth(path).method)).toStrictEqual(['GET', 'GET', 'GET']);
    expect(auth('unleash').headers).toStrictEqual([{ name: 'Authorization', content: '{{ .SecureJsonData.unleashToken }}' }]);
    expect(auth('launchdarkly').headers).toStrictEqual([{ name: 'Authorization', content: '{{ .SecureJsonData.launchdarklyToken }}' }]);
    expect(auth('kubernetes').headers).toStrictEqual([{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.kubernetesToken }}' }]);
  });

  it('routes take URLs from jsonData and credentials only from secureJsonData', () => {
    const ds = read('src/datasource/plugin.json');
    // One per provider with its own API (GitHub's GraphQL has its own); Grafana annotations are read from Grafana itself.
    expect(ds.routes.map((r: { path: string }) => r.path)).toStrictEqual(['github', 'github/graphql', 'gitlab', 'jenkins', 'argocd', 'cdevents', 'unleash', 'launchdarkly', 'act/unleash', 'act/launchdarkly', 'kubernetes']);
    for (const route of ds.routes) {
      expect(route.url).toMatch(/^\{\{ \.JsonData\.\w+Url \}\}$/);
      for (const header of route.headers) {
        const references: string[] = header.content.match(/\.(Secure)?JsonData\.\w+/g) ?? [];
        for (const reference of references) {
          expect(reference.startsWith('.SecureJsonData.')).toBe(true);
        }
      }
    }
  });
});

describe('dist/', () => {
  it('no file references react/jsx-runtime, so one bundle runs on Grafana 10.4 through 13', () => {
    const offenders = filesUnder(path.join(ROOT, 'dist')).filter((file) => fs.readFileSync(file, 'utf8').includes('jsx-runtime'));
    expect(offenders).toStrictEqual([]);
  });

  it.each(['module.js', 'datasource/module.js', 'panel/module.js'])('%s is an AMD module with the shared libraries left external', (file) => {
    const source = fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8');
    const deps = source.match(/define\((\[[^\]]*\])/);
    expect(deps).not.toBeNull();
    const external: string[] = JSON.parse(deps![1]);
    expect(external).toContain('@grafana/data');
    expect(external).toContain('react');
    // a bundled copy of React would carry its internals marker
    expect(source).not.toMatch(/__SECRET_INTERNALS_DO_NOT_USE/);
  });

  it('ships README, LICENSE and CHANGELOG', () => {
    for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
      expect(fs.existsSync(path.join(ROOT, 'dist', file))).toBe(true);
    }
  });
});

/** Markdown link and image targets (`[text](target)`), without titles or anchors. */
function markdownTargets(markdown: string): string[] {
  return Array.from(markdown.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), (m) => m[1]);
}

/** True when `target`, relative to `dir`, names a file inside `root`. */
function resolvesInside(root: string, dir: string, target: string): boolean {
  const file = path.resolve(dir, decodeURI(target.split('#')[0]));
  return file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
}

describe("what Grafana's plugin page shows", () => {
  const dist = path.join(ROOT, 'dist');

  it.each(BUILT)('$file lists screenshots that are shipped in its own folder of dist/', ({ file }) => {
    const json = read(file);
    const dir = path.dirname(path.join(ROOT, file));
    expect(json.info.screenshots.length).toBeGreaterThan(0);
    for (const shot of json.info.screenshots as Array<{ name: string; path: string }>) {
      expect(shot.name.length).toBeGreaterThan(0);
      expect(shot.path).toMatch(/\.(jpg|png)$/);
      // Grafana serves a plugin from its folder: a path out of it ('..') does not load.
      expect({ path: shot.path, shipped: resolvesInside(dir, dir, shot.path) }).toStrictEqual({ path: shot.path, shipped: true });
    }
  });

  it.each(BUILT)('$file links are named https URLs', ({ file }) => {
    const links = read(file).info.links as Array<{ name: string; url: string }>;
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.name.length).toBeGreaterThan(0);
      expect(new URL(link.url).protocol).toBe('https:');
    }
  });

  it("the app's links lead to its documentation at this version, its source and its issues, as package.json names them", () => {
    const pkg = read('package.json');
    const web = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    const links = read('dist/plugin.json').info.links as Array<{ name: string; url: string }>;
    expect(links.slice(0, 3)).toStrictEqual([
      { name: 'Documentation', url: `${web}/blob/v${pkg.version}/README.md` },
      { name: 'Source code', url: web },
      { name: 'Report an issue', url: pkg.bugs.url },
    ]);
  });

  it.each(BUILT)("$file is dated by the commit it was built from, not the build day", ({ file }) => {
    const seconds = Number(spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim());
    expect(read(file).info.updated).toBe(new Date((Number(process.env.SOURCE_DATE_EPOCH) || seconds) * 1000).toISOString().slice(0, 10));
  });

  it("dist/README.md (the catalog's page) links only to https URLs: the catalog resolves no relative link", () => {
    const targets = markdownTargets(fs.readFileSync(path.join(dist, 'README.md'), 'utf8'));
    expect(targets.filter((target) => !target.startsWith('https://'))).toStrictEqual([]);
  });

  it('finds a link to a file that is not shipped', () => {
    const dir = path.join(ROOT, 'dist');
    expect(markdownTargets('see [x](docs/NOT-SHIPPED.md) and ![y](img/logo.svg "t")')).toStrictEqual(['docs/NOT-SHIPPED.md', 'img/logo.svg']);
    expect(resolvesInside(dir, dir, 'docs/NOT-SHIPPED.md')).toBe(false);
    expect(resolvesInside(dir, dir, '../package.json')).toBe(false);
    expect(resolvesInside(dir, dir, 'img/logo.svg')).toBe(true);
  });
});
