import { createHttpClient } from '../http/createHttpClient';
import { RawResponse } from '../http/types';
import { readEvents } from './readEvents';
import { splitValues } from './readMultiValue';
import { planRead } from './planRead';
import { readFixture } from './testing/fixtures';
import { recordingClient } from './testing/recordingClient';
import { DeployEvent, EventSource, GitHubFeed } from './types';

const [template] = readFixture('github/deployments_list.json') as Array<Record<string, unknown>>;
const NOW = Date.parse('2026-12-06T10:00:00Z');

/** A GitHub (REST only) with one deployment per environment asked for, and one that names no environment filter. */
function github() {
  const asked: Array<string | null> = [];
  const transport = async (url: string): Promise<RawResponse> => {
    const parsed = new URL(url);
    if (parsed.pathname.endsWith('/statuses')) {
      return { status: 200, header: () => null, body: '[]' };
    }
    const environment = parsed.searchParams.get('environment');
    asked.push(environment);
    const id = environment === 'production' ? 1 : environment === 'staging' ? 2 : 3;
    const deployment = { ...template, id, environment: environment ?? 'qa', created_at: new Date(NOW - id * 60_000).toISOString(), payload: {} };
    return { status: 200, header: () => null, body: JSON.stringify(environment === '{production,staging}' ? [] : [deployment]) };
  };
  const client = createHttpClient({ baseUrl: 'https://api.github.com', upstreamUrl: 'https://api.github.com', providerName: 'GitHub', transport });
  return { client, asked };
}

const read = (client: ReturnType<typeof github>['client'], fields: { environment?: string; service?: string }, onProgress?: (events: DeployEvent[]) => void) =>
  readEvents({ source: EventSource.GitHub, client, scope: 'octo/app', range: { from: NOW - 3_600_000, to: NOW }, githubGraphqlUrl: null, onProgress, ...fields });

describe('splitValues', () => {
  it.each([
    ['production,staging', ['production', 'staging']],
    [' production , staging,, production ', ['production', 'staging']],
    ['production', ['production']],
    ['', []],
    [undefined, []],
  ])('splits %p into %p', (value, expected) => {
    expect(splitValues(value)).toStrictEqual(expected);
  });
});

describe('readEvents of several values', () => {
  it('reads each environment of a multi-value variable and merges the events', async () => {
    const { client, asked } = github();
    const progress: string[][] = [];
    const batch = await read(client, { environment: 'production,staging' }, (events) => progress.push(events.map((e) => e.environment)));
    expect([...asked].sort()).toStrictEqual(['production', 'staging']);
    expect(batch.events.map((e) => e.environment)).toStrictEqual(['staging', 'production']);
    expect(progress[progress.length - 1].sort()).toStrictEqual(['production', 'staging']);
    expect(batch.notices.filter((n) => n.severity !== 'info')).toStrictEqual([]);
  });

  it('reads one environment as one read, as before', async () => {
    const { client, asked } = github();
    const batch = await read(client, { environment: 'production' });
    expect(asked).toStrictEqual(['production']);
    expect(batch.events.map((e) => e.id)).toStrictEqual(['github:deployment:octo/app:1']);
  });

  it('stamps no service when the service holds several, and says so', async () => {
    const { client } = github();
    const batch = await read(client, { service: 'web,api' });
    expect(batch.events.map((e) => e.service)).toStrictEqual(['app']);
    expect(batch.notices.map((n) => n.text)).toContain(
      "Service holds several values (web, api): events that name no service keep their provider's default (the repository, project or job name)."
    );
  });

  describe('edge cases', () => {
    it('warns when a value is still a glob, which names no environment', async () => {
      const { client } = github();
      const batch = await read(client, { environment: '{production,staging}' });
      const warnings = batch.notices.filter((n) => n.severity === 'warning').map((n) => n.text);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^Environment "\{production,staging\}" holds a "\{".*\$\{name:csv\}/);
    });

    it('says a failure shared by every environment once, with how often', async () => {
      const transport = async (): Promise<RawResponse> => ({ status: 401, header: () => null, body: '{"message":"Bad credentials"}' });
      const client = createHttpClient({ baseUrl: 'https://api.github.com', providerName: 'GitHub', transport });
      const batch = await read(client, { environment: 'production,staging' });
      expect(batch.notices.filter((n) => n.severity === 'error')).toHaveLength(1);
      expect(batch.notices[0].text).toMatch(/401.*\(2 times\)$/);
    });
  });
});

