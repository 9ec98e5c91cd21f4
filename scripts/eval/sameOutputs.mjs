// Checks that two builds of the engine give the same results on the evaluation data: every
// NAB benchmark event and every injected case of both seeds, verdict, score (to 1e-9) and
// reasons. For changes meant to be speed-only.
// Usage: node scripts/eval/sameOutputs.mjs BEFORE.cjs AFTER.cjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { injectedCases } from './injected.mjs';
import { AFTER, loadBenchmark, MIN_BEFORE, parseNabTime } from './nab.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const [beforePath, afterPath] = process.argv.slice(2).map((p) => path.resolve(p));
if (!beforePath || !afterPath) {
  console.error('usage: node scripts/eval/sameOutputs.mjs BEFORE.cjs AFTER.cjs (engine bundles, as .build/engine.cjs)');
  process.exit(2);
}
const engines = [require(beforePath), require(afterPath)];
const nabDir = process.env.NAB_DIR ?? path.resolve(root, 'data', 'nab');
const files = loadBenchmark(nabDir);
const windows = JSON.parse(fs.readFileSync(path.join(nabDir, 'labels', 'windows.json'), 'utf8'));

const runs = [];
for (const file of files) {
  const step = file.times[1] - file.times[0];
  for (const i of [...file.harmful, ...file.harmless]) {
    const series = [{ id: file.name, name: file.name, times: file.times.slice(0, i + AFTER), values: file.values.slice(0, i + AFTER) }];
    runs.push({ what: `${file.name} row ${i}`, series, events: [{ time: file.times[i] }], options: { direction: 'either', beforeMs: MIN_BEFORE * step, afterMs: AFTER * step, strictAfter: true } });
  }
}
// Whole files with all their benchmark events at once, so earlier events shape each other's
// calibration (the quiet-moment filter) and later ones cut windows.
for (const file of files) {
  const events = [...file.harmful, ...file.harmless].sort((x, y) => x - y).map((i) => ({ time: file.times[i], id: `row ${i}`, kind: 'deploy' }));
  runs.push({ what: `${file.name}, all events`, series: [{ id: file.name, name: file.name, times: file.times, values: file.values }], events, options: { direction: 'either' }, all: true });
}
for (const seed of [9001, 424242]) {
  files.forEach((file, f) => {
    for (const c of injectedCases(file, windows[file.name] ?? [], seed * 1000 + f, parseNabTime)) {
      runs.push({ what: `${file.name} ${c.kind} at ${c.i} (seed ${seed})`, series: [{ id: 'errors', name: 'errors', times: c.times, values: c.values }], events: [{ time: c.time }], options: { direction: 'up' } });
    }
  });
}
let differences = 0;
for (const run of runs) {
  const [before, after] = engines.map((engine) => engine.scoreEvents(run.series, run.events, run.options));
  for (let k = 0; k < before.length; k++) {
    compare(run.all ? `${run.what} (${before[k].id})` : run.what, before[k], after[k]);
  }
}
function compare(what, a, b) {
  if (a.verdict !== b.verdict || Math.abs(a.score - b.score) > 1e-9 || JSON.stringify(a.reasons) !== JSON.stringify(b.reasons)) {
    differences++;
    if (differences <= 20) {
      console.log(`${what}: ${a.verdict} ${a.score} → ${b.verdict} ${b.score}`);
    }
  }
}
console.log(`${runs.length} runs compared, ${runs.reduce((n, r) => n + r.events.length, 0)} events, ${differences} differ`);
process.exit(differences ? 1 : 0);
