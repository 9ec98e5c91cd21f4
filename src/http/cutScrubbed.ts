import { Scrubber } from './createScrubber';

/**
 * Server text made short enough for one line of a message: scrubbed whole first, then its
 * whitespace collapsed, then cut to `max` characters with `…`. In that order because a
 * secret cut at the edge no longer matches any form the scrubber knows: cutting first would
 * print most of it. Every place that shortens text a server sent goes through here.
 *
 * @example
 * cutScrubbed(`bad token ${token} given`, 20, createScrubber([token])) // 'bad token [redacted]…'
 */
export function cutScrubbed(text: string, max: number, scrub: Scrubber): string {
  const clean = scrub(String(text)).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, Math.max(0, max - 1))}…` : clean;
}
