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
