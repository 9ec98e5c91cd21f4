/**
 * @jest-environment node
 */
import { assertBuilt, runCli } from './gate/testing/runCli';
import { Answer, Loopback, prometheusMatrix, serveLoopback } from './testing/serveLoopback';

/**
 * The built command line (bin/safedeploy.js) against servers that lose a page under the gate,
 * echo tokens where a cut or a parser splits them, send samples that are not numbers, repeat
 * their pages, or list 40,000 workloads. Each server runs on a loopback port; payload shapes are
 * CONSTRUCTED after each API's documentation (Kubernetes apps/v1 lists, Prometheus
 * /api/v1/query_range, GitHub GraphQL `Repository.deployments` and REST deployments, GitLab
 * /api/v4, Unleash event search, Jenkins `allBuilds{M,N}`).
 */
// Each test starts a Node process; on a loaded machine that alone can take seconds.
jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const open: Loopback[] = [];

async function serve(answer: (url: URL, count: number) => Answer): Promise<Loopback> {
  const api = await serveLoopback(answer);
  open.push(api);
  return api;
}

beforeAll(() => assertBuilt());
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});

/** Every 6-character piece of `secret` found in `text`: none may be printed. */
function fragmentsOf(secret: string, text: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 6 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 6))) {
      found.add(secret.slice(i, i + 6));
    }
  }
  return [...found];
}

/** /api/v1/query_range: one series with a sample per step made by `value(seconds)`, plus `extra` fields. */
function prometheus(value: (seconds: number) => unknown, extra: Record<string, unknown> = {}) {
  return serve(prometheusMatrix(value, extra));
}

/** A ReplicaSet: revision 1 of Deployment `name`, created at `created`, running `image`. */
function replicaSet(name: string, created: number, image = `registry.example.com/${name}:1.0.0`) {
  return {
    metadata: {
      name: `${name}-5d8f7c`,
      namespace: 'prod',
      uid: `uid-${name}`,
      creationTimestamp: new Date(created).toISOString(),
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, controller: true }],
    },
    spec: { template: { spec: { containers: [{ name, image }] } } },
  };
}

/** An API server listing ReplicaSets (and Deployments, when given) 500 a page with `continue`; `fail` answers a page instead. */
function kubernetes(replicaSets: unknown[], deployments: unknown[] = [], fail?: (start: number) => Answer | null) {
  return serve((url) => {
    const items = url.pathname.endsWith('/replicasets') ? replicaSets : url.pathname.endsWith('/deployments') ? deployments : [];
    const start = Number(url.searchParams.get('continue') || 0);
    const failed = url.pathname.endsWith('/replicasets') ? fail?.(start) : null;
    if (failed) {
      return failed;
    }
    return { status: 200, body: { kind: 'List', metadata: { continue: start + 500 < items.length ? String(start + 500) : '' }, items: items.slice(start, start + 500) } };
  });
}

describe('1. the gate judges a deploy only from a whole provider read', () => {
  it('exits 3, naming the cause and the deploy it did not judge, when the page holding the newest rollout answers 500', async () => {
    const now = Date.now();
    // 1,200 rollouts listed by name; the one a minute old is on page 2, the rest are hours old.
    const replicaSets = Array.from({ length: 1200 }, (_, i) => replicaSet(`web${String(i).padStart(4, '0')}`, i === 700 ? now - MINUTE : now - 12 * HOUR + i * 1000));
    const k8s = await kubernetes(replicaSets, [], (start) => (start === 500 ? { status: 500, body: { message: 'etcd timeout' } } : null));
    const prom = await prometheus((t) => [t, '1']);
    const run = await runCli(
      ['gate', '--prometheus', prom.url, '--query', 'errors', '--provider', 'kubernetes', '--url', k8s.url, '--scope', 'prod', '--history', '2h', '--wait', '0', '--format', 'json'],
      {}
    );
    expect(run.code).toBe(3);
    const cause = /the deploy events could not all be read \(kubernetes returned 500 .*\), so the newest deploy cannot be known: the newest one read, kubernetes:prod\/deployment\/web\d+:1 at .*, was not judged/;
    expect(run.stderr).toMatch(cause);
    // The JSON report judges nothing and says why, marked partial, for a pipeline reading stdout only.
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ verdict: null, exitCode: 3, fails: true, partial: true, deploy: null });
    expect(report.deployError).toMatch(cause);
  });
});