/**
 * Providers whose API cannot be asked for one environment, served from the payload fixtures
 * (tests/fixtures/ci/README.md gives their sources). Where a fixture names one environment
 * only, its items are spread over several (CONSTRUCTED variations, said at each), so a read
 * of several environments has something to keep and something to drop.
 */
const WIDE = { from: Date.parse('2000-01-01T00:00:00Z'), to: Date.parse('2030-01-01T00:00:00Z') };
const CDEVENT_TYPES = ['change_merged', 'environment_modified', 'incident_detected', 'pipelinerun_finished', 'service_deployed', 'service_rolledback', 'service_upgraded'];
const jenkinsJob = readFixture('jenkins/job_builds_tree_CONSTRUCTED.json') as { builds: Array<{ actions: Array<{ parameters?: Array<{ name: string; value: unknown }> }> }> };
// CONSTRUCTED variation: the second build names no environment (its ENV parameter left out).
const jenkinsBuilds = jenkinsJob.builds.map((build, i) =>
  i === 0 ? build : { ...build, actions: build.actions.map((a) => (a.parameters ? { ...a, parameters: a.parameters.filter((p) => p.name !== 'ENV') } : a)) }
);
// CONSTRUCTED variation: the two annotations tagged for production and staging.
const annotations = (readFixture('grafana/annotations_find.json') as Array<{ tags: string[] }>).map((a, i) => ({ ...a, tags: [...a.tags, i === 0 ? 'env:production' : 'env:staging'] }));
// CONSTRUCTED variation: each conformance event its own id (they share one), so none is read as a repeat.
const cdevents = CDEVENT_TYPES.map((type, i) => {
  const event = readFixture(`cdevents/v0.5.1/${type}.json`) as { context: Record<string, unknown> };
  return { ...event, context: { ...event.context, id: `event-${i}` } };
});
const KUBERNETES_LISTS: Record<string, unknown> = {
  replicasets: readFixture('kubernetes/replicasets_rollout_history_CONSTRUCTED.json'),
  // CONSTRUCTED: no ControllerRevisions, and the Deployment owning the fixture's ReplicaSets.
  controllerrevisions: { items: [], metadata: {} },
  deployments: { items: [{ metadata: { name: 'payments', namespace: 'prod' }, spec: {}, status: {} }], metadata: {} },
};

const CLIENT_FILTERED = [
  {
    source: EventSource.ArgoCD,
    scope: 'argocd/guestbook',
    environments: ['test-lla', 'Staging', 'qa'],
    answer: (pathname: string) => (pathname === '/api/v1/applications/guestbook' ? readFixture('argocd/application_get_full.json') : null),
  },
  { source: EventSource.CDEvents, scope: '/events', environments: ['test123', 'PROD1', 'prod1'], answer: () => cdevents },
  { source: EventSource.GrafanaAnnotations, scope: '', environments: ['production', 'Staging', 'qa'], answer: (pathname: string) => (pathname === '/api/annotations' ? annotations : null) },
  { source: EventSource.Jenkins, scope: 'payments-deploy', environments: ['prod', 'Prod', 'staging'], answer: (pathname: string) => (pathname === '/job/payments-deploy/api/json' ? { allBuilds: jenkinsBuilds } : null) },
  { source: EventSource.Kubernetes, scope: 'prod/app=payments', environments: ['prod', 'PROD', 'staging'], answer: (pathname: string) => KUBERNETES_LISTS[pathname.split('/').pop() ?? ''] ?? null },
];

/** Reads `environment` from a provider served by `answer`; what was requested, the batch and the last progress. */
async function readServed(c: (typeof CLIENT_FILTERED)[number], environment: string) {
  const { client, requested } = recordingClient('http://provider.invalid', c.answer);
  let progress: DeployEvent[] = [];
  const batch = await readEvents({ source: c.source, client, scope: c.scope, range: WIDE, environment, onProgress: (events) => (progress = events) });
  return { requested, batch, progress };
}

const ids = (events: readonly DeployEvent[]) => events.map((e) => e.id).sort();

