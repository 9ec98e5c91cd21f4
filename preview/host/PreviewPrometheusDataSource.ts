// Stands in for Grafana's Prometheus data source (a core plugin of Grafana's build, not a
// published package a host can load): range queries through the host's data proxy to the
// data source's URL, as Grafana's Prometheus does in the browser with `access: proxy`.
// Behaviour as packages/grafana-prometheus/src/datasource.ts shows it, only what dashboards use:
// `expr` interpolated with multi-value variables as a regex alternation, `$__rate_interval`,
// the step from the request's interval aligned to it, `legendFormat` naming each series, and an
// error answer raised as the query's error.
import {
  DataFrame,
  DataQuery,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  FieldType,
  rangeUtil,
  ScopedVars,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

interface PromQuery extends DataQuery {
  expr?: string;
  legendFormat?: string;
}

interface MatrixResult {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** Prometheus' default scrape interval (s), which Grafana assumes unless the data source sets `timeInterval`. */
const DEFAULT_SCRAPE_INTERVAL_S = 15;

/** Grafana's Prometheus escapes regex metacharacters in a multi-value variable's values. */
const escapeRegex = (value: string) => value.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');

/** A multi-value or All variable becomes `(a|b)`; a single value stays as it is. */
function interpolateValue(value: unknown, variable?: { multi?: boolean; includeAll?: boolean }): string {
  if (typeof value === 'string') {
    return variable?.multi || variable?.includeAll ? escapeRegex(value) : value;
  }
  const values = (value as string[]).map(escapeRegex);
  return values.length === 1 ? values[0] : `(${values.join('|')})`;
}

/** `{{label}}` in a legend format, as Grafana renders it. */
const legendOf = (format: string, labels: Record<string, string>) => format.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => labels[name] ?? '');

function toFrame(result: MatrixResult, query: PromQuery): DataFrame {
  const { __name__: name, ...labels } = result.metric;
  const displayName = query.legendFormat ? legendOf(query.legendFormat, result.metric) : undefined;
  return {
    refId: query.refId,
    name: displayName ?? name,
    length: result.values.length,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: result.values.map(([t]) => t * 1000) },
      {
        name: 'Value',
        type: FieldType.number,
        labels,
        config: displayName ? { displayNameFromDS: displayName } : {},
        values: result.values.map(([, v]) => Number(v)),
      },
    ],
  };
}

export class PreviewPrometheusDataSource extends DataSourceApi<PromQuery> {
  constructor(private readonly settings: DataSourceInstanceSettings) {
    super(settings);
  }

  async query(request: DataQueryRequest<PromQuery>): Promise<DataQueryResponse> {
    const timeInterval = (this.settings.jsonData as { timeInterval?: string }).timeInterval;
    const scrape = timeInterval ? rangeUtil.intervalToSeconds(timeInterval) : DEFAULT_SCRAPE_INTERVAL_S;
    const step = Math.max(scrape, Math.ceil(request.intervalMs / 1000));
    const start = Math.floor(request.range.from.valueOf() / 1000 / step) * step;
    const end = Math.ceil(request.range.to.valueOf() / 1000 / step) * step;
    const rateInterval = `${Math.max(4 * scrape, step + scrape)}s`;
    const scopedVars: ScopedVars = { ...request.scopedVars, __rate_interval: { text: rateInterval, value: rateInterval } };
    const frames = await Promise.all(
      request.targets
        .filter((t) => !t.hide && t.expr)
        .map(async (target) => {
          const expr = getTemplateSrv().replace(target.expr, scopedVars, interpolateValue);
          const response = await lastValueFrom(
            getBackendSrv().fetch<{ status: string; error?: string; data?: { resultType: string; result: MatrixResult[] } }>({
              url: `${this.settings.url}/api/v1/query_range`,
              params: { query: expr, start, end, step },
              showErrorAlert: false,
            })
          ).catch((err: { data?: { error?: string; message?: string }; status?: number }) => {
            throw new Error(`Prometheus: ${err.data?.error ?? err.data?.message ?? `HTTP ${err.status}`}`);
          });
          return (response.data.data?.result ?? []).map((result) => toFrame(result, target));
        })
    );
    return { data: frames.flat() };
  }

  async testDatasource() {
    return { status: 'success', message: 'Prometheus is answered through the data proxy.' };
  }
}
