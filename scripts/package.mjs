// `npm run package` (`node scripts/package.mjs --build`): builds, signs when
// GRAFANA_ACCESS_POLICY_TOKEN is set, checks, and writes under release/ what a release ships:
// - safedeploy-deploys-app-<version>.zip with its .sha1, .md5 (hex digest and a newline, as
//   Grafana's plugin packaging writes them) and .sha256: the built plugins under a top folder
//   named by the app's id, the layout `grafana cli --pluginUrl` and GF_INSTALL_PLUGINS expect;
// - safedeploy-cli-<version>.tgz (`npm pack`): the command line alone, bundled into one file
//   with no runtime dependencies, published as @safedeploy/cli (scripts/release/publishCli.mjs),
//   so `npx --yes @safedeploy/cli@<version>` runs the same code as here.
// A dist/ already signed (`npm run sign`, its MANIFEST.txt fitting its files) is packaged as it
// is: a rebuild would wipe the signature. Without --build, dist/ is packaged as built.
// The archive must pass the offline plugin validator checks (scripts/package/checkArchive.mjs)
// with no error and no warning. The same commit gives the same bytes on any day: every date in
// the archive is the commit's (scripts/package/sourceDate.cjs).
// Options: --dist <dir>, --src <dir> and --out <dir> (defaults dist/, src/ and release/)
// package another build, checked against other sources; in the out folder only these outputs,
// of any version, are replaced, and other files stay.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { checkArchive, formatFindings, readSourceTree } from './package/checkArchive.mjs';
import { buildCliPackage, cliTarballName } from './package/cliPackage.mjs';
import { isSigned, MANIFEST, signDist } from './package/sign.mjs';
import { sourceDate } from './package/sourceDate.cjs';
import { zipFolder } from './package/zipFolder.mjs';
import { packageVersion, ROOT } from './cliBuild.mjs';

// A zip entry's time is a local date and time (DOS format), which fflate takes from the
// machine's time zone: in UTC, every machine writes the same bytes.
process.env.TZ = 'UTC';

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

const { values: args } = parseArgs({
  options: { build: { type: 'boolean', default: false }, dist: { type: 'string' }, src: { type: 'string' }, out: { type: 'string' } },
});
const distDir = path.resolve(args.dist ?? path.join(ROOT, 'dist'));
const releaseDir = path.resolve(args.out ?? path.join(ROOT, 'release'));
const srcDir = path.resolve(args.src ?? path.join(ROOT, 'src'));
const version = packageVersion();

if (args.build) {
  if (isSigned(distDir)) {
    console.log(`package: ${path.relative(ROOT, distDir) || '.'}/ is signed (${MANIFEST} fits its files): packaging it as built, not rebuilding; delete ${MANIFEST} to rebuild`);
  } else if (args.dist) {
    fail('--build builds into dist/ only: build first, then package another folder without --build');
  } else {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      fail('the build failed');
    }
  }
}

const distJson = path.join(distDir, 'plugin.json');
if (!fs.existsSync(distJson)) {
  fail(`${distDir} has no plugin.json: run \`npm run build\` first (or \`npm run package\`, which builds).`);
}
const { id, info } = JSON.parse(fs.readFileSync(distJson, 'utf8'));
if (info?.version !== version) {
  fail(`dist/plugin.json has version ${info?.version} but package.json ${version}: run \`npm run build\` again.`);
}
if (process.env.GRAFANA_ACCESS_POLICY_TOKEN && !isSigned(distDir)) {
  try {
    signDist(distDir);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  console.log(`package: signed (${MANIFEST})`);
}

// Only what this step writes is replaced, older versions' too (the release attaches every
// release/*.zip): --out may name a folder that holds other files, which stay.
const [cliPrefix, cliSuffix] = cliTarballName('\0').split('\0');
const isOwnFile = (name) =>
  (name.startsWith(`${id}-`) && /\.zip(\.(sha1|md5|sha256))?$/.test(name)) ||
  (name.startsWith(cliPrefix) && name.endsWith(cliSuffix));
fs.mkdirSync(releaseDir, { recursive: true });
for (const entry of fs.readdirSync(releaseDir, { withFileTypes: true })) {
  if (entry.isFile() && isOwnFile(entry.name)) {
    fs.rmSync(path.join(releaseDir, entry.name));
  }
}

const zipName = `${id}-${version}.zip`;
const { bytes, files } = zipFolder(distDir, id, sourceDate(ROOT));
// The catalog's review asks for warnings to be mended as well as errors: a release has neither.
const findings = checkArchive(files, { zipName, version, sources: readSourceTree(srcDir) });
if (findings.length > 0) {
  fail(`the plugin archive would not pass Grafana's plugin validator:\n${formatFindings(findings)}`);
}
const zipPath = path.join(releaseDir, zipName);
fs.writeFileSync(zipPath, bytes);
for (const algorithm of ['sha1', 'md5', 'sha256']) {
  fs.writeFileSync(`${zipPath}.${algorithm}`, crypto.createHash(algorithm).update(bytes).digest('hex') + '\n');
}
const where = path.relative(ROOT, releaseDir) || '.';
console.log(`${where}/${zipName} (${(bytes.length / 1024 / 1024).toFixed(1)} MiB) with .sha1, .md5, .sha256${files.has(`${id}/${MANIFEST}`) ? ', signed' : ''}`);

const tarball = await buildCliPackage({ version, outDir: releaseDir });
console.log(`${where}/${path.basename(tarball)}`);
