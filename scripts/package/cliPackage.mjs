// The command line as an npm package: one bundled file as its `bin`, a package.json written
// here (the repository's own carries the plugins' runtime dependencies, which the command
// line bundles or does not need), the README for pipelines and the LICENSE; then `npm pack`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { build } from 'esbuild';

import { nodeBundleOptions, ROOT } from '../cliBuild.mjs';

/**
 * The command line's npm name: scoped, so that only the scope's owners can publish what every
 * pinned `npx --yes @safedeploy/cli@<version>` runs. The command it installs is `safedeploy`.
 */
export const CLI_PACKAGE = '@safedeploy/cli';
/** The tarball `npm pack` writes for it. */
export const cliTarballName = (version) => `safedeploy-cli-${version}.tgz`;

/**
 * The published package.json: nothing to install beside the bundle. `repository` must name
 * the GitHub repository the release workflow runs in: npm refuses provenance otherwise (E422).
 */
export function cliPackageJson(version) {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const web = root.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  return {
    name: CLI_PACKAGE,
    version,
    description: 'Score deploys by the error spike each caused, and gate CI/CD pipelines on the verdict (roll back, fix forward).',
    keywords: ['deploy', 'release gate', 'prometheus', 'ci/cd', 'rollback', 'dora'],
    license: root.license,
    author: root.author,
    repository: { ...root.repository, directory: 'src/cli' },
    homepage: `${web}/blob/v${version}/docs/cli.md`,
    bugs: root.bugs,
    bin: { safedeploy: 'bin/safedeploy.js' },
    files: ['bin/safedeploy.js', 'README.md', 'LICENSE'],
    // Node 20 left maintenance in April 2026; 22 and 24 are the supported LTS lines.
    engines: { node: '>=22' },
    publishConfig: { access: 'public' },
  };
}

/**
 * The package's folder as `npm pack` reads it, in a new temporary folder (the caller removes
 * it). Outside the checkout: a second package.json there would collide with the repository's
 * in tools that index every package.json (jest), and two packagings at once each get their own.
 */
export async function stageCliPackage(version) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-cli-package-'));
  fs.mkdirSync(path.join(stage, 'bin'), { recursive: true });
  const bin = path.join(stage, 'bin', 'safedeploy.js');
  await build({
    ...nodeBundleOptions(),
    stdin: {
      contents: "require('./main').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });",
      resolveDir: path.join(ROOT, 'src', 'cli'),
      loader: 'js',
      sourcefile: 'safedeploy.js',
    },
    banner: { js: '#!/usr/bin/env node' },
    outfile: bin,
  });
  fs.chmodSync(bin, 0o755);
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(cliPackageJson(version), null, 2) + '\n');
  const readme = fs.readFileSync(path.join(ROOT, 'scripts', 'package', 'cli-README.md'), 'utf8');
  fs.writeFileSync(path.join(stage, 'README.md'), readme.replaceAll('@VERSION', `@${version}`).replaceAll('%VERSION%', version));
  fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(stage, 'LICENSE'));
  return stage;
}

/** Stages and packs the command line; returns the tarball's path in `outDir`. */
export async function buildCliPackage({ version, outDir }) {
  const stage = await stageCliPackage(version);
  const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' });
  fs.rmSync(stage, { recursive: true, force: true });
  if (pack.status !== 0) {
    throw new Error(`npm pack failed: ${pack.stderr.trim()}`);
  }
  return path.join(outDir, pack.stdout.trim().split('\n').pop());
}
