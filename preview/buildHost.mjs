// Bundles the preview host page (React, @grafana/*, SystemJS) into .build/preview/host.js, or
// .build/preview/<line>/host.js for SAFEDEPLOY_GRAFANA=<line>: the shared libraries come from
// that Grafana line's pinned packages (see grafanaLines.mjs), installed on demand.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  ensureLineInstalled,
  grafanaLine,
  hostBundlePath,
  lineLibraries,
  lineModules,
  lineResolver,
  monacoWorkersDir,
  rendersWithScenes,
} from './grafanaLines.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const line = grafanaLine(process.env);
ensureLineInstalled(line, root);
const outfile = hostBundlePath(line, root);
const debug = process.env.PREVIEW_DEBUG === '1';
const scenes = rendersWithScenes(line, root);

/**
 * On a line that renders dashboards with @grafana/scenes, the page's dashboard view is the
 * scenes one (host/scenes/dashboardView.tsx) instead of the host's own emulation.
 */
const dashboardView = {
  name: 'dashboard-view',
  setup(b) {
    b.onResolve({ filter: /^\.\/dashboardView$/ }, (args) =>
      scenes && args.importer === path.join(root, 'preview', 'host', 'main.tsx')
        ? { path: path.join(root, 'preview', 'host', 'scenes', 'dashboardView.tsx') }
        : undefined
    );
  },
};

await build({
  entryPoints: [path.join(root, 'preview', 'host', 'main.tsx')],
  outfile,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  jsx: 'transform',
  minify: !debug,
  sourcemap: false,
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': debug ? '"development"' : '"production"',
    global: 'window',
    // The banner says which libraries the plugins run on.
    __GRAFANA_LIBRARIES__: JSON.stringify({ line, ...lineLibraries(line, root), ...(scenes ? { '@grafana/scenes': lineLibraries(line, root, ['@grafana/scenes'])['@grafana/scenes'] } : {}) }),
  },
  loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
  logLevel: 'error',
  plugins: [dashboardView, lineResolver(line, root)],
});
// Grafana 11 and later bundle Monaco into Grafana's own build, which also ships the web workers
// its language services run in (10.4 loads Monaco's AMD build, workers included, from
// public/lib/monaco). The host builds the two a JSON CodeEditor uses, for lines that bundle it.
const modules = lineModules(line, root);
const uiMonaco = path.join(modules, '@grafana', 'ui', 'dist', 'esm', 'components', 'Monaco', 'ReactMonacoEditor.mjs');
const workersDir = monacoWorkersDir(line, root);
fs.rmSync(workersDir, { recursive: true, force: true });
if (fs.existsSync(uiMonaco) && /from 'monaco-editor'/.test(fs.readFileSync(uiMonaco, 'utf8'))) {
  await build({
    entryPoints: {
      'editor.worker': path.join(modules, 'monaco-editor', 'esm', 'vs', 'editor', 'editor.worker.js'),
      'json.worker': path.join(modules, 'monaco-editor', 'esm', 'vs', 'language', 'json', 'json.worker.js'),
    },
    outdir: workersDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: !debug,
    legalComments: 'none',
    logLevel: 'error',
  });
}
console.log(`preview host bundle (Grafana ${line} libraries${scenes ? ', dashboards on @grafana/scenes' : ''}): ${path.relative(root, outfile)}`);
