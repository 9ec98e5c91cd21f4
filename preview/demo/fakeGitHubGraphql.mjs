// The GraphQL side of the GitHub-shaped test server: answers the two queries SafeDeploy sends
// (a repository's deployments, newest first, 100 a page, with both ends of each status list;
// and the commits behind one deployed commit with their pull requests) from the same
// deployments as the REST side, in the shapes of GitHub's GraphQL API. No GraphQL engine: the
// query is checked for the selections SafeDeploy makes, and anything else gets a GraphQL
// error, as GitHub answers a query it cannot run (HTTP 200 with `errors`).

/** Selections the answer is built for; a query without all of them is refused. */
const EXPECTED = [
  /repository\(owner:\s*\$owner,\s*name:\s*\$name\)/,
  /deployments\(first:\s*\$first,\s*after:\s*\$after,\s*environments:\s*\$environments,\s*orderBy:\s*\{\s*field:\s*CREATED_AT,\s*direction:\s*DESC\s*\}\)/,
  /pageInfo\s*\{\s*hasNextPage\s+endCursor\s*\}/,
  /databaseId\s+createdAt\s+environment\s+task\s+description\s+payload\s+commitOid/,
  /ref\s*\{\s*name\s*\}/,
  /creator\s*\{\s*login\s*\}/,
  /fragment SafeDeployStatus on DeploymentStatus\s*\{\s*state\s+createdAt\s+description\s+logUrl\s+environmentUrl\s*\}/,
];
/** Selections of the shipped-pulls query (`Commit.history` with `associatedPullRequests`). */
const SHIPPED_PULLS = [
  /object\(oid:\s*\$oid\)/,
  /history\(first:\s*\$first,\s*since:\s*\$since\)/,
  /totalCount/,
  /associatedPullRequests\(first:\s*1\)\s*\{\s*nodes\s*\{\s*number\s+mergedAt\s+baseRefName\s*\}\s*\}/,
];
const STATUS_ENDS = /statusesFirst:\s*statuses\(first:\s*(\d+)\)[\s\S]*statusesLast:\s*statuses\(last:\s*(\d+)\)/;

const encodeCursor = (offset) => Buffer.from(`cursor:v2:${offset}`).toString('base64');
function decodeCursor(cursor) {
  const match = Buffer.from(String(cursor), 'base64').toString('utf8').match(/^cursor:v2:(\d+)$/);
  return match ? Number(match[1]) : null;
}

const error = (message, type) => ({ status: 200, body: { errors: [{ ...(type ? { type } : {}), message, locations: [] }] } });

/**
 * Answers one POST /graphql body. `sorted` maps `owner/repo` to deployments newest first (the
 * REST side's list); `iso` formats epoch ms as GitHub does. Returns `{ status, body }`.
 */
export function answerGraphql(rawBody, sorted, iso) {
  let request;
  try {
    request = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' } };
  }
  const query = typeof request?.query === 'string' ? request.query : '';
  if (SHIPPED_PULLS.every((pattern) => pattern.test(query))) {
    return answerShippedPulls(request.variables ?? {}, sorted, iso);
  }
  const ends = query.match(STATUS_ENDS);
  if (!ends || EXPECTED.some((pattern) => !pattern.test(query))) {
    return error('This test server answers only the deployments query SafeDeploy sends.');
  }
  const variables = request.variables ?? {};
  const { owner, name, first, after, environments } = variables;
  if (typeof owner !== 'string' || typeof name !== 'string' || !Number.isInteger(first)) {
    return error("Variable $owner, $name or $first of type String!/Int! was provided invalid value");
  }
  if (first < 1 || first > 100) {
    return error(`Requesting ${first} records on the \`deployments\` connection exceeds the \`first\` limit of 100 records.`, 'EXCESSIVE_PAGINATION');
  }
  const all = sorted[`${owner}/${name}`];
  if (!all) {
    return { status: 200, body: { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: `Could not resolve to a Repository with the name '${owner}/${name}'.` }] } };
  }
  const start = after == null ? 0 : decodeCursor(after);
  if (start === null) {
    return error(`\`${after}\` does not appear to be a valid cursor.`);
  }
  const filtered = Array.isArray(environments) ? all.filter((d) => environments.includes(d.environment)) : all;
  const page = filtered.slice(start, start + first);
  const [firstCount, lastCount] = [Number(ends[1]), Number(ends[2])];
  const statusJson = (s) => ({ state: String(s.state).toUpperCase(), createdAt: iso(s.createdAt), description: s.description ?? null, logUrl: s.logUrl ?? null, environmentUrl: null });
  const node = (d) => {
    // Oldest first, as a connection ordered by id; SafeDeploy reads both ends, so the order cannot matter.
    const statuses = [...d.statuses].sort((a, b) => a.createdAt - b.createdAt).map(statusJson);
    return {
      databaseId: d.id,
      createdAt: iso(d.createdAt),
      environment: d.environment,
      task: 'deploy',
      description: d.description ?? null,
      payload: JSON.stringify(d.payload ?? {}),
      commitOid: d.sha,
      // GitHub resolves the deployment's ref among the repository's refs: a bare commit has none.
      ref: /^[0-9a-f]{40}$/.test(d.ref) ? null : { name: d.ref },
      creator: { login: d.creator ?? 'octocat' },
      statusesFirst: { nodes: statuses.slice(0, firstCount) },
      statusesLast: { nodes: statuses.slice(Math.max(0, statuses.length - lastCount)) },
    };
  };
  const end = start + page.length;
  return {
    status: 200,
    body: {
      data: {
        repository: {
          deployments: {
            pageInfo: { hasNextPage: end < filtered.length, endCursor: page.length ? encodeCursor(end) : null },
            nodes: page.map(node),
          },
        },
      },
    },
  };
}

