// esbuild options shared by the checkout's command line (scripts/buildCli.mjs) and the
// published package (scripts/package.mjs), so both carry the same code and version.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** package.json's version: the one place the version is set. */
export function packageVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

/** Node 20 CommonJS bundle options, with the version the CLI prints. */
export function nodeBundleOptions() {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    sourcemap: false,
    define: { __SAFEDEPLOY_VERSION__: JSON.stringify(packageVersion()) },
  };
}
