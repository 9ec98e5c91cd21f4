import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { DataTransformerConfig, dateTime, FieldType, LoadingState, PanelProps, toDataFrame } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../../options';
import { applyTransformations } from '../../testing/applyTransformations';
import { TEST_IDS } from '../../testIds';
import { ImpactOptions } from '../../types';
import { ImpactPanel } from './ImpactPanel';

const mockUi = { chart: true };
jest.mock('@grafana/ui', () => {
  const actual = jest.requireActual('@grafana/ui');
  return {
    ...actual,
    get UPlotChart() {
      return mockUi.chart ? actual.UPlotChart : undefined;
    },
  };
});

// jsdom has no canvas to measure axis labels on: the graph is tested on its own (buildPlotConfig,
// the browser specs); here the panel around it.
jest.mock('../ImpactGraph', () => ({ ImpactGraph: () => <div data-testid="graph" /> }));

function props(series: Array<ReturnType<typeof toDataFrame>> = []): PanelProps<ImpactOptions> {
  const range = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: '', to: '' } };
  return {
    id: 1,
    data: { state: LoadingState.Done, series, timeRange: range },
    timeRange: range,
    timeZone: 'utc',
    options: DEFAULT_OPTIONS,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: 600,
    height: 300,
    renderCounter: 0,
    title: '',
    eventBus: {} as never,
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (v: string) => v,
    onChangeTimeRange: jest.fn(),
  } as PanelProps<ImpactOptions>;
}

/** A SafeDeploy Events frame with one deploy (the fields the panel reads), from query `refId`. CONSTRUCTED. */
function deployFrame(refId: string, time: number, title: string, service?: string) {
  return toDataFrame({
    refId,
    fields: [
      { name: 'time', type: FieldType.time, values: [time] },
      { name: 'title', type: FieldType.string, values: [title] },
      { name: 'id', type: FieldType.string, values: ['d1'] },
      ...(service ? [{ name: 'service', type: FieldType.string, values: [service] }] : []),
    ],
  });
}

describe('ImpactPanel empty states', () => {
  afterEach(() => {
    mockUi.chart = true;
  });

  it('says what to add when there is no metric series', () => {
    render(<ImpactPanel {...props()} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('No metric series');
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('Add a query that returns error counts or rates');
  });

  // Regression: a Prometheus query that returned nothing in the range had the panel ask for a
  // query, and the on-call engineer went looking for a missing query that was there.
  it('names the query that returned no data instead of asking to add a query', () => {
    const events = deployFrame('E', 60_000, 'Deploy v2');
    const base = props([events]);
    const request = { targets: [{ refId: 'A' }, { refId: 'E' }] } as never;
    render(<ImpactPanel {...base} data={{ ...base.data, request }} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('Query A returned no data in this time range');
    expect(screen.getByTestId(TEST_IDS.empty)).not.toHaveTextContent('Add a query');
  });

  it('names a series filter that matches nothing', () => {
    const frame = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [1] }, { name: 'latency', type: FieldType.number, values: [1] }] });
    render(<ImpactPanel {...props([frame])} options={{ ...DEFAULT_OPTIONS, seriesMatch: 'errors' }} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('No numeric series matches "errors"');
  });

  it("shows a failed query's message with its query instead of asking to add a query", () => {
    // What Grafana hands a panel whose Prometheus query failed: state Error, no series, the errors.
    const message = 'bad_data: 1:14: parse error: unexpected "}"';
    const base = props();
    render(<ImpactPanel {...base} data={{ ...base.data, state: LoadingState.Error, errors: [{ message, refId: 'A' }] }} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent(`The query failedQuery A: ${message}`);
    expect(screen.getByTestId(TEST_IDS.empty)).not.toHaveTextContent('Add a query');
  });

  it('lists every failed query, and says so when Grafana gave no message', () => {
    const base = props();
    const errors = [{ message: 'timeout', refId: 'A' }, { refId: 'B' }];
    render(<ImpactPanel {...base} data={{ ...base.data, state: LoadingState.Error, errors }} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('Queries failedQuery A: timeoutQuery B: it failed without a message');
  });

  it('says it is loading while the queries run and nothing has arrived', () => {
    const base = props();
    render(<ImpactPanel {...base} data={{ ...base.data, state: LoadingState.Loading }} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('Loading');
    expect(screen.getByTestId(TEST_IDS.empty)).not.toHaveTextContent('Add a query');
  });

  // Regression: under -- Mixed --, the SafeDeploy Events query failed (a bad token) while the
  // metric query answered; Grafana hands the panel the metric series with state Error and the
  // error, and the panel said there were no deploys in the range.
  it('says the events could not be read, with the failed query, when the metrics arrived but the events query failed', () => {
    const frame = toDataFrame({
      refId: 'A',
      fields: [{ name: 'time', type: FieldType.time, values: [0, 60_000] }, { name: 'errors', type: FieldType.number, values: [1, 2] }],
    });
    const base = props([frame]);
    const message = 'GitHub returned 401: the token in the data source settings is missing or lacks the repo scope';
    render(<ImpactPanel {...base} data={{ ...base.data, state: LoadingState.Error, errors: [{ message, refId: 'B' }] }} />);
    const panel = screen.getByTestId(TEST_IDS.panel);
    expect(panel).toHaveTextContent(`No deploy events could be read: Query B: ${message}`);
    expect(panel).not.toHaveTextContent('No deploy events in this time range');
  });

  // Regression: options written by hand or generated (Terraform, Jsonnet) with "seriesMatch": null
  // reached the panel as saved when Grafana did not run the migration, and broke it.
  it('runs with options saved as null or as text numbers, with their defaults or their numbers', () => {
    const frame = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [1] }, { name: 'errors', type: FieldType.number, values: [1] }] });
    const saved = { ...DEFAULT_OPTIONS, seriesMatch: null, services: null, afterMinutes: '60' } as unknown as ImpactOptions;
    render(<ImpactPanel {...props([frame])} options={saved} />);
    expect(screen.getByTestId(TEST_IDS.panel)).toHaveTextContent('No deploy events in this time range');
  });

  it('explains instead of crashing when Grafana does not provide the chart component', () => {
    mockUi.chart = false;
    render(<ImpactPanel {...props()} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('This Grafana version does not provide the chart component');
  });
});

