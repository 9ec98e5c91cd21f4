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
  const pooled = new Float64Array(n);
  const isAfter = new Uint8Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n1; i++) {
    pooled[i] = before[i];
  }
  for (let j = 0; j < n2; j++) {
    pooled[n1 + j] = after[j];
    isAfter[n1 + j] = 1;
  }
  for (let i = 0; i < n; i++) {
    order[i] = i;
  }
  order.sort((a, b) => pooled[a] - pooled[b]);
  let rankSumAfter = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && pooled[order[j + 1]] === pooled[order[i]]) {
      j++;
    }
    const t = j - i + 1;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (isAfter[order[k]]) {
        rankSumAfter += averageRank;
      }
    }
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSumAfter - (n2 * (n2 + 1)) / 2;
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