describe('1. (whole read) the gate says what a whole read warned about', () => {
  it('judges the newest rollout of a whole read and says the items it skipped', async () => {
    const now = Date.now();
    const broken = { ...replicaSet('old', now - 2 * HOUR), metadata: { ...replicaSet('old', now - 2 * HOUR).metadata, annotations: {} } };
    const k8s = await kubernetes([replicaSet('web', now - 40 * MINUTE), broken]);
    const prom = await prometheus((t) => [t, '1']);
    const run = await runCli(['gate', '--prometheus', prom.url, '--query', 'errors', '--provider', 'kubernetes', '--url', k8s.url, '--scope', 'prod', '--history', '2h', '--wait', '0', '--format', 'json'], {});
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).deploy.id).toBe('kubernetes:prod/deployment/web:1');
    expect(run.stderr).toMatch(/safedeploy gate: 1 Kubernetes revisions in prod skipped: missing revision number \(1\)/);
  });
});

describe('1. (page limit) a Kubernetes listing cut at --max-pages is a loss, not older data', () => {
  it('the gate exits 3 when the newest rollout is on a page past --max-pages', async () => {
    const now = Date.now();
    const replicaSets = Array.from({ length: 1200 }, (_, i) => replicaSet(`web${String(i).padStart(4, '0')}`, i === 1100 ? now - MINUTE : now - 12 * HOUR + i * 1000));
    const k8s = await kubernetes(replicaSets);
    const prom = await prometheus((t) => [t, '1']);
    const run = await runCli(['gate', '--prometheus', prom.url, '--query', 'errors', '--provider', 'kubernetes', '--url', k8s.url, '--scope', 'prod', '--max-pages', '2', '--history', '2h', '--wait', '0'], {});
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Kubernetes: stopped after 2 pages of replicasets in prod \(1,000 items\); lists are ordered by name, not time/);
  });
});

describe('2. server text is scrubbed before it is cut', () => {
  const TOKEN = 'sdx-0123456789abcdefghijklmnopqrstuvwxyzAB';

  it('a Prometheus warning holding the token across the cut prints no piece of it', async () => {
    const prom = await prometheus((t) => [t, '1'], { warnings: [`${'w'.repeat(180)} ${TOKEN} end`] });
    const run = await runCli(['gate', '--prometheus', prom.url, '--query', 'errors', '--deploy-time', 'now-40m', '--service', 'web', '--history', '2h', '--wait', '0', '--token-env', 'P', '--format', 'json'], { P: TOKEN });
    expect(run.stderr).toMatch(/Prometheus warned about query errors: w+/);
    expect(fragmentsOf(TOKEN, run.stderr + run.stdout)).toStrictEqual([]);
  });

  it('a bad Prometheus sample holding the token across the cut prints no piece of it', async () => {
    // The quoted sample is cut at 60 characters: the token starts before the cut and ends after it.
    const prom = await prometheus((t) => [t, `1${'0'.repeat(30)}${TOKEN}`]);
    const run = await runCli(['gate', '--prometheus', prom.url, '--query', 'errors', '--deploy-time', 'now-40m', '--service', 'web', '--history', '2h', '--wait', '0', '--token-env', 'P', '--format', 'json'], { P: TOKEN });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/sample 1 of a series is/);
    expect(fragmentsOf(TOKEN, run.stderr + run.stdout)).toStrictEqual([]);
  });

  it('a GitHub GraphQL error message holding the token across the cut prints no piece of it', async () => {
    const api = await serve((url) =>
      url.pathname === '/graphql' ? { status: 200, body: { errors: [{ message: `${'e'.repeat(175)} ${TOKEN} end` }] } } : { status: 200, body: [] }
    );
    const run = await runCli(['events', '--provider', 'github', '--url', api.url, '--scope', 'shop/web', '--token-env', 'T'], { T: TOKEN });
    expect(run.stderr).toMatch(/GraphQL answered with 1 error/);
    expect(fragmentsOf(TOKEN, run.stderr + run.stdout)).toStrictEqual([]);
  });
});

