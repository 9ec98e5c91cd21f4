/**
 * @jest-environment node
 */
import http from 'http';
import { AddressInfo } from 'net';

import { startFakeGitHub } from '../../../preview/demo/fakeGitHub.mjs';
import { fetchTransport } from '../../cli/fetchTransport';
import { routeHeaders } from '../../cli/routeHeaders';
import { createHttpClient } from '../../http/createHttpClient';
import { readEvents } from '../readEvents';
import { EventSource } from '../types';
import { MAX_DEPLOYS_WITH_CHANGES } from './attachShippedChanges';
import { githubGraphqlUrl } from './githubGraphqlUrl';
import { parseDeployment } from './readGitHub';
import { graphqlDeploymentToRest } from './readGitHubDeploymentsGraphql';

const TOKEN = 'ghp_graphqlTest0123456789abcdefghij';
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20);

interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  description?: string;
  creator?: string;
  createdAt: number;
  payload?: Record<string, unknown>;
  statuses: Array<{ id: number; state: string; createdAt: number; description?: string; logUrl?: string }>;
}

/** Deployments an hour apart, newest first, with the status histories GitHub produces. */
function deployments(count: number): FakeDeployment[] {
  let statusId = 1;
  return Array.from({ length: count }, (_, i) => {
    const at = NOW - i * HOUR - 60_000;
    const outcome = i % 7 === 3 ? 'failure' : i % 11 === 5 ? 'error' : 'success';
    const history = [
      { id: statusId++, state: 'queued', createdAt: at + 1_000 },
      { id: statusId++, state: 'in_progress', createdAt: at + 2_000, description: 'rolling out' },
      { id: statusId++, state: outcome, createdAt: at + 30_000, description: `${outcome} after 28 s`, logUrl: `https://ci.example.com/runs/${i}` },
    ];
    if (i > 0) {
      // replaced by the next deployment: GitHub adds an inactive status, newest of all
      history.push({ id: statusId++, state: 'inactive', createdAt: at + HOUR, description: 'superseded' });
    }
    return {
      id: 5000 - i,
      sha: (5000 - i).toString(16).padStart(40, '0'),
      // every tenth deployment was made from a bare commit: GitHub's GraphQL has no ref for it
      ref: i % 10 === 9 ? (5000 - i).toString(16).padStart(40, '0') : `v${5000 - i}`,
      environment: i % 2 ? 'staging' : 'production',
      description: i % 3 ? `Deploy number ${i}` : undefined,
      creator: i % 4 ? 'octocat' : 'hubot',
      createdAt: at,
      payload: i % 5 ? { service: `svc-${i % 3}` } : {},
      statuses: i % 13 === 12 ? [] : history,
    };
  });
}

function client(url: string) {
  return createHttpClient({ baseUrl: url, upstreamUrl: url, providerName: 'GitHub', transport: fetchTransport(routeHeaders(EventSource.GitHub, TOKEN)) });
}

function read(url: string, options: { from: number; environment?: string; graphql?: boolean; maxPages?: number }) {
  return readEvents({
    source: EventSource.GitHub,
    client: client(url),
    scope: 'shop/web',
    environment: options.environment,
    range: { from: options.from, to: NOW },
    maxPages: options.maxPages,
    githubGraphqlUrl: options.graphql === false ? null : githubGraphqlUrl(url),
    // As the release health pages read: with what each deploy shipped.
    shippedChanges: true,
  });
}

