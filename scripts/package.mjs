// `npm run package`: after `npm run build`, writes under release/ what a release ships:
// - safedeploy-deploys-app-<version>.zip with its .sha1, .md5 (hex digest and a newline, as
//   Grafana's plugin packaging writes them) and .sha256: the built plugins under a top folder
//   named by the app's id, the layout `grafana cli --pluginUrl` and GF_INSTALL_PLUGINS expect;
// - safedeploy-<version>.tgz (`npm pack`): the command line alone, bundled into one file with
//   no runtime dependencies, so `npx --yes safedeploy@<version>` runs the same code as here.
// The archive must pass the offline plugin validator checks (scripts/package/checkArchive.mjs)
// with no error and no warning.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { checkArchive, formatFindings, readSourceTree } from './package/checkArchive.mjs';
import { buildCliPackage } from './package/cliPackage.mjs';
import { zipFolder } from './package/zipFolder.mjs';
import { packageVersion, ROOT } from './cliBuild.mjs';

const RELEASE_DIR = path.join(ROOT, 'release');
const DIST_DIR = path.join(ROOT, 'dist');

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** When the archive's entries were made: SOURCE_DATE_EPOCH, else the commit's time, so a rebuild gives the same bytes. */
function archiveTime() {
  if (process.env.SOURCE_DATE_EPOCH) {
    return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000);
  }
  const git = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' });
  const seconds = Number(git.stdout?.trim());
  return git.status === 0 && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

const version = packageVersion();
const distJson = path.join(DIST_DIR, 'plugin.json');
if (!fs.existsSync(distJson)) {
  fail('dist/ is missing: run `npm run build` first (or `npm run package`, which builds).');
}
const { id, info } = JSON.parse(fs.readFileSync(distJson, 'utf8'));
if (info?.version !== version) {
  fail(`dist/plugin.json has version ${info?.version} but package.json ${version}: run \`npm run build\` again.`);
}

fs.rmSync(RELEASE_DIR, { recursive: true, force: true });
fs.mkdirSync(RELEASE_DIR, { recursive: true });

const zipName = `${id}-${version}.zip`;
const { bytes, files } = zipFolder(DIST_DIR, id, archiveTime());
// The catalog's review asks for warnings to be mended as well as errors: a release has neither.
const findings = checkArchive(files, { zipName, version, sources: readSourceTree(path.join(ROOT, 'src')) });
if (findings.length > 0) {
  fail(`the plugin archive would not pass Grafana's plugin validator:\n${formatFindings(findings)}`);
}
const zipPath = path.join(RELEASE_DIR, zipName);
fs.writeFileSync(zipPath, bytes);
for (const algorithm of ['sha1', 'md5', 'sha256']) {
  fs.writeFileSync(`${zipPath}.${algorithm}`, crypto.createHash(algorithm).update(bytes).digest('hex') + '\n');
}
console.log(`release/${zipName} (${(bytes.length / 1024 / 1024).toFixed(1)} MiB) with .sha1, .md5, .sha256`);

const tarball = await buildCliPackage({ version, outDir: RELEASE_DIR });
console.log(`release/${path.basename(tarball)}`);
