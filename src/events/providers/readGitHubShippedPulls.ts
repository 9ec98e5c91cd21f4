import { HttpClient } from '../../http/createHttpClient';
import { get, text, toEpochMs } from '../normalize';

/** Commits read back from a deployed commit: GitHub's maximum for `first`, and the cost cap of one deploy. */
export const COMMITS_PER_DEPLOY = 100;
/** Deploys whose pull requests one read looks up: one GraphQL request each, so at most 50 requests a read. */
export const MAX_DEPLOYS_WITH_PULLS = 50;

/**
 * The pull requests behind a deployed commit: the commits reachable from it since the
 * previous deploy of the same environment (`Commit.history(since:)`), each with the pull
 * request that brought it (`associatedPullRequests`). One request per deploy; about one
 * rate-limit point.
 */
export const GITHUB_SHIPPED_PULLS_QUERY = `query SafeDeployShippedPulls($owner: String!, $name: String!, $oid: GitObjectID!, $since: GitTimestamp!, $first: Int!) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) {
      ... on Commit {
        history(first: $first, since: $since) {
          totalCount
          nodes {
            oid
            associatedPullRequests(first: 1) { nodes { number mergedAt baseRefName } }
          }
        }
      }
    }
  }
}`;

export interface ShippedPulls {
  /** Pull requests merged into the deployed branch after the previous deploy and up to this one. */
  count: number;
  /** Their merge times, epoch ms, oldest first. */
  mergeTimes: number[];
  /** True when the deploy reached past COMMITS_PER_DEPLOY commits: the count is a lower bound. */
  truncated: boolean;
}

/**
 * The pull requests one deploy shipped, from the answer to GITHUB_SHIPPED_PULLS_QUERY: each
 * pull request once, merged into `branch` in (`previousDeployAt`, `deployAt`]. Pure.
 *
 * @example
 * parseShippedPulls(answer, { branch: 'main', previousDeployAt, deployAt }) // { count: 3, mergeTimes: [...], truncated: false }
 */
export function parseShippedPulls(data: unknown, window: { branch: string; previousDeployAt: number; deployAt: number }): ShippedPulls {
  const history = get(data, 'repository', 'object', 'history');
  const nodes = get(history, 'nodes');
  const merged = new Map<number, number>();
  for (const commit of Array.isArray(nodes) ? nodes : []) {
    const pulls = get(commit, 'associatedPullRequests', 'nodes');
    for (const pull of Array.isArray(pulls) ? pulls : []) {
      const number = get(pull, 'number');
      const mergedAt = toEpochMs(get(pull, 'mergedAt'));
      const intoBranch = !window.branch || text(get(pull, 'baseRefName')) === window.branch;
      if (typeof number === 'number' && mergedAt !== null && intoBranch && mergedAt > window.previousDeployAt && mergedAt <= window.deployAt) {
        merged.set(number, mergedAt);
      }
    }
  }
  const total = get(history, 'totalCount');
  const read = Array.isArray(nodes) ? nodes.length : 0;
  const mergeTimes = [...merged.values()].sort((a, b) => a - b);
  return { count: mergeTimes.length, mergeTimes, truncated: typeof total === 'number' && total > read };
}

/**
 * Reads the pull requests each deploy shipped, one GraphQL request per deploy, for at most
 * MAX_DEPLOYS_WITH_PULLS deploys (the newest); null for a deploy not looked up or whose
 * request failed.
 */
export async function readShippedPulls(
  client: HttpClient,
  graphqlUrl: string,
  repo: string,
  deploys: Array<{ sha: string; branch: string; deployAt: number; previousDeployAt: number }>,
  signal?: AbortSignal
): Promise<Array<ShippedPulls | null>> {
  const [owner, name] = repo.split('/');
  const newestFirst = deploys.map((d, i) => ({ d, i })).sort((a, b) => b.d.deployAt - a.d.deployAt);
  const looked = new Set(newestFirst.slice(0, MAX_DEPLOYS_WITH_PULLS).map(({ i }) => i));
  const results: Array<ShippedPulls | null> = deploys.map(() => null);
  for (const i of looked) {
    const deploy = deploys[i];
    if (!/^[0-9a-f]{40}$/i.test(deploy.sha)) {
      continue;
    }
    const variables = { owner, name, oid: deploy.sha, since: new Date(deploy.previousDeployAt).toISOString(), first: COMMITS_PER_DEPLOY };
    const answer = await client.postJson(graphqlUrl, { query: GITHUB_SHIPPED_PULLS_QUERY, variables }, signal, { idempotent: true });
    if (answer.ok && !get(answer.data, 'errors')) {
      results[i] = parseShippedPulls(get(answer.data, 'data'), deploy);
    }
  }
  return results;
}
