// Typechecks the shipped source against the @grafana/* type declarations of every Grafana
// version the plugin.json files claim, so an API or theme token that an older Grafana lacks
// fails `npm test` instead of a user's dashboard.
//
// Tarballs come from the npm registry with `npm pack` (no install scripts run) and only their
// manifests and declarations are kept, in .build/grafana-versions/<version>/ (gitignored).
// Each version's tsconfig maps @grafana/* to those folders; tsc runs incrementally, so a rerun
// with unchanged sources and a warm cache takes a few seconds.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, '.build', 'grafana-versions');

/**
 * One release per minor line that `grafanaDependency` covers: the oldest claimed (10.4), the
 * first of each major since, the last 11.x (11.6) and 13.0.2, the newest 13.0 patch published for all four
 * packages (data has later ones). 12.4 is checked by the typecheck step (node_modules pins 12.4.10).
 */
export const GRAFANA_VERSIONS = ['10.4.0', '11.0.0', '11.6.0', '12.0.0', '13.0.2'];
/** The packages the shipped source imports types from. */
const PACKAGES = ['data', 'ui', 'runtime', 'schema'];

function packageDir(version, name) {
  return path.join(cacheDir, version, 'node_modules', '@grafana', name);
}

/** Fetches the declarations of `version` unless cached; a marker file says the copy is complete. */
function ensureDeclarations(version) {
  const done = path.join(cacheDir, version, '.complete');
  if (fs.existsSync(done)) {
    return false;
  }
  const tarballs = path.join(cacheDir, version, 'tarballs');
  fs.mkdirSync(tarballs, { recursive: true });
  const specs = PACKAGES.map((name) => `@grafana/${name}@${version}`);
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tarballs, ...specs], { cwd: cacheDir, encoding: 'utf8' }));
  for (const [i, entry] of packed.entries()) {
    const dir = packageDir(version, PACKAGES[i]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // Declarations only: the bundles are large and never run here.
    const bundles = ['*.js', '*.mjs', '*.cjs', '*.map', '*.css', '*.svg', '*.png', '*.woff2'].map((p) => `--exclude=${p}`);
    execFileSync('tar', ['-xzf', path.join(tarballs, entry.filename), '-C', dir, '--strip-components=1', ...bundles]);
  }
  fs.rmSync(tarballs, { recursive: true, force: true });
  fs.writeFileSync(done, new Date().toISOString());
  return true;
}

/** A tsconfig for `version`: the project's, with @grafana/* resolved to that version's declarations. */
function writeTsconfig(version) {
  const dir = path.join(cacheDir, version);
  const rel = (p) => path.relative(dir, p);
  // `paths` are relative to `baseUrl` (src/, as in the project's tsconfig).
  const fromSrc = (p) => path.relative(path.join(root, 'src'), p);
  const paths = Object.fromEntries(
    PACKAGES.flatMap((name) => [
      [`@grafana/${name}`, [fromSrc(packageDir(version, name))]],
      [`@grafana/${name}/*`, [`${fromSrc(packageDir(version, name))}/*`]],
    ])
  );
  const tsconfig = {
    extends: rel(path.join(root, 'tsconfig.json')),
    compilerOptions: {
      noEmit: true,
      incremental: true,
      tsBuildInfoFile: './tsbuildinfo',
      // The declarations import their own dependencies (ol, history, ...), which are not
      // fetched: what matters is whether our code compiles against the @grafana/* API.
      skipLibCheck: true,
      baseUrl: rel(path.join(root, 'src')),
      paths,
    },
    include: [rel(path.join(root, 'src')), rel(path.join(root, '.config', 'types'))],
    // Only what ships: tests run against the pinned version, the command line has no @grafana imports.
    exclude: [rel(path.join(root, 'src', '**', '*.test.ts')), rel(path.join(root, 'src', '**', '*.test.tsx')), rel(path.join(root, 'src', 'cli'))],
  };
  const file = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(file, JSON.stringify(tsconfig, null, 2));
  return file;
}

/** A digest of everything the check reads from the project: sources, tsconfigs and this script. */
function sourceDigest() {
  const hash = crypto.createHash('sha256');
  const files = [path.join(root, 'tsconfig.json'), path.join(root, '.config', 'tsconfig.json'), fileURLToPath(import.meta.url)];
  for (const entry of fs.readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      files.push(path.join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  for (const file of files.sort()) {
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

function tsc(tsconfig) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig, '--pretty', 'false'], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function main() {
  fs.mkdirSync(cacheDir, { recursive: true });
  const started = Date.now();
  const fetched = GRAFANA_VERSIONS.filter((version) => ensureDeclarations(version));
  if (fetched.length) {
    console.log(`fetched @grafana/{${PACKAGES.join(',')}} declarations for ${fetched.join(', ')}`);
  }
  // A version that passed with these exact sources is not checked again.
  const digest = sourceDigest();
  const passedFile = (version) => path.join(cacheDir, version, 'passed');
  const queue = GRAFANA_VERSIONS.filter((version) => !fs.existsSync(passedFile(version)) || fs.readFileSync(passedFile(version), 'utf8') !== digest);
  // Two at a time: the machine running the tests has two cores.
  const results = [];
  await Promise.all(
    [0, 1].map(async () => {
      while (queue.length) {
        const version = queue.shift();
        const result = await tsc(writeTsconfig(version));
        results.push({ version, ...result });
        if (result.code === 0) {
          fs.writeFileSync(passedFile(version), digest);
        } else {
          fs.rmSync(passedFile(version), { force: true });
        }
      }
    })
  );
  const failed = results.filter((r) => r.code !== 0);
  for (const { version, out } of failed) {
    console.error(`\nGrafana ${version}: src does not compile against its @grafana/* declarations:\n${out.replaceAll(root + path.sep, '')}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const cached = GRAFANA_VERSIONS.length - results.length;
  console.log(
    `Grafana compatibility: ${GRAFANA_VERSIONS.length - failed.length} of ${GRAFANA_VERSIONS.length} versions compile (${GRAFANA_VERSIONS.join(', ')}; ${cached} unchanged since they last passed; ${seconds} s)`
  );
  process.exit(failed.length ? 1 : 0);
}

await main();
