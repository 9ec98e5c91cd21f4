// The preview host's stand-in for Grafana's variable editor (/d/<uid>?editview=variables&editIndex=N):
// the datasource's variable query editor for the dashboard's Nth variable, and the preview of
// the values its query returns, rerun on every change.
import React, { ComponentType, useEffect, useState } from 'react';
import { DataSourceApi } from '@grafana/data';
import { DataSourceSrv } from '@grafana/runtime';

import { DashboardModel } from './Dashboard';
import { dashboardTimeZone, toTimeRange } from './timeRange';
import { PageShell } from './PageShell';
import { customVariableSupport, VariableOption, variableValues } from './variableValues';

interface QueryVariable {
  name: string;
  type: string;
  query?: unknown;
  datasource?: { uid?: string };
}

interface Loaded {
  dashboard: DashboardModel;
  variable: QueryVariable;
  ds: DataSourceApi;
}

type LegacyEditor = ComponentType<{ datasource: DataSourceApi; query: unknown; onChange: (query: unknown, definition?: string) => void; onRunQuery?: () => void }>;

async function load(dashboardUid: string, index: number, dsSrv: DataSourceSrv): Promise<Loaded> {
  const response = await fetch(`/api/dashboards/uid/${encodeURIComponent(dashboardUid)}`);
  if (!response.ok) {
    throw new Error(`Dashboard ${dashboardUid} was not found`);
  }
  const { dashboard } = (await response.json()) as { dashboard: DashboardModel };
  const variable = dashboard.templating?.list[index] as QueryVariable | undefined;
  if (!variable || variable.type !== 'query' || !variable.datasource?.uid) {
    throw new Error(`Variable ${index} of ${dashboardUid} is not a query variable`);
  }
  return { dashboard, variable, ds: await dsSrv.get({ uid: variable.datasource.uid }) };
}

export function VariableEditorPage({ dashboardUid, index, dsSrv }: { dashboardUid: string; index: number; dsSrv: DataSourceSrv }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [query, setQuery] = useState<unknown>(undefined);
  const [values, setValues] = useState<VariableOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load(dashboardUid, index, dsSrv).then(
      (l) => {
        setLoaded(l);
        setQuery(l.variable.query);
      },
      (err: Error) => setError(err.message)
    );
  }, [dashboardUid, index, dsSrv]);
  useEffect(() => {
    if (!loaded) {
      return;
    }
    const { dashboard, ds, variable } = loaded;
    const range = toTimeRange(dashboard.time?.from ?? 'now-6h', dashboard.time?.to ?? 'now', dashboardTimeZone(dashboard));
    variableValues(ds, query, range, variable).then(setValues, (err: Error) => setError(err.message));
  }, [loaded, query]);

  // Grafana shows a CustomVariableSupport's own editor, else the plugin's legacy variable editor.
  const custom = loaded ? customVariableSupport(loaded.ds) : null;
  const Editor = (custom?.editor as LegacyEditor | undefined) ?? (loaded?.ds.components as { VariableQueryEditor?: LegacyEditor } | undefined)?.VariableQueryEditor;
  return (
    <PageShell title={`Variable ${loaded?.variable.name ?? index}`} what="the dashboard variable editor as Grafana shows it.">
      {error && <div role="alert">{error}</div>}
      {loaded && Editor && <Editor datasource={loaded.ds} query={query} onChange={(next) => setQuery(next)} onRunQuery={() => undefined} />}
      <h2 style={{ fontSize: 16 }}>Preview of values</h2>
      <ul data-testid="preview-variable-values">
        {(values ?? []).map((v) => (
          <li key={v.value}>{v.text}</li>
        ))}
      </ul>
    </PageShell>
  );
}
