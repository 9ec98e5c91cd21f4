import React, { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { colorManipulator, dateTimeFormat, GrafanaTheme2, TimeRange } from '@grafana/data';
import { AxisPlacement, GraphDrawStyle, LineInterpolation, ScaleDirection, ScaleOrientation, VisibilityMode } from '@grafana/schema';
import { UPlotChart, UPlotConfigBuilder, useStyles2, useTheme2 } from '@grafana/ui';

import { PanelSeries } from '../../data/extractSeries';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { verdictColor } from '../../verdictStyle';
import { Markers } from '../Markers';
import { getStyles } from './ImpactGraph.styles';

/** Plot area in CSS px inside the graph box, and the visible time span. */
export interface PlotGeometry {
  left: number;
  top: number;
  width: number;
  height: number;
  min: number;
  max: number;
}

interface Props {
  series: PanelSeries[];
  scored: ScoredEvent[];
  timeRange: TimeRange;
  width: number;
  height: number;
  showWindows: boolean;
  onZoom: (from: number, to: number) => void;
}

/** Height of the legend row under the plot, px. */
const LEGEND_HEIGHT = 22;
/** Opacity of event regions (timeEnd) and of the hovered event's baseline and impact windows. */
const REGION_ALPHA = 0.1;
const WINDOW_ALPHA = 0.16;
/** Narrower shaded windows go unlabelled, px. */
const LABEL_MIN_WIDTH = 56;

/** One x array for all series (uPlot's aligned data), missing values as null. O(n log n). */
export function alignSeries(series: PanelSeries[]): uPlot.AlignedData {
  const numbers = (values: Array<number | null>) => values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  // The usual case, one series or series on the same timestamps: no join needed.
  const first = series[0]?.times;
  const ascending = first ? first.every((t, i) => Number.isFinite(t) && (i === 0 || t > first[i - 1])) : false;
  if (first && ascending && series.every((s) => s.times.length === first.length && s.times.every((t, i) => t === first[i]))) {
    return [first, ...series.map((s) => numbers(s.values))] as uPlot.AlignedData;
  }
  const times = new Set<number>();
  for (const s of series) {
    for (const t of s.times) {
      if (Number.isFinite(t)) {
        times.add(t);
      }
    }
  }
  const xs = Float64Array.from(times).sort();
  const index = new Map<number, number>();
  xs.forEach((t, i) => index.set(t, i));
  const ys = series.map((s) => {
    const column: Array<number | null> = new Array(xs.length).fill(null);
    s.times.forEach((t, i) => {
      const at = index.get(t);
      const v = s.values[i];
      if (at !== undefined && typeof v === 'number' && Number.isFinite(v)) {
        column[at] = v;
      }
    });
    return column;
  });
  return [Array.from(xs), ...ys] as uPlot.AlignedData;
}

function seriesColor(theme: GrafanaTheme2, index: number): string {
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[index % palette.length]);
}

/**
 * The metric series with deploy events laid over them. Drawing follows Grafana's own
 * annotations plugin: one `draw` hook registered with the config, reading the latest events
 * through a ref, clipped to the plot box inside save/restore. Hover state lives in the DOM
 * overlay (markers, tooltip, shaded windows), so hovering never redraws the canvas.
 */
