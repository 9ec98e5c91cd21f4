import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource, EventStatus } from '../types';
import { parseArgoApplication } from './readArgoCD';
import { parseCDEvents, purlVersion, splitPayload } from './readCDEvents';
import { nextLink } from './nextLink';
import { parseDeployment, parseRelease, parseWorkflowRun } from './readGitHub';
import { parseGitLabDeployment, parseGitLabPipeline } from './readGitLab';
import { jenkinsJobPath, parseJenkinsBuild } from './readJenkins';

describe('GitHub parsers on real payloads', () => {
  const [deployment] = readFixture('github/deployments_list.json') as unknown[];
  const statuses = readFixture('github/deployment_statuses_list.json') as unknown[];

  it('takes outcome and time of a deployment from its newest status', () => {
    const event = parseDeployment(deployment, statuses, 'octocat/example');
    expect(event).toMatchObject({
      time: Date.parse('2012-07-20T01:19:13Z'),
      id: 'github:deployment:octocat/example:1',
      source: EventSource.GitHub,
      kind: EventKind.Deploy,
      status: EventStatus.Success,
      environment: 'production',
      version: 'topic-branch',
      commit: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d',
      author: 'octocat',
      title: 'Deploy topic-branch to production',
      url: 'https://example.com/deployment/42/output',
    });
  });

  it('ignores a newer inactive status (superseded deployments keep their outcome and time)', () => {
    const inactive = { ...(statuses[0] as object), id: 2, state: 'inactive', created_at: '2012-07-21T00:00:00Z' };
    const event = parseDeployment(deployment, [inactive, ...statuses], 'octocat/example');
    expect(typeof event === 'object' && event.status).toBe(EventStatus.Success);
    expect(typeof event === 'object' && event.time).toBe(Date.parse('2012-07-20T01:19:13Z'));
  });

  it('keeps created_at and unknown status for a deployment without statuses', () => {
    const event = parseDeployment(deployment, [], 'octocat/example');
    expect(typeof event === 'object' && [event.status, event.time]).toStrictEqual([EventStatus.Unknown, Date.parse('2012-07-20T01:19:13Z')]);
  });

  it('reads a workflow run as an in-progress pipeline until it completes', () => {
    const body = readFixture('github/workflow_runs_list.json') as { workflow_runs: unknown[] };
    const event = parseWorkflowRun(body.workflow_runs[0], 'octo-org/octo-repo');
    expect(event).toMatchObject({
      kind: EventKind.Pipeline,
      status: EventStatus.InProgress,
      timeEnd: null,
      commit: 'acb5820ced9479c074f688cc328bf03f341a511d',
      title: 'Build #562: Update README.md',
      url: 'https://github.com/octo-org/octo-repo/actions/runs/30433642',
    });
  });

  it('reads a published release', () => {
    const [release] = readFixture('github/releases_list.json') as unknown[];
    expect(parseRelease(release, 'octocat/Hello-World')).toMatchObject({
      kind: EventKind.Release,
      version: 'v1.0.0',
      time: Date.parse('2013-02-27T19:35:32Z'),
      url: 'https://github.com/octocat/Hello-World/releases/v1.0.0',
    });
  });

  it('follows rel="next" in a Link header', () => {
    const header = '<https://api.github.com/repositories/1/deployments?page=2>; rel="next", <https://api.github.com/repositories/1/deployments?page=5>; rel="last"';
    expect(nextLink(header)).toBe('https://api.github.com/repositories/1/deployments?page=2');
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });

  // RFC 8288: parameters in any order, several relation types in one rel, a comma inside the URL.
  it.each([
    ['a parameter before rel', '<https://gitlab.example.com/api/v4/x?page=2>; type="application/json"; rel="next"', 'https://gitlab.example.com/api/v4/x?page=2'],
    ['several relation types in one rel', '<https://api.example.com/x?page=1>; rel="first prev", <https://api.example.com/x?page=3>; rel="last next"', 'https://api.example.com/x?page=3'],
    ['a comma in the URL and an unquoted, upper-case rel', '<https://api.example.com/x?page=2&status=a,b>; REL=NEXT', 'https://api.example.com/x?page=2&status=a,b'],
    ['a relation that only starts with next', '<https://api.example.com/x?page=2>; rel="nextpage"', null],
    ['20,000 opening brackets', '<'.repeat(20_000), null],
  ])('reads the next link of a Link header with %s', (_, header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });

  describe('edge cases', () => {
    it.each([
      ['not an object', 'not an object'],
      [{ id: 1 }, 'missing or impossible created_at'],
      [{ id: 1, created_at: '1970-01-01T00:00:00Z' }, 'missing or impossible created_at'],
      [{ created_at: '2024-01-01T00:00:00Z' }, 'missing id'],
    ])('skips %j with the reason', (item, reason) => {
      expect(parseDeployment(item, [], 'o/r')).toBe(reason);
    });

    it('drops a javascript: URL from a status', () => {
      const status = { ...(statuses[0] as object), log_url: 'javascript:alert(1)', target_url: '', environment_url: '' };
      const event = parseDeployment(deployment, [status], 'o/r');
      expect(typeof event === 'object' && event.url).toBeNull();
    });
  });
});

