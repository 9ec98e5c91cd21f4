// The values of a query variable, as Grafana's variable runner gets them from the datasource.
import { DataSourceApi, TimeRange } from '@grafana/data';

export interface VariableOption {
  text: string;
  value: string;
}

/** Runs a query variable's query on its datasource over `range`. */
export async function variableValues(ds: DataSourceApi, query: unknown, range: TimeRange, variable: { name: string }): Promise<VariableOption[]> {
  const found = (await ds.metricFindQuery?.(query, { range, variable })) ?? [];
  return found.map((f) => ({ text: String(f.text), value: String(f.value ?? f.text) }));
}
