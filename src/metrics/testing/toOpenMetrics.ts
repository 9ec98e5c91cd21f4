/** One generated series: a gauge with labels and samples at epoch ms. */
export interface GeneratedSeries {
  metric: string;
  labels: Record<string, string>;
  times: number[];
  /** NaN and ±Infinity are written as OpenMetrics' `NaN`, `+Inf`, `-Inf`. */
  values: number[];
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Infinity) {
    return '+Inf';
  }
  if (value === -Infinity) {
    return '-Inf';
  }
  return String(value);
}

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: gauges grouped by
 * metric family (the format requires each family's samples to be contiguous), timestamps in
 * seconds, ending with `# EOF`.
 *
 * @example
 * toOpenMetrics([{ metric: 'errors', labels: { service: 'web' }, times: [0], values: [1] }]) // '# TYPE errors gauge\nerrors{service="web"} 1 0\n# EOF\n'
 */
export function toOpenMetrics(series: readonly GeneratedSeries[]): string {
  const families = new Map<string, GeneratedSeries[]>();
  for (const s of series) {
    families.set(s.metric, [...(families.get(s.metric) ?? []), s]);
  }
  const lines: string[] = [];
  for (const [metric, members] of families) {
    lines.push(`# TYPE ${metric} gauge`);
    for (const s of members) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
        .join(',');
      const name = labels ? `${metric}{${labels}}` : metric;
      s.times.forEach((t, i) => lines.push(`${name} ${formatValue(s.values[i])} ${t / 1000}`));
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}
