import { dateTime, DataQueryRequest, DataQueryResponse, FieldType, LoadingState, toDataFrame } from '@grafana/data';
import { BackendSrvRequest } from '@grafana/runtime';
import { firstValueFrom, lastValueFrom, Observable, of, throwError, toArray } from 'rxjs';

import { readFixture } from '../events/testing/fixtures';
import { EventSource } from '../events/types';
import { EventsDataSource } from './datasource';
import { EventsVariableSupport } from './EventsVariableSupport';
import { EventsQuery, VariableKind } from './types';

const fetchMock = jest.fn();
const replaceMock = jest.fn((text: string) => text.replace('$repo', 'octocat/example'));

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: fetchMock }),
  getTemplateSrv: () => ({ replace: replaceMock }),
}));

const deployments = readFixture('github/deployments_list.json') as Array<Record<string, unknown>>;
const statuses = readFixture('github/deployment_statuses_list.json');
const FROM = Date.parse('2012-07-19T00:00:00Z');
const TO = Date.parse('2012-07-21T00:00:00Z');

function ok(data: unknown) {
  return of({ status: 200, data: JSON.stringify(data), headers: new Headers(), ok: true });
}

function datasource(jsonData = { githubUrl: 'https://api.github.com' }) {
  return new EventsDataSource({
    id: 1,
    uid: 'events',
    type: 'safedeploy-events-datasource',
    name: 'SafeDeploy Events',
    jsonData,
    meta: {} as never,
    access: 'proxy',
    readOnly: false,
  });
}

function request(targets: EventsQuery[]): DataQueryRequest<EventsQuery> {
  const range = { from: dateTime(FROM), to: dateTime(TO), raw: { from: '', to: '' } };
  return { targets, range, scopedVars: {}, requestId: 'r', interval: '1m', intervalMs: 60_000, timezone: 'utc', app: 'dashboard', startTime: 0 } as DataQueryRequest<EventsQuery>;
}

beforeEach(() => {
  fetchMock.mockReset();
  replaceMock.mockClear();
  replaceMock.mockImplementation((text: string) => text.replace('$repo', 'octocat/example'));
});