describe('several environments of a provider that filters on the client', () => {
  it.each(CLIENT_FILTERED)('$source: reads once, with the requests of one environment', async (c) => {
    const one = await readServed(c, c.environments[0]);
    const several = await readServed(c, c.environments.join(','));
    expect(one.requested.length).toBeGreaterThan(0);
    expect(several.requested).toStrictEqual(one.requested);
  });

  it.each(CLIENT_FILTERED)('$source: keeps the events each environment alone keeps, with its notices said once', async (c) => {
    const alone = await Promise.all(c.environments.map((environment) => readServed(c, environment)));
    const several = await readServed(c, c.environments.join(','));
    const union = new Set(alone.flatMap((read) => ids(read.batch.events)));
    expect(union.size).toBeGreaterThan(0);
    expect(ids(several.batch.events)).toStrictEqual([...union].sort());
    expect(several.batch.notices).toStrictEqual(alone[0].batch.notices);
    expect(ids(several.progress)).toStrictEqual(ids(several.batch.events));
  });
});

describe('several environments of a provider that filters on the client: edge cases', () => {
  it.each(CLIENT_FILTERED)('$source: names that differ only in case are other environments, as they are for one', async (c) => {
    const upper = c.environments.map((environment) => environment.toUpperCase());
    const alone = await Promise.all(upper.map((environment) => readServed(c, environment)));
    const several = await readServed(c, upper.join(','));
    expect(ids(several.batch.events)).toStrictEqual([...new Set(alone.flatMap((read) => ids(read.batch.events)))].sort());
  });

  it('reads GitHub workflow runs once: they name no environment and no environment narrows them', async () => {
    const runs = readFixture('github/workflow_runs_list.json') as { workflow_runs: unknown[] };
    const { client, requested } = recordingClient('https://api.github.com', (pathname) => (pathname === '/repos/octo/app/actions/runs' ? runs : null));
    const batch = await readEvents({ source: EventSource.GitHub, client, scope: 'octo/app', range: WIDE, githubGraphqlUrl: null, githubFeeds: [GitHubFeed.WorkflowRuns], environment: 'production,staging,qa' });
    expect(requested).toHaveLength(1);
    expect(batch.events.length).toBe(runs.workflow_runs.length);
  });
});

describe('one way from a query to a read', () => {
  it('reads several environments through planRead and readEvents, the route of the command line, the panel and the variables alike', async () => {
    const requested: string[] = [];
    const transport = async (url: string): Promise<RawResponse> => {
      requested.push(url);
      return { status: 200, header: () => null, body: JSON.stringify(annotations) };
    };
    const query = { provider: EventSource.GrafanaAnnotations, environment: 'production,staging' };
    const batch = await readEvents(planRead(query, { endpoint: { via: 'direct', url: 'http://grafana.invalid' }, transport }, { range: WIDE }));
    expect(batch.events.map((e) => e.environment).sort()).toStrictEqual(['production', 'staging']);
    expect(requested).toHaveLength(1);
  });
});

/**
 * Providers whose API is asked for one environment, served from the payload fixtures with the
 * filter the API applies (`environment=`); the second item of each list is moved to staging
 * (a CONSTRUCTED variation), so each environment has its own.
 */
const toStaging = <T extends object>(items: T[], move: (item: T) => T) => items.map((item, i) => (i === 0 ? item : move(item)));
const gitlabDeployments = toStaging(readFixture('gitlab/deployments_list.json') as Array<{ id: number; environment: { name: string } }>, (d) => ({ ...d, environment: { ...d.environment, name: 'staging' } }));
const githubDeployments = [template, { ...template, id: 2, environment: 'staging' }] as Array<{ environment: string }>;
const SERVER_FILTERED = [
  {
    source: EventSource.GitLab,
    scope: 'root/project',
    fields: {},
    unnarrowed: '/pipelines',
    answer: (url: URL) =>
      url.pathname.endsWith('/deployments')
        ? gitlabDeployments.filter((d) => !url.searchParams.get('environment') || d.environment.name === url.searchParams.get('environment'))
        : readFixture('gitlab/pipelines_list.json'),
  },
  {
    source: EventSource.GitHub,
    scope: 'octo/app',
    fields: { githubGraphqlUrl: null, githubFeeds: [GitHubFeed.Deployments, GitHubFeed.WorkflowRuns] },
    unnarrowed: '/actions/runs',
    answer: (url: URL) =>
      url.pathname.endsWith('/statuses')
        ? readFixture('github/deployment_statuses_list.json')
        : url.pathname.endsWith('/actions/runs')
          ? readFixture('github/workflow_runs_list.json')
          : githubDeployments.filter((d) => !url.searchParams.get('environment') || d.environment === url.searchParams.get('environment')),
  },
];

