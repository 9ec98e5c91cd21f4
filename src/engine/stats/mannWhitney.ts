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
  return sortedMannWhitney(Float64Array.from(before).sort(), n1, Float64Array.from(after).sort(), n2);
}

/**
 * `mannWhitney` of samples already sorted ascending, b[0..n1) before and a[0..n2) after: one
 * merge pass counts, for each run of equal values, the before values below it (U, ties one
 * half) and the run length (the tie correction). No copy, no sort: O(n₁+n₂).
 *
 * @example
 * sortedMannWhitney(Float64Array.of(1, 2, 3), 3, Float64Array.of(4, 5, 6), 3) // { u: 9, effect: 1, ... }
 */
export function sortedMannWhitney(b: ArrayLike<number>, n1: number, a: ArrayLike<number>, n2: number): MannWhitneyResult {
  if (n1 === 0 || n2 === 0) {
    return { u: 0, z: 0, p: 1, effect: 0 };
  }
  const n = n1 + n2;
  let i = 0;
  let j = 0;
  let u = 0;
  let tieTerm = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && b[i] <= a[j]) ? b[i] : a[j];
    let inBefore = 0;
    while (i < n1 && b[i] === v) {
      inBefore++;
      i++;
    }
    let inAfter = 0;
    while (j < n2 && a[j] === v) {
      inAfter++;
      j++;
    }
    u += inAfter * (i - inBefore) + 0.5 * inAfter * inBefore;
    const t = inBefore + inAfter;
    tieTerm += t * t * t - t;
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

