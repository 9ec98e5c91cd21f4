// The command line as an npm package: one bundled file as its `bin`, a package.json written
// here (the repository's own carries the plugins' runtime dependencies, which the command
// line bundles or does not need), the README for pipelines and the LICENSE; then `npm pack`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { build } from 'esbuild';

import { nodeBundleOptions, ROOT } from '../cliBuild.mjs';

/** The published package.json: nothing to install beside the bundle. */
export function cliPackageJson(version) {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return {
    name: 'safedeploy',
    version,
    description: 'Score deploys by the error spike each caused, and gate CI/CD pipelines on the verdict (roll back, fix forward).',
    keywords: ['deploy', 'release gate', 'prometheus', 'ci/cd', 'rollback', 'dora'],
    license: root.license,
    author: root.author,
    bin: { safedeploy: 'bin/safedeploy.js' },
    files: ['bin/safedeploy.js', 'README.md', 'LICENSE'],
    engines: { node: '>=20' },
  };
}

/** Stages and packs the command line; returns the tarball's path in `outDir`. */
export async function buildCliPackage({ version, outDir }) {
  // Staged outside the checkout: a second package.json there would collide with the
  // repository's in tools that index every package.json (jest), and two packagings at once
  // (the release tests) each get their own.
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
  fs.writeFileSync(path.join(stage, 'README.md'), readme.replaceAll('@VERSION', `@${version}`));
  fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(stage, 'LICENSE'));
  const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' });
  fs.rmSync(stage, { recursive: true, force: true });
  if (pack.status !== 0) {
    throw new Error(`npm pack failed: ${pack.stderr.trim()}`);
  }
  return path.join(outDir, pack.stdout.trim().split('\n').pop());
}
