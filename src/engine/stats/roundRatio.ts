import { roundSignificant, significantValue } from './roundSignificant';

/**
 * Significant digits a ratio keeps: (a × k) / (b × k) can differ from a / b in the last bits,
 * so a ratio that sits exactly on a threshold (a median halved, a flat error ratio) would
 * fall on either side of it depending on the series' units. Twelve digits is far below any
 * effect a metric carries.
 */
export const RATIO_DIGITS = 12;

/** The ratio at RATIO_DIGITS significant digits; zero and non-finite values as given. */
export function roundRatio(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio === 0) {
    return ratio;
  }
  // The usual case by arithmetic, the same double as parsing toPrecision's text.
  const rounded = roundSignificant(ratio, RATIO_DIGITS);
  if (rounded) {
    const value = significantValue(rounded);
    return ratio < 0 ? -value : value;
  }
  return Number(ratio.toPrecision(RATIO_DIGITS));
}
