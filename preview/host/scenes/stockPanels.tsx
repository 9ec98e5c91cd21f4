// The host's stand-ins for Grafana's core time series and table panels, as PanelPlugins a
// VizPanel can load. Grafana's time series panel declares annotation support
// (public/app/plugins/panel/timeseries/module.tsx), so its stand-in does too; the table's does not.
import React from 'react';
import { PanelPlugin, PanelProps } from '@grafana/data';
import { Table } from '@grafana/ui';

import { STOCK_CUSTOM_DEFAULTS, StockTimeSeries } from '../StockTimeSeries';

function TimeSeriesPanel({ data, width, height, timeRange, timeZone, onChangeTimeRange }: PanelProps) {
  const series = data.series.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => ({ ...field, config: { ...field.config, custom: { ...STOCK_CUSTOM_DEFAULTS, ...(field.config.custom ?? {}) } } })),
  }));
  return (
    <StockTimeSeries
      data={{ ...data, series }}
      width={width}
      height={height}
      timeRange={timeRange}
      timeZone={timeZone}
      onChangeTimeRange={({ from, to }) => onChangeTimeRange({ from, to })}
    />
  );
}

function TablePanel({ data, width, height }: PanelProps) {
  const frame = data.series[0];
  return frame ? <Table data={frame} width={width} height={height} /> : <div>No data</div>;
}

function withMeta(plugin: PanelPlugin, id: string, name: string): PanelPlugin {
  plugin.meta = { id, name, module: 'core', baseUrl: '', type: 'panel', info: { logos: { small: '', large: '' } } } as never;
  return plugin;
}

/** Core panels by plugin id. */
export function stockPanels(): Record<string, PanelPlugin> {
  return {
    timeseries: withMeta(new PanelPlugin(TimeSeriesPanel).setDataSupport({ annotations: true }), 'timeseries', 'Time series'),
    table: withMeta(new PanelPlugin(TablePanel), 'table', 'Table'),
  };
}
