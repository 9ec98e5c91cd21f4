/**
 * Appends `items` to `target` in place. `target.push(...items)` passes every item as an
 * argument and overflows the call stack past about 100,000 items; this loop does not. O(n).
 *
 * @example
 * const events: DeployEvent[] = [];
 * appendAll(events, pageEvents);
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) {
    target.push(item);
  }
  return target;
}