async function readFiltered(c: (typeof SERVER_FILTERED)[number], environment: string) {
  const requested: URL[] = [];
  const transport = async (url: string): Promise<RawResponse> => {
    requested.push(new URL(url));
    return { status: 200, header: () => null, body: JSON.stringify(c.answer(new URL(url))) };
  };
  const client = createHttpClient({ baseUrl: 'http://provider.invalid', upstreamUrl: 'http://provider.invalid', providerName: c.source, transport });
  const batch = await readEvents({ source: c.source, client, scope: c.scope, range: WIDE, environment, ...c.fields });
  return { requested, batch };
}

describe('several environments of a provider asked for one', () => {
  it.each(SERVER_FILTERED)('$source: asks for each environment once, and reads once what no environment narrows', async (c) => {
    const several = await readFiltered(c, 'production,staging,qa');
    const unnarrowed = several.requested.filter((url) => url.pathname.endsWith(c.unnarrowed));
    const named = several.requested.map((url) => url.searchParams.get('environment')).filter(Boolean);
    expect(unnarrowed).toHaveLength(1);
    expect(named.sort()).toStrictEqual(['production', 'qa', 'staging']);
  });

  it.each(SERVER_FILTERED)('$source: keeps the events each environment alone keeps', async (c) => {
    const alone = await Promise.all(['production', 'staging', 'qa'].map((environment) => readFiltered(c, environment)));
    const several = await readFiltered(c, 'production,staging,qa');
    const union = new Set(alone.flatMap((read) => ids(read.batch.events)));
    expect(several.batch.events.map((e) => e.environment)).toEqual(expect.arrayContaining(['production', 'staging']));
    expect(ids(several.batch.events)).toStrictEqual([...union].sort());
  });
});

describe('several scopes', () => {
  /** A GitLab whose every project serves the fixture's deployments, each id offset by the project (CONSTRUCTED variation). */
  async function readGitLab(scope: string) {
    const requested: URL[] = [];
    const transport = async (url: string): Promise<RawResponse> => {
      const parsed = new URL(url);
      requested.push(parsed);
      const project = decodeURIComponent(parsed.pathname.split('/projects/')[1]?.split('/')[0] ?? '');
      const offset = project === 'root/other' ? 1000 : 0;
      const body = parsed.pathname.endsWith('/deployments') ? gitlabDeployments.map((d) => ({ ...d, id: d.id + offset })) : [];
      return { status: 200, header: () => null, body: JSON.stringify(body) };
    };
    const client = createHttpClient({ baseUrl: 'http://provider.invalid', upstreamUrl: 'http://provider.invalid', providerName: 'GitLab', transport });
    const batch = await readEvents({ source: EventSource.GitLab, client, scope, range: WIDE });
    const projects = new Set(requested.map((url) => decodeURIComponent(url.pathname.split('/projects/')[1]?.split('/')[0] ?? '')));
    return { batch, projects };
  }

  it('reads each project of a multi-value variable for a provider whose API reads one, and merges the events', async () => {
    const web = await readGitLab('root/project');
    const other = await readGitLab('root/other');
    const both = await readGitLab('root/project,root/other');
    expect([...both.projects].sort()).toStrictEqual(['root/other', 'root/project']);
    expect(ids(both.batch.events)).toStrictEqual([...ids(web.batch.events), ...ids(other.batch.events)].sort());
    expect(both.batch.notices.filter((n) => n.severity === 'error')).toStrictEqual([]);
  });

  it('leaves a Kubernetes label selector whole: its commas join its terms', async () => {
    const paths: string[] = [];
    const transport = async (url: string): Promise<RawResponse> => {
      paths.push(decodeURIComponent(url));
      return { status: 200, header: () => null, body: JSON.stringify({ items: [], metadata: {} }) };
    };
    const client = createHttpClient({ baseUrl: 'http://provider.invalid', upstreamUrl: 'http://provider.invalid', providerName: 'Kubernetes', transport });
    await readEvents({ source: EventSource.Kubernetes, client, scope: 'prod/app=checkout,tier=web', range: WIDE });
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.includes('labelSelector=app=checkout,tier=web'))).toBe(true);
  });
});
