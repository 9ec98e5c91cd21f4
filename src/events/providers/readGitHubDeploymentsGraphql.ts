import { cutScrubbed } from '../../http/cutScrubbed';
import { Scrubber } from '../../http/createScrubber';
import { get, isRecord, text, toEpochMs } from '../normalize';
import { oldestTime } from './oldestTime';
import { PagesRead, readPages } from './readPages';
import { ProviderRequest } from './types';

/** A GraphQL error's message is kept to this many characters in the notice that quotes it. */
export const MAX_GRAPHQL_MESSAGE_LENGTH = 200;
/** Deployments per GraphQL page: GitHub's maximum for `first`. */
const PAGE_SIZE = 100;
/**
 * Statuses read from each end of a deployment's status list. GitHub's schema does not say in
 * which order `statuses` come, so the query asks for both ends: the newest ones are among
 * them either way. A deployment rarely has more than four (queued, in progress, its outcome,
 * inactive once replaced). Cost: 100 + 2 x 100 x 10 nodes per page, about 2 rate-limit points.
 */
const STATUSES_PER_END = 10;

/**
 * One page of a repository's deployments, newest first, each with the statuses the REST path
 * would read. Field names as in GitHub's GraphQL schema (`Repository.deployments`,
 * `Deployment.databaseId`/`commitOid`/`payload`, `DeploymentStatus.logUrl`/`environmentUrl`).
 * `$environments` is left out of the variables to list every environment.
 */
export const GITHUB_DEPLOYMENTS_QUERY = `query SafeDeployDeployments($owner: String!, $name: String!, $first: Int!, $after: String, $environments: [String!]) {
  repository(owner: $owner, name: $name) {
    deployments(first: $first, after: $after, environments: $environments, orderBy: { field: CREATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        databaseId createdAt environment task description payload commitOid
        ref { name }
        creator { login }
        statusesFirst: statuses(first: ${STATUSES_PER_END}) { nodes { ...SafeDeployStatus } }
        statusesLast: statuses(last: ${STATUSES_PER_END}) { nodes { ...SafeDeployStatus } }
      }
    }
  }
}
fragment SafeDeployStatus on DeploymentStatus { state createdAt description logUrl environmentUrl }`;

/** A deployment in the REST API's shape with its statuses, so both paths parse the same way. */
export interface RestDeployment {
  item: unknown;
  statuses: unknown[];
}

export interface GraphqlReadOptions {
  repo: string;
  request: ProviderRequest;
  /** The GraphQL endpoint: `/graphql` under the data-proxy route, or GitHub's absolute URL. */
  url: string;
  /** Listing stops at the first page whose oldest deployment was created before this (epoch ms). */
  stopBefore: number;
  onPage: (deployments: RestDeployment[]) => void | Promise<void>;
}

export interface GraphqlRead extends PagesRead {
  /** Pages whose deployments reached `onPage`; 0 means nothing was read and REST can take over cleanly. */
  delivered: number;
  /** Why the walk ended early, in a few words (`HTTP 404`, the first GraphQL error); absent when it did not. */
  problem?: string;
}

/**
 * Reads a repository's deployments through GitHub's GraphQL API: one POST per 100 deployments,
 * their statuses included, walking `endCursor` through the provider kit (page limit, loops,
 * failures, deadline). A GraphQL `errors` list ends the walk with an error notice, as a failed
 * page does.
 *
 * @example
 * const read = await readGitHubDeploymentsGraphql({ repo: 'shop/web', request, url: '/graphql', stopBefore: from, onPage });
 * if (!read.complete && read.delivered === 0) { // GraphQL unavailable: read REST instead }
 */
