import { DecimalCount, GrafanaTheme2 } from '@grafana/data';
import {
  AxisPlacement,
  GraphDrawStyle,
  LineInterpolation,
  ScaleDirection,
  ScaleOrientation,
  TimeZone,
  VisibilityMode,
} from '@grafana/schema';
import { UPlotConfigBuilder } from '@grafana/ui';

import { PlotScales } from '../../layout/plotScales';

/** The colour of the series at `index`, from the theme's palette (as the legend shows it). */
export function seriesColor(theme: GrafanaTheme2, index: number): string {
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[index % palette.length]);
}

/** Formats a tick of the y axis at `index` (in `PlotScales.scales` order). */
export type TickFormat = (scaleIndex: number, value: number, decimals?: DecimalCount) => string;

/** The scale of a plot with no series: one plain y axis. */
const NO_SCALES: PlotScales = { scales: [{ key: 'y', unit: '', first: 0 }], seriesScale: [] };

/**
 * The plot's scales, axes, series and cursor: the time range fixed to [from, to], one y
 * axis per unit (the first on the left, the others on the right, as Grafana's time series
 * panel places them) bounded by the series' min and max, its ticks in the unit; one line per
 * series; dragging along x selects (the graph zooms on it, see `PlotHooks`). No hooks: the
 * components that need the plot register theirs on the returned builder. The time axis reads
 * in `timeZone`, the dashboard's.
 */
export function buildPlotConfig(
  theme: GrafanaTheme2,
  layout: PlotScales,
  formatTick: TickFormat,
  from: number,
  to: number,
  timeZone: TimeZone
): UPlotConfigBuilder {
  const builder = new UPlotConfigBuilder(timeZone);
  builder.addScale({
    scaleKey: 'x',
    isTime: true,
    orientation: ScaleOrientation.Horizontal,
    direction: ScaleDirection.Right,
    range: () => [from, to],
  });
  builder.addAxis({ scaleKey: 'x', isTime: true, placement: AxisPlacement.Bottom, theme, timeZone });
  const { scales, seriesScale } = layout.scales.length > 0 ? layout : NO_SCALES;
  scales.forEach((scale, i) => {
    // Without a min, the axis starts at zero unless the data go below it: error counts and rates are not negative.
    builder.addScale({
      scaleKey: scale.key,
      orientation: ScaleOrientation.Vertical,
      direction: ScaleDirection.Up,
      min: scale.min,
      max: scale.max,
      softMin: scale.min === undefined ? 0 : undefined,
    });
    builder.addAxis({
      scaleKey: scale.key,
      placement: i === 0 ? AxisPlacement.Left : AxisPlacement.Right,
      theme,
      formatValue: (value: number, decimals?: DecimalCount) => formatTick(i, value, decimals),
      // One grid: the lines of a second axis would cross the first's.
      grid: { show: i === 0 },
    });
  });
  seriesScale.forEach((scaleKey, i) => {
    builder.addSeries({
      scaleKey,
      theme,
      lineColor: seriesColor(theme, i),
      lineWidth: 1,
      fillOpacity: 8,
      drawStyle: GraphDrawStyle.Line,
      lineInterpolation: LineInterpolation.Linear,
      showPoints: VisibilityMode.Never,
      spanNulls: false,
    });
  });
  builder.setCursor({ drag: { x: true, y: false, setScale: false }, points: { show: false } });
  return builder;
}
