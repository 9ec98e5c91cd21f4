// Bundles the command line and the engine for Node (CommonJS) into .build/: bin/safedeploy.js
// loads the command line from there, and the eval and bench scripts load the engine.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', sourcemap: false };

await build({ ...common, entryPoints: [path.join(root, 'src', 'cli', 'main.ts')], outfile: path.join(root, '.build', 'cli', 'safedeploy.cjs') });
await build({ ...common, entryPoints: [path.join(root, 'src', 'engine', 'index.ts')], outfile: path.join(root, '.build', 'engine.cjs') });
