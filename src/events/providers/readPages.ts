import { HttpClient, HttpFailure, HttpResult } from '../../http/createHttpClient';
import { Query, RawResponse } from '../../http/types';
import { EventNotice } from '../types';
import { pageLimitNotice } from './pageLimitNotice';

/** One page to fetch: a path under the client's base (or a next link the API gave) and its query. */
export interface PageRequest {
  url: string;
  query?: Query;
  /** A GraphQL request (`{ query, variables }`): POSTed as JSON, retried like a GET since it only reads. */
  graphql?: { query: string; variables: Record<string, unknown> };
}

/** A page as fetched: its parsed body (JSON, or the text with `format: 'text'`), headers, and place in the walk. */
export interface Page {
  data: unknown;
  response: RawResponse;
  request: PageRequest;
  /** 0 for the first page. */
  index: number;
}

export interface ReadPagesOptions {
  client: HttpClient;
  /** Names the listing in notices, after the provider's name: `deployments of shop/web`. */
  what: string;
  first: PageRequest;
  maxPages: number;
  signal?: AbortSignal;
  /** `json` (default) parses the body; `text` hands it over as a string (NDJSON, CDEvents). */
  format?: 'json' | 'text';
  /** The page's items, or a sentence saying why the body is not a list (ends the walk with an error). */
  items: (data: unknown) => unknown[] | string;
  /**
   * Receives each page's items as it arrives (parse, filter, report progress here). Return
   * `'stop'` to end the walk early, e.g. when the page reaches past the time range.
   */
  onItems: (items: unknown[], page: Page) => void | 'stop' | Promise<void | 'stop'>;
  /** The request for the page after this one, or null when this was the last. */
  nextPage: (page: Page, items: unknown[]) => PageRequest | null;
  /**
   * What tells one item from another (an id, a uid; '' when an item has none). Given, each
   * item is handed to `onItems` once, and a page whose items were all read before ends the walk
   * with an error: a server that ignores the page asked for, or hands out fresh cursors over the
   * same items, would otherwise be read to the page limit.
   */
  itemKey?: (item: unknown) => string;
}

export interface PagesRead {
  pages: number;
  /** False when a page was lost (failed, not a list, a loop, the deadline); a page limit still counts as complete. */
  complete: boolean;
  notices: EventNotice[];
  /** Why the walk ended early when a request failed (its kind and status); absent otherwise. */
  failure?: HttpFailure;
}

/**
 * Walks a paged API for one provider: fetches a page, hands its items over, asks for the
 * next request, until there is none, `onItems` says stop, `maxPages` is reached (one
 * warning), a page fails (one error naming the cause; pages read before it are kept), or
 * the next request is one already made, or (with `itemKey`) a page holds only items already
 * read (a loop either way: one error). Fits `Link` headers (GitHub),
 * page numbers (GitLab, Jenkins ranges), offset/limit, before/after cursors, Kubernetes
 * `continue` tokens, GraphQL cursors (`graphql` requests, POSTed) and one-shot reads
 * (`nextPage: () => null`). Requests go through the
 * client, so every page has its deadline, size cap, retries and origin check.
 *
 * @example
 * // Kubernetes-style `continue` tokens
 * const read = await readPages({
 *   client, what: 'events of web', first: { url: '/api/v1/events', query: { limit: 500 } }, maxPages: 50,
 *   items: (data) => (Array.isArray(get(data, 'items')) ? (get(data, 'items') as unknown[]) : 'the answer has no items list'),
 *   onItems: (items) => {
 *     for (const event of parseItems(items, parseEvent, skipped)) events.push(event); // never push(...items)
 *   },
 *   nextPage: (page) => {
 *     const token = text(get(page.data, 'metadata', 'continue'));
 *     return token ? { url: '/api/v1/events', query: { limit: 500, continue: token } } : null;
 *   },
 * });
 */
export async function readPages(options: ReadPagesOptions): Promise<PagesRead> {
  const { client, what } = options;
  const provider = client.providerName;
  const seen = new Set<string>();
  const fresh = freshItems(options.itemKey);
  let itemsRead = 0;
  let request: PageRequest | null = options.first;
  let pages = 0;
  const stop = (notice: EventNotice, complete: boolean): PagesRead => ({ pages, complete, notices: [notice] });
  while (request) {
    if (pages >= options.maxPages) {
      return stop(pageLimitNotice(provider, what, pages), true);
    }
    // A GraphQL page has one URL for every page: its variables (the cursor) tell pages apart.
    const key = client.urlFor(request.url, request.query) + (request.graphql ? `\u0000${JSON.stringify(request.graphql.variables)}` : '');
    if (seen.has(key)) {
      return stop(
        {
          severity: 'error',
          text: `${provider}: the next-page link of ${what} points back to a page already read (after ${pages} page${pages === 1 ? '' : 's'}); stopped to avoid a loop. The events read so far are kept.`,
        },
        false
      );
    }
    seen.add(key);
    const result: HttpResult<unknown> = request.graphql
      ? await client.postJson(request.url, request.graphql, options.signal, { idempotent: true })
      : options.format === 'text'
        ? await client.getText(request.url, request.query, options.signal)
        : await client.getJson(request.url, request.query, options.signal);
    if (!result.ok) {
      // A rate-limit message already says results so far are shown.
      const kept = pages > 0 && result.error.kind !== 'rate_limit' ? ` (${pages} page${pages === 1 ? '' : 's'} of ${what} read before it are kept)` : '';
      return { ...stop({ severity: 'error', text: `${result.error.message}${kept}` }, false), failure: result.error };
    }
    const page: Page = { data: result.data, response: result.response, request, index: pages };
    pages++;
    const items = options.items(result.data);
    if (typeof items === 'string') {
      return stop({ severity: 'error', text: `${provider}: ${what}: ${items}.` }, false);
    }
    const unread = fresh(items);
    if (items.length > 0 && unread.length === 0) {
      return stop(repeatNotice(provider, what, itemsRead), false);
    }
    itemsRead += unread.length;
    if ((await options.onItems(unread, page)) === 'stop') {
      break;
    }
    request = options.nextPage(page, items);
  }
  return { pages, complete: true, notices: [] };
}

/** The items of each page not handed over before, by `itemKey`; every item when there is no key. */
function freshItems(itemKey: ((item: unknown) => string) | undefined): (items: unknown[]) => unknown[] {
  if (!itemKey) {
    return (items) => items;
  }
  const keys = new Set<string>();
  return (items) =>
    items.filter((item) => {
      const key = itemKey(item);
      if (key === '') {
        return true;
      }
      if (keys.has(key)) {
        return false;
      }
      keys.add(key);
      return true;
    });
}

/** The one error for a page that repeats what was read: the server ignores the page (or cursor) asked for. */
function repeatNotice(provider: string, what: string, itemsRead: number): EventNotice {
  return {
    severity: 'error',
    text: `${provider}: the page of ${what} after ${itemsRead.toLocaleString('en-US')} items repeats items already read (the server ignores the page asked for); the listing was stopped there. The events read so far are kept.`,
  };
}
