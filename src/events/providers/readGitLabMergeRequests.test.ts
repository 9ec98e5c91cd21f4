import { readFixture } from '../testing/fixtures';
import { recordingClient } from '../testing/recordingClient';
import { MAX_DEPLOYS_WITH_CHANGES } from './attachShippedChanges';
import { readGitLab } from './readGitLab';
import { MERGE_REQUESTS_PER_DEPLOY, parseDeploymentMergeRequests } from './readGitLabMergeRequests';

// GitLab's own examples (tests/fixtures/ci/README.md): "List project deployments" and the
// Merge requests API's list format, which the deployment merge-requests endpoint answers in.
const deploymentsPage = readFixture('gitlab/deployments_list.json') as Array<Record<string, unknown>>;
const mergeRequests = readFixture('gitlab/deployment_merge_requests_list.json') as Array<Record<string, unknown>>;
const MERGED_AT = Date.parse('2018-09-07T11:16:17.520Z');
const HOUR = 3_600_000;

/**
 * `count` successful deployments an hour apart after the example merge request was merged:
 * the example deployment with its id, times and status changed (the documented example is
 * from 2016 and still `created`).
 */
function deployments(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(MERGED_AT + (count - i) * HOUR).toISOString();
    return { ...deploymentsPage[0], id: 100 + i, status: 'success', created_at: at, updated_at: at, deployable: { ...(deploymentsPage[0].deployable as object), started_at: at, finished_at: at } };
  });
}

function read(count: number, answer?: (pathname: string) => unknown, shippedChanges = true) {
  const list = deployments(count);
  const { client, requested } = recordingClient('https://gitlab.example.com', (pathname) => {
    if (answer) {
      const custom = answer(pathname);
      if (custom !== undefined) {
        return custom;
      }
    }
    if (pathname.endsWith('/deployments')) {
      return list;
    }
    return pathname.endsWith('/merge_requests') ? mergeRequests : [];
  });
  const range = { from: MERGED_AT, to: MERGED_AT + (count + 1) * HOUR };
  return readGitLab({ client, scope: 'my-group/my-project', range, maxPages: 10, shippedChanges }).then((batch) => ({ batch, requested }));
}

describe('merge requests a GitLab deploy shipped', () => {
  it('counts each merged merge request once, with its merge time', () => {
    expect(parseDeploymentMergeRequests([...mergeRequests, ...mergeRequests], MERGED_AT + HOUR, false)).toStrictEqual({ count: 1, mergeTimes: [MERGED_AT], truncated: false });
  });

  it('asks GitLab for the merge requests of each deployment and attaches them', async () => {
    const { batch, requested } = await read(2);
    const paths = requested.map((url) => new URL(url).pathname + new URL(url).search);
    expect(paths.filter((p) => p.includes('/merge_requests'))).toStrictEqual([
      `/api/v4/projects/my-group%2Fmy-project/deployments/100/merge_requests?per_page=${MERGE_REQUESTS_PER_DEPLOY}`,
      `/api/v4/projects/my-group%2Fmy-project/deployments/101/merge_requests?per_page=${MERGE_REQUESTS_PER_DEPLOY}`,
    ]);
    const deploys = batch.events.filter((e) => e.kind === 'deploy');
    expect(deploys.map((e) => [e.id, e.mergedChanges, e.mergeTimes, e.mergedChangesLowerBound])).toStrictEqual([
      ['gitlab:deployment:my-group/my-project:100', 1, [MERGED_AT], false],
      ['gitlab:deployment:my-group/my-project:101', 1, [MERGED_AT], false],
    ]);
    expect(batch.notices).toStrictEqual([]);
  });

  it.each([
    [1, 2 + 1],
    [MAX_DEPLOYS_WITH_CHANGES, 2 + MAX_DEPLOYS_WITH_CHANGES],
    [MAX_DEPLOYS_WITH_CHANGES + 15, 2 + MAX_DEPLOYS_WITH_CHANGES],
  ])('a read of %i deploys makes %i requests (deployments, pipelines, one per deploy up to the cap)', async (count, requests) => {
    const { batch, requested } = await read(count);
    expect(requested).toHaveLength(requests);
    expect(batch.events.filter((e) => e.mergedChanges !== undefined)).toHaveLength(Math.min(count, MAX_DEPLOYS_WITH_CHANGES));
    const left = count - MAX_DEPLOYS_WITH_CHANGES;
    expect(batch.notices.map((n) => n.text)).toStrictEqual(
      left > 0
        ? [
            `GitLab: merge requests shipped by deployments of my-group/my-project were looked up for the newest ${MAX_DEPLOYS_WITH_CHANGES} deploys only (one request each); ${left} deploys carry no lead time or batch size. Narrow the time range to include them.`,
          ]
        : []
    );
  });

  describe('edge cases', () => {
    it('leaves out merge requests not merged, or merged after the deploy ended', () => {
      const open = { ...mergeRequests[0], id: 2, state: 'opened', merged_at: null };
      const later = { ...mergeRequests[0], id: 3, merged_at: '2018-09-07T13:00:00Z' };
      expect(parseDeploymentMergeRequests([mergeRequests[0], open, later], MERGED_AT + HOUR, false)).toStrictEqual({ count: 1, mergeTimes: [MERGED_AT], truncated: false });
    });

    it('marks a full page as a lower bound (GitLab may omit the next-page header)', async () => {
      const page = Array.from({ length: MERGE_REQUESTS_PER_DEPLOY }, (_, i) => ({ ...mergeRequests[0], id: i + 1 }));
      const { batch } = await read(1, (pathname) => (pathname.endsWith('/merge_requests') ? page : undefined));
      expect(batch.events.find((e) => e.kind === 'deploy')).toMatchObject({ mergedChanges: 100, mergedChangesLowerBound: true });
    });

    it('asks for no merge requests when the read does not want them (variable values, the gate)', async () => {
      const { batch, requested } = await read(3, undefined, false);
      expect(requested).toHaveLength(2);
      expect(batch.events.filter((e) => e.kind === 'deploy' && e.mergedChanges === undefined)).toHaveLength(3);
    });

    it('keeps the deploys and says once when the merge requests cannot be read', async () => {
      const { batch, requested } = await read(5, (pathname) => (pathname.endsWith('/merge_requests') ? null : undefined));
      expect(batch.events.filter((e) => e.kind === 'deploy')).toHaveLength(5);
      expect(requested.filter((url) => url.includes('/merge_requests'))).toHaveLength(1);
      expect(batch.notices).toHaveLength(1);
      expect(batch.notices[0].severity).toBe('error');
      expect(batch.notices[0].text).toMatch(/^GitLab: merge requests shipped by deployments of my-group\/my-project could not be read \(.*404.*\), so 5 deploys carry no lead time or batch size\.$/);
    });
  });
});
