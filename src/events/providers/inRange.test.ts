import { createHttpClient } from '../../http/createHttpClient';
import { RawResponse } from '../../http/types';
import { readEvents } from '../readEvents';
import { readFixture } from '../testing/fixtures';
import { EventSource, EventStatus, GitHubFeed } from '../types';
import { endedBefore, inRange } from './inRange';

const MINUTE = 60_000;
const FROM = Date.parse('2026-12-06T03:00:00Z');
/** "Last 15 minutes". */
const TO = FROM + 15 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

describe('inRange', () => {
  const range = { from: 0, to: 10 };
  it.each([
    ['a point event inside', { time: 5, timeEnd: null, status: EventStatus.Success }, true],
    ['a point event on either bound', { time: 10, timeEnd: null, status: EventStatus.Unknown }, true],
    ['a point event before', { time: -1, timeEnd: null, status: EventStatus.Success }, false],
    ['a point event after', { time: 11, timeEnd: null, status: EventStatus.Success }, false],
    ['a deploy that started before and finished inside', { time: -5, timeEnd: 2, status: EventStatus.Success }, true],
    ['a deploy that started before and finished after', { time: -5, timeEnd: 20, status: EventStatus.Failure }, true],
    ['a deploy that finished exactly at from', { time: -5, timeEnd: 0, status: EventStatus.Success }, true],
    ['a deploy that finished before', { time: -5, timeEnd: -1, status: EventStatus.Success }, false],
    ['a deploy that started before and still runs', { time: -50, timeEnd: null, status: EventStatus.InProgress }, true],
    ['a deploy that starts after the range', { time: 11, timeEnd: null, status: EventStatus.InProgress }, false],
  ])('%s: %p', (_name, event, expected) => {
    expect(inRange(event, range)).toBe(expected);
  });

  it.each([
    [{ time: -5, timeEnd: -1, status: EventStatus.Success }, true],
    [{ time: -5, timeEnd: null, status: EventStatus.Success }, true],
    [{ time: -5, timeEnd: 0, status: EventStatus.Success }, false],
    [{ time: -500, timeEnd: null, status: EventStatus.InProgress }, false],
  ])('endedBefore 0 of %p is %p', (event, expected) => {
    expect(endedBefore(event, 0)).toBe(expected);
  });
});

/** A client whose transport answers each request with `answer(url)` (a body, and optional headers). */
function client(baseUrl: string, answer: (url: URL) => { body: unknown; headers?: Record<string, string> }) {
  const requested: string[] = [];
  const transport = async (url: string): Promise<RawResponse> => {
    requested.push(url);
    const { body, headers = {} } = answer(new URL(url));
    return { status: 200, header: (name) => headers[name.toLowerCase()] ?? null, body: JSON.stringify(body) };
  };
  return { client: createHttpClient({ baseUrl, upstreamUrl: baseUrl, providerName: 'test', transport }), requested };
}

