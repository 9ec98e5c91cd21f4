// The dashboard page on a Grafana line that rendered dashboards without @grafana/scenes: the
// host's own emulation of what that release's dashboard code hands a panel (Dashboard.tsx; see
// preview/EMULATION.md). buildHost.mjs swaps in scenes/dashboardView.tsx on lines that pin scenes.
import React, { useEffect, useState } from 'react';
import { PanelPlugin } from '@grafana/data';

import { Dashboard, DashboardModel } from './Dashboard';
import { dashboardTimeZone, toTimeRange } from './timeRange';
import { HostDataSourceSrv, templateSrv } from './services';
import { variableValues } from './variableValues';

interface ResolvedVariable {
  name: string;
  type: string;
  label?: string;
  query?: unknown;
  datasource?: { uid?: string };
  current?: { value?: string | string[]; text?: string | string[] };
  options: Array<{ text: string; value: string }>;
  allValue?: string | null;
}

/**
 * Query variables are filled from their datasource's metricFindQuery over the dashboard's
 * time range, as Grafana does on load; "All" is kept as `$__all` for the template service.
 */
async function resolveVariables(dashboard: DashboardModel, dsSrv: HostDataSourceSrv): Promise<ResolvedVariable[]> {
  const list = (dashboard.templating?.list ?? []) as unknown as ResolvedVariable[];
  const range = toTimeRange(dashboard.time?.from ?? 'now-6h', dashboard.time?.to ?? 'now', dashboardTimeZone(dashboard));
  return Promise.all(
    list.map(async (variable) => {
      if (variable.type !== 'query' || !variable.datasource?.uid) {
        return { ...variable, options: [] };
      }
      try {
        const ds = await dsSrv.get({ uid: variable.datasource.uid });
        const options = await variableValues(ds, variable.query, range, variable);
        const current = variable.current?.value;
        const all = !current || current === '$__all' || (Array.isArray(current) && current.includes('$__all'));
        // "All" stays Grafana's `$__all`: the template service writes every option or the custom all value.
        return { ...variable, options, current: all ? { value: ['$__all'], text: 'All' } : { value: current, text: current } };
      } catch {
        return { ...variable, options: [] };
      }
    })
  );
}

interface DashboardViewProps {
  dashboard: DashboardModel;
  dsSrv: HostDataSourceSrv;
  panelPlugins: Record<string, PanelPlugin>;
}

export function DashboardView({ dashboard, dsSrv, panelPlugins }: DashboardViewProps) {
  const [variables, setVariables] = useState<ResolvedVariable[] | null>(null);
  const [width, setWidth] = useState(window.innerWidth - 32);

  useEffect(() => {
    resolveVariables(dashboard, dsSrv).then((resolved) => {
      templateSrv.setVariables(resolved);
      setVariables(resolved);
    });
  }, [dashboard, dsSrv]);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth - 32);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  if (!variables) {
    return null;
  }
  return (
    <>
      {variables.length > 0 && (
        <div style={{ display: 'flex', gap: 16, fontSize: 13, marginBottom: 8 }}>
          {variables.map((v) => (
            <span key={v.name} data-testid={`preview-variable-${v.name}`} data-values={JSON.stringify(v.options.map((o) => o.value))}>
              {v.label ?? v.name}: {v.options.length ? v.options.map((o) => o.text).join(', ') : '(no values)'}
            </span>
          ))}
        </div>
      )}
      <Dashboard dashboard={dashboard} dsSrv={dsSrv} panelPlugins={panelPlugins} width={width} />
    </>
  );
}
