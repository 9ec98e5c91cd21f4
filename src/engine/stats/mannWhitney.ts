import { erf } from 'simple-statistics';

export interface MannWhitneyResult {
  /** U of `after`: pairs where after > before, ties counting one half. */
  u: number;
  /** Normal approximation with tie correction and continuity correction; 0 when all values tie. */
  z: number;
  /** Two-sided p; 1 when all values tie. */
  p: number;
  /** Cliff's delta, 2U/(n₁n₂) − 1, in −1..1. */
  effect: number;
}

/** Two-sided tail probability of a standard normal z. */
export function twoSidedP(z: number): number {
  return Math.max(0, Math.min(1, 1 - erf(Math.abs(z) / Math.SQRT2)));
}

/**
 * Mann-Whitney U test of `after` against `before`, with the tie correction of the variance
 * (as Kayenta uses) and a continuity correction. Holds for skewed, non-normal data.
 * O((n₁+n₂) log(n₁+n₂)). Either sample empty: U = 0, z = 0, p = 1, effect = 0.
 *
 * @example
 * mannWhitney([1, 2, 3], [4, 5, 6]) // { u: 9, effect: 1, ... }
 */
export function mannWhitney(before: ArrayLike<number>, after: ArrayLike<number>): MannWhitneyResult {
  const n1 = before.length;
  const n2 = after.length;
  if (n1 === 0 || n2 === 0) {
    return { u: 0, z: 0, p: 1, effect: 0 };
  }
  const n = n1 + n2;
  // Native typed-array sorts: U counts, for each after value, the before values below it
  // (ties one half); the tie correction needs the run lengths of the pooled values.
  const sortedBefore = Float64Array.from(before).sort();
  const pooled = new Float64Array(n);
  pooled.set(sortedBefore);
  let u = 0;
  for (let j = 0; j < n2; j++) {
    const a = after[j];
    pooled[n1 + j] = a;
    const below = bound(sortedBefore, a, false);
    const notAbove = bound(sortedBefore, a, true);
    u += below + 0.5 * (notAbove - below);
  }
  pooled.sort();
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && pooled[j + 1] === pooled[i]) {
      j++;
    }
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) {
    return { u, z: 0, p: 1, effect: 0 };
  }
  const diff = u - mean;
  const corrected = diff === 0 ? 0 : diff - Math.sign(diff) * 0.5;
  const z = corrected / Math.sqrt(variance);
  return { u, z, p: twoSidedP(z), effect: (2 * u) / (n1 * n2) - 1 };
}

/** Count of sorted values < x (or ≤ x when `inclusive`). O(log n). */
function bound(sorted: Float64Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x || (inclusive && sorted[mid] === x)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
