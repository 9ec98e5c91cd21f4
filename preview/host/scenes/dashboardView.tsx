// The dashboard page on a Grafana line that renders dashboards with @grafana/scenes: the saved
// dashboard becomes a scene (sceneFromDashboard), and the host supplies only what Grafana
// supplies to scenes from its own build: runRequest, the panel plugin loader and `-- Mixed --`.
import React, { useEffect, useMemo } from 'react';
import { dateTime, EventBusSrv, PanelPlugin, ScopedVars } from '@grafana/data';
import { setAppEvents, setPluginImportUtils, setRunRequest } from '@grafana/runtime';
import { EmbeddedScene, MultiValueVariable, SceneObject, sceneGraph, SceneTimeRange } from '@grafana/scenes';

import { DashboardModel } from '../Dashboard';
import { HostDataSourceSrv, templateSrv } from '../services';
import { MIXED_SETTINGS, MixedDataSource } from './MixedDataSource';
import { runRequest } from './runRequest';
import { SavedDashboard, sceneFromDashboard } from './sceneFromDashboard';
import { stockPanels } from './stockPanels';

interface DashboardViewProps {
  dashboard: DashboardModel;
  dsSrv: HostDataSourceSrv;
  panelPlugins: Record<string, PanelPlugin>;
}

/** What Grafana's own build hands to @grafana/runtime for scenes, given once per page. */
function installSceneRuntime(dsSrv: HostDataSourceSrv, panelPlugins: Record<string, PanelPlugin>, scene: EmbeddedScene) {
  const plugins = { ...stockPanels(), ...panelPlugins };
  setRunRequest(runRequest);
  // Grafana's app-wide event bus: panels without cursor sync share hover events on it.
  setAppEvents(new EventBusSrv());
  setPluginImportUtils({
    importPanelPlugin: (id: string) => (plugins[id] ? Promise.resolve(plugins[id]) : Promise.reject(new Error(`Panel plugin not found: ${id}`))),
    getPanelPluginFromCache: (id: string) => plugins[id],
  });
  dsSrv.addBuiltIn(new MixedDataSource(), MIXED_SETTINGS);
  // As Grafana's TemplateSrv on a scenes dashboard: the scene object that asks (or the scene) interpolates.
  templateSrv.useInterpolation((target, scopedVars?: ScopedVars, format?) => {
    const asking = (scopedVars?.__sceneObject?.value as { valueOf(): SceneObject } | undefined)?.valueOf();
    return sceneGraph.interpolate(asking ?? scene, target, scopedVars, format as string);
  });
}

/** Grafana's URL form of a time: digits are epoch milliseconds. */
const fromUrl = (value: string | null) => (value && /^\d+$/.test(value) ? dateTime(Number(value)).toISOString() : value);

/** The range and variable values the scene holds, as the page's test hooks. */
function SceneState({ scene }: { scene: EmbeddedScene }) {
  const timeRange = scene.state.$timeRange as SceneTimeRange;
  const { value } = timeRange.useState();
  const { variables } = sceneGraph.getVariables(scene).useState();
  return (
    <>
      <div data-testid="preview-time-range" data-from={value.from.valueOf()} data-to={value.to.valueOf()} style={{ margin: '0 0 8px', opacity: 0.8, fontSize: 13 }}>
        {value.from.toISOString()} to {value.to.toISOString()} ({timeRange.getTimeZone()})
      </div>
      {variables.map((variable) => (
        <VariableValues key={variable.state.name} variable={variable as MultiValueVariable} />
      ))}
    </>
  );
}

function VariableValues({ variable }: { variable: MultiValueVariable }) {
  const { name, options } = variable.useState();
  return <span hidden data-testid={`preview-variable-${name}`} data-values={JSON.stringify((options ?? []).map((o) => o.value))} />;
}

export function DashboardView({ dashboard, dsSrv, panelPlugins }: DashboardViewProps) {
  const scene = useMemo(() => {
    const params = new URLSearchParams(window.location.search);
    const built = sceneFromDashboard(dashboard as unknown as SavedDashboard, { from: fromUrl(params.get('from')), to: fromUrl(params.get('to')) });
    installSceneRuntime(dsSrv, panelPlugins, built);
    return built;
  }, [dashboard, dsSrv, panelPlugins]);

  // A zoom or a picked range goes to the URL, as Grafana's URL sync does.
  useEffect(() => {
    const subscription = (scene.state.$timeRange as SceneTimeRange).subscribeToState(({ value }) => {
      const url = new URL(window.location.href);
      url.searchParams.set('from', String(value.from.valueOf()));
      url.searchParams.set('to', String(value.to.valueOf()));
      window.history.replaceState(null, '', url.toString());
    });
    return () => subscription.unsubscribe();
  }, [scene]);

  return (
    <>
      <SceneState scene={scene} />
      <scene.Component model={scene} />
    </>
  );
}
