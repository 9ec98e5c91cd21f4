import { draftProblem, MetricDraft } from './MetricConfig';

const PROMETHEUS = { uid: 'prom', type: 'prometheus' };

describe('draftProblem', () => {
  it.each<[string, MetricDraft, boolean, string | null]>([
    ['an untouched template', { service: '', datasource: null, json: '{}' }, false, null],
    ['an untouched own query', { service: '', datasource: null, json: '{}' }, true, null],
    ['a query typed without a data source', { service: '', datasource: null, json: '{"expr": "errors"}' }, false, 'Pick a data source: without one this query is not saved'],
    ['a named own query without a data source', { service: 'web', datasource: null, json: '{}' }, true, 'Pick a data source: without one this query is not saved'],
    ['an own query without a service name', { service: ' ', datasource: PROMETHEUS, json: '{}' }, true, 'Name the service: without a name this query is not saved'],
    ['a query that is not JSON', { service: 'web', datasource: PROMETHEUS, json: '{"expr": ' }, true, expect.stringMatching(/^The query is not valid JSON/)],
    ['a complete own query', { service: 'web', datasource: PROMETHEUS, json: '{"expr": "errors"}' }, true, null],
  ])('%s', (_name, draft, ownQuery, expected) => {
    expect(draftProblem(draft, ownQuery)).toEqual(expected);
  });
});

describe('draftProblem: secrets', () => {
  // App settings are jsonData, which Grafana hands to every signed-in user: a token pasted into a query was saved there.
  it.each([
    ['a credential header', '{"url": "https://api.example/errors", "headers": [{"key": "Authorization", "value": "Bearer abc123def456"}]}', 'headers.0'],
    ['a token field', '{"expr": "errors", "apiToken": "s3cr3t-t0ken"}', 'apiToken'],
    ['a password in a URL', '{"url": "https://user:hunter22@metrics.example/query"}', 'url'],
  ])('refuses %s, saying where it is', (_name, json, where) => {
    const problem = draftProblem({ service: 'web', datasource: PROMETHEUS, json }, true);
    expect(problem).toBe(
      `The query holds what looks like a credential (${where}): app settings are readable by every Grafana user, so keep credentials in the data source's own secure settings`
    );
  });

  it('takes an ordinary query with a $service template and a label named like a credential but empty', () => {
    expect(draftProblem({ service: 'web', datasource: PROMETHEUS, json: '{"expr": "sum(rate(errors{service=\\"$service\\"}[5m]))", "token": ""}' }, true)).toBeNull();
  });
});
