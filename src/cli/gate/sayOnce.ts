/**
 * What makes two notices the same for saying them once: their text without a leading count.
 * A count that grows from one read to the next ("3 NaN or infinite samples were read as
 * gaps", then "5 ...") is the same notice, and a gate polling every minute would otherwise
 * repeat it at every read.
 *
 * @example
 * noticeKey('1,204 NaN or infinite samples were read as gaps') // 'NaN or infinite samples were read as gaps'
 */
export function noticeKey(text: string): string {
  return text.replace(/^\d[\d,]*\s+/, '');
}

/**
 * Records `notices` under their keys, the latest wording kept (the report gives the last
 * count), and returns those whose key was not recorded before: the ones to say now.
 */
export function newNotices(said: Map<string, string>, notices: readonly string[]): string[] {
  const fresh: string[] = [];
  for (const text of notices) {
    const key = noticeKey(text);
    if (!said.has(key) && !fresh.some((f) => noticeKey(f) === key)) {
      fresh.push(text);
    }
    said.set(key, text);
  }
  return fresh;
}
