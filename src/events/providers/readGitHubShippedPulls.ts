import { HttpClient } from '../../http/createHttpClient';
import { cutScrubbed } from '../../http/cutScrubbed';
import { get, text, toEpochMs } from '../normalize';
import { DeployEvent, EventStatus } from '../types';
import { attachShippedChanges, ShippedChanges, ShippedLookup } from './attachShippedChanges';
import { MAX_GRAPHQL_MESSAGE_LENGTH } from './readGitHubDeploymentsGraphql';

/** Commits read back from a deployed commit: GitHub's maximum for `first`, and the cost cap of one deploy. */
export const COMMITS_PER_DEPLOY = 100;

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

/**
 * The pull requests one deploy shipped, from the answer to GITHUB_SHIPPED_PULLS_QUERY: each
 * pull request once, merged into `branch` (any branch when '') in (`previousDeployAt`,
 * `deployAt`]. `truncated` when the deploy reached past COMMITS_PER_DEPLOY commits. Pure.
 *
 * @example
 * parseShippedPulls(answer, { branch: 'main', previousDeployAt, deployAt }) // { count: 3, mergeTimes: [...], truncated: false }
 */
export function parseShippedPulls(data: unknown, window: { branch: string; previousDeployAt: number; deployAt: number }): ShippedChanges {
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

/** A deployed ref names a branch unless it is a commit or a version tag (`v1.2.3`, `refs/tags/...`), whose pull requests may target any branch. */
export function deployedBranch(ref: string): string {
  return /^[0-9a-f]{40}$/i.test(ref) || ref.startsWith('refs/tags/') || /^v?\d+(\.\d+)*([-+].*)?$/.test(ref) ? '' : ref.replace(/^refs\/heads\//, '');
}

export interface ShippedPullsOptions {
  client: HttpClient;
  /** The GraphQL endpoint, as for the deployments read. */
  graphqlUrl: string;
  repo: string;
  /** The ref each deployment event was made from, by event id. */
  refs: ReadonlyMap<string, string>;
  signal?: AbortSignal;
}

/**
 * The repository's deployment events with the pull requests each shipped: merged after the
 * previous deploy of the same environment that did not fail, up to the deployed commit. One
 * GraphQL request per deploy, for the newest MAX_DEPLOYS_WITH_CHANGES; the oldest deploy of
 * each environment has no previous deploy in the read to count from and is left without.
 *
 * @example
 * const { events, notices } = await attachShippedPulls(deployments, { client, graphqlUrl: '/graphql', repo: 'shop/web', refs });
 */
export function attachShippedPulls(events: readonly DeployEvent[], options: ShippedPullsOptions) {
  const previous = new Map<string, number>();
  const lastIn = new Map<string, number>();
  for (const event of [...events].sort((a, b) => a.time - b.time)) {
    // A repository may deploy several services (payload.service) to one environment.
    const stream = `${event.service}\u0000${event.environment}`;
    const before = lastIn.get(stream);
    if (before !== undefined) {
      previous.set(event.id, before);
    }
    if (event.status === EventStatus.Success || event.status === EventStatus.Unknown) {
      lastIn.set(stream, event.time);
    }
  }
  const [owner, name] = options.repo.split('/');
  const lookUpFor = (event: DeployEvent) => {
    const previousDeployAt = previous.get(event.id);
    return previousDeployAt === undefined || !/^[0-9a-f]{40}$/i.test(event.commit) ? null : () => lookUp(event, previousDeployAt);
  };
  const lookUp = async (event: DeployEvent, previousDeployAt: number): Promise<ShippedLookup> => {
    const variables = { owner, name, oid: event.commit, since: new Date(previousDeployAt).toISOString(), first: COMMITS_PER_DEPLOY };
    const answer = await options.client.postJson(options.graphqlUrl, { query: GITHUB_SHIPPED_PULLS_QUERY, variables }, options.signal, { idempotent: true });
    if (!answer.ok) {
      return { problem: answer.error.message };
    }
    const errors = get(answer.data, 'errors');
    if (Array.isArray(errors) && errors.length > 0) {
      return { problem: `GraphQL: ${cutScrubbed(text(get(errors, 0, 'message')), MAX_GRAPHQL_MESSAGE_LENGTH, options.client.scrub) || 'error'}` };
    }
    const window = { branch: deployedBranch(options.refs.get(event.id) ?? ''), previousDeployAt, deployAt: event.time };
    return { changes: parseShippedPulls(get(answer.data, 'data'), window) };
  };
  return attachShippedChanges(events, lookUpFor, `GitHub: pull requests shipped by deployments of ${options.repo}`, options.signal);
}
