import { Scrubber } from './createScrubber';
import { cutScrubbed } from './cutScrubbed';
import { RawResponse } from './types';

export function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`;
}

/** The sentence for an HTTP error status: the API's own message (scrubbed) and what to do. */
export function httpMessage(name: string, status: number, path: string, hint: string | undefined, response: RawResponse, clean: Scrubber): string {
  const apiMessage = extractApiMessage(response.body, clean);
  const detail = apiMessage ? ` (${apiMessage})` : '';
  if (status >= 500) {
    return `${name} returned ${status} for ${path}${detail}: the server had a problem; try again later.`;
  }
  return `${name} returned ${status} for ${path}${detail}${hint ? `: ${hint}` : ''}.`;
}

/** An API's own message is kept to this many characters: the sentence around it says what to do. */
const MAX_API_MESSAGE_LENGTH = 160;

/** GitHub and GitLab put a human message in `message`; Argo CD in `error`. Kept short and single-line. */
function extractApiMessage(body: string, clean: Scrubber): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const text = record.message ?? record.error;
      if (typeof text === 'string' && text.trim() !== '') {
        return cutScrubbed(text, MAX_API_MESSAGE_LENGTH, clean);
      }
    }
  } catch {
    // not JSON: an HTML error page or plain text, which we do not echo
  }
  return null;
}

/** True for a login page or web interface answering where the API was expected. */
export function looksLikeHtml(response: RawResponse): boolean {
  const type = response.header('content-type') ?? '';
  if (/text\/html/i.test(type)) {
    return true;
  }
  return /^\s*<(!doctype|html|head|body)/i.test(response.body.slice(0, 200));
}
