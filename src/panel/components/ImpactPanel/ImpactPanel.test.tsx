import React from 'react';
import { render, screen } from '@testing-library/react';
import { dateTime, FieldType, LoadingState, PanelProps, toDataFrame } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../../options';
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

describe('ImpactPanel empty states', () => {
  afterEach(() => {
    mockUi.chart = true;
  });

  it('says what to add when there is no metric series', () => {
    render(<ImpactPanel {...props()} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('No metric series');
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('Add a query that returns error counts or rates');
  });

  it('names a series filter that matches nothing', () => {
    const frame = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [1] }, { name: 'latency', type: FieldType.number, values: [1] }] });
    render(<ImpactPanel {...props([frame])} options={{ ...DEFAULT_OPTIONS, seriesMatch: 'errors' }} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('No numeric series matches "errors"');
  });

  it('explains instead of crashing when Grafana does not provide the chart component', () => {
    mockUi.chart = false;
    render(<ImpactPanel {...props()} />);
    expect(screen.getByTestId(TEST_IDS.empty)).toHaveTextContent('This Grafana version does not provide the chart component');
  });
});
