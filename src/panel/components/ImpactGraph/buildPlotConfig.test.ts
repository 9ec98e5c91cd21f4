import type uPlot from 'uplot';
import { createTheme } from '@grafana/data';

import { buildPlotConfig } from './buildPlotConfig';

const HOUR = 3_600_000;
const TEN_UTC = Date.UTC(2026, 0, 5, 10);

/** The x axis' tick labels at `splits`, as uPlot asks for them while drawing. */
function timeTicks(timeZone: string, splits: number[]): string[] {
  const from = TEN_UTC - 2 * HOUR;
  const to = TEN_UTC + 2 * HOUR;
  const config = buildPlotConfig(createTheme(), { scales: [], seriesScale: [] }, String, from, to, timeZone).getConfig();
  const axis = config.axes![0];
  const plot = { axes: config.axes, scales: { x: { min: from, max: to } } } as unknown as uPlot;
  const values = axis.values as (u: uPlot, splits: number[], axisIdx: number, space: number, incr: number) => string[];
  return values(plot, splits, 0, 40, HOUR);
}

describe('buildPlotConfig', () => {
  it("labels the time axis in the dashboard's time zone, as Grafana's time series panel does", () => {
    expect(timeTicks('America/New_York', [TEN_UTC, TEN_UTC + HOUR])).toStrictEqual(['05:00', '06:00']);
    expect(timeTicks('utc', [TEN_UTC, TEN_UTC + HOUR])).toStrictEqual(['10:00', '11:00']);
  });
});
