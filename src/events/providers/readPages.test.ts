import { createHttpClient } from '../../http/createHttpClient';
import { RawResponse, Transport } from '../../http/types';
import { get } from '../normalize';
import { readPages, ReadPagesOptions } from './readPages';

function answer(body: unknown, headers: Record<string, string> = {}): RawResponse {
  return { status: 200, header: (name) => headers[name.toLowerCase()] ?? null, body: JSON.stringify(body) };
}

/** A client whose transport answers from `route` and records the URLs asked for. */
function clientFor(route: (url: URL) => RawResponse) {
  const asked: string[] = [];
  const transport: Transport = async (url) => {
    asked.push(url.replace('http://api.test', ''));
    return route(new URL(url));
  };
  return { asked, client: createHttpClient({ baseUrl: 'http://api.test', providerName: 'Test', transport }) };
}

const list = (data: unknown) => (Array.isArray(data) ? data : 'not a list');

async function walk(options: Omit<ReadPagesOptions, 'what' | 'maxPages' | 'onItems'> & { maxPages?: number }) {
  const items: unknown[] = [];
  const read = await readPages({
    what: 'items',
    maxPages: 10,
    onItems: (page) => {
      for (const item of page) {
        items.push(item);
      }
    },
    ...options,
  });
  return { items, read };
}

describe('readPages', () => {
  it.each([
    [
      'offset/limit (Unleash)',
      (url: URL) => {
        const offset = Number(url.searchParams.get('offset'));
        return answer({ events: [offset, offset + 1].filter((n) => n < 5), total: 5 });
      },
      { url: '/api/admin/events', query: { offset: 0, limit: 2 } },
      (data: unknown) => (Array.isArray(get(data, 'events')) ? (get(data, 'events') as unknown[]) : 'no events list'),
      (page: { request: { query?: Record<string, unknown> }; data: unknown }) => {
        const next = Number(page.request.query?.offset) + 2;
        return next < Number(get(page.data, 'total')) ? { url: '/api/admin/events', query: { offset: next, limit: 2 } } : null;
      },
    ],
    [
      'before/after cursors (LaunchDarkly)',
      (url: URL) =>
        url.searchParams.get('before')
          ? answer({ items: [2, 3, 4], _links: {} })
          : answer({ items: [0, 1], _links: { next: { href: '/api/v2/auditlog?before=123' } } }),
      { url: '/api/v2/auditlog' },
      (data: unknown) => get(data, 'items') as unknown[],
      (page: { data: unknown }) => {
        const href = get(page.data, '_links', 'next', 'href');
        return typeof href === 'string' ? { url: href } : null;
      },
    ],
    [
      'Kubernetes continue tokens',
      (url: URL) => (url.searchParams.get('continue') ? answer({ items: [3, 4], metadata: {} }) : answer({ items: [0, 1, 2], metadata: { continue: 'abc' } })),
      { url: '/api/v1/events', query: { limit: 3 } },
      (data: unknown) => get(data, 'items') as unknown[],
      (page: { data: unknown }) => {
        const token = get(page.data, 'metadata', 'continue');
        return typeof token === 'string' && token ? { url: '/api/v1/events', query: { limit: 3, continue: token } } : null;
      },
    ],
    ['a one-shot read (Grafana annotations)', () => answer([0, 1, 2, 3, 4]), { url: '/api/annotations' }, list, () => null],
  ])('reads every page of %s', async (_name, route, first, items, nextPage) => {
    const { client } = clientFor(route);
    const { items: read, read: result } = await walk({ client, first, items, nextPage });
    expect(read).toStrictEqual([0, 1, 2, 3, 4]);
    expect(result.complete).toBe(true);
    expect(result.notices).toStrictEqual([]);
  });

  describe('edge cases', () => {
    it('ends a walk whose next page is one already read, with one error and the pages kept', async () => {
      const { client, asked } = clientFor(() => answer([1], { link: '<http://api.test/x?page=1>; rel="next"' }));
      let page = 0;
      const { items, read } = await walk({ client, first: { url: '/x', query: { page: 1 } }, items: list, nextPage: () => ({ url: '/x', query: { page: page++ % 2 ? 1 : 2 } }) });
      expect(asked).toStrictEqual(['/x?page=1', '/x?page=2']);
      expect(items).toStrictEqual([1, 1]);
      expect(read.complete).toBe(false);
      expect(read.notices).toStrictEqual([
        { severity: 'error', text: 'Test: the next-page link of items points back to a page already read (after 2 pages); stopped to avoid a loop. The events read so far are kept.' },
      ]);
    });

    it('stops at the page limit with one warning, still complete', async () => {
      const { client } = clientFor((url) => answer([Number(url.searchParams.get('page'))]));
      const { items, read } = await walk({ client, maxPages: 3, first: { url: '/x', query: { page: 1 } }, items: list, nextPage: (p) => ({ url: '/x', query: { page: p.index + 2 } }) });
      expect(items).toStrictEqual([1, 2, 3]);
      expect(read).toStrictEqual({ pages: 3, complete: true, notices: [{ severity: 'warning', text: 'Test: stopped after 3 pages of items; narrow the time range or raise "Max pages" (--max-pages).' }] });
    });

    it('keeps the pages before a body that is not a list, and says why', async () => {
      const { client } = clientFor((url) => (url.searchParams.get('page') === '2' ? answer({ message: 'nope' }) : answer([1])));
      const { items, read } = await walk({ client, first: { url: '/x', query: { page: 1 } }, items: list, nextPage: (p) => ({ url: '/x', query: { page: p.index + 2 } }) });
      expect(items).toStrictEqual([1]);
      expect(read.notices).toStrictEqual([{ severity: 'error', text: 'Test: items: not a list.' }]);
    });

    it('with itemKey, hands each item over once and ends a walk of fresh pages over the same items with one error', async () => {
      // Every page is new (page=1, 2, 3...) but the server answers the same items each time.
      const { client, asked } = clientFor((url) => answer(url.searchParams.get('page') === '1' ? [{ id: 1 }, { id: 2 }] : [{ id: 2 }, { id: 3 }]));
      const { items, read } = await walk({
        client,
        first: { url: '/x', query: { page: 1 } },
        items: list,
        itemKey: (item) => String(get(item, 'id')),
        nextPage: (p) => ({ url: '/x', query: { page: p.index + 2 } }),
      });
      expect(asked).toStrictEqual(['/x?page=1', '/x?page=2', '/x?page=3']);
      expect(items).toStrictEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      expect(read.complete).toBe(false);
      expect(read.notices).toStrictEqual([
        {
          severity: 'error',
          text: 'Test: the page of items after 3 items repeats items already read (the server ignores the page asked for); the listing was stopped there. The events read so far are kept.',
        },
      ]);
    });

    it("stops when onItems says so, without asking for the next page", async () => {
      const { client, asked } = clientFor(() => answer([1, 2]));
      const read = await readPages({ client, what: 'items', maxPages: 10, first: { url: '/x' }, items: list, onItems: () => 'stop', nextPage: () => ({ url: '/y' }) });
      expect(asked).toStrictEqual(['/x']);
      expect(read.complete).toBe(true);
    });
  });
});
