// The values of a query variable, as Grafana's variable runner gets them from the datasource:
// through its CustomVariableSupport when it has one (`ds.variables` with an editor and a
// `query`), else through the legacy `metricFindQuery`.
import { DataFrame, DataQuery, DataQueryRequest, DataQueryResponse, DataSourceApi, TimeRange } from '@grafana/data';
import { lastValueFrom, Observable } from 'rxjs';

export interface VariableOption {
  text: string;
  value: string;
}

interface CustomSupport {
  editor: unknown;
  query(request: DataQueryRequest<DataQuery>): Observable<DataQueryResponse>;
}

/** The datasource's CustomVariableSupport, if that is how it supports variables. */
export function customVariableSupport(ds: DataSourceApi): CustomSupport | null {
  const support = ds.variables as Partial<CustomSupport> | undefined;
  return support && typeof support.query === 'function' && support.editor ? (support as CustomSupport) : null;
}

/** Grafana's toMetricFindValues: `text`/`value` fields of the frames (or plain values). */
function toOptions(data: unknown[]): VariableOption[] {
  return data.flatMap((item) => {
    const frame = item as DataFrame;
    if (!Array.isArray(frame.fields)) {
      const value = item as { text?: unknown; value?: unknown };
      return [{ text: String(value.text), value: String(value.value ?? value.text) }];
    }
    const text = frame.fields.find((f) => f.name === 'text') ?? frame.fields[0];
    const value = frame.fields.find((f) => f.name === 'value') ?? text;
    return Array.from({ length: frame.length }, (_, i) => ({ text: String(text.values[i]), value: String(value.values[i]) }));
  });
}

/** Runs a query variable's query on its datasource over `range`. */
export async function variableValues(ds: DataSourceApi, query: unknown, range: TimeRange, variable: { name: string }): Promise<VariableOption[]> {
  const custom = customVariableSupport(ds);
  if (custom) {
    const request = { targets: [query as DataQuery], range, scopedVars: {}, requestId: `variable-${variable.name}`, interval: '1m', intervalMs: 60_000, timezone: 'utc', app: 'dashboard', startTime: Date.now() };
    const response = await lastValueFrom(custom.query(request as DataQueryRequest<DataQuery>));
    return toOptions(response.data);
  }
  const found = (await ds.metricFindQuery?.(query, { range, variable })) ?? [];
  return found.map((f) => ({ text: String(f.text), value: String(f.value ?? f.text) }));
}
