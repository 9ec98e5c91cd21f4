import { logNormalTail } from '../calibrate';

/**
 * ln Φ(x), the log of the standard normal distribution function, accurate far into either tail.
 *
 * @example
 * logNormalCdf(0) // ln 0.5
 */
export function logNormalCdf(x: number): number {
  // logNormalTail is ln of the two-sided tail 2·Q(|x|).
  const lowerTail = logNormalTail(x) - Math.LN2;
  return x < 0 ? lowerTail : Math.log1p(-Math.exp(lowerTail));
}

/**
 * ln of the one-sided normal-mixture e-process after n observations summing to `sum`
 * (Robbins 1970; Howard, Ramdas, McAuliffe, Sekhon, "Time-uniform, nonparametric,
 * nonasymptotic confidence sequences", Ann. Statist. 2021, the one-sided normal mixture):
 *
 *   M_n = ∫₀^∞ exp(δ·S_n − n·δ²/2) · 2φ(δ/τ)/τ dδ = 2/√(1 + nτ²) · exp(S_n²/(2a)) · Φ(S_n/√a),  a = n + 1/τ².
 *
 * When each observation, given the earlier ones, is 1-sub-Gaussian with mean ≤ 0, each
 * exp(δS − nδ²/2) with δ ≥ 0 is a nonnegative supermartingale and so is their mixture, so by
 * Ville's inequality the chance that M_n ever reaches 1/α, at any look, is at most α. Only
 * shifts δ ≥ 0 are weighed, so an observation may be replaced by anything known by then and
 * never above it (the lower of it and the one before) and the bound still holds.
 * Non-decreasing in `sum`; O(1).
 * Degenerate input (n < 1, τ ≤ 0) gives 0 (no evidence).
 *
 * @example
 * logNormalMixture(8, 2, 2) // ≈ 13.8: two observations 4 noise SDs up
 */
export function logNormalMixture(sum: number, n: number, tau: number): number {
  if (!(n >= 1) || !(tau > 0) || !Number.isFinite(sum)) {
    return 0;
  }
  const a = n + 1 / (tau * tau);
  const root = Math.sqrt(a);
  return Math.LN2 - 0.5 * Math.log1p(n * tau * tau) + (sum * sum) / (2 * a) + logNormalCdf(sum / root);
}

/**
 * The sum S at which logNormalMixture(S, n, τ) reaches `logBound`: the boundary of the test
 * on the scale of the sum, found by bisection (the mixture is increasing in S). O(60).
 *
 * @example
 * sumBoundary(Math.log(1000), 2, 2) // ≈ 5.74: two looks need a sum above 5.74 noise SDs
 */
export function sumBoundary(logBound: number, n: number, tau: number): number {
  let lo = -1;
  let hi = 1;
  while (logNormalMixture(hi, n, tau) < logBound && hi < 1e6) {
    hi *= 2;
  }
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (logNormalMixture(mid, n, tau) < logBound) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}
