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

/**
 * Runs per engine case, each in a fresh process: on this two-core machine one run varies by
 * ±15% or more, and a median of three moved by 25 ms between two bench runs of the same tree.
 */
const ENGINE_RUNS = 7;

/** Median of ENGINE_RUNS runs, each in a fresh process (peak memory is that process's), with the fastest and slowest. */
function engineMedian(series, points, events) {
  const runs = Array.from({ length: ENGINE_RUNS }, () => engineCase(series, points, events)).sort((a, b) => a.ms - b.ms);
  return { ...runs[ENGINE_RUNS >> 1], min: runs[0].ms, max: runs[ENGINE_RUNS - 1].ms };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

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
  for (const days of [7, 90, 90, 90]) {
    const before = { ...github.stats };
    const run = await runCli(['events', '--provider', 'github', '--url', github.url, '--scope', 'bench/app', '--from', `now-${days}d`, '--token-env', 'BENCH_TOKEN'], { BENCH_TOKEN: token });
    const events = run.code === 0 ? JSON.parse(run.stdout).length : 0;
    const inRange = deployments.filter((d) => d.statuses[0].createdAt >= now - days * DAY).length;
    results.push({
      days,
      events,
      inRange,
      requests: github.stats.requests - before.requests,
      // pages of deployments, through GraphQL (statuses included) or REST
      listRequests: github.stats.listRequests - before.listRequests + github.stats.graphqlRequests - before.graphqlRequests,
      statusRequests: github.stats.statusRequests - before.statusRequests,
      listGoal: Math.ceil(inRange / 100) + 1,
      ms: run.ms,
      code: run.code,
    });
  }
  await github.close();
  const wide = results.filter((r) => r.days === 90);
  const ms = wide.map((r) => r.ms);
  return { week: results[0], wide: { ...wide[0], ms: median(ms), min: Math.min(...ms), max: Math.max(...ms), runs: ms.length, requests: median(wide.map((r) => r.requests)) } };
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log('engine...');
const engine = {
  big: engineMedian(1, 1_000_000, 10_000),
  multi: engineMedian(10, 100_000, 100),
  doublePoints: engineMedian(1, 2_000_000, 10_000),
  doubleEvents: engineMedian(1, 1_000_000, 20_000),
  manyEvents: engineMedian(1, 100_000, 100_000),
};
console.log('github provider...');
const github = await githubBench();
console.log('panel...');
const panel = await benchPanel({ runs: 3, cases: [5_000, 20_000] });

const ms = (x) => `${Math.round(x)} ms`;
const mb = (x) => `${Math.round(x)} MB`;
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
} catch {
  // not a git checkout
}
const range = (r) => `${ms(r.median ?? r.ms)} (${ms(r.min)}–${ms(r.max)})`;
const verdict = (value, goal) => (value < goal ? 'met' : `not met: ${Math.round(value - goal)} ms over (${(value / goal).toFixed(1)}×)`);
const p5 = panel[5000];
const p20 = panel[20000];
const goals = [
  ['panel first render, 5,000 events + 100,000 points (markers on screen)', range(p5.firstRender), 'under 500 ms', verdict(p5.firstRender.median, 500)],
  ['panel first render, 20,000 events + 100,000 points (markers on screen)', range(p20.firstRender), 'under 1.5 s', verdict(p20.firstRender.median, 1500)],
  [
    `GitHub provider, 10,000 deployments over 90 days (command line, loopback); ${github.wide.requests} requests (goal ≤ 101)`,
    range(github.wide),
    'under 3 s',
    `${verdict(github.wide.ms, 3000)}; requests ${github.wide.requests <= 101 ? 'met' : `not met: ${github.wide.requests - 101} over`}`,
  ],
  ['engine, 10,000 events × 1,000,000 points', range(engine.big), 'under 300 ms', verdict(engine.big.ms, 300)],
  ['engine, 100,000 events × 100,000 points', range(engine.manyEvents), 'under 2 s', verdict(engine.manyEvents.ms, 2000)],
];
const [load1] = os.loadavg();
const lines = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} at commit ${commit}; Node ${process.version}, ${cpu}, ${os.cpus().length} cores, load average ${load1.toFixed(1)} when the run ended (the machine is shared: times vary with load). Report only: no test asserts a time. Every figure below comes from this one run.`,
  '',
  '## Goals',
  '',
  `Medians: of ${ENGINE_RUNS} runs for the engine, of three for the panel and the provider; the fastest and slowest in brackets.`,
  '',
  '| measure | median (min–max) | goal | |',
  '| --- | --- | --- | --- |',
  ...goals.map((g) => `| ${g.join(' | ')} |`),
  '',
  '## Impact engine',
  '',
  'Synthetic series at a 10-second scrape interval, events spread evenly, direction up, default options (30 min windows, a week of calibration history). Each case runs in its own Node process, single-threaded; the median of ' + ENGINE_RUNS + ' runs is shown, with the fastest and slowest. Peak memory is the process\'s peak RSS, including Node itself and the generated input.',
  '',
  '| case | wall time, median (min–max) | heap growth | peak RSS |',
  '| --- | --- | --- | --- |',
  `| 10,000 events × 1 series of 1,000,000 points | ${range(engine.big)} | ${mb(engine.big.heapDeltaMb)} | ${mb(engine.big.peakRssMb)} |`,
  `| 100 events × 10 series of 100,000 points | ${range(engine.multi)} | ${mb(engine.multi.heapDeltaMb)} | ${mb(engine.multi.peakRssMb)} |`,
  `| 10,000 events × 2,000,000 points (points doubled) | ${range(engine.doublePoints)} | ${mb(engine.doublePoints.heapDeltaMb)} | ${mb(engine.doublePoints.peakRssMb)} |`,
  `| 20,000 events × 1,000,000 points (events doubled) | ${range(engine.doubleEvents)} | ${mb(engine.doubleEvents.heapDeltaMb)} | ${mb(engine.doubleEvents.peakRssMb)} |`,
  `| 100,000 events × 1 series of 100,000 points | ${range(engine.manyEvents)} | ${mb(engine.manyEvents.heapDeltaMb)} | ${mb(engine.manyEvents.peakRssMb)} |`,
  '',
  `Growth: doubling the points multiplies the time by ${(engine.doublePoints.ms / engine.big.ms).toFixed(2)}, doubling the events by ${(engine.doubleEvents.ms / engine.big.ms).toFixed(2)}. Goals: 10,000 × 1,000,000 under 300 ms; 100,000 × 100,000 under 2 s (linear in events).`,
  '',
  '## GitHub provider',
  '',
  '10,000 deployments over 90 days served by the local GitHub-shaped server on loopback, read by `bin/safedeploy.js events` (the same provider code as the datasource, Node fetch instead of the data proxy), including Node start-up. The 90-day read runs three times (median, fastest and slowest); requests are all requests the server answered for one read.',
  '',
  '| query | events | requests (goal) | of which list / status | wall time |',
  '| --- | --- | --- | --- | --- |',
  `| last 7 days | ${github.week.events} | ${github.week.requests} (≤ ${github.week.listGoal}) | ${github.week.listRequests} / ${github.week.statusRequests} | ${ms(github.week.ms)} |`,
  `| last 90 days | ${github.wide.events} | ${github.wide.requests} (≤ ${github.wide.listGoal}) | ${github.wide.listRequests} / ${github.wide.statusRequests} | ${range(github.wide)} |`,
  '',
  'Goal: 90 days under 3 seconds on loopback, in at most 101 requests.',
  '',
  '## Deploy Impact panel',
  '',
  'The built panel in the preview host, headless Chromium at 1600×900, one series of 100,000 points and 5,000 or 20,000 deploy events; each case loads a fresh page three times. First render is from the moment the data arrived to the first marker on screen: extraction, the graph and the markers, which appear grey while their events are scored. All scored is from the same moment to the last score applied: the engine runs in a Web Worker, so this is the time the colours take to arrive, not time the page is frozen. Hover during scoring is from a pointer entering a marker, while every event is still being scored, to its tooltip in the DOM (measured in the page). Hover redraw is from the pointer entering a marker to the next painted frame, median and worst of 20, after scoring.',
  '',
  '| measure | 5,000 events | 20,000 events | goal |',
  '| --- | --- | --- | --- |',
  `| first render after data arrived | ${range(p5.firstRender)} | ${range(p20.firstRender)} | under 500 ms / under 1.5 s |`,
  `| all scored after data arrived | ${range(p5.allScored)} | ${range(p20.allScored)} | – |`,
  `| scored in | ${p5.scoredIn} | ${p20.scoredIn} | a worker |`,
  `| navigation to first marker (loading the host and the data) | ${range(p5.navigation)} | ${range(p20.navigation)} | – |`,
  `| hover during scoring, to tooltip | ${ms(p5.hoverScoring.ms)} (${p5.hoverScoring.pendingAtHover} pending) | ${ms(p20.hoverScoring.ms)} (${p20.hoverScoring.pendingAtHover} pending) | under 100 ms |`,
  `| hover redraw, median / worst of 20 | ${ms(p5.hoverRedraw.median)} / ${ms(p5.hoverRedraw.max)} (${p5.hoverRedraw.markers} markers and clusters) | – | under 16 ms |`,
  '',
];
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(path.join(root, 'docs', 'BENCHMARKS.md'), lines.join('\n'));
console.log(lines.join('\n'));
