/**
 * Significant digits a ratio keeps: (a × k) / (b × k) can differ from a / b in the last bits,
 * so a ratio that sits exactly on a threshold (a median halved, a flat error ratio) would
 * fall on either side of it depending on the series' units. Twelve digits is far below any
 * effect a metric carries.
 */
export const RATIO_DIGITS = 12;

/** The ratio at RATIO_DIGITS significant digits; zero and non-finite values as given. */
export function roundRatio(ratio: number): number {
  return Number.isFinite(ratio) && ratio !== 0 ? Number(ratio.toPrecision(RATIO_DIGITS)) : ratio;
}
