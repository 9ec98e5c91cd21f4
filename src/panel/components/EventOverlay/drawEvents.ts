import type uPlot from 'uplot';
import { GrafanaTheme2 } from '@grafana/data';

import { ScoredEvent } from '../../types';
import { verdictColor } from '../../verdictStyle';

/** Opacity of event regions (events with an end time). */
const REGION_ALPHA = 0.1;
/** Opacity of the event lines: strong enough to read over the series, not to hide them. */
const LINE_ALPHA = 0.9;
/** Dash and gap of the event lines, CSS px. */
const DASH = 4;

/**
 * Draws each event as a dashed vertical line, and its region when it has an end time,
 * coloured by verdict, clipped to the plot box, inside save/restore. One path per colour:
 * thousands of events cost a handful of canvas calls. O(n) in the events.
 */
export function drawEvents(u: uPlot, scored: readonly ScoredEvent[], theme: GrafanaTheme2, pxRatio: number): void {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  const xPos = (t: number) => u.valToPos(t, 'x', true);
  const lines = new Map<string, Path2D>();
  const regions = new Map<string, Path2D>();
  const colors = new Map<string, string>();
  for (const { event, impact } of scored) {
    let color = colors.get(impact.verdict);
    if (!color) {
      color = verdictColor(theme, impact.verdict);
      colors.set(impact.verdict, color);
    }
    const x = Math.round(xPos(event.time));
    if (event.timeEnd !== null) {
      const region = regions.get(color) ?? new Path2D();
      region.rect(x, top, Math.max(1, xPos(event.timeEnd) - x), height);
      regions.set(color, region);
    }
    const line = lines.get(color) ?? new Path2D();
    line.moveTo(x, top);
    line.lineTo(x, top + height);
    lines.set(color, line);
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, top, u.bbox.width, height);
  ctx.clip();
  ctx.globalAlpha = REGION_ALPHA;
  regions.forEach((path, color) => {
    ctx.fillStyle = color;
    ctx.fill(path);
  });
  ctx.globalAlpha = LINE_ALPHA;
  ctx.lineWidth = pxRatio;
  ctx.setLineDash([DASH * pxRatio, DASH * pxRatio]);
  lines.forEach((path, color) => {
    ctx.strokeStyle = color;
    ctx.stroke(path);
  });
  ctx.restore();
}