describe('2. (shipped changes) a lookup error is scrubbed before it is cut', () => {
  const TOKEN = 'sdx-0123456789abcdefghijklmnopqrstuvwxyzAB';
  it('a GraphQL error of the pull-request lookup holding the token across the cut prints no piece of it', async () => {
    const node = (id: number, minutesAgo: number) => ({
      databaseId: id,
      createdAt: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
      environment: 'production',
      commitOid: String(id).repeat(40).slice(0, 40),
      ref: { name: 'main' },
      statusesLast: { nodes: [{ state: 'SUCCESS', createdAt: new Date(Date.now() - minutesAgo * MINUTE + MINUTE).toISOString() }] },
    });
    // The first POST lists two deployments; every later one (the lookups) answers an error.
    const api = await serve((_url, count) =>
      count === 1
        ? { status: 200, body: { data: { repository: { deployments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [node(2, 30), node(1, 90)] } } } } }
        : { status: 200, body: { errors: [{ message: `${'p'.repeat(180)} ${TOKEN} end` }] } }
    );
    const run = await runCli(['events', '--provider', 'github', '--url', api.url, '--scope', 'shop/web', '--token-env', 'T', '--shipped-changes'], { T: TOKEN });
    expect(run.stderr).toMatch(/pull requests shipped by deployments of shop\/web could not be read \(GraphQL: p+/);
    expect(fragmentsOf(TOKEN, run.stderr + run.stdout)).toStrictEqual([]);
  });
});

describe('3. short secrets are removed where they stand alone', () => {
  it("removes the Jenkins password of 'alice:abc1234' that a 401 echoes", async () => {
    const api = await serve(() => ({ status: 401, body: { message: 'user alice with password abc1234 is not allowed' } }));
    const run = await runCli(['events', '--provider', 'jenkins', '--url', api.url, '--scope', 'deploy-web', '--token-env', 'J'], { J: 'alice:abc1234' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/with password \[redacted\] is not allowed/);
    expect(run.stderr).not.toContain('abc1234');
  });

  it('removes a 7-character token that a 401 echoes', async () => {
    const api = await serve(() => ({ status: 401, body: { message: 'token k7x9q2w rejected' } }));
    const run = await runCli(['events', '--provider', 'unleash', '--url', api.url, '--token-env', 'U'], { U: 'k7x9q2w' });
    expect(run.stderr).toMatch(/token \[redacted\] rejected/);
    expect(run.stderr).not.toContain('k7x9q2w');
  });
});

describe('4. no piece of a token through parsing', () => {
  it('a Kubernetes image name holding the token prints no piece of it in the version', async () => {
    const token = 'k8s/Abcdefghijklmnopqrstuvwxyz0123456789';
    const api = await kubernetes([replicaSet('web', Date.now() - HOUR, `registry.example.com/${token}:1.0.0`)]);
    const run = await runCli(['events', '--provider', 'kubernetes', '--url', api.url, '--scope', 'prod', '--token-env', 'K'], { K: token });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(1);
    expect(fragmentsOf(token, run.stdout + run.stderr)).toStrictEqual([]);
  });

  it('a token holding " and \\ is not printed in its JSON-escaped form', async () => {
    const token = 'ab"cd\\ef0123456789XYZ';
    const api = await serve((url) =>
      url.pathname === '/api/admin/search/events'
        ? { status: 200, body: { events: [{ id: 1, createdAt: new Date(Date.now() - HOUR).toISOString(), type: 'feature-environment-enabled', createdBy: `ci ${token}`, environment: 'production', featureName: 'f', tags: [] }], total: 1 } }
        : { status: 404, body: {} }
    );
    const run = await runCli(['events', '--provider', 'unleash', '--url', api.url, '--token-env', 'U'], { U: token });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[0].author).toBe('ci [redacted]');
    expect(fragmentsOf(JSON.stringify(token).slice(1, -1), run.stdout)).toStrictEqual([]);
  });
});

