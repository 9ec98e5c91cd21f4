/**
 * Values beyond this magnitude are refused before scoring: the engine squares and sums
 * values, and near 1e308 that overflows to Infinity. 1e100 squared, times a billion points,
 * is still finite.
 */
export const MAX_ABS_VALUE = 1e100;
