// One engine benchmark case, run in its own process so its peak memory is its own.
// Usage: node engineCase.mjs <series> <pointsPerSeries> <events>
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { scoreEvents } = require(path.join(root, '.build', 'engine.cjs'));

const [seriesCount, points, eventCount] = process.argv.slice(2).map(Number);
const STEP = 10_000; // 10-second scrape interval
const start = Date.UTC(2026, 0, 1);
let state = 12345;
const random = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 4294967296;
};
const series = [];
for (let s = 0; s < seriesCount; s++) {
  const times = new Float64Array(points);
  const values = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    times[i] = start + i * STEP;
    values[i] = 10 + 3 * Math.sin(i / 8640) + random() * 2;
  }
  series.push({ id: `s${s}`, name: `series ${s}`, times, values });
}
const span = (points - 1) * STEP;
const events = [];
for (let e = 0; e < eventCount; e++) {
  events.push({ time: start + ((e + 0.5) / eventCount) * span, id: `e${e}` });
}
const before = process.memoryUsage().heapUsed;
const t0 = performance.now();
const results = scoreEvents(series, events, { direction: 'up' });
const ms = performance.now() - t0;
const scored = results.filter((r) => r.verdict !== 'insufficient_data').length;
process.stdout.write(
  JSON.stringify({ seriesCount, points, eventCount, ms, scored, heapDeltaMb: (process.memoryUsage().heapUsed - before) / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024 })
);
