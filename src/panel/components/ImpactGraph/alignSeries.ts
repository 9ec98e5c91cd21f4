import type uPlot from 'uplot';

import { PanelSeries } from '../../../frames/extractSeries';

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
