import { createHttpClient } from '../../http/createHttpClient';
import { RawResponse } from '../../http/types';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource } from '../types';

const [template] = readFixture('gitlab/deployments_list.json') as Array<Record<string, Record<string, unknown>>>;
const FROM = Date.parse('2026-12-01T00:00:00Z');
const RANGE = { from: FROM, to: FROM + 5 * 86_400_000 };

/** `count` real-shaped GitLab deployments of one page, ids unique per page. */
function deployments(page: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const id = page * 1000 + i;
    const t = new Date(FROM + 3_600_000 + id * 1000).toISOString();
    return { ...template, id, status: 'success', created_at: t, updated_at: t, finished_at: t, deployable: { ...template.deployable, started_at: t, finished_at: t } };
  });
}

/** A GitLab whose deployments answer `answer(page)`; pipelines are empty. Records the deployment pages asked for. */
function gitlab(answer: (page: number) => { items: unknown[]; headers?: Record<string, string> }) {
  const pages: number[] = [];
  const transport = async (url: string): Promise<RawResponse> => {
    const parsed = new URL(url);
    if (!parsed.pathname.endsWith('/deployments')) {
      return { status: 200, header: () => null, body: '[]' };
    }
    const page = Number(parsed.searchParams.get('page'));
    pages.push(page);
    const { items, headers = {} } = answer(page);
    return { status: 200, header: (name) => headers[name.toLowerCase()] ?? null, body: JSON.stringify(items) };
  };
  const client = createHttpClient({ baseUrl: 'https://gitlab.com', upstreamUrl: 'https://gitlab.com', providerName: 'GitLab', transport });
  return { client, pages };
}

const read = (client: ReturnType<typeof gitlab>['client']) => readEvents({ source: EventSource.GitLab, client, scope: 'shop/web', range: RANGE });
const deploys = (events: Array<{ kind: EventKind }>) => events.filter((e) => e.kind === EventKind.Deploy).length;

describe('GitLab paging', () => {
  it('reads on past a full page that came without pagination headers (gitlab-org/gitlab#331297)', async () => {
    const { client, pages } = gitlab((page) => ({ items: deployments(page, page === 1 ? 100 : page === 2 ? 30 : 0) }));
    const batch = await read(client);
    expect(deploys(batch.events)).toBe(130);
    expect(pages).toStrictEqual([1, 2]);
    expect(batch.notices.filter((n) => n.severity !== 'info')).toStrictEqual([]);
  });

  it('follows a Link rel="next" when x-next-page is missing', async () => {
    const { client, pages } = gitlab((page) =>
      page === 1
        ? { items: deployments(1, 100), headers: { link: '<https://gitlab.com/api/v4/projects/shop%2Fweb/deployments?page=3&per_page=100>; rel="next"' } }
        : { items: deployments(page, 10) }
    );
    const batch = await read(client);
    expect(pages).toStrictEqual([1, 3]);
    expect(deploys(batch.events)).toBe(110);
  });

  it('follows x-next-page when GitLab sends it, and stops at its empty value on the last page', async () => {
    const { client, pages } = gitlab((page) => ({ items: deployments(page, 100), headers: { 'x-next-page': page < 3 ? String(page + 1) : '' } }));
    const batch = await read(client);
    expect(pages).toStrictEqual([1, 2, 3]);
    expect(deploys(batch.events)).toBe(300);
  });

  describe('edge cases', () => {
    it('ends at an empty page after a last page that was exactly full', async () => {
      const { client, pages } = gitlab((page) => ({ items: deployments(page, page === 1 ? 100 : 0) }));
      const batch = await read(client);
      expect(pages).toStrictEqual([1, 2]);
      expect(deploys(batch.events)).toBe(100);
    });

    it('stops with an error, keeping what it read, when a server without headers ignores the page number', async () => {
      const { client, pages } = gitlab(() => ({ items: deployments(1, 100) }));
      const batch = await read(client);
      expect(pages).toStrictEqual([1, 2]);
      expect(deploys(batch.events)).toBe(100);
      expect(batch.notices.map((n) => n.severity)).toContain('error');
      expect(batch.notices.find((n) => n.severity === 'error')?.text).toMatch(/repeats items already read/);
    });
  });
});
