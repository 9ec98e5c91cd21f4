// The host's stand-in for Grafana's stock time series panel: @grafana/ui's TimeSeries with
// annotation markers drawn from `data.annotations`, so SafeDeploy events can be compared
// with the Deploy Impact panel side by side.
import React, { useLayoutEffect, useRef, useState } from 'react';
import { DataFrame, FieldColorModeId, FieldType, PanelData, TimeRange, TimeZone } from '@grafana/data';
import { LegendDisplayMode } from '@grafana/schema';
import { TimeSeries, UPlotConfigBuilder, useTheme2 } from '@grafana/ui';

interface Marker {
  x: number;
  x2: number | null;
  title: string;
  color: string;
}

function annotationRows(frames: DataFrame[] | undefined) {
  const rows: Array<{ time: number; timeEnd: number | null; title: string; color: string }> = [];
  for (const frame of frames ?? []) {
    const field = (name: string) => frame.fields.find((f) => f.name === name);
    for (let i = 0; i < frame.length; i++) {
      rows.push({
        time: Number(field('time')?.values[i]),
        timeEnd: field('timeEnd')?.values[i] ?? null,
        title: String(field('title')?.values[i] ?? ''),
        color: String(field('color')?.values[i] ?? '#5794F2'),
      });
    }
  }
  return rows;
}

function AnnotationMarkers({ config, frames }: { config: UPlotConfigBuilder; frames: DataFrame[] | undefined }) {
  const [markers, setMarkers] = useState<Marker[]>([]);
  const [left, setLeft] = useState(0);
  const framesRef = useRef(frames);
  framesRef.current = frames;
  useLayoutEffect(() => {
    config.addHook('draw', (u) => {
      const rows = annotationRows(framesRef.current);
      const ctx = u.ctx;
      ctx.save();
      ctx.beginPath();
      ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
      ctx.clip();
      const next: Marker[] = [];
      for (const row of rows) {
        const x = u.valToPos(row.time, 'x', true);
        const x2 = row.timeEnd != null ? u.valToPos(Number(row.timeEnd), 'x', true) : null;
        ctx.strokeStyle = row.color;
        ctx.fillStyle = row.color;
        if (x2 !== null && x2 > x) {
          ctx.globalAlpha = 0.12;
          ctx.fillRect(x, u.bbox.top, x2 - x, u.bbox.height);
          ctx.globalAlpha = 1;
        }
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        next.push({ x: u.valToPos(row.time, 'x'), x2: row.timeEnd != null ? u.valToPos(Number(row.timeEnd), 'x') : null, title: row.title, color: row.color });
      }
      ctx.restore();
      setLeft(u.bbox.left / devicePixelRatio);
      setMarkers(next);
    });
  }, [config]);
  return (
    <div style={{ position: 'absolute', left, top: 0, pointerEvents: 'none' }}>
      {markers.map((m, i) => (
        <div
          key={i}
          data-testid="preview-annotation-marker"
          title={m.title}
          style={{ position: 'absolute', left: m.x - 4, top: 0, width: 8, height: 8, borderRadius: 4, background: m.color, pointerEvents: 'auto' }}
        />
      ))}
    </div>
  );
}

/** The line style Grafana's time series panel defaults to (both hosts fill it into the stock panel's fields). */
export const STOCK_CUSTOM_DEFAULTS = {
  drawStyle: 'line',
  lineWidth: 1,
  fillOpacity: 10,
  showPoints: 'never',
  lineInterpolation: 'linear',
  axisPlacement: 'auto',
  spanNulls: false,
};

export function StockTimeSeries({ data, width, height, timeRange, timeZone, onChangeTimeRange }: { data: PanelData; width: number; height: number; timeRange: TimeRange; timeZone: TimeZone; onChangeTimeRange: (r: { from: number; to: number }) => void }) {
  const theme = useTheme2();
  // Grafana's own time series panel assigns classic palette colours per series; the host has
  // no field config registry, so it does the same here.
  let seriesIndex = 0;
  const frames = data.series
    .filter((f) => f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number))
    .map((frame) => ({
      ...frame,
      fields: frame.fields.map((field) => {
        if (field.type !== FieldType.number) {
          return field;
        }
        const palette = theme.visualization.palette;
        const color = theme.visualization.getColorByName(palette[seriesIndex++ % palette.length]);
        return { ...field, config: { ...field.config, color: { mode: FieldColorModeId.Fixed, fixedColor: color } } };
      }),
    }));
  if (frames.length === 0) {
    return <div>No time series data</div>;
  }
  return (
    <div style={{ position: 'relative' }} data-testid="preview-stock-timeseries">
      <TimeSeries
        frames={frames}
        width={width}
        height={height}
        timeRange={timeRange}
        timeZone={timeZone}
        legend={{ displayMode: LegendDisplayMode.List, placement: 'bottom', showLegend: true, calcs: [] }}
        options={{ onChangeTimeRange }}
      >
        {(config) => <AnnotationMarkers config={config} frames={data.annotations} />}
      </TimeSeries>
    </div>
  );
}
