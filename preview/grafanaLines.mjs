// The Grafana lines the preview host can run the plugins on: the libraries Grafana shares
// with plugins (@grafana/data, ui, runtime, schema, React, emotion, rxjs, lodash) come from
// preview/grafana/<line>/, a folder per line with its own package.json and lock, installed on
// demand. A separate folder keeps each line out of the project's dependency tree: `npm ci`
// stays as fast as before, and the 12.4 line can hold @grafana/scenes, whose react-router-dom
// 6 peer the project's @grafana/ui 12.4 (react-router-dom 5) refuses.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_GRAFANA_LINE = '12.4';
/** Every line the host can be built for; the oldest is the one plugin.json claims. */
export const GRAFANA_LINES = ['10.4', '11.6', '12.4'];

/**
 * The line named by SAFEDEPLOY_GRAFANA (default 12.4).
 * @throws an Error naming the lines there are, for any other value
 */
export function grafanaLine(env = process.env) {
  const line = (env.SAFEDEPLOY_GRAFANA ?? '').trim() || DEFAULT_GRAFANA_LINE;
  if (!GRAFANA_LINES.includes(line)) {
    throw new Error(`SAFEDEPLOY_GRAFANA=${line} is not a Grafana line the preview host has: use one of ${GRAFANA_LINES.join(', ')}.`);
  }
  return line;
}

/** The folder whose package.json pins the line's libraries. */
function lineDir(line, root = ROOT) {
  return path.join(root, 'preview', 'grafana', line);
}

/**
 * Whether the host renders the line's dashboards with @grafana/scenes (the line's package.json
 * pins it), as that Grafana release does; the other lines render them with the host's own
 * emulation (see preview/EMULATION.md).
 */
export function rendersWithScenes(line, root = ROOT) {
  const pkg = JSON.parse(fs.readFileSync(path.join(lineDir(line, root), 'package.json'), 'utf8'));
  return Boolean(pkg.dependencies?.['@grafana/scenes']);
}

/** node_modules holding the line's libraries. */
export function lineModules(line, root = ROOT) {
  return path.join(lineDir(line, root), 'node_modules');
}

/** Where the host bundle for the line is written and served from. */
export function hostBundlePath(line, root = ROOT) {
  return line === DEFAULT_GRAFANA_LINE
    ? path.join(root, '.build', 'preview', 'host.js')
    : path.join(root, '.build', 'preview', line, 'host.js');
}

/** Where the host's Monaco web workers are written, for lines whose @grafana/ui bundles Monaco. */
export function monacoWorkersDir(line, root = ROOT) {
  return path.join(path.dirname(hostBundlePath(line, root)), 'monaco');
}

/**
 * Installs a line's libraries with `npm ci` when its node_modules is missing or was installed
 * from another lock.
 * @returns whether it installed
 */
export function ensureLineInstalled(line, root = ROOT, log = console.log) {
  const dir = lineDir(line, root);
  const lock = fs.readFileSync(path.join(dir, 'package-lock.json'));
  const hash = crypto.createHash('sha256').update(lock).digest('hex');
  const marker = path.join(dir, 'node_modules', '.safedeploy-lock-sha256');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash) {
    return false;
  }
  log(`Installing the Grafana ${line} libraries in ${path.relative(root, dir)} (npm ci)...`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  fs.writeFileSync(marker, hash);
  return true;
}

function version(modules, name) {
  const file = path.join(modules, name, 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : null;
}

/** The versions of the shared libraries the line's host bundle is built from, for the page's banner. */
export function lineLibraries(line, root = ROOT, names = ['@grafana/data', '@grafana/ui', '@grafana/runtime', '@grafana/schema', 'react']) {
  const modules = lineModules(line, root);
  const libraries = {};
  for (const name of names) {
    libraries[name] = version(modules, name);
  }
  return libraries;
}

/** The entry file of a package, from its package.json `main` (the CommonJS build). */
function mainEntry(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, pkg.main ?? 'index.js');
}

const SHARED_IMPORT = /^(react|react-dom|rxjs|lodash|uplot|@emotion\/css|@emotion\/react|@grafana\/(data|ui|runtime|schema|i18n|e2e-selectors|scenes))(\/.*)?$/;

/**
 * An esbuild plugin that resolves every shared module, imported by the host's code or by the
 * libraries, to the line's single copy, as if imported from the line's folder. @grafana/*
 * resolve to their CommonJS builds: their ESM builds default-import CommonJS libraries
 * (react-custom-scrollbars-2, ...), which esbuild resolves with Node's .mjs rules to the wrong
 * value; the CJS builds interoperate as webpack and Grafana expect.
 */
export function lineResolver(line, root = ROOT) {
  const dir = lineDir(line, root);
  const modules = lineModules(line, root);
  return {
    name: `grafana-${line}-libraries`,
    setup(build) {
      // @grafana/runtime 10.4 starts SystemJS itself (`systemjs/dist/system`, no extension, which
      // the package's exports map does not resolve): both it and the host get the host's copy, so
      // the page has one SystemJS, as Grafana has.
      build.onResolve({ filter: /^systemjs\/dist\// }, (args) => {
        const file = path.join(root, 'node_modules', args.path);
        return { path: path.extname(file) === '.js' ? file : `${file}.js` };
      });
      // The routers are not shared singletons: @grafana/ui brings react-router-dom 5 with its v6
      // compatibility layer, and @grafana/scenes peers with react-router-dom 6, each resolved from
      // where it is imported. The host's own code uses @grafana/ui's, whose Link it serves.
      build.onResolve({ filter: /^react-router-dom(-v5-compat)?$/ }, (args) => {
        if (args.pluginData?.fromLine || args.importer.startsWith(modules + path.sep)) {
          return undefined;
        }
        return build.resolve(args.path, { kind: args.kind, resolveDir: path.join(modules, '@grafana', 'ui'), pluginData: { fromLine: true } });
      });
      build.onResolve({ filter: SHARED_IMPORT }, (args) => {
        if (args.pluginData?.fromLine) {
          return undefined;
        }
        const grafana = /^@grafana\/([a-z0-9]+)$/.exec(args.path);
        if (grafana && fs.existsSync(path.join(modules, '@grafana', grafana[1]))) {
          return { path: mainEntry(path.join(modules, '@grafana', grafana[1])) };
        }
        return build.resolve(args.path, { kind: args.kind, resolveDir: dir, pluginData: { fromLine: true } });
      });
    },
  };
}