describe('a deploy that started before the range and finished inside it is kept', () => {
  it('GitLab deployment', async () => {
    const [template] = readFixture('gitlab/deployments_list.json') as Array<Record<string, Record<string, unknown>>>;
    const deployment = {
      ...template,
      id: 42,
      status: 'success',
      created_at: iso(FROM - 11 * MINUTE),
      updated_at: iso(FROM + 5 * MINUTE),
      finished_at: iso(FROM + 5 * MINUTE),
      deployable: { ...template.deployable, started_at: iso(FROM - 10 * MINUTE), finished_at: iso(FROM + 5 * MINUTE) },
    };
    const { client: gitlab } = client('https://gitlab.example.com', (url) => ({ body: url.pathname.endsWith('/deployments') ? [deployment] : [] }));
    const batch = await readEvents({ source: EventSource.GitLab, client: gitlab, scope: 'shop/web', range: { from: FROM, to: TO } });
    expect(batch.events.map((e) => [e.id, e.time, e.timeEnd])).toStrictEqual([['gitlab:deployment:shop/web:42', FROM - 10 * MINUTE, FROM + 5 * MINUTE]]);
  });

  it('Argo CD sync', async () => {
    const app = readFixture('argocd/application_get_full.json');
    // The fixture's newest sync ran from 07:33:03 to 07:33:04; the range starts between the two.
    const from = Date.parse('2024-03-05T07:33:03.500Z');
    const { client: argo } = client('https://argocd.example.com', () => ({ body: app }));
    const batch = await readEvents({ source: EventSource.ArgoCD, client: argo, scope: 'velero-test', range: { from, to: from + 15 * MINUTE } });
    expect(batch.events.map((e) => e.id)).toStrictEqual(['argocd:velero-test:23']);
  });

  it('Jenkins builds, paging on past a page whose oldest build started before the range but overlaps it', async () => {
    const job = readFixture('jenkins/job_builds_tree_CONSTRUCTED.json') as { builds: Array<Record<string, unknown>> };
    const build = (number: number, start: number, end: number | null) => ({
      ...job.builds[0],
      number,
      building: end === null,
      result: end === null ? null : 'SUCCESS',
      timestamp: start,
      duration: end === null ? 0 : end - start,
    });
    // Page 1: 99 builds inside the range, then one that started before it and finished inside.
    const page1 = [...Array.from({ length: 99 }, (_, i) => build(300 - i, TO - i * 1000, TO - i * 1000 + 500)), build(201, FROM - MINUTE, FROM + MINUTE)];
    // Page 2: a long build that started earlier still and ran into the range, then one over before it.
    const page2 = [build(200, FROM - 30 * MINUTE, FROM + 2 * MINUTE), build(199, FROM - 40 * MINUTE, FROM - 35 * MINUTE)];
    const { client: jenkins, requested } = client('https://jenkins.example.com', (url) => ({
      body: { builds: (url.searchParams.get('tree') ?? '').endsWith('{0,100}') ? page1 : page2 },
    }));
    const batch = await readEvents({ source: EventSource.Jenkins, client: jenkins, scope: 'payments-deploy', range: { from: FROM, to: TO } });
    const numbers = batch.events.map((e) => Number(e.id.split(':').pop()));
    expect(numbers).toContain(201);
    expect(numbers).toContain(200);
    expect(numbers).not.toContain(199);
    expect(requested).toHaveLength(2);
  });

  it('GitHub workflow run, listed from before the range and paged on while runs still overlap it', async () => {
    const [template] = (readFixture('github/workflow_runs_list.json') as { workflow_runs: Array<Record<string, unknown>> }).workflow_runs;
    const run = (id: number, start: number, end: number | null) => ({
      ...template,
      id,
      created_at: iso(start),
      run_started_at: iso(start),
      updated_at: iso(end ?? start),
      status: end === null ? 'in_progress' : 'completed',
      conclusion: end === null ? null : 'success',
    });
    // Newest first: 99 runs inside the range, then one created before it that is still running.
    const page1 = [...Array.from({ length: 99 }, (_, i) => run(1000 - i, TO - i * 1000, TO - i * 1000 + 500)), run(901, FROM - 20 * MINUTE, null)];
    const page2 = [run(900, FROM - 30 * MINUTE, FROM + 3 * MINUTE), run(899, FROM - 50 * MINUTE, FROM - 45 * MINUTE)];
    const { client: github, requested } = client('https://api.github.com', (url) => {
      const page = url.searchParams.get('page');
      return page === '2'
        ? { body: { total_count: 101, workflow_runs: page2 } }
        : { body: { total_count: 101, workflow_runs: page1 }, headers: { link: '<https://api.github.com/repos/octo/app/actions/runs?per_page=100&page=2>; rel="next"' } };
    });
    const batch = await readEvents({ source: EventSource.GitHub, client: github, scope: 'octo/app', range: { from: FROM, to: TO }, githubFeeds: [GitHubFeed.WorkflowRuns] });
    const ids = batch.events.map((e) => e.id);
    expect(ids).toContain('github:run:octo/app:901:1');
    expect(ids).toContain('github:run:octo/app:900:1');
    expect(ids).not.toContain('github:run:octo/app:899:1');
    // The created= filter starts early enough to list runs still running at the range start.
    expect(new URL(requested[0]).searchParams.get('created')).toBe('2026-12-05..2026-12-07');
  });
});
