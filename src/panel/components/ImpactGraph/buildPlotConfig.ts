import { GrafanaTheme2 } from '@grafana/data';
import { AxisPlacement, GraphDrawStyle, LineInterpolation, ScaleDirection, ScaleOrientation, VisibilityMode } from '@grafana/schema';
import { UPlotConfigBuilder } from '@grafana/ui';

/** The colour of the series at `index`, from the theme's palette (as the legend shows it). */
export function seriesColor(theme: GrafanaTheme2, index: number): string {
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[index % palette.length]);
}

/**
 * The plot's scales, axes, series and cursor: the time range fixed to [from, to], one
 * line per series, dragging along x selects (the graph zooms on it, see `PlotHooks`). No
 * hooks: the components that need the plot register theirs on the returned builder.
 */
export function buildPlotConfig(theme: GrafanaTheme2, seriesCount: number, from: number, to: number): UPlotConfigBuilder {
  const builder = new UPlotConfigBuilder('utc');
  builder.addScale({ scaleKey: 'x', isTime: true, orientation: ScaleOrientation.Horizontal, direction: ScaleDirection.Right, range: () => [from, to] });
  builder.addAxis({ scaleKey: 'x', isTime: true, placement: AxisPlacement.Bottom, theme, timeZone: 'utc' });
  builder.addScale({ scaleKey: 'y', orientation: ScaleOrientation.Vertical, direction: ScaleDirection.Up, softMin: 0 });
  builder.addAxis({ scaleKey: 'y', placement: AxisPlacement.Left, theme });
  for (let i = 0; i < seriesCount; i++) {
    builder.addSeries({
      scaleKey: 'y',
      theme,
      lineColor: seriesColor(theme, i),
      lineWidth: 1,
      fillOpacity: 8,
      drawStyle: GraphDrawStyle.Line,
      lineInterpolation: LineInterpolation.Linear,
      showPoints: VisibilityMode.Never,
      spanNulls: false,
    });
  }
  builder.setCursor({ drag: { x: true, y: false, setScale: false }, points: { show: false } });
  return builder;
}