describe("ImpactPanel in the dashboard's time zone", () => {
  // A deploy at 10:00 UTC on a dashboard set to New York: Grafana's own panels say 05:00.
  const T0 = Date.UTC(2026, 0, 5, 8);
  const DEPLOY = Date.UTC(2026, 0, 5, 10);

  it("shows event times in the dashboard's time zone (PanelProps.timeZone), not in UTC", async () => {
    const times = Array.from({ length: 240 }, (_, i) => T0 + i * 60_000);
    const metric = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: times },
        { name: 'errors', type: FieldType.number, values: times.map((t) => (t >= DEPLOY ? 10 : 1)) },
      ],
    });
    const events = deployFrame('B', DEPLOY, 'Deploy v2', 'checkout');
    const range = { from: dateTime(T0), to: dateTime(T0 + 4 * 3_600_000), raw: { from: '', to: '' } };
    const base = props([metric, events]);
    render(<ImpactPanel {...base} data={{ ...base.data, timeRange: range }} timeRange={range} timeZone="America/New_York" width={900} height={400} />);
    const row = await screen.findByTestId(TEST_IDS.rankedRow);
    expect(row).toHaveTextContent('checkout · 01-05 05:00');
  });
});

describe('ImpactPanel after transformations', () => {
  // Two services' error series and a deploy of checkout; the frames as Grafana hands them after
  // the panel's transformations.
  const T0 = Date.UTC(2026, 0, 5);
  const DEPLOY = T0 + 10 * 3_600_000;
  const times = Array.from({ length: 12 * 60 }, (_, i) => T0 + i * 60_000);
  const serviceFrame = (service: string, level: number, rise: number) =>
    toDataFrame({
      refId: service,
      fields: [
        { name: 'Time', type: FieldType.time, values: times },
        { name: `${service} errors`, type: FieldType.number, values: times.map((t, i) => level + (i % 5) + (t >= DEPLOY ? rise : 0)) },
      ],
    });
  const events = deployFrame('E', DEPLOY, 'Deploy checkout v2', 'checkout');
  const range = { from: dateTime(T0), to: dateTime(T0 + 12 * 3_600_000), raw: { from: '', to: '' } };

  async function renderWith(transformations: DataTransformerConfig[], seriesMatch = '') {
    const frames = await applyTransformations([serviceFrame('checkout', 10, 40), serviceFrame('search', 1000, 0)], transformations);
    const base = props([...frames, events]);
    render(
      <ImpactPanel
        {...base}
        data={{ ...base.data, timeRange: range }}
        options={{ ...DEFAULT_OPTIONS, seriesMatch }}
        timeRange={range}
        width={900}
        height={400}
      />
    );
  }

  it.each([
    ['no transformation', []],
    ['Series to rows (one frame, newest row first, a Metric column)', [{ id: 'seriesToRows', options: {} }]],
    ['Sort by time, newest first', [{ id: 'sortBy', options: { sort: [{ field: 'Time', desc: true }] } }]],
    ['Join by field (one frame, a column per series)', [{ id: 'joinByField', options: { byField: 'Time', mode: 'outer' } }]],
    ['Organize fields, renaming a series', [{ id: 'organize', options: { renameByName: { 'checkout errors': 'Checkout 5xx' } } }]],
    ['Rename by regex', [{ id: 'renameByRegex', options: { regex: '(.*) errors', renamePattern: '$1 5xx' } }]],
  ])('judges the deploy as with the frames untransformed: %s', async (_, transformations) => {
    await renderWith(transformations);
    await waitFor(() => expect(screen.getByTestId(TEST_IDS.panel)).toHaveAttribute('data-pending', '0'));
    const banner = await screen.findByTestId(TEST_IDS.banner);
    expect(banner).toHaveAttribute('data-verdict', 'roll_back');
    // checkout's own level, not checkout's and search's samples judged as one series.
    expect(screen.getByTestId(TEST_IDS.rankedRow)).toHaveTextContent('12 → 52');
  });
});

