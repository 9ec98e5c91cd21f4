/** What the y axes read off a series: its unit, decimals and fixed bounds. */
export interface ScaleSource {
  unit: string;
  decimals?: number;
  min?: number;
  max?: number;
}

/** One y scale and its axis: the series in one unit, bounded by the first of them that sets min or max. */
export interface PlotScale {
  /** uPlot's scale key; the first scale is `y`. */
  key: string;
  unit: string;
  /** The first series' decimals: the ticks are formatted as it is. */
  decimals?: number;
  min?: number;
  max?: number;
  /** Index of the first series on the scale: its display formats the axis' ticks. */
  first: number;
}

export interface PlotScales {
  scales: PlotScale[];
  /** The scale key of each series, in series order. */
  seriesScale: string[];
}

/**
 * One y scale per unit, in the order the units first appear, as Grafana's time series panel
 * gives each unit its axis; min and max come from the first series of the unit that sets them
 * (an override can set them on one series). O(n).
 *
 * @example
 * plotScales([{ unit: 'percentunit', max: 1 }, { unit: 'reqps' }, { unit: 'percentunit' }])
 * // { scales: [{ key: 'y', unit: 'percentunit', max: 1, first: 0 }, { key: 'y-reqps', unit: 'reqps', first: 1 }], seriesScale: ['y', 'y-reqps', 'y'] }
 */
export function plotScales(series: readonly ScaleSource[]): PlotScales {
  const byUnit = new Map<string, PlotScale>();
  const seriesScale = series.map((s, i) => {
    let scale = byUnit.get(s.unit);
    if (!scale) {
      scale = {
        key: byUnit.size === 0 ? 'y' : `y-${s.unit}`,
        unit: s.unit,
        ...(s.decimals === undefined ? {} : { decimals: s.decimals }),
        first: i,
      };
      byUnit.set(s.unit, scale);
    }
    if (scale.min === undefined && s.min !== undefined) {
      scale.min = s.min;
    }
    if (scale.max === undefined && s.max !== undefined) {
      scale.max = s.max;
    }
    return scale.key;
  });
  return { scales: [...byUnit.values()], seriesScale };
}

/**
 * The scale sources as a string that changes exactly when the scales would: the plot is
 * rebuilt on it, not on every refresh's new display objects. `plotScalesOfKey` reads it back.
 */
export function scaleSourcesKey(series: readonly ScaleSource[]): string {
  return JSON.stringify(series.map((s) => [s.unit, s.decimals ?? null, s.min ?? null, s.max ?? null]));
}

/** The scales of the sources `scaleSourcesKey` wrote. */
export function plotScalesOfKey(key: string): PlotScales {
  const rows = JSON.parse(key) as Array<[string, number | null, number | null, number | null]>;
  return plotScales(
    rows.map(([unit, decimals, min, max]) => ({
      unit,
      decimals: decimals ?? undefined,
      min: min ?? undefined,
      max: max ?? undefined,
    }))
  );
}
