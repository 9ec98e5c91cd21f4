// `npm run release:publish [-- --dry-run]`: publishes release/safedeploy-cli-<version>.tgz
// (from `npm run package`) to npm as @safedeploy/cli, through npm trusted publishing: the
// registry trusts this repository's release workflow (set once on npmjs.com: the package's
// "Trusted publisher", GitHub Actions, workflow release.yml), npm exchanges the job's OIDC
// token (`permissions: id-token: write`) for a one-time publish token, and signs provenance
// that links the package to the run that built it. No npm token is stored anywhere.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import semver from 'semver';

import { cliTarballName } from '../package/cliPackage.mjs';
import { packageVersion, ROOT } from '../cliBuild.mjs';

/** The first npm that publishes through trusted publishing. */
const TRUSTED_PUBLISHING_NPM = '11.5.1';

/** Why this environment cannot publish, or null. */
function publishProblems(env, npmVersion, dryRun) {
  const problems = [];
  for (const name of ['NODE_AUTH_TOKEN', 'NPM_TOKEN']) {
    if (env[name]) {
      problems.push(`${name} is set: the release publishes through npm trusted publishing, not a stored token; remove the secret from the workflow`);
    }
  }
  if (!semver.valid(npmVersion) || semver.lt(npmVersion, TRUSTED_PUBLISHING_NPM)) {
    problems.push(`npm ${npmVersion} cannot publish through trusted publishing: it needs npm ${TRUSTED_PUBLISHING_NPM} or later (Node 24's npm)`);
  }
  if (!dryRun && (env.GITHUB_ACTIONS !== 'true' || !env.ACTIONS_ID_TOKEN_REQUEST_URL)) {
    problems.push('no OIDC token in this job: publish from the release workflow, whose job has `permissions: id-token: write` (or add --dry-run)');
  }
  return problems;
}

const dryRun = process.argv.includes('--dry-run');
const tarball = path.join(ROOT, 'release', cliTarballName(packageVersion()));
const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
const problems = publishProblems(process.env, npm.stdout?.trim() ?? '', dryRun);
if (!fs.existsSync(tarball)) {
  problems.unshift(`${path.relative(ROOT, tarball)} is missing: run \`npm run package\` first`);
}
for (const problem of problems) {
  console.error(`release: ${problem}`);
}
if (problems.length > 0) {
  process.exit(1);
}
// Provenance only where GitHub Actions can sign it; a dry run elsewhere checks the rest.
const provenance = process.env.GITHUB_ACTIONS === 'true' ? ['--provenance'] : [];
const result = spawnSync('npm', ['publish', tarball, '--access', 'public', ...provenance, ...(dryRun ? ['--dry-run'] : [])], { stdio: 'inherit' });
process.exit(result.status ?? 1);