describe('ImpactPanel with Requests series set', () => {
  /** CONSTRUCTED: two hours of flat minute samples per named series, a deploy an hour in, and the range they cover. */
  function flatTwoHours(named: Array<[refId: string, name: string]>, deploy: { title: string; service?: string } = { title: 'Deploy v2' }) {
    const T0 = Date.UTC(2026, 0, 5);
    const times = Array.from({ length: 120 }, (_, i) => T0 + i * 60_000);
    const frames = named.map(([refId, name]) =>
      toDataFrame({ refId, fields: [{ name: 'Time', type: FieldType.time, values: times }, { name, type: FieldType.number, values: times.map(() => 10) }] })
    );
    const range = { from: dateTime(T0), to: dateTime(T0 + 2 * 3_600_000), raw: { from: '', to: '' } };
    return { base: props([...frames, deployFrame('E', T0 + 60 * 60_000, deploy.title, deploy.service)]), range };
  }

  // Regression: the requests query failed (or matched nothing) and the panel judged raw error
  // counts under a Roll back banner, as if it had judged ratios: a traffic surge passes for harm.
  it('says its verdict judged error counts, not ratios, when no series matches Requests series, with the failed query', async () => {
    const T0 = Date.UTC(2026, 0, 5);
    const DEPLOY = T0 + 10 * 3_600_000;
    const times = Array.from({ length: 12 * 60 }, (_, i) => T0 + i * 60_000);
    const errors = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: times },
        { name: 'checkout errors', type: FieldType.number, values: times.map((t, i) => 10 + (i % 5) + (t >= DEPLOY ? 40 : 0)) },
      ],
    });
    const events = deployFrame('E', DEPLOY, 'Deploy checkout v2', 'checkout');
    const range = { from: dateTime(T0), to: dateTime(T0 + 12 * 3_600_000), raw: { from: '', to: '' } };
    const base = props([errors, events]);
    const data = { ...base.data, timeRange: range, state: LoadingState.Error, errors: [{ refId: 'RA', message: 'Post "http://prometheus:9090/api/v1/query_range": context deadline exceeded' }] };
    render(<ImpactPanel {...base} data={data} options={{ ...DEFAULT_OPTIONS, requestsMatch: 'requests' }} timeRange={range} width={900} height={400} />);
    const banner = await screen.findByTestId(TEST_IDS.banner);
    await waitFor(() => expect(screen.getByTestId(TEST_IDS.panel)).toHaveAttribute('data-pending', '0'));
    expect(banner).toHaveTextContent(
      'Judged as error counts, not ratios: no series matches "Requests series" ("requests"); Query RA: Post "http://prometheus:9090/api/v1/query_range": context deadline exceeded'
    );
  });

  it('says nothing of it when the requests series are there', async () => {
    const { base, range } = flatTwoHours([
      ['A', 'errors'],
      ['RA', 'requests'],
    ]);
    render(<ImpactPanel {...base} data={{ ...base.data, timeRange: range }} options={{ ...DEFAULT_OPTIONS, requestsMatch: 'requests' }} timeRange={range} width={900} height={400} />);
    const banner = await screen.findByTestId(TEST_IDS.banner);
    expect(banner).not.toHaveTextContent('Judged as error counts');
  });

  // Regression: only Error series took dashboard variables, so "$service requests" matched nothing and errors were judged as counts.
  it('fills dashboard variables into Requests series, as into Error series', async () => {
    const { base, range } = flatTwoHours([
      ['A', 'checkout errors'],
      ['RA', 'checkout requests'],
    ]);
    const replaceVariables = (text: string) => text.replace('$service', 'checkout');
    const options = { ...DEFAULT_OPTIONS, seriesMatch: '$service errors', requestsMatch: '$service requests' };
    render(<ImpactPanel {...base} data={{ ...base.data, timeRange: range }} replaceVariables={replaceVariables} options={options} timeRange={range} width={900} height={400} />);
    const banner = await screen.findByTestId(TEST_IDS.banner);
    await waitFor(() => expect(screen.getByTestId(TEST_IDS.panel)).toHaveAttribute('data-pending', '0'));
    expect(banner).not.toHaveTextContent('Judged as error counts');
  });

  // Regression: Services set to $service at "All" with the custom all value .* (common for Prometheus) came in as ".*", which names no service, and every event was filtered out.
  it('counts every event when a Services variable is at "All" with a custom all value', async () => {
    const { base, range } = flatTwoHours([['A', 'errors']], { title: 'Deploy checkout v2', service: 'checkout' });
    // CONSTRUCTED: Grafana's replace for a variable at All with allValue '.*': "All" as text, the value as written otherwise, no format function called.
    const replaceVariables = (text: string, _scoped?: unknown, format?: unknown) => text.replace(/\$\{service\}|\$service/g, format === 'text' ? 'All' : '.*');
    render(
      <ImpactPanel
        {...base}
        data={{ ...base.data, timeRange: range }}
        replaceVariables={replaceVariables}
        options={{ ...DEFAULT_OPTIONS, services: '$service' }}
        timeRange={range}
        width={900}
        height={400}
      />
    );
    expect(await screen.findAllByTestId(TEST_IDS.rankedRow)).toHaveLength(1);
  });

  // Regression: requests for checkout but none for search, and search was judged as a count without a word.
  it('names the series judged as counts when only some services have their requests', async () => {
    const T0 = Date.UTC(2026, 0, 5);
    const times = Array.from({ length: 120 }, (_, i) => T0 + i * 60_000);
    const series = (refId: string, name: string, service: string) =>
      toDataFrame({ refId, fields: [{ name: 'Time', type: FieldType.time, values: times }, { name, type: FieldType.number, values: times.map(() => 10), labels: { service } }] });
    const events = deployFrame('E', T0 + 60 * 60_000, 'Deploy v2');
    const range = { from: dateTime(T0), to: dateTime(T0 + 2 * 3_600_000), raw: { from: '', to: '' } };
    const base = props([series('A', 'errors', 'checkout'), series('A', 'errors', 'search'), series('RA', 'requests', 'checkout'), events]);
    render(<ImpactPanel {...base} data={{ ...base.data, timeRange: range }} options={{ ...DEFAULT_OPTIONS, requestsMatch: 'requests' }} timeRange={range} width={900} height={400} />);
    const banner = await screen.findByTestId(TEST_IDS.banner);
    expect(banner).toHaveTextContent(/Judged as error counts, not ratios: errors.*search.* \(no requests series of the same service and version\)/);
    expect(banner).not.toHaveTextContent(/Judged as error counts[^;]*checkout/);
  });
});
