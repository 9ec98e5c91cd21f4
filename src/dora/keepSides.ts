/** Which way a figure is rounded at its last digit. */
export type Rounding = 'nearest' | 'down' | 'up';

/** A figure written with `extra` digits past its usual precision: its text, and the number the text reads as. */
export type Figure = (extra: number, rounding: Rounding) => { text: string; value: number };

/**
 * A bound a figure must not be read across: `inclusive` when the side below includes it ("15%
 * or less"), else the side at or above does ("under one hour" fails at one hour, "daily or
 * more" holds at one a day).
 */
export interface Cutoff {
  at: number;
  inclusive: boolean;
}

/** Cut-offs that hold at or above each of `values` ("under", "at least"). */
export const under = (values: readonly number[]): Cutoff[] => values.map((at) => ({ at, inclusive: false }));
/** Cut-offs whose side below includes each of `values` ("or less"). */
export const atMost = (values: readonly number[]): Cutoff[] => values.map((at) => ({ at, inclusive: true }));

/** Digits past the usual precision a figure may take before it is rounded toward its side instead. */
const MAX_EXTRA = 3;

/**
 * `x` rounded to `decimals` decimals (negative: to tens, hundreds...), as written in decimal.
 *
 * @example
 * roundTo(59.98, 1, 'down') // 59.9
 */
export function roundTo(x: number, decimals: number, rounding: Rounding): number {
  if (rounding === 'nearest') {
    return decimals >= 0 ? Number(x.toFixed(decimals)) : Math.round(x / 10 ** -decimals) * 10 ** -decimals;
  }
  const scaled = decimals >= 0 ? x * 10 ** decimals : x / 10 ** -decimals;
  const whole = rounding === 'down' ? Math.floor(scaled) : Math.ceil(scaled);
  return decimals >= 0 ? Number((whole / 10 ** decimals).toFixed(decimals)) : whole * 10 ** -decimals;
}

/** Decimals that keep `significant` significant digits of `x` (0 for 0). */
export function significantDecimals(x: number, significant: number): number {
  return x === 0 ? 0 : significant - 1 - Math.floor(Math.log10(Math.abs(x)));
}

/**
 * The text of `value` whose figure, read back, lies on the same side of every cut-off as the
 * value: a figure shown next to a band must not read as past the band's bound ("15%" for
 * 15.04% beside "over 15%", "60 min" for 59.7 min beside "under one hour"). The figure is
 * rounded as usual; where that carries it across a cut-off, up to three more digits are shown
 * (15.04%); where they are not enough (a cut-off such as 1/30 a day that no decimal reaches),
 * it is rounded toward its own side at the first of those digits that keeps it there. O(cut-offs).
 *
 * @example
 * const percent: Figure = (extra, r) => {
 *   const p = roundTo(15.04, 1 + extra, r);
 *   return { text: `${p}%`, value: p / 100 };
 * };
 * keepSides(0.1504, atMost([0.05, 0.1, 0.15]), percent) // '15.04%' (15.0% would read as 15% or less)
 */
export function keepSides(value: number, cutoffs: readonly Cutoff[], figure: Figure): string {
  const below = (x: number, t: Cutoff) => (t.inclusive ? x <= t.at : x < t.at);
  const agrees = (shown: number) => cutoffs.every((t) => below(shown, t) === below(value, t));
  for (let extra = 0; extra <= MAX_EXTRA; extra++) {
    const f = figure(extra, 'nearest');
    if (agrees(f.value)) {
      return f.text;
    }
  }
  const usual = figure(0, 'nearest').value;
  const crossed = cutoffs.find((t) => below(usual, t) !== below(value, t)) ?? cutoffs[0];
  const rounding: Rounding = below(value, crossed) ? 'down' : 'up';
  for (let extra = 1; extra < MAX_EXTRA; extra++) {
    const f = figure(extra, rounding);
    if (agrees(f.value)) {
      return f.text;
    }
  }
  return figure(MAX_EXTRA, rounding).text;
}
