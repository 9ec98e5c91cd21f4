/**
 * The smallest time among `items`, or null when none has one. A loop, not `Math.min(...)`:
 * spreading a page of 200,000 items overflows the call stack. O(n).
 *
 * @example
 * oldestTime([{ t: 3 }, { t: 1 }, {}], (i) => i.t ?? null) // 1
 */
export function oldestTime<T>(items: readonly T[], timeOf: (item: T) => number | null): number | null {
  let oldest: number | null = null;
  for (const item of items) {
    const time = timeOf(item);
    if (time !== null && (oldest === null || time < oldest)) {
      oldest = time;
    }
  }
  return oldest;
}