describe('GitHub deployments through GraphQL', () => {
  it('gives exactly the events the REST path gives on the same data', async () => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(260) }, token: TOKEN });
    try {
      const viaRest = await read(github.url, { from: NOW - 230 * HOUR, graphql: false });
      const viaGraphql = await read(github.url, { from: NOW - 230 * HOUR });
      expect(viaGraphql.events.length).toBeGreaterThan(200);
      // the same deployments; only GraphQL reads the pull requests each shipped
      const withoutChanges = viaGraphql.events.map(({ mergedChanges, mergeTimes, mergedChangesLowerBound, ...event }) => event);
      expect(withoutChanges).toStrictEqual(viaRest.events);
      expect(viaGraphql.events.filter((e) => e.mergedChanges !== undefined)).toHaveLength(MAX_DEPLOYS_WITH_CHANGES);
      // the data has every case: failures, superseded deployments, bare commits, no statuses
      const statuses = new Set(viaGraphql.events.map((e) => e.status));
      expect(statuses).toStrictEqual(new Set(['success', 'failure', 'unknown']));
      expect(viaGraphql.events.some((e) => /^Deploy [0-9a-f]{40} to/.test(e.title))).toBe(true);
    } finally {
      await github.close();
    }
  });

  it('reads 100 deployments with their statuses per request and says GraphQL was used', async () => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(250) }, token: TOKEN });
    try {
      const batch = await read(github.url, { from: NOW - 300 * HOUR });
      expect(batch.events).toHaveLength(250);
      // three pages of deployments, then one request per deploy for the pull requests it shipped, capped
      expect(github.stats.graphqlRequests - github.stats.shippedPullsRequests).toBe(3);
      expect(github.stats.shippedPullsRequests).toBe(MAX_DEPLOYS_WITH_CHANGES);
      expect(github.stats.requests).toBe(3 + MAX_DEPLOYS_WITH_CHANGES);
      expect(github.stats.authorization.every((a: string) => a === `Bearer ${TOKEN}`)).toBe(true);
      expect(batch.notices).toHaveLength(2);
      expect(batch.notices).toContainEqual({ severity: 'info', text: 'GitHub: read deployments of shop/web via GraphQL.' });
      expect(batch.notices).toContainEqual({ severity: 'warning', text: expect.stringContaining(`looked up for the newest ${MAX_DEPLOYS_WITH_CHANGES} deploys only`) });
    } finally {
      await github.close();
    }
  });

  it('stops at the first page older than the range and passes the environment to GitHub', async () => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(600) }, token: TOKEN });
    try {
      const batch = await read(github.url, { from: NOW - 150 * HOUR, environment: 'staging' });
      expect(batch.events.length).toBe(75);
      expect(batch.events.every((e) => e.environment === 'staging')).toBe(true);
      expect(github.stats.graphqlRequests - github.stats.shippedPullsRequests).toBe(1);
    } finally {
      await github.close();
    }
  });

  it('falls back to REST on a server without GraphQL, and says why', async () => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(30) }, token: TOKEN, graphql: false });
    try {
      const batch = await read(github.url, { from: NOW - 40 * HOUR });
      expect(batch.events).toHaveLength(30);
      expect(github.stats.listRequests).toBe(1);
      expect(batch.notices).toHaveLength(2);
      expect(batch.notices).toContainEqual({ severity: 'info', text: 'GitHub: read deployments of shop/web via REST (GraphQL unavailable: HTTP 404).' });
      // the pull requests are tried once through GraphQL too, and their absence said once
      expect(batch.notices).toContainEqual({ severity: 'error', text: expect.stringMatching(/^GitHub: pull requests shipped by deployments of shop\/web could not be read/) });
    } finally {
      await github.close();
    }
  });

  it('falls back to REST when GraphQL answers with errors, and REST explains a repository it cannot find', async () => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(3) }, token: TOKEN });
    try {
      const batch = await readEvents({
        source: EventSource.GitHub,
        client: client(github.url),
        scope: 'shop/gone',
        range: { from: NOW - 10 * HOUR, to: NOW },
        githubGraphqlUrl: githubGraphqlUrl(github.url),
      });
      expect(batch.events).toStrictEqual([]);
      expect(batch.notices.map((n) => n.severity)).toStrictEqual(['error', 'info']);
      expect(batch.notices[0].text).toBe(
        'GitHub returned 404 for /repos/shop/gone/deployments (Not Found): check the scope (repository, project, job or application name) and that the token can see it.'
      );
      expect(batch.notices[1].text).toBe(
        "GitHub: read deployments of shop/gone via REST (GraphQL unavailable: GraphQL answered with 1 error (Could not resolve to a Repository with the name 'shop/gone'.))."
      );
    } finally {
      await github.close();
    }
  });

  it('does not retry a rejected token through REST', async () => {
    const github = await startFakeGitHub({ repos: { 'shop/web': deployments(3) }, token: 'another-token' });
    try {
      const batch = await read(github.url, { from: NOW - 10 * HOUR });
      expect(github.stats.requests).toBe(1);
      expect(batch.notices).toStrictEqual([
        { severity: 'error', text: 'GitHub returned 401 for /graphql (Bad credentials): the token in the data source settings is missing, wrong or expired.' },
      ]);
    } finally {
      await github.close();
    }
  });

  describe('edge cases', () => {
    it('keeps the pages read before a later page fails, and does not read them again through REST', async () => {
      let posts = 0;
      const fake = await startFakeGitHub({ repos: { 'shop/web': deployments(250) }, token: TOKEN });
      // a proxy in front of the fake whose second GraphQL answer is a 502
      const server = http.createServer((req, res) => {
        if (req.method === 'POST' && ++posts >= 2) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end('{"message":"Bad Gateway"}');
          return;
        }
        req.pipe(http.request(`${fake.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const batch = await read(url, { from: NOW - 300 * HOUR });
        expect(batch.events).toHaveLength(100);
        expect(fake.stats.listRequests).toBe(0);
        expect(batch.notices.map((n) => n.severity)).toStrictEqual(['error', 'info']);
        expect(batch.notices[0].text).toMatch(/^GitHub returned 502 for \/graphql .*\(1 page of deployments of shop\/web \(GraphQL\) read before it are kept\)$/);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await fake.close();
      }
    });

    it('finds the newest decisive status whichever order GitHub lists statuses in', () => {
      const node = {
        databaseId: 9,
        createdAt: '2026-01-05T10:00:00Z',
        commitOid: 'a'.repeat(40),
        ref: { name: 'main' },
        environment: 'production',
        payload: '{"service":"checkout","version":"1.4.2"}',
        creator: { login: 'octocat' },
        statusesFirst: { nodes: [{ state: 'PENDING', createdAt: '2026-01-05T10:00:05Z' }, { state: 'FAILURE', createdAt: '2026-01-05T10:03:00Z', logUrl: 'https://ci.example.com/9' }] },
        statusesLast: { nodes: [{ state: 'INACTIVE', createdAt: '2026-01-05T12:00:00Z' }, { state: 'FAILURE', createdAt: '2026-01-05T10:03:00Z', logUrl: 'https://ci.example.com/9' }] },
      };
      const reversed = { ...node, statusesFirst: { nodes: [...node.statusesLast.nodes].reverse() }, statusesLast: { nodes: [...node.statusesFirst.nodes].reverse() } };
      const events = [node, reversed].map((n) => {
        const { item, statuses } = graphqlDeploymentToRest(n);
        return parseDeployment(item, statuses, 'shop/web');
      });
      expect(events[0]).toStrictEqual(events[1]);
      expect(events[0]).toMatchObject({
        id: 'github:deployment:shop/web:9',
        time: Date.parse('2026-01-05T10:03:00Z'),
        status: 'failure',
        service: 'checkout',
        version: '1.4.2',
        url: 'https://ci.example.com/9',
      });
    });

    it('keeps a payload that is not JSON as text, and skips a node without databaseId', () => {
      const { item } = graphqlDeploymentToRest({ databaseId: 1, createdAt: '2026-01-05T10:00:00Z', commitOid: 'b'.repeat(40), payload: 'not json' });
      expect(item).toMatchObject({ payload: 'not json', ref: 'b'.repeat(40) });
      const missing = graphqlDeploymentToRest({ createdAt: '2026-01-05T10:00:00Z' });
      expect(parseDeployment(missing.item, missing.statuses, 'shop/web')).toBe('missing id');
    });

    it.each([
      ['https://api.github.com', 'https://api.github.com/graphql'],
      ['https://api.github.com/', 'https://api.github.com/graphql'],
      ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api/graphql'],
      ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/graphql'],
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/graphql'],
      ['not a url', null],
    ])('maps the REST base %s to the GraphQL endpoint %s', (rest, graphql) => {
      expect(githubGraphqlUrl(rest)).toBe(graphql);
    });
  });
});