describe('EventsDataSource', () => {
  it('stops requesting when a panel query is cancelled: the request in flight is unsubscribed and no other starts', async () => {
    let unsubscribed = 0;
    fetchMock.mockImplementation(() => new Observable(() => () => unsubscribed++));
    const subscription = datasource().query(request([{ refId: 'A', provider: EventSource.GitHub, scope: 'octo/app' }])).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    subscription.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(unsubscribed).toBe(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('never sends a next link on another origin through the route', async () => {
    const page = (link: string) => of({ status: 200, data: JSON.stringify(deployments), headers: new Headers({ link }), ok: true });
    fetchMock.mockImplementation((options: BackendSrvRequest) =>
      options.url.includes('/statuses') ? ok(statuses) : page('<https://evil.example.com/repos/octocat/example/deployments?page=2>; rel="next"')
    );
    const packets = await lastValueFrom(datasource().query(request([{ refId: 'A', provider: EventSource.GitHub, scope: 'octocat/example' }])).pipe(toArray()));
    const urls = fetchMock.mock.calls.map(([options]: [BackendSrvRequest]) => options.url);
    expect(urls.every((url: string) => url.startsWith('/api/datasources/proxy/uid/events/github/'))).toBe(true);
    expect(urls.some((url: string) => url.includes('page=2'))).toBe(false);
    const notices = JSON.stringify(packets[packets.length - 1].data[0].meta);
    expect(notices).toContain('another origin (https://evil.example.com)');
  });

  it('reads GitHub through the data-proxy route and returns one frame with the event fields', async () => {
    fetchMock.mockImplementation((options: BackendSrvRequest) => (options.url.includes('/statuses') ? ok(statuses) : ok(deployments)));
    const packets = await lastValueFrom(datasource().query(request([{ refId: 'A', provider: EventSource.GitHub, scope: '$repo' }])).pipe(toArray()));
    const last = packets[packets.length - 1] as DataQueryResponse;
    expect(last.state).toBe(LoadingState.Done);
    expect(packets.slice(0, -1).every((p) => p.state === LoadingState.Streaming)).toBe(true);
    const frame = last.data[0];
    expect(frame.refId).toBe('A');
    expect(frame.fields.map((f: { name: string }) => f.name)).toStrictEqual([
      'time', 'timeEnd', 'title', 'service', 'environment', 'kind', 'status', 'version', 'commit', 'author', 'source', 'text', 'url', 'tags', 'id', 'flagKey', 'fromState', 'toState', 'gateVerdict', 'mergedChanges', 'mergeTimes', 'mergedChangesLowerBound', 'color',
    ]);
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(frame.fields.find((f: { name: string }) => f.name === 'title').values).toStrictEqual(['Deploy topic-branch to production']);
    expect(frame.fields.find((f: { name: string }) => f.name === 'color').values).toStrictEqual(['#73BF69']);
    const urls = fetchMock.mock.calls.map(([options]) => (options as BackendSrvRequest).url);
    expect(urls[0]).toBe('/api/datasources/proxy/uid/events/github/repos/octocat/example/deployments?per_page=100');
    expect(urls[1]).toBe('/api/datasources/proxy/uid/events/github/repos/octocat/example/deployments/1/statuses?per_page=100');
    expect(replaceMock).toHaveBeenCalledWith('$repo', {}, 'csv');
  });

  it('reads GitHub deployments through the POST graphql route once its endpoint is set, and says so in the frame', async () => {
    const deployment = deployments[0];
    const answer = {
      data: {
        repository: {
          deployments: {
            pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29yOjE=' },
            nodes: [
              {
                databaseId: deployment.id,
                createdAt: deployment.created_at,
                environment: deployment.environment,
                task: deployment.task,
                description: deployment.description,
                payload: JSON.stringify(deployment.payload),
                commitOid: deployment.sha,
                ref: { name: deployment.ref },
                creator: { login: 'octocat' },
                statusesFirst: { nodes: [] },
                statusesLast: { nodes: [{ state: 'SUCCESS', createdAt: '2012-07-20T01:19:13Z', description: 'Deployment finished successfully.', logUrl: 'https://example.com/deployment/42/output', environmentUrl: null }] },
              },
            ],
          },
        },
      },
    };
    fetchMock.mockImplementation(() => ok(answer));
    const ds = datasource({ githubUrl: 'https://ghe.example.com/api/v3', githubGraphqlUrl: 'https://ghe.example.com/api/graphql' } as never);
    const packets = await lastValueFrom(ds.query(request([{ refId: 'A', provider: EventSource.GitHub, scope: 'octocat/example' }])).pipe(toArray()));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [options] = fetchMock.mock.calls[0] as [BackendSrvRequest];
    expect(options).toMatchObject({ url: '/api/datasources/proxy/uid/events/github/graphql', method: 'POST' });
    expect(JSON.parse(options.data).variables).toStrictEqual({ owner: 'octocat', name: 'example', first: 100, after: null });
    const frame = packets[packets.length - 1].data[0];
    expect(frame.fields.find((f: { name: string }) => f.name === 'title').values).toStrictEqual(['Deploy topic-branch to production']);
    expect(frame.meta.notices).toStrictEqual([{ severity: 'info', text: 'GitHub: read deployments of octocat/example via GraphQL.' }]);
  });

  it("a read that got nothing is Grafana's query error, so the panel shows its error corner, and its frame holds no event", async () => {
    fetchMock.mockImplementation(() => throwError(() => ({ status: 401, data: '{"message":"Bad credentials"}', config: {} })));
    const response = await lastValueFrom(datasource().query(request([{ refId: 'A', provider: EventSource.GitHub, scope: 'octocat/example' }])));
    const message =
      'GitHub returned 401 for /repos/octocat/example/deployments (Bad credentials): the token in the data source settings is missing, wrong or expired.';
    expect(response.state).toBe(LoadingState.Error);
    expect(response.data.map((frame: { length: number }) => frame.length)).toStrictEqual([0]);
    expect(response.error).toStrictEqual({ refId: 'A', message });
    expect(response.errors).toStrictEqual([{ refId: 'A', message }]);
  });

  it('an annotation layer that read nothing is a marker at the end of the range saying why, since Grafana shows no annotation error', async () => {
    // As Grafana's executeAnnotationQuery: runRequest keeps the error in the data, processEvents gets the frames.
    const ds = datasource();
    const unconfigured = await lastValueFrom(ds.query(request([{ refId: 'Anno', provider: EventSource.GitLab, scope: 'group/app' }])));
    fetchMock.mockImplementation(() => throwError(() => ({ status: 401, data: '{"message":"Bad credentials"}', config: {} })));
    const unauthorized = await lastValueFrom(ds.query(request([{ refId: 'Anno', provider: EventSource.GitHub, scope: 'octocat/example' }])));
    for (const [response, said] of [
      [unconfigured, 'GitLab is not configured: set its URL in the data source settings.'],
      [unauthorized, 'GitHub returned 401 for /repos/octocat/example/deployments (Bad credentials): the token in the data source settings is missing, wrong or expired.'],
    ] as const) {
      const events = await firstValueFrom(ds.annotations!.processEvents!({} as never, response.data));
      expect(events).toStrictEqual([{ time: TO, isRegion: false, title: 'SafeDeploy Events read nothing', text: said, tags: ['safedeploy-error'] }]);
    }
  });

  it("every failed query's error reaches the panel through Grafana's merge, which keeps only the last failing packet's", async () => {
    const packets = await lastValueFrom(
      datasource().query(request([{ refId: 'E', provider: EventSource.GitLab, scope: 'group/app' }, { refId: 'J', provider: EventSource.Jenkins, scope: 'deploy' }])).pipe(toArray())
    );
    // As Grafana's runRequest (processResponsePacket, v10.4.0 and v12.4.0): packets by key, the last failing one's errors.
    const byKey = new Map<string, DataQueryResponse>();
    packets.forEach((p: DataQueryResponse) => byKey.set(p.key ?? 'A', p));
    const shown = Array.from(byKey.values()).filter((p) => p.errors?.length).pop();
    expect(shown?.errors?.map((e) => e.refId)).toStrictEqual(['E', 'J']);
  });

  it('a provider that has no URL is an error that says to configure it, and nothing is requested', async () => {
    const response = await lastValueFrom(datasource().query(request([{ refId: 'B', provider: EventSource.GitLab, scope: 'group/app' }])));
    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors).toStrictEqual([{ refId: 'B', message: 'GitLab is not configured: set its URL in the data source settings.' }]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('a saved provider URL holding a user and password is not used: queries and Save & test say to move it, and nothing is requested', async () => {
    const saved = datasource({ jenkinsUrl: 'https://ci-bot:s3cr3t-token@jenkins.example.com' } as never);
    const response = await lastValueFrom(saved.query(request([{ refId: 'J', provider: EventSource.Jenkins, scope: 'deploy-job' }])));
    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors?.[0].message).toMatch(/^Jenkins's URL holds a user name or password, .* put the token in the provider's token field/);
    const tested = await saved.testDatasource();
    expect(tested).toMatchObject({ status: 'error', message: expect.stringMatching(/^Jenkins's URL holds a user name or password/) });
    expect(JSON.stringify([response, tested])).not.toContain('s3cr3t');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("turns its frames into annotations whose CI text Grafana's tooltip shows as text", async () => {
    const frame = toDataFrame([{ time: 1_700_000_000_000, title: 'Deploy <b>v2</b>', text: 'a & b' }]);
    const events = await firstValueFrom(datasource().annotations!.processEvents!({} as never, [frame]));
    expect(events).toMatchObject([{ time: 1_700_000_000_000, title: 'Deploy &lt;b&gt;v2&lt;/b&gt;', text: 'a &amp; b', isRegion: false }]);
  });

  it('tests each configured provider and says what to fix', async () => {
    fetchMock.mockImplementation(() => throwError(() => ({ status: 401, data: '{"message":"Bad credentials"}', config: {} })));
    const result = await datasource().testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toContain('GitHub returned 401 for /rate_limit (Bad credentials)');
    expect(result.message).toContain('Hint: the GitHub token is missing, wrong or expired.');
  });

  it('reports success when the provider answers', async () => {
    fetchMock.mockImplementation(() => ok({ resources: {} }));
    expect(await datasource().testDatasource()).toStrictEqual({ status: 'success', message: 'GitHub: connected.' });
  });

  it('tests the flag and cluster sources through their routes, with hints of their own', async () => {
    fetchMock.mockImplementation((options: BackendSrvRequest) =>
      options.url.includes('/kubernetes/') ? throwError(() => ({ status: 403, data: '{"message":"forbidden"}', config: {} })) : ok({ events: [], items: [] })
    );
    const result = await datasource({ unleashUrl: 'https://unleash.example.com', launchdarklyUrl: 'https://app.launchdarkly.com', kubernetesUrl: 'https://k8s.example.com' } as never).testDatasource();
    expect(fetchMock.mock.calls.map((c) => c[0].url).sort()).toStrictEqual([
      '/api/datasources/proxy/uid/events/kubernetes/version',
      '/api/datasources/proxy/uid/events/launchdarkly/api/v2/auditlog?limit=1',
      '/api/datasources/proxy/uid/events/unleash/api/admin/search/events?limit=1',
    ]);
    expect(result.message).toContain('Unleash: connected.');
    expect(result.message).toContain('LaunchDarkly: connected.');
    expect(result.message).toContain('Hint: the service account lacks get/list on apps resources.');
  });

  it('tests GitLab on a project listing, so a read_user token fails with its hint, and CDEvents at its URL as configured', async () => {
    // CONSTRUCTED in the shape GitLab answers a token without the scope an endpoint needs (403, insufficient_scope; GitLab REST API docs, "Authentication").
    const insufficient = '{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api read_api"}';
    fetchMock.mockImplementation((options: BackendSrvRequest) => (options.url.includes('/gitlab/') ? throwError(() => ({ status: 403, data: insufficient, config: {} })) : ok([])));
    const result = await datasource({ gitlabUrl: 'https://gitlab.example.com', cdeventsUrl: 'https://events.example.com/cdevents' } as never).testDatasource();
    expect(fetchMock.mock.calls.map((c) => c[0].url).sort()).toStrictEqual([
      '/api/datasources/proxy/uid/events/cdevents',
      '/api/datasources/proxy/uid/events/gitlab/api/v4/projects?membership=true&simple=true&per_page=1',
    ]);
    expect(result.status).toBe('error');
    expect(result.message).toContain('Hint: the GitLab token lacks the read_api scope (read_user alone cannot read projects or their deployments).');
    expect(result.message).toContain('CDEvents: connected.');
  });

  it("reads Grafana annotations from this Grafana's own API, with no route and no token", async () => {
    const annotations = readFixture('grafana/annotations_find.json') as Array<Record<string, unknown>>;
    fetchMock.mockImplementation(() => ok(annotations.map((a) => ({ ...a, time: FROM + 3_600_000, timeEnd: undefined }))));
    const target = { refId: 'G', provider: EventSource.GrafanaAnnotations, scope: 'incident' } as EventsQuery;
    const packets = await lastValueFrom(datasource({} as never).query(request([target])).pipe(toArray()));
    const last = packets[packets.length - 1] as DataQueryResponse;
    expect(last.data[0].length).toBe(2);
    const url: string = fetchMock.mock.calls[0][0].url;
    expect(url.startsWith('/api/annotations?')).toBe(true);
    expect(url).toContain('tags=incident');
    expect(url).not.toContain('/api/datasources/proxy');
  });

  it('reads Unleash through its data-proxy route', async () => {
    const body = readFixture('unleash/events_search_CONSTRUCTED.json');
    fetchMock.mockImplementation(() => ok(body));
    const range = { from: dateTime(Date.parse('2022-06-29T00:00:00Z')), to: dateTime(Date.parse('2022-06-30T00:00:00Z')), raw: { from: '', to: '' } };
    const target = { refId: 'U', provider: EventSource.Unleash, scope: '' } as EventsQuery;
    const packets = await lastValueFrom(datasource({ unleashUrl: 'https://unleash.example.com' } as never).query({ ...request([target]), range }).pipe(toArray()));
    const frame = (packets[packets.length - 1] as DataQueryResponse).data[0];
    expect(fetchMock.mock.calls[0][0].url).toMatch(/^\/api\/datasources\/proxy\/uid\/events\/unleash\/api\/admin\/search\/events\?/);
    expect(frame.fields.find((f: { name: string }) => f.name === 'toState').values).toStrictEqual(['off', 'on']);
  });

  it('with no provider configured, checks the Grafana annotations it then reads and says so', async () => {
    fetchMock.mockImplementation(() => ok([]));
    const result = await datasource({} as never).testDatasource();
    expect(fetchMock.mock.calls.map((c) => c[0].url)).toStrictEqual(['/api/annotations?limit=1']);
    expect(result.status).toBe('success');
    expect(result.message).toContain("Grafana annotations: this Grafana's annotation API answered with your permissions (GET /api/annotations).");
    expect(result.message).toContain('No CI/CD provider is configured, so only annotations are read');
  });

  it('with only Grafana annotations, a viewer who cannot read them is told why', async () => {
    fetchMock.mockImplementation(() => throwError(() => ({ status: 403, data: '{"message":"Permission denied"}', config: {} })));
    const result = await datasource({} as never).testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toContain('Hint: your Grafana role cannot read annotations (annotations:read).');
  });

  it('reads each value of a multi-value or "All" environment variable, never the glob Grafana writes by default', async () => {
    // As Grafana's formatVariableValue: the format asked for, else a glob for several values.
    replaceMock.mockImplementation((text: string, _vars?: unknown, format?: string) => text.replace('$env', format === 'csv' ? 'production,staging' : '{production,staging}'));
    fetchMock.mockImplementation((options: BackendSrvRequest) => (options.url.includes('/statuses') ? ok(statuses) : ok(deployments)));
    const packets = await lastValueFrom(datasource().query(request([{ refId: 'A', provider: EventSource.GitHub, scope: 'octocat/example', environment: '$env' }])).pipe(toArray()));
    const listings = fetchMock.mock.calls.map(([options]: [BackendSrvRequest]) => decodeURIComponent(options.url)).filter((url: string) => !url.includes('/statuses'));
    expect(listings.sort()).toStrictEqual([
      '/api/datasources/proxy/uid/events/github/repos/octocat/example/deployments?environment=production&per_page=100',
      '/api/datasources/proxy/uid/events/github/repos/octocat/example/deployments?environment=staging&per_page=100',
    ]);
    const last = packets[packets.length - 1] as DataQueryResponse;
    expect(last.state).toBe(LoadingState.Done);
    expect(last.data[0].length).toBe(1);
  });

  it('reads every environment when the environment variable is at "All" with a custom all value, not an environment named ".*"', async () => {
    // As Grafana's template service (v10.4.0) and scenes' CustomAllValue: "All" in the text format,
    // the custom all value as written in any other, and a format function never called for it.
    replaceMock.mockImplementation((text: string, _vars?: unknown, format?: unknown) => text.replace(/\$\{env\}|\$env/, format === 'text' ? 'All' : '.*'));
    fetchMock.mockImplementation((options: BackendSrvRequest) => (options.url.includes('/statuses') ? ok(statuses) : ok(deployments)));
    const packets = await lastValueFrom(datasource().query(request([{ refId: 'A', provider: EventSource.GitHub, scope: 'octocat/example', environment: '$env' }])).pipe(toArray()));
    const listings = fetchMock.mock.calls.map(([options]: [BackendSrvRequest]) => decodeURIComponent(options.url)).filter((url: string) => !url.includes('/statuses'));
    expect(listings).toStrictEqual(['/api/datasources/proxy/uid/events/github/repos/octocat/example/deployments?per_page=100']);
    expect((packets[packets.length - 1] as DataQueryResponse).data[0].length).toBe(1);
  });

  describe('a variable query that cannot list values says why, as Grafana shows it under the variable', () => {
    const variableRequest = (query: EventsQuery, kind = VariableKind.Services) =>
      ({ targets: [{ refId: 'V', kind, query }], range: request([]).range, scopedVars: {} }) as unknown as DataQueryRequest<never>;
    const run = (ds: EventsDataSource, query: EventsQuery, kind?: VariableKind) =>
      lastValueFrom((ds.variables as EventsVariableSupport).query(variableRequest(query, kind) as never));

    it('a provider answering 401', async () => {
      fetchMock.mockImplementation(() => throwError(() => ({ status: 401, data: '{"message":"Bad credentials"}', config: {} })));
      const response = await run(datasource(), { refId: 'q', provider: EventSource.GitHub, scope: 'octo/app' } as EventsQuery);
      expect(response.state).toBe(LoadingState.Error);
      expect(response.errors?.[0].message).toMatch(/^GitHub returned 401 for .*the token in the data source settings is missing, wrong or expired\.$/);
    });

    it('a provider with no URL', async () => {
      const response = await run(datasource({} as never), { refId: 'q', provider: EventSource.GitLab, scope: 'g/p' } as EventsQuery);
      expect(response.state).toBe(LoadingState.Error);
      expect(response.errors?.[0].message).toBe('GitLab is not configured: set its URL in the data source settings.');
      expect(fetchMock).not.toHaveBeenCalled();
    });

    it('repositories of an owner that cannot be listed', async () => {
      fetchMock.mockImplementation(() => throwError(() => ({ status: 404, data: '{"message":"Not Found"}', config: {} })));
      const response = await run(datasource(), { refId: 'q', provider: EventSource.GitHub, scope: 'nobody' } as EventsQuery, VariableKind.Repositories);
      expect(response.state).toBe(LoadingState.Error);
      expect(response.errors?.[0].message).toMatch(/^GitHub returned 404 for \/users\/nobody\/repos/);
    });

    it('repositories past the first hundred, page by page through the route', async () => {
      // CONSTRUCTED: GitHub's org repository listing, 100 a page (full_name as the REST API names it), the next page in the Link header.
      const repos = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ full_name: `octo/repo-${String(from + i).padStart(3, '0')}` }));
      fetchMock.mockImplementation((options: BackendSrvRequest) =>
        options.url.includes('page=2')
          ? ok(repos(100, 5))
          : of({ status: 200, data: JSON.stringify(repos(0, 100)), headers: new Headers({ link: '<https://api.github.com/organizations/1/repos?per_page=100&sort=pushed&page=2>; rel="next"' }), ok: true })
      );
      const response = await run(datasource(), { refId: 'q', provider: EventSource.GitHub, scope: 'octo' } as EventsQuery, VariableKind.Repositories);
      expect(response.state).toBe(LoadingState.Done);
      expect(response.data[0].length).toBe(105);
      const urls = fetchMock.mock.calls.map(([options]: [BackendSrvRequest]) => options.url);
      expect(urls).toStrictEqual([
        '/api/datasources/proxy/uid/events/github/orgs/octo/repos?per_page=100&sort=pushed',
        '/api/datasources/proxy/uid/events/github/organizations/1/repos?per_page=100&sort=pushed&page=2',
      ]);
    });

    it('repositories: a full GitHub page without a next link is the last, no page number guessed', async () => {
      fetchMock.mockImplementation(() => ok(Array.from({ length: 100 }, (_, i) => ({ full_name: `octo/repo-${i}` }))));
      const response = await run(datasource(), { refId: 'q', provider: EventSource.GitHub, scope: 'octo' } as EventsQuery, VariableKind.Repositories);
      expect(response.data[0].length).toBe(100);
      expect(fetchMock).toHaveBeenCalledTimes(1);
    });

    it('an empty but successful listing is values, not an error', async () => {
      fetchMock.mockImplementation(() => ok([]));
      const response = await run(datasource(), { refId: 'q', provider: EventSource.GitHub, scope: 'octo/app' } as EventsQuery);
      expect(response.state).toBe(LoadingState.Done);
      expect(response.data[0].length).toBe(0);
    });
  });

  it('lists services and environments for dashboard variables', async () => {
    fetchMock.mockImplementation((options: BackendSrvRequest) => (options.url.includes('/statuses') ? ok(statuses) : ok(deployments)));
    const range = { from: dateTime(FROM), to: dateTime(TO), raw: { from: '', to: '' } };
    const query = { refId: 'v', provider: EventSource.GitHub, scope: 'octocat/example' } as EventsQuery;
    expect(await datasource().metricFindQuery({ refId: 'v', kind: VariableKind.Services, query }, { range })).toStrictEqual([{ text: 'example', value: 'example' }]);
    expect(await datasource().metricFindQuery({ refId: 'v', kind: VariableKind.Environments, query }, { range })).toStrictEqual([{ text: 'production', value: 'production' }]);
  });
});
