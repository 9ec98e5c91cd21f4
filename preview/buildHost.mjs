// Bundles the preview host page (React, @grafana/*, SystemJS) into .build/preview/host.js.
// The shared libraries come from the same pinned packages the plugins are built against.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [path.join(root, 'preview', 'host', 'main.tsx')],
  outfile: path.join(root, '.build', 'preview', 'host.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  jsx: 'transform',
  minify: process.env.PREVIEW_DEBUG !== '1',
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': process.env.PREVIEW_DEBUG === '1' ? '"development"' : '"production"', global: 'window' },
  loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
  logLevel: 'error',
  // The ESM builds of @grafana/* default-import CommonJS libraries (react-custom-scrollbars-2,
  // ...), which esbuild resolves with Node's .mjs rules to the wrong value; their CJS builds
  // interoperate as webpack and Grafana expect.
  alias: Object.fromEntries(
    ['data', 'ui', 'runtime', 'schema', 'i18n'].map((p) => [`@grafana/${p}`, path.join(root, 'node_modules', '@grafana', p, 'dist', 'cjs', 'index.cjs')])
  ),
});
console.log('preview host bundle: .build/preview/host.js');
