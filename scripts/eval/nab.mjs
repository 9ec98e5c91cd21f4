// The deploy benchmark on the NAB subset, following the rules in data/nab/README.md
// exactly: labelled changes are harmful deploys, quiet moments harmless ones; every scorer
// sees the series only up to row i + AFTER - 1 and judges in either direction.
import fs from 'node:fs';
import path from 'node:path';

export const AFTER = 12;
export const MIN_BEFORE = 48;

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC to epoch ms. */
export function parseNabTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!m) {
    throw new Error(`unreadable NAB timestamp: ${text}`);
  }
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export function readNabCsv(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const times = [];
  const values = [];
  for (const line of lines.slice(1)) {
    const [t, v] = line.split(',');
    times.push(parseNabTime(t));
    values.push(Number(v));
  }
  return { times, values };
}

// The benchmark harness keeps its own helpers rather than the engine's, so what is evaluated
// and what evaluates it cannot share a bug.
export function firstAtOrAfter(times, t) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The benchmark's events of one file: harmful at labels, harmless at spread-out quiet rows. */
export function benchmarkEvents(times, labels, windows) {
  const n = times.length;
  const harmful = [];
  for (const label of labels) {
    const i = firstAtOrAfter(times, parseNabTime(label));
    if (MIN_BEFORE <= i && i < n - AFTER) {
      harmful.push(i);
    }
  }
  const widened = windows.map(([s, e]) => {
    const start = parseNabTime(s);
    const end = parseNabTime(e);
    const length = end - start;
    return [start - length, end + length];
  });
  const candidates = [];
  for (let i = Math.max(Math.floor(0.15 * n), MIN_BEFORE); i < n - AFTER; i++) {
    if (!widened.some(([s, e]) => times[i] >= s && times[i] <= e)) {
      candidates.push(i);
    }
  }
  const k = Math.max(3, 2 * labels.length);
  const C = candidates.length;
  const harmless = [];
  if (C > 0) {
    for (let j = 0; j < k; j++) {
      const index = candidates[Math.min(C - 1, Math.floor(((j + 1) * C) / (k + 1)))];
      if (!harmless.includes(index)) {
        harmless.push(index);
      }
    }
  }
  return { harmful, harmless };
}

export function loadBenchmark(nabDir) {
  const labels = JSON.parse(fs.readFileSync(path.join(nabDir, 'labels', 'labels.json'), 'utf8'));
  const windows = JSON.parse(fs.readFileSync(path.join(nabDir, 'labels', 'windows.json'), 'utf8'));
  return Object.keys(windows)
    .sort()
    .map((name) => {
      const { times, values } = readNabCsv(path.join(nabDir, 'data', name));
      const { harmful, harmless } = benchmarkEvents(times, labels[name] ?? [], windows[name] ?? []);
      return { name, times, values, harmful, harmless };
    });
}

/** ROC AUC: probability a harmful event outscores a harmless one, ties counting one half. */
export function rocAuc(harmfulScores, harmlessScores) {
  if (harmfulScores.length === 0 || harmlessScores.length === 0) {
    return NaN;
  }
  const all = [...harmfulScores.map((s) => [s, 1]), ...harmlessScores.map((s) => [s, 0])].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1][0] === all[i][0]) {
      j++;
    }
    const rank = (i + j) / 2 + 1;
    for (let m = i; m <= j; m++) {
      if (all[m][1] === 1) {
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const p = harmfulScores.length;
  const q = harmlessScores.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * q);
}
