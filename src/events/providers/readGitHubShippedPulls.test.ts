/**
 * @jest-environment node
 */
import { startFakeGitHub } from '../../../preview/demo/fakeGitHub.mjs';
import { fetchTransport } from '../../cli/fetchTransport';
import { routeHeaders } from '../../cli/routeHeaders';
import { createHttpClient } from '../../http/createHttpClient';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventSource } from '../types';
import { MAX_DEPLOYS_WITH_CHANGES } from './attachShippedChanges';
import { githubGraphqlUrl } from './githubGraphqlUrl';
import { deployedBranch, parseShippedPulls } from './readGitHubShippedPulls';

const answer = readFixture('github/graphql_shipped_pulls_CONSTRUCTED.json');
const previousDeployAt = Date.parse('2024-05-13T18:00:00Z');
const deployAt = Date.parse('2024-05-14T10:00:00Z');

const TOKEN = 'ghp_shippedPulls0123456789abcdefghij';
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20);

/** `count` successful production deployments an hour apart, newest first, each shipping the pulls `pulls(i)` gives. */
function deployments(count: number, pulls?: (i: number, at: number) => Array<{ number: number; mergedAt: number }>) {
  return Array.from({ length: count }, (_, i) => {
    const at = NOW - i * HOUR - 60_000;
    return {
      id: 7000 - i,
      sha: (7000 - i).toString(16).padStart(40, 'c'),
      ref: 'main',
      environment: 'production',
      createdAt: at,
      statuses: [{ id: 9000 - i, state: 'success', createdAt: at + 30_000 }],
      ...(pulls ? { pulls: pulls(i, at) } : {}),
    };
  });
}

/** A read as the release health pages make it (asking for shipped changes), or with `ask` false as any other read: without the option. */
function read(url: string, from: number, graphql = true, ask = true) {
  const client = createHttpClient({ baseUrl: url, upstreamUrl: url, providerName: 'GitHub', transport: fetchTransport(routeHeaders(EventSource.GitHub, TOKEN)) });
  return readEvents({ source: EventSource.GitHub, client, scope: 'shop/web', range: { from, to: NOW }, githubGraphqlUrl: graphql ? githubGraphqlUrl(url) : null, ...(ask ? { shippedChanges: true } : {}) });
}

