import { DeployEvent } from '../types';
import { SkipCounter } from './types';

/**
 * Parses each item, counting the ones that cannot be read by reason (one summary line per
 * listing instead of a warning per item) and keeping the events `keep` accepts. O(n), no
 * spreading, so a page of any size is fine.
 *
 * @example
 * const skipped = new SkipCounter();
 * const events = parseItems(page, (item) => parseGitLabPipeline(item, project), skipped, (e) => inRange(e, range));
 */
export function parseItems<T>(
  items: readonly T[],
  parse: (item: T) => DeployEvent | string,
  skipped: SkipCounter,
  keep: (event: DeployEvent) => boolean = () => true
): DeployEvent[] {
  const events: DeployEvent[] = [];
  for (const item of items) {
    const parsed = parse(item);
    if (typeof parsed === 'string') {
      skipped.skip(parsed);
    } else if (keep(parsed)) {
      events.push(parsed);
    }
  }
  return events;
}