describe('GitLab parsers on real payloads', () => {
  it('reads a deployment with its job start, environment and pipeline link', () => {
    const [deployment] = readFixture('gitlab/deployments_list.json') as unknown[];
    expect(parseGitLabDeployment(deployment, 'root/project')).toMatchObject({
      id: 'gitlab:deployment:root/project:41',
      kind: EventKind.Deploy,
      status: EventStatus.InProgress,
      time: Date.parse('2016-08-11T07:36:40.222Z'),
      environment: 'production',
      version: 'main',
      commit: '99d03678b90d914dbb1b109132516d71a4a03ea8',
      author: 'root',
      url: 'http://gitlab.dev/root/project/pipelines/12',
    });
  });

  it('reads a pipeline and ends a finished one at its last update', () => {
    const single = readFixture('gitlab/pipeline_get.json');
    expect(parseGitLabPipeline(single, 'test-group/test-project')).toMatchObject({
      kind: EventKind.Pipeline,
      status: EventStatus.Success,
      time: Date.parse('2022-09-21T01:05:14.197Z'),
      timeEnd: Date.parse('2022-09-21T01:05:50.175Z'),
    });
    const [slim] = readFixture('gitlab/pipelines_list.json') as unknown[];
    expect(parseGitLabPipeline(slim, 'foo/bar')).toMatchObject({ status: EventStatus.InProgress, timeEnd: null, title: 'Build pipeline #12 on new-pipeline' });
  });
});

