import { createHttpClient } from '../../http/createHttpClient';
import { RawResponse } from '../../http/types';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventSource, GitHubFeed } from '../types';

const [template] = (readFixture('github/workflow_runs_list.json') as { workflow_runs: Array<Record<string, unknown>> }).workflow_runs;
const FROM = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;

/**
 * A GitHub that holds `total` runs, one a minute back from `newest`, and serves at most `cap` of
 * them in pages of 100 with Link headers, as "List workflow runs" does for a `created` filter.
 */
function github(total: number, newest: number, cap = 1000) {
  const served = Math.min(total, cap);
  const transport = async (url: string): Promise<RawResponse> => {
    const page = Number(new URL(url).searchParams.get('page') ?? '1');
    const runs = Array.from({ length: Math.max(0, Math.min(100, served - (page - 1) * 100)) }, (_, i) => {
      const n = (page - 1) * 100 + i;
      const t = new Date(newest - n * MINUTE).toISOString();
      return { ...template, id: 10_000 + n, run_number: n, created_at: t, run_started_at: t, updated_at: t, status: 'completed', conclusion: 'success' };
    });
    const link = page * 100 < served ? `<https://api.github.com/repositories/1/actions/runs?per_page=100&page=${page + 1}>; rel="next"` : null;
    return { status: 200, header: (name) => (name.toLowerCase() === 'link' ? link : null), body: JSON.stringify({ total_count: total, workflow_runs: runs }) };
  };
  return createHttpClient({ baseUrl: 'https://api.github.com', upstreamUrl: 'https://api.github.com', providerName: 'GitHub', transport });
}

const readRuns = (client: ReturnType<typeof github>, to: number) =>
  readEvents({ source: EventSource.GitHub, client, scope: 'octo/app', range: { from: FROM, to }, githubFeeds: [GitHubFeed.WorkflowRuns] });

describe('GitHub workflow runs', () => {
  it('says when GitHub stops at 1,000 runs of the range, as lost data, keeping the runs read', async () => {
    const batch = await readRuns(github(1500, FROM + 1500 * MINUTE), FROM + 2 * 86_400_000);
    expect(batch.events).toHaveLength(1000);
    const errors = batch.notices.filter((n) => n.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].text).toMatch(/served 1,000 of the 1,500 runs of octo\/app created 2026-10-31\.\.2026-11-04.*the oldest 500 are missing\. Narrow the time range/);
  });

  it('says nothing when every run counted was served', async () => {
    const batch = await readRuns(github(250, FROM + 300 * MINUTE), FROM + 86_400_000);
    expect(batch.events).toHaveLength(250);
    expect(batch.notices.filter((n) => n.severity !== 'info')).toStrictEqual([]);
  });

  it('says nothing when the walk stopped at the range start, before the cap', async () => {
    // 1,500 runs counted for the created= window, but only the newest 200 are in the range.
    const batch = await readRuns(github(1500, FROM + 200 * MINUTE - 1), FROM + 86_400_000);
    expect(batch.events).toHaveLength(200);
    expect(batch.notices.filter((n) => n.severity !== 'info')).toStrictEqual([]);
  });
});

describe('GitHub deployments through REST', () => {
  const [deployment] = readFixture('github/deployments_list.json') as Array<Record<string, unknown>>;
  const created = FROM + 60 * MINUTE;
  // GraphQL unavailable (404), the deployments listed, and every status request failing as `statuses` says.
  function restGitHub(statuses: (url: string) => RawResponse) {
    const transport = async (url: string): Promise<RawResponse> => {
      if (url.endsWith('/graphql')) {
        return { status: 404, header: () => null, body: '{"message":"Not Found"}' };
      }
      if (url.includes('/statuses')) {
        return statuses(url);
      }
      const items = [1, 2].map((id) => ({ ...deployment, id, created_at: new Date(created + id * MINUTE).toISOString() }));
      return { status: 200, header: () => null, body: JSON.stringify(items) };
    };
    return createHttpClient({ baseUrl: 'https://api.github.com', upstreamUrl: 'https://api.github.com', providerName: 'GitHub', transport, sleep: async () => undefined });
  }

  it('keeps deployments whose statuses could not be read, and says so once as lost data: their outcome is unknown', async () => {
    const client = restGitHub(() => ({ status: 502, header: () => null, body: '{"message":"Server Error"}' }));
    const batch = await readEvents({ source: EventSource.GitHub, client, scope: 'octo/app', range: { from: FROM, to: FROM + 86_400_000 } });
    expect(batch.events.map((e) => e.status)).toStrictEqual(['unknown', 'unknown']);
    const lost = batch.notices.filter((n) => /statuses of 2 deployments of octo\/app could not be read/.test(n.text));
    expect(lost.map((n) => n.severity)).toStrictEqual(['error']);
  });
});

describe('GitHub paging edge cases', () => {
  it('ends a listing at an empty page even when it links to another, instead of walking to the page limit', async () => {
    const requested: string[] = [];
    const transport = async (url: string): Promise<RawResponse> => {
      requested.push(url);
      const page = Number(new URL(url).searchParams.get('page') ?? '1');
      const link = `<https://api.github.com/repositories/1/releases?per_page=100&page=${page + 1}>; rel="next"`;
      return { status: 200, header: (name) => (name.toLowerCase() === 'link' ? link : null), body: '[]' };
    };
    const client = createHttpClient({ baseUrl: 'https://api.github.com', upstreamUrl: 'https://api.github.com', providerName: 'GitHub', transport });
    const batch = await readEvents({ source: EventSource.GitHub, client, scope: 'octo/app', range: { from: FROM, to: FROM + 86_400_000 }, githubFeeds: [GitHubFeed.Releases] });
    expect(requested).toHaveLength(1);
    expect(batch.notices).toStrictEqual([]);
  });
});
