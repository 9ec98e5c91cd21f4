// `npm run release:publish [-- --dry-run]`: publishes release/safedeploy-<version>.tgz (from
// `npm run package`) to npm. The token stays in NODE_AUTH_TOKEN: the npmrc written here names
// the variable, which npm expands, so the token is never written to disk.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { packageVersion, ROOT } from '../cliBuild.mjs';

const dryRun = process.argv.includes('--dry-run');
const tarball = path.join(ROOT, 'release', `safedeploy-${packageVersion()}.tgz`);
if (!fs.existsSync(tarball)) {
  console.error(`release: ${path.relative(ROOT, tarball)} is missing: run \`npm run package\` first`);
  process.exit(1);
}
if (!dryRun && !process.env.NODE_AUTH_TOKEN) {
  console.error('release: NODE_AUTH_TOKEN is not set: give it an npm automation token (the NPM_TOKEN secret)');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-publish-'));
const npmrc = path.join(dir, '.npmrc');
fs.writeFileSync(npmrc, '//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}\n');
// Provenance links the package to the workflow run that built it; only GitHub Actions can sign it.
const provenance = process.env.GITHUB_ACTIONS === 'true' ? ['--provenance'] : [];
const args = ['publish', tarball, '--access', 'public', '--userconfig', npmrc, ...provenance, ...(dryRun ? ['--dry-run'] : [])];
const result = spawnSync('npm', args, { stdio: 'inherit', env: { ...process.env, NODE_AUTH_TOKEN: process.env.NODE_AUTH_TOKEN ?? '' } });
fs.rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