describe('Jenkins parsers on real payloads', () => {
  it('reads a real freestyle build with changeSet (singular)', () => {
    const build = readFixture('jenkins/build_get_real_apache_geode_1308.json');
    const event = parseJenkinsBuild(build, 'Geode-nightly');
    expect(event).toMatchObject({
      id: 'jenkins:Geode-nightly:1308',
      kind: EventKind.Pipeline,
      status: EventStatus.Success,
      time: 1536120246717,
      timeEnd: 1536120246717 + 1233622,
      url: 'https://builds.apache.org/view/All/job/Geode-nightly/1308/',
    });
    expect(typeof event === 'object' && event.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads deploy parameters from a pipeline build with changeSets (plural)', () => {
    const job = readFixture('jenkins/job_builds_tree_CONSTRUCTED.json') as { builds: unknown[] };
    const event = parseJenkinsBuild(job.builds[0], 'payments-deploy');
    expect(event).toMatchObject({
      kind: EventKind.Deploy,
      status: EventStatus.Failure,
      environment: 'prod',
      version: '1.42.0',
      commit: '72d393e649ecf0dfa73993187843bc135a47c516',
      author: 'alice',
      text: 'Bump payments-api to 1.42.0',
    });
  });

  it('turns folder/job into the API path', () => {
    expect(jenkinsJobPath('team/payments deploy')).toBe('/job/team/job/payments%20deploy');
    expect(jenkinsJobPath('job/a/job/b')).toBe('/job/a/job/b');
  });
});

describe('Argo CD parser on a real application', () => {
  it('makes one event per history entry, spanning deployStartedAt to deployedAt', () => {
    const { events, notices } = parseArgoApplication(readFixture('argocd/application_get_full.json'));
    expect(events).toHaveLength(10);
    expect(notices).toStrictEqual([]);
    const last = events[events.length - 1];
    expect(last).toMatchObject({
      id: 'argocd:velero-test:23',
      service: 'velero-test',
      status: EventStatus.Success,
      time: Date.parse('2024-03-05T07:33:03Z'),
      timeEnd: Date.parse('2024-03-05T07:33:04Z'),
      commit: 'ea8759964626a583667a2bfd08f334ec2070040a',
      author: 'foo@example.com',
    });
  });

  it('adds a running operation as an in-progress deploy', () => {
    const app = readFixture('argocd/application_get_full.json') as { status: { operationState: Record<string, unknown> } };
    app.status.operationState = { ...app.status.operationState, phase: 'Running', startedAt: '2024-03-06T10:00:00Z', finishedAt: undefined };
    const { events } = parseArgoApplication(app);
    expect(events[events.length - 1]).toMatchObject({ status: EventStatus.InProgress, time: Date.parse('2024-03-06T10:00:00Z'), timeEnd: null });
  });

  // status.health as Argo CD reports it (HealthStatus: Healthy, Progressing, Degraded, Missing,
  // Suspended, Unknown); status.sync.revision set to the synced commit, as Argo CD records it
  // (the fixture's controller testdata has the placeholder 'rev1').
  type App = { status: Record<string, unknown> & { sync: Record<string, unknown>; operationState: Record<string, unknown> } };
  const SYNCED = 'ea8759964626a583667a2bfd08f334ec2070040a';
  const withStatus = (changes: (app: App) => Record<string, unknown>): App => {
    const app = readFixture('argocd/application_get_full.json') as App;
    return { ...app, status: { ...app.status, ...changes(app) } } as App;
  };
  const statuses = (app: unknown) => parseArgoApplication(app).events.map((e) => e.status);

  it.each([
    ['Degraded', EventStatus.Failure],
    ['Missing', EventStatus.Failure],
    ['Progressing', EventStatus.InProgress],
    ['Healthy', EventStatus.Success],
    ['Suspended', EventStatus.Success],
  ])('gives the newest sync of the synced revision the outcome its health %s says (regression: a Degraded app read as a successful sync)', (health, status) => {
    const app = withStatus((a) => ({ health: { status: health }, sync: { ...a.status.sync, revision: SYNCED } }));
    const all = statuses(app);
    expect(all[all.length - 1]).toBe(status);
    expect(all.slice(0, -1).every((s) => s === EventStatus.Success)).toBe(true);
  });

  it('takes the revision the last succeeded operation synced when status.sync names another one', () => {
    expect(statuses(withStatus(() => ({ health: { status: 'Degraded' } }))).pop()).toBe(EventStatus.Failure);
  });

  it('leaves history alone while a newer revision is being synced: the health is of that sync', () => {
    const next = '0123456789abcdef0123456789abcdef01234567';
    const app = withStatus((a) => ({
      health: { status: 'Progressing' },
      sync: { ...a.status.sync, revision: next },
      operationState: { ...a.status.operationState, phase: 'Running', startedAt: '2024-03-06T10:00:00Z', finishedAt: undefined, operation: { sync: { revision: next } } },
    }));
    expect(statuses(app)).toStrictEqual([...Array(10).fill(EventStatus.Success), EventStatus.InProgress]);
  });

  it('keeps credentials in a repoURL or an operation message out of the event text', () => {
    const secretUrl = 'https://oauth2:glpat-SECRETSECRETSECRET@gitlab.example.com/foo/manifests.git';
    const app = withStatus((a) => ({
      history: (a.status.history as Array<Record<string, unknown>>).map((h) => ({ ...h, source: { ...(h.source as object), repoURL: secretUrl } })),
      operationState: { ...a.status.operationState, phase: 'Failed', message: `rpc error: failed to fetch ${secretUrl}: authentication required` },
    }));
    const { events } = parseArgoApplication(app);
    expect(events[0].text).toBe('https://gitlab.example.com/foo/manifests.git');
    expect(events[events.length - 1].text).toBe('rpc error: failed to fetch https://gitlab.example.com/foo/manifests.git: authentication required');
    expect(JSON.stringify(events)).not.toContain('glpat-');
  });
});

describe('CDEvents parser on the spec conformance examples', () => {
  const kinds = ['service_deployed', 'service_upgraded', 'service_rolledback', 'pipelinerun_finished', 'change_merged', 'incident_detected', 'environment_modified'];

  it.each(['v0.4.1', 'v0.5.1'])('reads every supported %s event type', (version) => {
    const items = kinds.map((k) => readFixture(`cdevents/${version}/${k}.json`));
    // conformance examples share context ids across types: give each its own so none is deduplicated
    const unique = items.map((item, i) => ({ ...(item as object), context: { ...(item as { context: object }).context, id: `id-${i}` } }));
    const { events, notices } = parseCDEvents(unique);
    expect(notices).toStrictEqual([]);
    expect(events.map((e) => e.kind)).toStrictEqual([
      EventKind.Deploy,
      EventKind.Deploy,
      EventKind.Rollback,
      EventKind.Pipeline,
      EventKind.Release,
      EventKind.Incident,
      EventKind.Config,
    ]);
  });

  it('reads outcome, environment and artifact version', () => {
    const deployed = readFixture('cdevents/v0.4.1/service_deployed.json') as { context: object };
    // the two conformance examples share a context id; give the second its own
    const { events } = parseCDEvents([readFixture('cdevents/v0.5.1/pipelinerun_finished.json'), { ...deployed, context: { ...deployed.context, id: 'other' } }]);
    expect(events[0]).toMatchObject({ status: EventStatus.Failure, title: 'myPipeline', url: 'https://www.example.com/mySubject123' });
    expect(events[0].text).toContain('Something went wrong');
    expect(events[1]).toMatchObject({ environment: 'test123', service: 'mySubject123' });
    expect(events[1].version).toMatch(/^sha256:0b31b1c02ff4/);
  });

  it('deduplicates on context.source and context.id', () => {
    const event = readFixture('cdevents/v0.5.1/service_deployed.json');
    expect(parseCDEvents([event, event]).events).toHaveLength(1);
  });

  it('keeps events of two sources that share a context.id (regression: they collapsed into one)', () => {
    // CloudEvents 1.0 (spec.md, id): "Producers MUST ensure that source + id is unique"; the same id from two sources is two events.
    const deployed = readFixture('cdevents/v0.5.1/service_deployed.json') as { context: Record<string, unknown> };
    const a = { ...deployed, context: { ...deployed.context, id: '1', source: '/tekton/team-a' } };
    const b = { ...deployed, context: { ...deployed.context, id: '1', source: '/argo/team-b', timestamp: '2023-03-20T15:00:00Z' } };
    const { events } = parseCDEvents([a, b, b]);
    expect(events.map((e) => e.id)).toStrictEqual(['cdevents:/tekton/team-a:1', 'cdevents:/argo/team-b:1']);
  });

  it('tells a source with a colon from an id with one', () => {
    const deployed = readFixture('cdevents/v0.5.1/service_deployed.json') as { context: Record<string, unknown> };
    const a = { ...deployed, context: { ...deployed.context, source: 'urn:a', id: 'b' } };
    const b = { ...deployed, context: { ...deployed.context, source: 'urn', id: 'a:b' } };
    expect(parseCDEvents([a, b]).events.map((e) => e.id)).toStrictEqual(['cdevents:urn%3Aa:b', 'cdevents:urn:a:b']);
  });

  it('splits NDJSON and counts unreadable lines', () => {
    const line = JSON.stringify(readFixture('cdevents/v0.5.1/service_deployed.json'));
    const { items, notices } = splitPayload(`${line}\n{truncated\n${line}\n`);
    expect(items).toHaveLength(2);
    expect(notices).toStrictEqual([{ severity: 'error', text: 'CDEvents: 1 line(s) were not valid JSON and were skipped; the events on them are lost.' }]);
  });

  it('reads the version out of a package URL', () => {
    expect(purlVersion('pkg:oci/myapp@sha256%3A0b31')).toBe('sha256:0b31');
    expect(purlVersion('pkg:npm/left-pad@1.3.0?x=1')).toBe('1.3.0');
    expect(purlVersion('no-version')).toBe('');
  });

  it('skips unknown types with the reason', () => {
    const event = readFixture('cdevents/v0.5.1/service_deployed.json') as { context: object };
    const odd = { ...event, context: { ...event.context, type: 'dev.cdevents.artifact.signed.0.2.0' } };
    expect(parseCDEvents([odd]).notices).toStrictEqual([{ severity: 'warning', text: '1 CDEvents skipped: unsupported type artifact.signed (1).' }]);
  });
});

describe('credentials quoted in CI text', () => {
  // CONSTRUCTED credentials, in the places CI tools quote a remote as configured: a commit
  // message or deploy description naming the repository, a status saying where it fetched from.
  const remote = 'https://oauth2:glpat-abcdef0123456789@gitlab.example.com/shop/web.git';
  const jenkins = readFixture('jenkins/build_get_real_apache_geode_1308.json') as Record<string, unknown>;
  const [deployment] = readFixture('github/deployments_list.json') as Array<Record<string, unknown>>;
  const statuses = readFixture('github/deployment_statuses_list.json') as Array<Record<string, unknown>>;
  const [gitlab] = readFixture('gitlab/deployments_list.json') as Array<Record<string, unknown>>;

  it.each([
    ['a Jenkins commit message', () => parseJenkinsBuild({ ...jenkins, changeSet: { items: [{ commitId: 'a1', msg: `Merge ${remote} main` }] } }, 'deploy-web')],
    ['a GitHub deployment description and status', () => parseDeployment({ ...deployment, description: `from ${remote}` }, [{ ...statuses[0], description: `fetched ${remote}` }], 'o/r')],
    [
      'a GitLab deployment commit title',
      () => parseGitLabDeployment({ ...gitlab, deployable: { ...(gitlab.deployable as object), commit: { title: `Sync ${remote}` } } }, 'shop/web'),
    ],
  ])('never reach an event from %s', (_, parse) => {
    const event = parse();
    expect(typeof event).toBe('object');
    expect(JSON.stringify(event)).not.toContain('glpat-abcdef0123456789');
    expect(JSON.stringify(event)).toContain('https://gitlab.example.com/shop/web.git');
  });
});