describe('5. every sample is a number Prometheus would write', () => {
  const gate = (url: string) => ['gate', '--prometheus', url, '--query', 'errors', '--deploy-time', 'now-40m', '--service', 'web', '--history', '2h', '--wait', '0'];
  it.each([
    ['the value ""', (t: number) => [t, '']],
    ['the value "  "', (t: number) => [t, '  ']],
    ['the value "0x10"', (t: number) => [t, '0x10']],
    ['the time null', () => [null, '1']],
    ['the time ""', () => ['', '1']],
    ['the time true', () => [true, '1']],
    ['the time []', () => [[], '1']],
    ['the time "0x10"', () => ['0x10', '1']],
  ])('%s is unreadable metrics: exit 3, said once', async (_name, value) => {
    const api = await prometheus(value);
    const run = await runCli(gate(api.url), {});
    expect(run.code).toBe(3);
    expect(run.stderr.match(/could not read metrics: query errors: sample 1 of a series is .*, not \[seconds, "number"\]/g)).toHaveLength(1);
  });

  it('post-deploy samples that are all +Inf are not data: exit 3', async () => {
    const deployAt = Math.floor((Date.now() - 40 * MINUTE) / 1000);
    const api = await prometheus((t) => [t, t >= deployAt ? '+Inf' : '1']);
    const run = await runCli(['gate', '--prometheus', api.url, '--query', 'errors', '--deploy-time', new Date(deployAt * 1000).toISOString(), '--service', 'web', '--history', '2h', '--wait', '0'], {});
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/could not read metrics: .*all \d+ samples from .* on are NaN or infinite/);
  });
});

describe('6. Kubernetes parsing stays linear', () => {
  it('reads 40,000 Deployments and their ReplicaSets under --deadline 10s, every rollout with its outcome', async () => {
    const now = Date.now();
    const names = Array.from({ length: 40_000 }, (_, i) => `svc${i}`);
    const replicaSets = names.map((name, i) => replicaSet(name, now - HOUR + i));
    const deployments = names.map((name) => ({
      metadata: { name, namespace: 'prod' },
      status: { conditions: [{ type: 'Progressing', reason: 'NewReplicaSetAvailable', lastUpdateTime: new Date(now - 30 * MINUTE).toISOString(), message: `ReplicaSet "${name}-5d8f7c" has successfully progressed.` }] },
    }));
    const api = await kubernetes(replicaSets, deployments);
    const run = await runCli(['events', '--provider', 'kubernetes', '--url', api.url, '--scope', 'prod', '--deadline', '10s', '--max-pages', '200', '--from', 'now-2h'], {});
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const events = JSON.parse(run.stdout) as Array<{ status: string }>;
    expect(events).toHaveLength(40_000);
    expect(events.every((event) => event.status === 'success')).toBe(true);
    // A hang guard of three deadlines, not a measure: matching each revision by a search took 42 s here.
  }, 30_000);
});

