// Bundles the preview host page (React, @grafana/*, SystemJS) into .build/preview/host.js, or
// .build/preview/<line>/host.js for SAFEDEPLOY_GRAFANA=<line>: the shared libraries come from
// that Grafana line's pinned packages (see grafanaLines.mjs), installed on demand.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureLineInstalled, grafanaLine, hostBundlePath, lineLibraries, lineResolver } from './grafanaLines.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const line = grafanaLine(process.env);
ensureLineInstalled(line, root);
const outfile = hostBundlePath(line, root);
const debug = process.env.PREVIEW_DEBUG === '1';

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
    __GRAFANA_LIBRARIES__: JSON.stringify({ line, ...lineLibraries(line, root) }),
  },
  loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
  logLevel: 'error',
  plugins: [lineResolver(line, root)],
});
console.log(`preview host bundle (Grafana ${line} libraries): ${path.relative(root, outfile)}`);
