import { HttpClient } from '../../http/createHttpClient';
import { get, text, toEpochMs } from '../normalize';
import { DeployEvent } from '../types';
import { attachShippedChanges, ShippedChanges, ShippedLookup } from './attachShippedChanges';

/** Merge requests read per deploy: GitLab's maximum `per_page`, so one request each. */
export const MERGE_REQUESTS_PER_DEPLOY = 100;

/**
 * What one deployment shipped, from a page of `GET /projects/:id/deployments/:deployment_id/merge_requests`
 * (GitLab's own record of the merge requests each deployment brought to its environment,
 * in the Merge requests API's format): each merge request with a `merged_at` up to
 * `deployEnd`, once. `more` says that GitLab has a next page: the count is a lower bound. Pure.
 *
 * @example
 * parseDeploymentMergeRequests(page, deployEnd, false) // { count: 2, mergeTimes: [...], truncated: false }
 */
export function parseDeploymentMergeRequests(items: unknown, deployEnd: number, more: boolean): ShippedChanges {
  const merged = new Map<string, number>();
  for (const item of Array.isArray(items) ? items : []) {
    const mergedAt = toEpochMs(get(item, 'merged_at'));
    const id = text(get(item, 'id'));
    if (mergedAt !== null && id && mergedAt <= deployEnd) {
      merged.set(id, mergedAt);
    }
  }
  const mergeTimes = [...merged.values()].sort((a, b) => a - b);
  return { count: mergeTimes.length, mergeTimes, truncated: more };
}

export interface ShippedMergeRequestsOptions {
  client: HttpClient;
  /** `/api/v4/projects/<encoded project>`. */
  projectPath: string;
  project: string;
  signal?: AbortSignal;
}

/**
 * The project's deployment events with the merge requests each shipped, one request per
 * deploy (a page of MERGE_REQUESTS_PER_DEPLOY) for the newest MAX_DEPLOYS_WITH_CHANGES; a
 * deploy with more merge requests than one page keeps the page's count as a lower bound.
 *
 * @example
 * const { events, notices } = await attachShippedMergeRequests(deployments, { client, projectPath: '/api/v4/projects/shop%2Fweb', project: 'shop/web' });
 */
export function attachShippedMergeRequests(events: readonly DeployEvent[], options: ShippedMergeRequestsOptions) {
  const lookUpFor = (event: DeployEvent) => {
    // Event ids end with GitLab's deployment id (`gitlab:deployment:<project>:<id>`).
    const id = event.id.slice(event.id.lastIndexOf(':') + 1);
    return event.id.startsWith('gitlab:deployment:') && /^\d+$/.test(id) ? () => lookUp(event, id) : null;
  };
  const lookUp = async (event: DeployEvent, id: string): Promise<ShippedLookup> => {
    const page = await options.client.getJson(`${options.projectPath}/deployments/${id}/merge_requests`, { per_page: MERGE_REQUESTS_PER_DEPLOY }, options.signal);
    if (!page.ok) {
      return { problem: page.error.message };
    }
    if (!Array.isArray(page.data)) {
      return { problem: 'the answer is not a list' };
    }
    // Some GitLab.com answers omit `x-next-page`; a full page may have a next one.
    const more = Boolean(page.response.header('x-next-page')?.trim()) || page.data.length >= MERGE_REQUESTS_PER_DEPLOY;
    return { changes: parseDeploymentMergeRequests(page.data, event.timeEnd ?? event.time, more) };
  };
  return attachShippedChanges(events, lookUpFor, `GitLab: merge requests shipped by deployments of ${options.project}`, options.signal);
}
