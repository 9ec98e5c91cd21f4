// `npm test`: typecheck (against every claimed Grafana version too), lint, function length, build (plugins and the preview host on each Grafana line), package, workflow lint, unit tests, browser tests.
// Stops at the first failing step; ends with one summary line of passed and failed tests.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { GRAFANA_LINES } from '../preview/grafanaLines.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.build', 'reports');
fs.mkdirSync(reports, { recursive: true });
const jestReport = path.join(reports, 'jest.json');
const playwrightReport = path.join(reports, 'playwright.json');
fs.rmSync(jestReport, { force: true });
fs.rmSync(playwrightReport, { force: true });

// Checks that only read the sources: they run side by side (one is mostly download, two are
// one process each on a machine with at least two cores), each printed whole when it ends.
const checks = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['typecheck against older and newer Grafana', 'node', ['scripts/grafanaCompat.mjs']],
  ['lint', 'npx', ['eslint', '--cache', '.']],
  // No function over 100 lines in src/, preview/ or scripts/: one you can see whole.
  ['function length', 'node', ['scripts/longFunctions.mjs', '100', 'src', 'preview', 'scripts']],
];
const steps = [
  ['build', 'npm', ['run', '--silent', 'build']],
  // One host per Grafana line the browser tests run on; an older line's libraries install on first use.
  ...GRAFANA_LINES.map((line) => [`build preview host (Grafana ${line} libraries)`, 'node', ['preview/buildHost.mjs'], { SAFEDEPLOY_GRAFANA: line }]),
  // The release archive (refused when an offline validator check fails) and the command line
  // tarball: the unit and browser tests install and serve them as users would.
  ['package', 'node', ['scripts/package.mjs']],
  ['lint workflows', 'node', ['scripts/lintWorkflows.mjs']],
  ['unit tests', 'npx', ['jest', '--maxWorkers', '2', '--json', '--outputFile', jestReport]],
  ['browser tests', 'npx', ['playwright', 'test', '--reporter', 'list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport }],
];

function counts() {
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(jestReport)) {
    const jest = JSON.parse(fs.readFileSync(jestReport, 'utf8'));
    passed += jest.numPassedTests;
    failed += jest.numFailedTests;
  }
  if (fs.existsSync(playwrightReport)) {
    const stats = JSON.parse(fs.readFileSync(playwrightReport, 'utf8')).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
  }
  return { passed, failed };
}

/**
 * Installs that are mostly download run in the background from the start, while the
 * checks and the build use the processors; the step named `before` waits for each.
 */
function inBackground(what, script, before) {
  const log = path.join(reports, `install-${what.replace(/\W+/g, '-')}.log`);
  const out = fs.openSync(log, 'w');
  const done = new Promise((resolve) => {
    spawn('node', [script], { cwd: root, stdio: ['ignore', out, out] }).once('close', (code) => resolve(code));
  });
  return { what, log, done, before };
}
const installs = [
  // The real Unleash server for its contract test, into .build/ (minutes on a fresh machine).
  inBackground('the Unleash server', 'scripts/installUnleash.mjs', 'unit tests'),
  // The older Grafana lines' libraries the preview host is built with.
  inBackground('the older Grafana lines', 'preview/installLines.mjs', steps.find(([name]) => name.startsWith('build preview host'))[0]),
];

async function awaitInstalls(step) {
  for (const install of installs.filter((i) => i.before === step)) {
    console.log(`\n== install ${install.what} (started with the typecheck)`);
    const code = await install.done;
    process.stdout.write(fs.readFileSync(install.log, 'utf8'));
    if (code !== 0) {
      console.error(`\nnpm test stopped: installing ${install.what} failed.`);
      process.exit(1);
    }
  }
}

/** Stops `npm test` after a failed step, with the summary line. */
function stop(name, status) {
  const { passed, failed } = counts();
  console.error(`\nnpm test stopped: ${name} failed.`);
  console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
  process.exit(status ?? 1);
}

/** Runs a check with its output held, resolving to its status, output and seconds. */
function held([name, command, args]) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('close', (code) => resolve({ name, command, args, code, output: Buffer.concat(output), seconds: Math.round((performance.now() - started) / 1000) }));
  });
}

const checked = await Promise.all(checks.map(held));
for (const { name, command, args, code, output, seconds } of checked) {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  process.stdout.write(output);
  // Where the minutes go, so a slow step is seen in every CI log.
  console.log(`== ${name}: ${seconds} s`);
}
const failedCheck = checked.find((c) => c.code !== 0);
if (failedCheck) {
  stop(failedCheck.name, failedCheck.code);
}

for (const [name, command, args, env] of steps) {
  await awaitInstalls(name);
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...(env ?? {}) } });
  console.log(`== ${name}: ${Math.round((performance.now() - started) / 1000)} s`);
  if (result.status !== 0) {
    stop(name, result.status);
  }
}

const { passed, failed } = counts();
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