export async function readGitHubDeploymentsGraphql(options: GraphqlReadOptions): Promise<GraphqlRead> {
  const { repo, request, url } = options;
  const [owner, name] = repo.split('/');
  const variables: Record<string, unknown> = { owner, name, first: PAGE_SIZE, after: null };
  if (request.environment) {
    variables.environments = [request.environment];
  }
  let delivered = 0;
  let problem: string | undefined;
  const read = await readPages({
    client: request.client,
    what: `deployments of ${repo} (GraphQL)`,
    first: { url, graphql: { query: GITHUB_DEPLOYMENTS_QUERY, variables } },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => {
      const deployments = graphqlDeployments(data, repo, request.client.scrub);
      problem = typeof deployments === 'string' ? deployments : undefined;
      return deployments;
    },
    // GitHub hands out a new cursor per page: only the deployments tell a repeated page.
    itemKey: (deployment) => text(get((deployment as RestDeployment).item, 'id')),
    onItems: async (items) => {
      const deployments = items as RestDeployment[];
      delivered++;
      await options.onPage(deployments);
      const oldest = oldestTime(deployments, (d) => toEpochMs(get(d.item, 'created_at')));
      return oldest !== null && oldest < options.stopBefore ? 'stop' : undefined;
    },
    nextPage: (page) => {
      const info = get(page.data, 'data', 'repository', 'deployments', 'pageInfo');
      const cursor = get(info, 'endCursor');
      return get(info, 'hasNextPage') === true && typeof cursor === 'string' && cursor !== ''
        ? { url, graphql: { query: GITHUB_DEPLOYMENTS_QUERY, variables: { ...variables, after: cursor } } }
        : null;
    },
  });
  if (read.failure) {
    problem = read.failure.status !== null ? `HTTP ${read.failure.status}` : read.failure.kind;
  }
  return read.complete ? { ...read, delivered } : { ...read, delivered, problem };
}

/**
 * The deployments of one GraphQL answer in REST shape, or a sentence saying why there are none
 * (GraphQL `errors`, a missing repository, an answer of another shape).
 */
export function graphqlDeployments(data: unknown, repo: string, scrub: Scrubber): RestDeployment[] | string {
  const errors = get(data, 'errors');
  if (Array.isArray(errors) && errors.length > 0) {
    const first = cutScrubbed(text(get(errors, 0, 'message')), MAX_GRAPHQL_MESSAGE_LENGTH, scrub);
    return `GraphQL answered with ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? ` (${first})` : ''}`;
  }
  if (get(data, 'data', 'repository') === null) {
    return `GraphQL found no repository ${repo} (check the name and that the token can see it)`;
  }
  const nodes = get(data, 'data', 'repository', 'deployments', 'nodes');
  if (!Array.isArray(nodes)) {
    return 'the GraphQL answer has no deployments list';
  }
  return nodes.map(graphqlDeploymentToRest);
}

/**
 * A GraphQL `Deployment` node as the REST API would give it (`databaseId` as `id`, `commitOid`
 * as `sha`, upper-case states in lower case, `payload` parsed from its JSON text). A
 * deployment made from a commit rather than a ref has no `ref` in GraphQL; REST names the
 * commit then, and so does this.
 *
 * @example
 * graphqlDeploymentToRest({ databaseId: 7, createdAt: '2026-01-05T10:00:00Z', commitOid: 'abc', ref: { name: 'main' }, statusesLast: { nodes: [{ state: 'SUCCESS', createdAt: '2026-01-05T10:02:00Z' }] } })
 * // { item: { id: 7, created_at: '2026-01-05T10:00:00Z', sha: 'abc', ref: 'main', ... }, statuses: [{ state: 'success', created_at: '2026-01-05T10:02:00Z', ... }] }
 */
export function graphqlDeploymentToRest(node: unknown): RestDeployment {
  if (!isRecord(node)) {
    return { item: node, statuses: [] };
  }
  const statuses: unknown[] = [];
  for (const key of ['statusesFirst', 'statusesLast']) {
    const list = get(node, key, 'nodes');
    for (const status of Array.isArray(list) ? list : []) {
      statuses.push(
        isRecord(status)
          ? {
              state: text(status.state).toLowerCase(),
              created_at: status.createdAt,
              description: status.description ?? '',
              log_url: status.logUrl ?? '',
              environment_url: status.environmentUrl ?? '',
            }
          : status
      );
    }
  }
  return {
    item: {
      id: node.databaseId,
      created_at: node.createdAt,
      environment: node.environment ?? null,
      ref: text(get(node, 'ref', 'name')) || text(node.commitOid),
      sha: node.commitOid ?? '',
      task: node.task ?? '',
      description: node.description ?? null,
      payload: parsePayload(node.payload),
      creator: isRecord(node.creator) ? { login: node.creator.login } : null,
    },
    statuses,
  };
}

/** GraphQL gives the payload as JSON text; REST as the object. Text that is not JSON stays text. */
function parsePayload(payload: unknown): unknown {
  if (typeof payload !== 'string') {
    return payload ?? {};
  }
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}