/** A stable 40-hex id for a made-up commit. */
const oidOf = (text) => Buffer.from(text).toString('hex').padEnd(40, '0').slice(0, 40);

/**
 * The pull requests `deployment` shipped since `from` (epoch ms), merge times in whole
 * seconds as GitHub gives them. The demo has no git history, so they are made up, the same
 * way every time: a redeploy of an earlier ref (a rollback) ships nothing; any other deploy
 * one to four pull requests into `main`, merged evenly between `from` and its creation. A
 * deployment's `pulls: [{ number, mergedAt }]` replaces the made-up ones. Exported so tests
 * can say what the demo should show.
 */
export function shippedPulls(deployment, all, from) {
  const redeploy = all.some((d) => d.ref === deployment.ref && d.createdAt < deployment.createdAt);
  const count = 1 + (deployment.id % 4);
  const pulls =
    deployment.pulls ??
    (redeploy ? [] : Array.from({ length: count }, (_, j) => ({ number: deployment.id * 10 + j, mergedAt: from + ((deployment.createdAt - from) * (j + 1)) / (count + 1) })));
  return pulls.map((p) => ({ ...p, mergedAt: Math.floor(p.mergedAt / 1000) * 1000 })).filter((p) => p.mergedAt > from);
}

/**
 * The commits a deployed commit brought since `$since`, with the pull request of each: one or
 * two commits per pull request from `shippedPulls`, and on every third deploy a commit pushed
 * straight to the branch.
 */
function answerShippedPulls(variables, sorted, iso) {
  const { owner, name, oid, since, first } = variables;
  if (typeof owner !== 'string' || typeof name !== 'string' || typeof oid !== 'string' || !Number.isInteger(first) || Number.isNaN(Date.parse(since))) {
    return error('Variable $owner, $name, $oid, $since or $first was provided invalid value');
  }
  if (first < 1 || first > 100) {
    return error(`Requesting ${first} records on the \`history\` connection exceeds the \`first\` limit of 100 records.`, 'EXCESSIVE_PAGINATION');
  }
  const all = sorted[`${owner}/${name}`];
  if (!all) {
    return { status: 200, body: { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: `Could not resolve to a Repository with the name '${owner}/${name}'.` }] } };
  }
  const deployment = all.find((d) => d.sha === oid);
  if (!deployment) {
    return { status: 200, body: { data: { repository: { object: null } } } };
  }
  const from = Date.parse(since);
  const redeploy = all.some((d) => d.ref === deployment.ref && d.createdAt < deployment.createdAt);
  const nodes = [];
  for (const pull of shippedPulls(deployment, all, from).sort((a, b) => b.mergedAt - a.mergedAt)) {
    const associated = { nodes: [{ number: pull.number, mergedAt: iso(pull.mergedAt), baseRefName: 'main' }] };
    for (let c = 0; c < 1 + (pull.number % 2); c++) {
      nodes.push({ oid: oidOf(`${pull.number}:${c}`), associatedPullRequests: associated });
    }
  }
  if (!redeploy && deployment.id % 3 === 0) {
    nodes.push({ oid: oidOf(`direct:${deployment.id}`), associatedPullRequests: { nodes: [] } });
  }
  const history = { totalCount: nodes.length, nodes: nodes.slice(0, first) };
  return { status: 200, body: { data: { repository: { object: { history } } } } };
}
