import { DataFrame, FieldType, toDataFrame } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

import { noSeriesText } from './noSeriesText';

const events = toDataFrame({
  refId: 'E',
  fields: [
    { name: 'time', type: FieldType.time, values: [1] },
    { name: 'title', type: FieldType.string, values: ['Deploy v2'] },
  ],
});
const metric = (refId: string) =>
  toDataFrame({ refId, fields: [{ name: 'time', type: FieldType.time, values: [1] }, { name: 'errors', type: FieldType.number, values: [1] }] });
// A Prometheus instant query in table format: labels as columns, one number, no time.
const table = toDataFrame({ refId: 'A', fields: [{ name: 'service', type: FieldType.string, values: ['checkout'] }, { name: 'Value', type: FieldType.number, values: [3] }] });

function text(series: DataFrame[], targets: DataQuery[] = [], seriesMatch = '', requestsMatch = '') {
  return noSeriesText({ series, request: { targets } as never }, series, seriesMatch, requestsMatch);
}

describe('noSeriesText', () => {
  // Regression: a Prometheus query that returned nothing in the range (a quiet service, a typo in
  // the metric) had the panel ask for a query that was already there.
  it('names the queries that returned nothing in the range instead of asking to add one', () => {
    expect(text([events], [{ refId: 'A' }, { refId: 'E' }])).toBe(
      'Query A returned no data in this time range: widen the time range, or check the query in Explore.'
    );
    expect(text([], [{ refId: 'A' }, { refId: 'B' }, { refId: 'C' }])).toBe(
      'Queries A, B and C returned no data in this time range: widen the time range, or check them in Explore.'
    );
  });

  it('says the queries answered with tables, not time series, and what to change', () => {
    expect(text([table, events], [{ refId: 'A' }, { refId: 'E' }])).toMatch(/^The queries returned 1 table but no time series .*Set the query's format to Time series/);
  });

  it('names an error series option that matches none of the series', () => {
    expect(text([metric('A')], [{ refId: 'A' }], 'errors5xx')).toMatch(/^No numeric series matches "errors5xx"/);
  });

  it('says when every series is taken as requests, leaving none to judge', () => {
    expect(text([metric('A')], [{ refId: 'A' }], '', 'errors')).toBe(
      'Every numeric series matches "Requests series" ("errors"), so none is left to judge: narrow "Requests series" or set "Error series" in the panel options.'
    );
  });

  it('asks for a metric query when the panel has none', () => {
    expect(text([events], [{ refId: 'E' }])).toMatch(/^Add a query that returns error counts or rates/);
    expect(text([], [])).toMatch(/^Add a query that returns error counts or rates/);
  });

  describe('edge cases', () => {
    it('takes a frame with no fields or no rows for no data, as Prometheus answers a query with no result', () => {
      const empty = toDataFrame({ refId: 'A', fields: [] });
      const noRows = toDataFrame({ refId: 'B', fields: [{ name: 'time', type: FieldType.time, values: [] }, { name: 'errors', type: FieldType.number, values: [] }] });
      expect(text([empty, noRows, events], [{ refId: 'A' }, { refId: 'B' }, { refId: 'E' }])).toMatch(/^Queries A and B returned no data in this time range/);
    });

    it('does not count a hidden query as one that returned nothing', () => {
      expect(text([events], [{ refId: 'A', hide: true }, { refId: 'E' }])).toMatch(/^Add a query/);
    });
  });
});