describe('pull requests a GitHub deploy shipped', () => {
  it('counts each pull request merged into the deployed branch since the previous deploy once, with its merge time', () => {
    expect(parseShippedPulls(answer, { branch: 'main', previousDeployAt, deployAt })).toStrictEqual({
      count: 2,
      mergeTimes: [Date.parse('2024-05-14T08:15:00Z'), Date.parse('2024-05-14T09:40:00Z')],
      truncated: false,
    });
  });

  it('counts pull requests into any branch for a deploy of a tag or a commit', () => {
    expect(parseShippedPulls(answer, { branch: deployedBranch('v2.14.0'), previousDeployAt, deployAt }).count).toBe(3);
    expect([deployedBranch('main'), deployedBranch('refs/heads/release-1.x'), deployedBranch('refs/tags/x'), deployedBranch('c'.repeat(40))]).toStrictEqual([
      'main',
      'release-1.x',
      '',
      '',
    ]);
  });

  it('attaches to each deployment the pull requests it shipped, read through the GraphQL API', async () => {
    // Deploy i ships pulls merged 20 and 40 minutes before it; the oldest has no previous deploy to count from.
    const github = await startFakeGitHub({
      repos: { 'shop/web': deployments(3, (i, at) => [{ number: 100 + 2 * i, mergedAt: at - 20 * 60_000 }, { number: 101 + 2 * i, mergedAt: at - 40 * 60_000 }]) },
      token: TOKEN,
    });
    try {
      const batch = await read(github.url, NOW - 5 * HOUR);
      const times = batch.events.map((e) => e.time);
      expect(batch.events.map((e) => [e.mergedChanges, e.mergeTimes, e.mergedChangesLowerBound])).toStrictEqual([
        [undefined, undefined, undefined],
        [2, [times[1] - 30_000 - 40 * 60_000, times[1] - 30_000 - 20 * 60_000], false],
        [2, [times[2] - 30_000 - 40 * 60_000, times[2] - 30_000 - 20 * 60_000], false],
      ]);
      expect(batch.notices).toStrictEqual([{ severity: 'info', text: 'GitHub: read deployments of shop/web via GraphQL.' }]);
    } finally {
      await github.close();
    }
  });

  it.each([
    [3, 1 + 2],
    [MAX_DEPLOYS_WITH_CHANGES + 1, 1 + MAX_DEPLOYS_WITH_CHANGES],
    [MAX_DEPLOYS_WITH_CHANGES + 20, 1 + MAX_DEPLOYS_WITH_CHANGES],
  ])('a read of %i deploys (one page) makes %i requests: one per deploy with a previous deploy, capped', async (count, requests) => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(count) }, token: TOKEN });
    try {
      const batch = await read(github.url, NOW - (count + 0.5) * HOUR);
      expect(batch.events).toHaveLength(count);
      expect(github.stats.requests).toBe(requests);
      const withChanges = batch.events.filter((e) => e.mergedChanges !== undefined);
      expect(withChanges).toHaveLength(Math.min(count - 1, MAX_DEPLOYS_WITH_CHANGES));
      // the newest deploys are the ones looked up
      expect(Math.min(...withChanges.map((e) => e.time))).toBe(batch.events[batch.events.length - withChanges.length].time);
      const capped = batch.notices.filter((n) => n.text.includes('newest'));
      const left = count - 1 - MAX_DEPLOYS_WITH_CHANGES;
      expect(capped).toStrictEqual(
        left > 0
          ? [
              {
                severity: 'warning',
                text: `GitHub: pull requests shipped by deployments of shop/web were looked up for the newest ${MAX_DEPLOYS_WITH_CHANGES} deploys only (one request each); ${left} deploy${left === 1 ? '' : 's'} carr${left === 1 ? 'ies' : 'y'} no lead time or batch size. Narrow the time range to include them.`,
              },
            ]
          : []
      );
    } finally {
      await github.close();
    }
  });

  it('a read that does not ask for them (a panel, an annotation, a variable) makes no lookups: one request, no lead time', async () => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(5, (i, at) => [{ number: 100 + i, mergedAt: at - 20 * 60_000 }]) }, token: TOKEN });
    try {
      // no shippedChanges at all: the default
      const batch = await read(github.url, NOW - 6 * HOUR, true, false);
      expect(batch.events).toHaveLength(5);
      expect(github.stats.requests).toBe(1);
      expect(batch.events.every((e) => e.mergedChanges === undefined)).toBe(true);
    } finally {
      await github.close();
    }
  });

  describe('edge cases', () => {
    it('says the count is a lower bound when the history was longer than one page', () => {
      const long = { repository: { object: { history: { totalCount: 250, nodes: [] } } } };
      expect(parseShippedPulls(long, { branch: 'main', previousDeployAt, deployAt })).toStrictEqual({ count: 0, mergeTimes: [], truncated: true });
    });

    it('reads nothing from an answer without a commit (a sha GitHub does not know)', () => {
      expect(parseShippedPulls({ repository: { object: null } }, { branch: 'main', previousDeployAt, deployAt })).toStrictEqual({ count: 0, mergeTimes: [], truncated: false });
    });

    it('marks a deploy that shipped more commits than one request reads as a lower bound', async () => {
      const many = (i: number, at: number) => Array.from({ length: i === 0 ? 120 : 0 }, (_, n) => ({ number: n + 1, mergedAt: at - (n + 1) * 10_000 }));
      const github = await startFakeGitHub({ repos: { 'shop/web': deployments(2, many) }, token: TOKEN });
      try {
        const batch = await read(github.url, NOW - 3 * HOUR);
        expect(batch.events[1].mergedChangesLowerBound).toBe(true);
        // 100 commits read, each pull request one or two of them
        expect(batch.events[1].mergedChanges).toBeGreaterThanOrEqual(50);
        expect(batch.events[1].mergedChanges).toBeLessThan(120);
      } finally {
        await github.close();
      }
    });

    it('through REST only (no GraphQL URL), keeps the deployments, asks for no pull requests and says why there is no lead time', async () => {
      const github = await startFakeGitHub({ repos: { 'shop/web': deployments(4) }, token: TOKEN });
      try {
        const batch = await read(github.url, NOW - 5 * HOUR, false);
        expect(batch.events).toHaveLength(4);
        expect(batch.events.every((e) => e.mergedChanges === undefined)).toBe(true);
        expect(github.stats.graphqlRequests).toBe(0);
        expect(batch.notices).toStrictEqual([
          {
            severity: 'info',
            text: 'GitHub: no lead time or batch size for shop/web: pull requests are read through GraphQL, and this data source has no githubGraphqlUrl (set it where the data source is provisioned, or save the GitHub URL again on its settings page, which fills it).',
          },
        ]);
        // A read that asks for no shipped changes (a panel's, an annotation's) has nothing to miss.
        expect((await read(github.url, NOW - 5 * HOUR, false, false)).notices).toStrictEqual([]);
      } finally {
        await github.close();
      }
    });

    it('stops looking up after the first failure, and says so once (a server without GraphQL)', async () => {
      const github = await startFakeGitHub({ repos: { 'shop/web': deployments(6) }, token: TOKEN, graphql: false });
      try {
        const batch = await read(github.url, NOW - 7 * HOUR);
        expect(batch.events).toHaveLength(6);
        // one deployments query, one list page, six status reads, one failed pull-request lookup; the oldest deploy has no previous one to count from
        expect(github.stats.requests).toBe(1 + 1 + 6 + 1);
        const failed = batch.notices.filter((n) => n.text.includes('pull requests'));
        expect(failed).toHaveLength(1);
        expect(failed[0].severity).toBe('error');
        expect(failed[0].text).toMatch(/^GitHub: pull requests shipped by deployments of shop\/web could not be read \(GitHub returned 404 .*\), so 5 deploys carry no lead time or batch size\.$/);
      } finally {
        await github.close();
      }
    });
  });
});
