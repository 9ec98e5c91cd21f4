import { EngineEvent } from '../../engine';
import { UsageError } from '../readInputs';

/**
 * How deep an event's fields may nest, counting the event itself as level 1. Events are flat
 * records (time, id, service, a list of merged changes of objects: four levels); printing one
 * nested thousands of levels deep would overflow the call stack of JSON.stringify.
 */
export const MAX_EVENT_DEPTH = 100;

/**
 * Throws a UsageError (exit 2) naming the first event nested deeper than MAX_EVENT_DEPTH.
 * Walks with its own stack, never recursion, so any depth is measured safely; O(values), and
 * stops at the first value past the limit.
 *
 * @example
 * refuseDeepEvents([{ time: 0, id: 'a', payload: { ref: 'main' } }], 'deploys.json') // passes
 */
export function refuseDeepEvents(events: EngineEvent[], file: string): void {
  events.forEach((event, index) => {
    const stack: Array<[unknown, number]> = [[event, 1]];
    while (stack.length > 0) {
      const [value, depth] = stack.pop()!;
      if (depth > MAX_EVENT_DEPTH) {
        throw new UsageError(
          `${file}: event ${index + 1} nests deeper than ${MAX_EVENT_DEPTH} levels; events are flat records (time, id, service, ...): drop or flatten the deep field`
        );
      }
      for (const child of Object.values(value as object)) {
        if (child !== null && typeof child === 'object') {
          stack.push([child, depth + 1]);
        }
      }
    }
  });
}
