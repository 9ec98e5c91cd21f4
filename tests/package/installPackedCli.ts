import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { assertPackaged, TARBALL } from './release';

export interface InstalledCli {
  /** The empty folder the package was installed into. */
  dir: string;
  /** The `safedeploy` command npm linked into node_modules/.bin. */
  bin: string;
  remove: () => void;
}

/**
 * Installs release/safedeploy-cli-<version>.tgz (@safedeploy/cli) into a new empty folder as a pipeline would
 * (`npm install` of the file, offline: the package must need nothing else).
 *
 * @example
 * const cli = installPackedCli(); spawnSync(cli.bin, ['--version']); cli.remove();
 */
export function installPackedCli(): InstalledCli {
  assertPackaged();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-installed-'));
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', TARBALL], {
    cwd: dir,
    encoding: 'utf8',
    // Only what npm needs: no project configuration from the checkout leaks into the install.
    env: { PATH: process.env.PATH ?? '', HOME: dir, npm_config_cache: path.join(dir, '.npm') },
  });
  if (install.status !== 0) {
    throw new Error(`npm install ${path.basename(TARBALL)} failed: ${install.stderr.trim()}`);
  }
  return { dir, bin: path.join(dir, 'node_modules', '.bin', 'safedeploy'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
