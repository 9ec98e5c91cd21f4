// The injected-effect benchmark: real NAB backgrounds with deploy effects of known size added
// at quiet positions (a step that persists, a spike that recovers, a ramp), and effect-free
// deploys at other quiet positions. Seeded, so a run is reproducible; a second seed gives
// positions and sizes nobody has looked at.
import { seededRandom } from '../../preview/demo/scenario.mjs';
import { firstAtOrAfter } from './nab.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** History given before each deploy (what the engine calibrates on) and data after it. */
export const HISTORY_MS = 7 * DAY;
export const AFTER_MS = 2 * HOUR;
/** At least this much history before an injected deploy. */
const MIN_HISTORY_MS = 2 * DAY;
/** Injected sizes, in local noise standard deviations, drawn log-uniformly in this range. */
export const SIZE_RANGE = [8, 64];
export const CASES_PER_KIND = 5;

export const KINDS = [
  { name: 'step', expected: ['roll_back'], harmful: true },
  { name: 'spike', expected: ['fix_forward'], harmful: true },
  { name: 'ramp', expected: ['roll_back', 'fix_forward'], harmful: true },
  { name: 'none', expected: ['healthy', 'watch'], harmful: false },
];

export function median(values) {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Local noise at row i: the robust SD of the day before from successive differences (a slow
 * trend or daily cycle does not count as noise); for a quantised series whose successive
 * values mostly repeat, the plain SD of those differences. Independent of the engine.
 */
export function localNoise(values, i, samplesPerDay) {
  const from = Math.max(1, i - samplesPerDay);
  const diffs = [];
  for (let k = from; k < i; k++) {
    diffs.push(values[k] - values[k - 1]);
  }
  const robust = (1.4826 * median(diffs.map(Math.abs))) / Math.SQRT2;
  if (robust > 0) {
    return robust;
  }
  const meanSquare = diffs.reduce((sum, d) => sum + d * d, 0) / Math.max(1, diffs.length);
  return Math.sqrt(meanSquare / 2) || 1e-3;
}

/** The effect's shape at `k` samples after the deploy, 0..1 (times the height). */
export function shape(kind, k, spikeSamples, rampSamples) {
  if (kind === 'step') {
    return 1;
  }
  if (kind === 'spike') {
    return k < spikeSamples ? 1 : 0;
  }
  if (kind === 'ramp') {
    return Math.min(1, (k + 1) / rampSamples);
  }
  return 0;
}

/**
 * Rows a deploy may be injected at: at least two days in, with `afterSamples` after them,
 * outside NAB's anomaly windows widened by their own length (from an hour before the row to
 * the end of what is read after it).
 */
export function quietRows(times, windows, afterSamples, parseTime) {
  const widened = windows.map(([s, e]) => {
    const start = parseTime(s);
    const end = parseTime(e);
    return [start - (end - start), end + (end - start)];
  });
  const first = firstAtOrAfter(times, times[0] + MIN_HISTORY_MS);
  const rows = [];
  for (let i = first; i < times.length - afterSamples; i++) {
    const from = times[i] - HOUR;
    const to = times[i + afterSamples - 1];
    if (!widened.some(([s, e]) => from <= e && to >= s)) {
      rows.push(i);
    }
  }
  return rows;
}

/**
 * The benchmark's cases for one NAB file: per kind, CASES_PER_KIND deploys at distinct quiet
 * rows (outside NAB's anomaly windows widened by their own length, from the impact back to the
 * baseline), each with its series cut to a week before and two hours after.
 */
export function injectedCases(file, windows, seed, parseTime) {
  const { times, values } = file;
  const n = times.length;
  const step = times[1] - times[0];
  const samplesPerDay = Math.round(DAY / step);
  const afterSamples = Math.max(12, Math.ceil(AFTER_MS / step));
  const candidates = quietRows(times, windows, afterSamples, parseTime);
  const random = seededRandom(seed);
  const used = new Set();
  const cases = [];
  // Rows at least four hours apart, so no two cases share their impact window.
  const apart = Math.max(1, Math.ceil((4 * HOUR) / step));
  for (const kind of KINDS) {
    for (let c = 0; c < CASES_PER_KIND; c++) {
      let i = -1;
      for (let attempt = 0; attempt < 200 && i < 0; attempt++) {
        const pick = candidates[Math.floor(random() * candidates.length)];
        if (pick !== undefined && ![...used].some((u) => Math.abs(u - pick) < apart)) {
          i = pick;
        }
      }
      const [lo, hi] = SIZE_RANGE;
      const size = lo * Math.exp(random() * Math.log(hi / lo));
      // 10 to 20 minutes, at least one sample.
      const spikeSamples = Math.max(1, Math.round(((10 + random() * 10) * 60_000) / step));
      const rampSamples = 6;
      if (i < 0) {
        continue;
      }
      used.add(i);
      const noise = localNoise(values, i, samplesPerDay);
      const from = firstAtOrAfter(times, times[i] - HISTORY_MS);
      const to = Math.min(n, i + afterSamples);
      const seriesValues = values.slice(from, to);
      // Size for the rank correlation: the effect's mean over the engine's default 30-minute
      // impact window (at least its 4 minimum samples), in local noise SDs: the area it adds.
      const impactSamples = Math.max(4, Math.round(30 * 60_000 / step));
      let area = 0;
      for (let k = 0; k < to - i; k++) {
        const s = shape(kind.name, k, spikeSamples, rampSamples);
        seriesValues[i - from + k] += s * size * noise;
        if (k < impactSamples) {
          area += s;
        }
      }
      cases.push({
        kind: kind.name,
        harmful: kind.harmful,
        expected: kind.expected,
        i,
        size: kind.harmful ? size : 0,
        excessSize: kind.harmful ? (size * area) / impactSamples : 0,
        noise,
        times: times.slice(from, to),
        values: seriesValues,
        time: times[i],
      });
    }
  }
  return cases;
}