describe('7. a server that repeats its items is stopped, exit 3', () => {
  const hourAgo = () => Date.now() - HOUR;
  it.each([
    [
      'Unleash, ignoring offset',
      () => ({
        status: 200,
        body: {
          events: Array.from({ length: 100 }, (_, i) => ({ id: 1000 - i, createdAt: new Date(hourAgo() + i).toISOString(), type: 'feature-environment-enabled', environment: 'production', featureName: `f${i}`, tags: [] })),
          total: 100_000,
        },
      }),
      ['--provider', 'unleash'],
    ],
    [
      'Jenkins, ignoring the build range',
      () => ({
        status: 200,
        body: { allBuilds: Array.from({ length: 100 }, (_, i) => ({ number: 500 - i, result: 'SUCCESS', building: false, timestamp: hourAgo() + i, duration: 1000, url: '', actions: [] })) },
      }),
      ['--provider', 'jenkins', '--scope', 'deploy-web'],
    ],
    [
      'GitHub GraphQL, handing out fresh cursors over the same deployments',
      (url: URL, count: number) =>
        url.pathname === '/graphql'
          ? {
              status: 200,
              body: {
                data: {
                  repository: {
                    deployments: {
                      pageInfo: { hasNextPage: true, endCursor: `cursor-${count}` },
                      nodes: Array.from({ length: 100 }, (_, i) => ({ databaseId: 9000 - i, createdAt: new Date(hourAgo() + i).toISOString(), environment: 'production', commitOid: 'a'.repeat(40), ref: { name: 'main' } })),
                    },
                  },
                },
              },
            }
          : { status: 404, body: {} },
      ['--provider', 'github', '--scope', 'shop/web'],
    ],
    [
      'GitLab, handing out a next page it does not honour',
      (url: URL, count: number) => ({
        status: 200,
        body: Array.from({ length: 100 }, (_, i) => ({ id: 700 - i, iid: 700 - i, status: 'success', ref: 'main', sha: 'a'.repeat(40), created_at: new Date(hourAgo() + i).toISOString(), updated_at: new Date(hourAgo() + i).toISOString(), environment: { name: 'production' } })),
        headers: { 'x-next-page': String(count + 1) },
      }),
      ['--provider', 'gitlab', '--scope', 'shop/web'],
    ],
  ])('%s', async (_name, answer, flags) => {
    const api = await serve(answer);
    const run = await runCli(['events', '--url', api.url, ...flags], {});
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/after 100 items repeats items already read/);
    // Two pages a listing at most (GitLab reads deployments and pipelines), not the page limit.
    expect(api.requests.length).toBeLessThanOrEqual(4);
  });
});

describe('10. smaller provider findings', () => {
  it('a GitLab read that gets nothing says its one error once', async () => {
    const api = await serve(() => ({ status: 401, body: { message: '401 Unauthorized' } }));
    const run = await runCli(['events', '--provider', 'gitlab', '--url', api.url, '--scope', 'shop/web'], {});
    expect(run.code).toBe(1);
    expect(run.stderr.match(/returned 401/g)).toHaveLength(1);
  });

  it('more than 10 GitHub status requests waiting on one read print no Node warning', async () => {
    const created = new Date(Date.now() - HOUR).toISOString();
    const deployments = Array.from({ length: 40 }, (_, i) => ({ id: 100 + i, created_at: created, updated_at: created, environment: 'production', ref: 'main', sha: 'a'.repeat(40), task: 'deploy', payload: {}, creator: { login: 'ana' } }));
    const api = await serve((url) => {
      if (url.pathname === '/graphql') {
        return { status: 404, body: { message: 'Not Found' } };
      }
      // Every status request answers 503 once and is retried after a pause: all of them wait on the read at once.
      return url.pathname.endsWith('/statuses') ? { status: 503, body: { message: 'busy' } } : { status: 200, body: deployments };
    });
    const run = await runCli(['events', '--provider', 'github', '--url', api.url, '--scope', 'shop/web'], {});
    expect(run.stderr).toMatch(/the statuses of 40 deployments of shop\/web could not be read/);
    expect(run.stderr).not.toMatch(/MaxListenersExceededWarning|\(node:\d+\)/);
  });
});
