// `npm run bench` (report only, never a test): speed of the engine, the GitHub provider and
// the panel, written to docs/BENCHMARKS.md.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startFakeGitHub } from '../preview/demo/fakeGitHub.mjs';
import { benchPanel } from './bench/panel.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 86_400_000;

function engineCase(series, points, events) {
  const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'bench', 'engineCase.mjs'), String(series), String(points), String(events)]);
  return JSON.parse(out.toString());
}

/** Median of three runs, each in a fresh process (peak memory is that process's). */
function engineMedian(series, points, events) {
  const runs = [0, 1, 2].map(() => engineCase(series, points, events)).sort((a, b) => a.ms - b.ms);
  return runs[1];
}

function runCli(args, env) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin', 'safedeploy.js'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

async function githubBench() {
  const now = Date.now();
  const total = 10_000;
  const deployments = [];
  let statusId = 1;
  for (let i = 0; i < total; i++) {
    const at = now - 90 * DAY + ((i + 0.5) / total) * 90 * DAY;
    deployments.push({
      id: i + 1,
      sha: (i + 1).toString(16).padStart(40, '0'),
      ref: `v${i}`,
      environment: 'production',
      creator: 'bench',
      createdAt: at - 60_000,
      statuses: [{ id: statusId++, state: 'success', createdAt: at, description: 'ok' }],
    });
  }
  const token = 'bench-token';
  const github = await startFakeGitHub({ repos: { 'bench/app': deployments }, token });
  const results = [];
  for (const days of [7, 90]) {
    const before = { ...github.stats };
    const run = await runCli(['events', '--provider', 'github', '--url', github.url, '--scope', 'bench/app', '--from', `now-${days}d`, '--token-env', 'BENCH_TOKEN'], { BENCH_TOKEN: token });
    const events = run.code === 0 ? JSON.parse(run.stdout).length : 0;
    const inRange = deployments.filter((d) => d.statuses[0].createdAt >= now - days * DAY).length;
    results.push({
      days,
      events,
      inRange,
      listRequests: github.stats.listRequests - before.listRequests,
      statusRequests: github.stats.statusRequests - before.statusRequests,
      listGoal: Math.ceil(inRange / 100) + 1,
      ms: run.ms,
      code: run.code,
    });
  }
  await github.close();
  return results;
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log('engine...');
const engine = {
  big: engineMedian(1, 1_000_000, 10_000),
  multi: engineMedian(10, 100_000, 100),
  doublePoints: engineMedian(1, 2_000_000, 10_000),
  doubleEvents: engineMedian(1, 1_000_000, 20_000),
};
console.log('github provider...');
const github = await githubBench();
console.log('panel...');
const panel = await benchPanel(root);

const ms = (x) => `${Math.round(x)} ms`;
const mb = (x) => `${Math.round(x)} MB`;
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
} catch {
  // not a git checkout
}
const lines = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} at commit ${commit}; Node ${process.version}, ${cpu}, ${os.cpus().length} cores. Report only: no test asserts a time.`,
  '',
  '## Impact engine',
  '',
  'Synthetic series at a 10-second scrape interval, events spread evenly, direction up, default options (30 min windows, a week of calibration history). Each case runs in its own Node process, single-threaded; the median of three runs is shown. Peak memory is the process\'s peak RSS, including Node itself and the generated input.',
  '',
  '| case | wall time | heap growth | peak RSS |',
  '| --- | --- | --- | --- |',
  `| 10,000 events × 1 series of 1,000,000 points | ${ms(engine.big.ms)} | ${mb(engine.big.heapDeltaMb)} | ${mb(engine.big.peakRssMb)} |`,
  `| 100 events × 10 series of 100,000 points | ${ms(engine.multi.ms)} | ${mb(engine.multi.heapDeltaMb)} | ${mb(engine.multi.peakRssMb)} |`,
  `| 10,000 events × 2,000,000 points (points doubled) | ${ms(engine.doublePoints.ms)} | ${mb(engine.doublePoints.heapDeltaMb)} | ${mb(engine.doublePoints.peakRssMb)} |`,
  `| 20,000 events × 1,000,000 points (events doubled) | ${ms(engine.doubleEvents.ms)} | ${mb(engine.doubleEvents.heapDeltaMb)} | ${mb(engine.doubleEvents.peakRssMb)} |`,
  '',
  `Growth: doubling the points multiplies the time by ${(engine.doublePoints.ms / engine.big.ms).toFixed(2)}, doubling the events by ${(engine.doubleEvents.ms / engine.big.ms).toFixed(2)}. Per event the cost is bounded (binary search, prefix sums, at most 60 buckets per window and 100 calibration positions), so time grows linearly in events plus points. Goal for the first case: under 300 ms.`,
  '',
  '## GitHub provider',
  '',
  '10,000 deployments over 90 days served by the local GitHub-shaped server on loopback, read by `bin/safedeploy.js events` (the same provider code as the datasource, Node fetch instead of the data proxy), including Node start-up.',
  '',
  '| query | events | list requests (goal ≤ ceil(N/100)+1) | status requests (deployments in range) | wall time |',
  '| --- | --- | --- | --- | --- |',
  ...github.map((g) => `| last ${g.days} days | ${g.events} | ${g.listRequests} (goal ${g.listGoal}) | ${g.statusRequests} (${g.inRange} in range) | ${ms(g.ms)} |`),
  '',
  'Goal: 90 days under 3 seconds on loopback.',
  '',
  '## Deploy Impact panel',
  '',
  panel.note,
  '',
  '| measure | value | goal |',
  '| --- | --- | --- |',
  ...panel.rows.map((r) => `| ${r.measure} | ${r.value} | ${r.goal} |`),
  '',
];
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(path.join(root, 'docs', 'BENCHMARKS.md'), lines.join('\n'));
console.log(lines.join('\n'));
