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
  const untied = untiedU(b, n1, a, n2);
  const { u, tieTerm } = untied >= 0 ? { u: untied, tieTerm: 0 } : tiedU(b, n1, a, n2);
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

/**
 * U when no value occurs twice in the two samples together, else −1. Without ties each after
 * value counts the before values below it, which a merge that decides by arithmetic (not by a
 * branch the CPU must guess on noisy data) adds up; a tie anywhere, seen by comparing
 * neighbours and the heads of the merge, leaves U and the tie correction to tiedU. The same
 * integer either way. O(n₁+n₂).
 */
function untiedU(b: ArrayLike<number>, n1: number, a: ArrayLike<number>, n2: number): number {
  // A NaN counts as a tie: tiedU's merge is the reference for it.
  let ties = +(b[0] !== b[0]) + +(a[0] !== a[0]);
  for (let k = 1; k < n1; k++) {
    ties += +(b[k] === b[k - 1]) + +(b[k] !== b[k]);
  }
  for (let k = 1; k < n2; k++) {
    ties += +(a[k] === a[k - 1]) + +(a[k] !== a[k]);
  }
  let i = 0;
  let j = 0;
  let u = 0;
  while (i < n1 && j < n2) {
    const bi = b[i];
    const aj = a[j];
    ties += +(bi === aj);
    const takeBefore = +(bi < aj);
    // Taking a[j]: the i before values taken so far are the ones below it.
    u += (1 - takeBefore) * i;
    i += takeBefore;
    j += 1 - takeBefore;
  }
  // After values past every before value count all n1.
  return ties > 0 ? -1 : u + (n2 - j) * n1;
}

/** U and the tie term Σ(t³ − t) by one merge over runs of equal values. O(n₁+n₂). */
function tiedU(b: ArrayLike<number>, n1: number, a: ArrayLike<number>, n2: number): { u: number; tieTerm: number } {
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
  return { u, tieTerm };
}

