// Installs the real Unleash server that the Unleash contract test runs, from the pinned
// package and lock file in tests/unleash/, into .build/unleash-server/. On demand rather than
// a devDependency: it is 357 packages and about 200 MB that only this one test needs, so
// every other `npm ci` stays as fast as before. A second run with the same lock file is a no-op.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'tests', 'unleash');
/** Where the test looks for the server; .build/ is never committed. */
export const UNLEASH_DIR = path.join(root, '.build', 'unleash-server');

/** Installs when the lock file changed since the last install; returns the install folder. */
export function installUnleash() {
  const lock = fs.readFileSync(path.join(source, 'package-lock.json'));
  const hash = crypto.createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(UNLEASH_DIR, '.installed');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    return UNLEASH_DIR;
  }
  fs.rmSync(UNLEASH_DIR, { recursive: true, force: true });
  fs.mkdirSync(UNLEASH_DIR, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    fs.copyFileSync(path.join(source, file), path.join(UNLEASH_DIR, file));
  }
  const started = Date.now();
  // --engine-strict off: Unleash 8 declares Node 22, and runs on the Node 20 the bundle supports.
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'], {
    cwd: UNLEASH_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (npm.status !== 0) {
    throw new Error(`installing the Unleash server failed (npm ci exited ${npm.status}); see npm's messages above`);
  }
  fs.writeFileSync(stamp, hash);
  console.log(`Unleash server installed in ${path.relative(root, UNLEASH_DIR)} (${Math.round((Date.now() - started) / 1000)} s)`);
  return UNLEASH_DIR;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installUnleash();
}
