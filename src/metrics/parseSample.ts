/**
 * How Prometheus writes a sample value: Go's `strconv.FormatFloat(v, 'f', -1, 64)` or its
 * exponent form (`1`, `-0.25`, `1e+06`), and `NaN`, `+Inf`, `-Inf` (older servers `Inf`).
 * Nothing else is a number here: not `""`, not spaces (which `Number` reads as 0), not `0x10`
 * (which it reads as 16), not `1_000`.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE: Readonly<Record<string, number>> = { NaN: NaN, '+Inf': Infinity, '-Inf': -Infinity, Inf: Infinity };

/**
 * A sample value as Prometheus writes it (a JSON string), as a number: finite, NaN or ±Infinity;
 * null for anything else, which is not a sample.
 *
 * @example
 * parseSampleValue('1e+06') // 1000000
 * parseSampleValue('+Inf') // Infinity
 * parseSampleValue('0x10') // null
 */
export function parseSampleValue(value: unknown): number | null {
  if (typeof value !== 'string') {
    return null;
  }
  if (Object.hasOwn(NON_FINITE, value)) {
    return NON_FINITE[value];
  }
  return DECIMAL.test(value) ? Number(value) : null;
}

/**
 * A sample time as Prometheus writes it (a JSON number of seconds, possibly fractional), in
 * epoch ms; null for anything else (null, `""`, `true`, `[]`, `"0x10"`, a string, a number
 * that is not finite or is negative).
 *
 * @example
 * parseSampleTime(1767571200.5) // 1767571200500
 * parseSampleTime('1767571200') // null
 */
export function parseSampleTime(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
}
