// The three simple scorers the benchmark rules name, each over 48 samples before and 12 after.
import { MIN_BEFORE, AFTER } from './nab.mjs';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

function windows(values, i) {
  return { before: values.slice(i - MIN_BEFORE, i), after: values.slice(i, i + AFTER) };
}

/** |mean(after) − mean(before)| / |mean(before)|. */
export function percentChangeOfMean(values, i) {
  const { before, after } = windows(values, i);
  const base = mean(before);
  return base === 0 ? (mean(after) === 0 ? 0 : Infinity) : Math.abs(mean(after) - base) / Math.abs(base);
}

/** |z| of the Mann-Whitney U test (tie-corrected normal approximation). */
export function mannWhitneyAbsZ(values, i) {
  return Math.abs(signedMannWhitneyZ(values, i));
}

/** |median(after) − median(before)| / (1.4826 · MAD(before)). */
export function robustZOfMedians(values, i) {
  const { before, after } = windows(values, i);
  const center = median(before);
  const spread = 1.4826 * median(before.map((v) => Math.abs(v - center)));
  const diff = Math.abs(median(after) - center);
  return spread > 0 ? diff / spread : diff > 0 ? Infinity : 0;
}

/**
 * (median(after) − median(before)) / (1.4826 · MAD(before)), signed: for effects known to push
 * the series up (the injected benchmark, direction up), so a fall does not rank as harm.
 */
export function signedRobustZOfMedians(values, i, beforeCount = MIN_BEFORE, afterCount = AFTER) {
  const before = values.slice(Math.max(0, i - beforeCount), i);
  const after = values.slice(i, i + afterCount);
  const center = median(before);
  const spread = 1.4826 * median(before.map((v) => Math.abs(v - center)));
  const diff = median(after) - center;
  return spread > 0 ? diff / spread : diff > 0 ? Infinity : diff < 0 ? -Infinity : 0;
}

/** Signed percent change of the mean, (mean(after) − mean(before)) / |mean(before)|: effects known to push up. */
export function signedPercentChange(values, i, beforeCount = MIN_BEFORE, afterCount = AFTER) {
  const before = values.slice(Math.max(0, i - beforeCount), i);
  const after = values.slice(i, i + afterCount);
  const base = mean(before);
  const diff = mean(after) - base;
  return base === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : diff / Math.abs(base);
}

/** Signed z of the Mann-Whitney U test (after against before, tie-corrected): effects known to push up. */
export function signedMannWhitneyZ(values, i, beforeCount = MIN_BEFORE, afterCount = AFTER) {
  const before = values.slice(Math.max(0, i - beforeCount), i);
  const after = values.slice(i, i + afterCount);
  const pooled = [...before.map((v) => [v, 0]), ...after.map((v) => [v, 1])].sort((a, b) => a[0] - b[0]);
  const n1 = before.length;
  const n2 = after.length;
  const n = n1 + n2;
  let rankAfter = 0;
  let ties = 0;
  for (let k = 0; k < n; ) {
    let j = k;
    while (j + 1 < n && pooled[j + 1][0] === pooled[k][0]) {
      j++;
    }
    const t = j - k + 1;
    ties += t * t * t - t;
    for (let m = k; m <= j; m++) {
      if (pooled[m][1] === 1) {
        rankAfter += (k + j) / 2 + 1;
      }
    }
    k = j + 1;
  }
  const u = rankAfter - (n2 * (n2 + 1)) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  return variance > 0 ? (u - (n1 * n2) / 2) / Math.sqrt(variance) : 0;
}
