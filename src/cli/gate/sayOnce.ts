import { noticeKey } from '../../metrics/readPrometheus';

/**
 * Records `notices` under their noticeKey, the latest wording kept (the report gives the last
 * count), and returns those whose key was not recorded before: the ones to say now. A gate
 * polling every minute would otherwise repeat a notice whose count grows at every read.
 */
export function newNotices(said: Map<string, string>, notices: readonly string[]): string[] {
  const fresh: string[] = [];
  for (const text of notices) {
    const key = noticeKey(text);
    if (!said.has(key)) {
      fresh.push(text);
    }
    said.set(key, text);
  }
  return fresh;
}
