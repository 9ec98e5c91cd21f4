// Bundles the command line and the engine for Node (CommonJS) into .build/: bin/safedeploy.js
// loads the command line from there, and the eval and bench scripts load the engine.
import { build } from 'esbuild';
import path from 'node:path';

import { nodeBundleOptions, ROOT } from './cliBuild.mjs';

const common = nodeBundleOptions();
await build({ ...common, entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')], outfile: path.join(ROOT, '.build', 'cli', 'safedeploy.cjs') });
await build({ ...common, entryPoints: [path.join(ROOT, 'src', 'engine', 'index.ts')], outfile: path.join(ROOT, '.build', 'engine.cjs') });