export function ImpactGraph({ series, scored, timeRange, width, height, showWindows, onZoom }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const plotRef = useRef<uPlot | null>(null);
  const scoredRef = useRef(scored);
  const [active, setActive] = useState<ScoredEvent | null>(null);
  const [geometry, setGeometry] = useState<PlotGeometry | null>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const onZoomRef = useRef(onZoom);
  useEffect(() => {
    onZoomRef.current = onZoom;
  }, [onZoom]);
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();

  const data = useMemo(() => alignSeries(series), [series]);
  const names = useMemo(() => series.map((s) => s.name ?? s.id).join('\u0000'), [series]);

  // The uPlot hooks below read refs only when uPlot calls them, after render; the lint rule
  // cannot tell a hook registered during render from a read during render.
  /* eslint-disable react-hooks/refs */
  const config = useMemo(() => {
    const builder = new UPlotConfigBuilder('utc');
    builder.addScale({ scaleKey: 'x', isTime: true, orientation: ScaleOrientation.Horizontal, direction: ScaleDirection.Right, range: () => [from, to] });
    builder.addAxis({ scaleKey: 'x', isTime: true, placement: AxisPlacement.Bottom, theme, timeZone: 'utc' });
    builder.addScale({ scaleKey: 'y', orientation: ScaleOrientation.Vertical, direction: ScaleDirection.Up, softMin: 0 });
    builder.addAxis({ scaleKey: 'y', placement: AxisPlacement.Left, theme });
    names.split('\u0000').forEach((_, i) => {
      const color = seriesColor(theme, i);
      builder.addSeries({
        scaleKey: 'y',
        theme,
        lineColor: color,
        lineWidth: 1,
        fillOpacity: 8,
        drawStyle: GraphDrawStyle.Line,
        lineInterpolation: LineInterpolation.Linear,
        showPoints: VisibilityMode.Never,
        spanNulls: false,
      });
    });
    builder.setCursor({ drag: { x: true, y: false, setScale: false }, points: { show: false } });
    builder.addHook('init', (u) => {
      plotRef.current = u;
    });
    builder.addHook('setSelect', (u) => {
      const { left, width: w } = u.select;
      if (w > 2) {
        onZoomRef.current(u.posToVal(left, 'x'), u.posToVal(left + w, 'x'));
      }
      u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    });
    builder.addHook('setCursor', (u) => {
      const idx = u.cursor.idx;
      const el = readoutRef.current;
      if (!el) {
        return;
      }
      if (idx === null || idx === undefined) {
        el.textContent = '';
        return;
      }
      const x = u.data[0][idx];
      const values = u.data.slice(1).map((column, i) => `${names.split('\u0000')[i]} ${column[idx] ?? '–'}`);
      el.textContent = `${dateTimeFormat(x, { format: 'YYYY-MM-DD HH:mm', timeZone: 'utc' })}  ${values.join('   ')}`;
    });
    builder.addHook('draw', (u) => {
      const ctx = u.ctx;
      const { left, top, width: w, height: h } = u.bbox;
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, w, h);
      ctx.clip();
      const xPos = (t: number) => u.valToPos(t, 'x', true);
      // One path per verdict colour: thousands of events cost a handful of canvas calls.
      const lines = new Map<string, Path2D>();
      const regions = new Map<string, Path2D>();
      const colors = new Map<string, string>();
      for (const { event, impact } of scoredRef.current) {
        let color = colors.get(impact.verdict);
        if (!color) {
          color = verdictColor(theme, impact.verdict);
          colors.set(impact.verdict, color);
        }
        const x = Math.round(xPos(event.time));
        if (event.timeEnd !== null) {
          const region = regions.get(color) ?? new Path2D();
          region.rect(x, top, Math.max(1, xPos(event.timeEnd) - x), h);
          regions.set(color, region);
        }
        const line = lines.get(color) ?? new Path2D();
        line.moveTo(x, top);
        line.lineTo(x, top + h);
        lines.set(color, line);
      }
      ctx.globalAlpha = REGION_ALPHA;
      regions.forEach((path, color) => {
        ctx.fillStyle = color;
        ctx.fill(path);
      });
      ctx.globalAlpha = 0.9;
      ctx.lineWidth = devicePixelRatio;
      ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
      lines.forEach((path, color) => {
        ctx.strokeStyle = color;
        ctx.stroke(path);
      });
      ctx.restore();
      const ratio = devicePixelRatio || 1;
      const next = { left: left / ratio, top: top / ratio, width: w / ratio, height: h / ratio, min: u.scales.x.min ?? from, max: u.scales.x.max ?? to };
      setGeometry((prev) =>
        prev && prev.left === next.left && prev.top === next.top && prev.width === next.width && prev.height === next.height && prev.min === next.min && prev.max === next.max
          ? prev
          : next
      );
    });
    return builder;
  }, [theme, names, from, to]);
  /* eslint-enable react-hooks/refs */

  // New events redraw the overlay without rebuilding the series paths.
  useLayoutEffect(() => {
    scoredRef.current = scored;
    plotRef.current?.redraw(false);
  }, [scored]);

  const plotHeight = Math.max(40, height - LEGEND_HEIGHT);
  const window = active?.impact.series.find((s) => s.status === 'ok');
  const toX = (t: number) => (geometry ? geometry.left + ((t - geometry.min) / Math.max(1, geometry.max - geometry.min)) * geometry.width : 0);

  return (
    <div className={styles.container} style={{ width, height }} data-testid={TEST_IDS.graph}>
      <UPlotChart config={config} data={data} width={width} height={plotHeight} />
      {geometry && showWindows && window?.baseline && window.impact && active && (
        // The hovered event's windows are shaded in the DOM, above the canvas: hovering then
        // costs a React update, not a redraw of every series path.
        <>
          <WindowShade label="baseline" testId={TEST_IDS.windowBaseline} from={toX(window.baseline.from)} to={toX(window.baseline.to)} geometry={geometry} color={theme.colors.text.secondary} />
          <WindowShade label="impact" testId={TEST_IDS.windowImpact} from={toX(window.impact.from)} to={toX(window.impact.to)} geometry={geometry} color={verdictColor(theme, active.impact.verdict)} />
        </>
      )}
      {geometry && <Markers scored={scored} geometry={geometry} boxWidth={width} boxHeight={plotHeight} onActivate={setActive} onZoom={onZoom} />}
      <div className={styles.legend} style={{ height: LEGEND_HEIGHT }}>
        {series.map((s, i) => (
          <span key={s.id} className={styles.legendItem}>
            <span className={styles.swatch} style={{ background: seriesColor(theme, i) }} />
            {s.name}
          </span>
        ))}
        <span ref={readoutRef} className={styles.readout} />
      </div>
    </div>
  );
}

interface WindowShadeProps {
  label: string;
  testId: string;
  /** Left and right edges, px. */
  from: number;
  to: number;
  geometry: PlotGeometry;
  color: string;
}

function WindowShade({ label, testId, from, to, geometry, color }: WindowShadeProps) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.window}
      data-testid={testId}
      style={{ left: from, top: geometry.top, height: geometry.height, width: Math.max(1, to - from), background: colorManipulator.alpha(color, WINDOW_ALPHA) }}
    >
      {/* a label only where it fits */}
      {to - from >= LABEL_MIN_WIDTH && <span className={styles.windowLabel}>{label}</span>}
    </div>
  );
}
