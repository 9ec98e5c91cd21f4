/** 10^0 .. 10^22, every one exact as a double (written out, not computed). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Distance from a tie within which one rounding of the scaled value could hide which side of
 * the tie the exact value lies: there the caller asks toPrecision itself. Far above the error
 * of one multiplication at twelve digits (1e-4), so the fast answer is never a guess.
 */
const TIE_GUARD = 1e-3;

/** What roundSignificant found: |x| rounded is digits·10^exponent. */
export interface Significant {
  digits: number;
  exponent: number;
}

const found: Significant = { digits: 0, exponent: 0 };

/**
 * |x| rounded to `count` significant digits, as Number.prototype.toPrecision rounds it, as an
 * integer of `count` digits times a power of ten; null when arithmetic cannot be sure (within
 * TIE_GUARD of a tie, a power of ten beyond 10^22, x zero or not finite), and the caller then
 * asks toPrecision. toPrecision formats a decimal string the caller would parse again: this is
 * the same rounding at a fraction of the cost, for numbers formatted for every event. The
 * object returned is reused by the next call. O(1).
 *
 * @example
 * roundSignificant(0.012345, 3) // { digits: 123, exponent: -4 }
 */
export function roundSignificant(x: number, count: number): Significant | null {
  const a = Math.abs(x);
  if (!(a > 0) || a === Infinity) {
    return null;
  }
  let exponent = Math.floor(Math.log10(a)) - (count - 1);
  let scaled = scale(a, exponent);
  // log10 can miss by one next to a power of ten.
  if (scaled < POW10[count - 1]) {
    exponent--;
    scaled = scale(a, exponent);
  } else if (scaled >= POW10[count]) {
    exponent++;
    scaled = scale(a, exponent);
  }
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  if (!(Math.abs(exponent) <= 22) || Math.abs(fraction - 0.5) < TIE_GUARD || !(scaled >= POW10[count - 1] && scaled < POW10[count])) {
    return null;
  }
  let digits = fraction > 0.5 ? whole + 1 : whole;
  if (digits === POW10[count]) {
    digits = POW10[count - 1];
    exponent++;
  }
  found.digits = digits;
  found.exponent = exponent;
  return found;
}

/** a / 10^exponent in one correctly rounded operation (NaN beyond the exact powers). */
function scale(a: number, exponent: number): number {
  if (Math.abs(exponent) > 22) {
    return NaN;
  }
  return exponent >= 0 ? a / POW10[exponent] : a * POW10[-exponent];
}

/**
 * digits·10^exponent as the nearest double: one correctly rounded operation on exact operands,
 * the same double Number() reads from the decimal string. |exponent| ≤ 22.
 */
export function significantValue(s: Significant): number {
  return s.exponent >= 0 ? s.digits * POW10[s.exponent] : s.digits / POW10[-s.exponent];
}

/**
 * digits·10^exponent written as Number.prototype.toString writes that number in fixed
 * notation (no trailing zeros, no exponent): for magnitudes from 1e-6 to under 1e21, where
 * toString uses fixed notation. Unsigned.
 *
 * @example
 * significantText({ digits: 120, exponent: -4 }) // "0.012"
 */
export function significantText(s: Significant): string {
  const { digits, exponent } = s;
  if (exponent >= 0) {
    return String(digits * POW10[exponent]);
  }
  const unit = POW10[-exponent];
  const whole = Math.floor(digits / unit);
  let rest = digits - whole * unit;
  if (rest === 0) {
    return String(whole);
  }
  let places = -exponent;
  while (rest % 10 === 0) {
    rest /= 10;
    places--;
  }
  return `${whole}.${String(rest).padStart(places, '0')}`;
}
