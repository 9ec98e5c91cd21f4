// Entry of the preview host page. window.grafanaBootData is set inline by the server before
// this bundle runs, as Grafana's index.html does, so @grafana/runtime's config sees it.
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DataSourceInstanceSettings, PanelPlugin, standardEditorsRegistry } from '@grafana/data';
import { config } from '@grafana/runtime';
import { ThemeContext } from '@grafana/ui';
// Grafana's own stylesheet carries uPlot's: @grafana/ui 11 and later import it themselves, 10.4's
// leaves it to Grafana, so without it 10.4's plots lay their canvas out below their axes.
import 'uplot/dist/uPlot.min.css';

import { AppPage } from './AppPage';
import { DataSourcePage } from './DataSourcePage';
import { DashboardModel } from './Dashboard';
import { DashboardLink, DashboardLinks } from './DashboardLinks';
import { DashboardView } from './dashboardView';
import { PreviewBanner } from './PreviewBanner';
import { installServices } from './services';
import { registerSharedDependencies } from './sharedDependencies';
import { registerStandardFieldConfigs } from './standardFieldConfigs';
import { registerStandardTransformers } from './standardTransformers';
import { VariableEditorPage } from './VariableEditorPage';

declare global {
  interface Window {
    __SAFEDEPLOY_PREVIEW__: {
      dashboardUid: string;
      dashboards: Array<{ uid: string; title: string }>;
      app: { id: string; path: string } | null;
      /** The uid of the data source whose settings page this is. */
      datasource?: string | null;
    };
    __SAFEDEPLOY_PREVIEW_STATE__?: { loaded: string[]; errors: string[] };
  }
}

registerSharedDependencies();

// Grafana registers its option editors at start-up; panels' option builders look them up by id.
// The preview host shows no options pane, so the editors render nothing.
const OPTION_EDITORS = ['text', 'number', 'boolean', 'radio', 'select', 'multi-select', 'color', 'unit', 'slider', 'strings'];
standardEditorsRegistry.setInit(() => OPTION_EDITORS.map((id) => ({ id, name: id, editor: () => null })));
// And its standard field options, from which every panel plugin's field config registry is built.
registerStandardFieldConfigs();
// And its transformations, which a panel's saved `transformations` name by id.
registerStandardTransformers();

const settings = config.bootData.settings as unknown as {
  datasources: Record<string, DataSourceInstanceSettings>;
  panels: Record<string, { id: string; module: string }>;
  apps: Record<string, { id: string; module: string }>;
};
const dsSrv = installServices(Object.fromEntries(Object.values(settings.datasources).map((ds) => [ds.uid, ds])));
const state = (window.__SAFEDEPLOY_PREVIEW_STATE__ = { loaded: [] as string[], errors: [] as string[] });

async function loadPlugins(): Promise<Record<string, PanelPlugin>> {
  const modules = [
    ...Object.values(settings.apps).map((p) => ({ id: p.id, module: p.module })),
    ...Object.values(settings.panels).map((p) => ({ id: p.id, module: p.module })),
    ...Object.values(settings.datasources)
      .filter((ds) => ds.meta.module && ds.meta.module !== 'host')
      .map((ds) => ({ id: ds.type, module: ds.meta.module })),
  ];
  const panels: Record<string, PanelPlugin> = {};
  const seen = new Set<string>();
  for (const { id, module } of modules) {
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    try {
      const exports = (await window.System.import(`/${module}`)) as { plugin?: unknown };
      if (exports.plugin instanceof PanelPlugin) {
        const meta = { ...settings.panels[id] } as never;
        exports.plugin.meta = meta;
        panels[id] = exports.plugin;
      }
      state.loaded.push(id);
    } catch (err) {
      state.errors.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return panels;
}

function App() {
  const [dashboard, setDashboard] = useState<DashboardModel | null>(null);
  const [panels, setPanels] = useState<Record<string, PanelPlugin> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { dashboardUid, dashboards } = window.__SAFEDEPLOY_PREVIEW__;
  const theme = config.theme2;

  useEffect(() => {
    loadPlugins().then(setPanels);
    fetch(`/api/dashboards/uid/${encodeURIComponent(dashboardUid)}`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`Dashboard ${dashboardUid} was not found`))))
      .then((body: { dashboard: DashboardModel }) => setDashboard(body.dashboard))
      .catch((err: Error) => setError(err.message));
  }, [dashboardUid]);

  const otherTheme = theme.isDark ? 'light' : 'dark';
  const themeUrl = new URL(window.location.href);
  themeUrl.searchParams.set('theme', otherTheme);

  return (
    <ThemeContext.Provider value={theme}>
      <div
        style={{
          padding: 16,
          minHeight: '100vh',
          background: theme.colors.background.canvas,
          color: theme.colors.text.primary,
          fontFamily: theme.typography.fontFamily,
          fontSize: theme.typography.body.fontSize,
        }}
      >
        <header style={{ display: 'flex', gap: 16, alignItems: 'baseline', marginBottom: 8 }}>
          <h1 style={{ fontSize: 20, margin: 0 }}>{dashboard?.title ?? 'SafeDeploy'}</h1>
          <nav style={{ display: 'flex', gap: 12, fontSize: 13 }}>
            {dashboards.map((d) => (
              <a key={d.uid} href={`/d/${d.uid}`}>
                {d.title}
              </a>
            ))}
            <a href={themeUrl.toString()} data-testid="preview-theme-toggle">
              {otherTheme} theme
            </a>
          </nav>
          <PreviewBanner what="plugins loaded as Grafana loads them, without a Grafana server." />
        </header>
        <DashboardLinks links={(dashboard as { links?: DashboardLink[] } | null)?.links} />
        {error && <div role="alert">{error}</div>}
        {dashboard && panels && <DashboardView dashboard={dashboard} dsSrv={dsSrv} panelPlugins={panels} />}
      </div>
    </ThemeContext.Provider>
  );
}

/** Which page the server asked for: an app page, a data source's settings, a dashboard's variable editor, or the dashboard. */
function Page() {
  const { app, datasource, dashboardUid } = window.__SAFEDEPLOY_PREVIEW__;
  const search = new URLSearchParams(window.location.search);
  if (app) {
    return <AppPage id={app.id} path={app.path} />;
  }
  const dsSettings = datasource ? dsSrv.getInstanceSettings(datasource) : undefined;
  if (datasource) {
    return dsSettings ? <DataSourcePage settings={dsSettings} /> : <div role="alert">Data source {datasource} was not found</div>;
  }
  if (search.get('editview') === 'variables' || search.get('editview') === 'templating') {
    return <VariableEditorPage dashboardUid={dashboardUid} index={Number(search.get('editIndex') ?? 0)} dsSrv={dsSrv} />;
  }
  return <App />;
}

createRoot(document.getElementById('root')!).render(<Page />);
