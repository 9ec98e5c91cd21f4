// Maps a saved dashboard (the subset of Grafana's JSON model that SafeDeploy's dashboards use)
// onto @grafana/scenes objects; from then on the scene's own objects decide what each panel
// receives: queries, annotations, field config, errors.
import { DataSourceRef, DataTransformerConfig, FieldConfigSource } from '@grafana/data';
import {
  ConstantVariable,
  CustomVariable,
  dataLayers,
  DataSourceVariable,
  EmbeddedScene,
  QueryVariable,
  SceneControlsSpacer,
  SceneDataLayerControls,
  SceneDataLayerSet,
  SceneDataTransformer,
  SceneObject,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneTimeRangeState,
  SceneVariable,
  SceneVariableSet,
  TextBoxVariable,
  VariableValueSelectors,
  VizPanel,
} from '@grafana/scenes';
import { AnnotationQuery, DataQuery, VariableRefresh } from '@grafana/schema';

import { PanelTimeRange } from './PanelTimeRange';
import { PreviewGrid } from './PreviewGrid';
import { repeatPanel } from './repeatPanels';

interface SavedPanel {
  id: number;
  type: string;
  title?: string;
  description?: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: DataSourceRef | null;
  targets?: DataQuery[];
  options?: Record<string, unknown>;
  fieldConfig?: FieldConfigSource;
  pluginVersion?: string;
  maxDataPoints?: number;
  interval?: string;
  transformations?: DataTransformerConfig[];
  repeat?: string;
  repeatDirection?: 'h' | 'v';
  maxPerRow?: number;
  /** Query options: Relative time and Time shift. */
  timeFrom?: string;
  timeShift?: string;
}

interface SavedVariable {
  name: string;
  type: string;
  label?: string;
  hide?: number;
  query?: unknown;
  datasource?: DataSourceRef | null;
  regex?: string;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  refresh?: number;
  sort?: number;
  definition?: string;
  current?: { value?: string | string[]; text?: string | string[] };
}

export interface SavedDashboard {
  uid: string;
  title: string;
  time?: { from: string; to: string };
  refresh?: string;
  timezone?: string;
  weekStart?: string;
  panels: SavedPanel[];
  annotations?: { list: Array<AnnotationQuery & { builtIn?: number }> };
  templating?: { list: SavedVariable[] };
}

/** Grafana's `-- Grafana --` datasource: the dashboard's own annotations, kept by a Grafana server the host does not have. */
const isGrafanaBuiltIn = (annotation: AnnotationQuery) => annotation.datasource?.uid === '-- Grafana --' || annotation.datasource?.type === 'grafana';

function currentValue(saved: SavedVariable) {
  return { value: saved.current?.value ?? '', text: saved.current?.text ?? saved.current?.value ?? '' };
}

/** One saved variable as its scene variable; types the shipped dashboards do not use are left out. */
function toVariable(saved: SavedVariable): SceneVariable | null {
  const common = { name: saved.name, label: saved.label, hide: saved.hide };
  const multi = { ...currentValue(saved), isMulti: saved.multi, includeAll: saved.includeAll, allValue: saved.allValue };
  switch (saved.type) {
    case 'query':
      return new QueryVariable({
        ...common,
        ...multi,
        datasource: saved.datasource ?? null,
        query: saved.query as string,
        regex: saved.regex ?? '',
        sort: saved.sort,
        definition: saved.definition,
        refresh: (saved.refresh ?? VariableRefresh.onDashboardLoad) as VariableRefresh,
      });
    case 'datasource':
      return new DataSourceVariable({ ...common, ...multi, pluginId: String(saved.query ?? ''), regex: saved.regex ?? '' });
    case 'custom':
      return new CustomVariable({ ...common, ...multi, query: String(saved.query ?? '') });
    case 'constant':
      return new ConstantVariable({ ...common, value: String(saved.query ?? '') });
    case 'textbox':
      return new TextBoxVariable({ ...common, value: String(saved.current?.value ?? saved.query ?? '') });
    default:
      return null;
  }
}

function toPanel(saved: SavedPanel): VizPanel {
  return new VizPanel({
    // VizPanel reads the legacy panel id from this key, as Grafana's dashboards set it.
    key: `panel-${saved.id}`,
    title: saved.title ?? '',
    description: saved.description,
    pluginId: saved.type,
    options: saved.options ?? {},
    fieldConfig: saved.fieldConfig ?? { defaults: {}, overrides: [] },
    pluginVersion: saved.pluginVersion,
    $data: panelData(saved),
    // As transformSaveModelToScene: a panel with Relative time or Time shift gets its own range.
    ...(saved.timeFrom || saved.timeShift ? { $timeRange: new PanelTimeRange({ timeFrom: saved.timeFrom, timeShift: saved.timeShift }) } : {}),
  });
}

/**
 * The panel's queries, and its transformations over them, as Grafana's dashboard scene wraps
 * every panel's query runner (createPanelDataProvider, with no transformations too): a
 * SceneDataTransformer over the SceneQueryRunner, so the panel receives the transformed frames
 * and VizPanel applies the field config to them.
 */
function panelData(saved: SavedPanel): SceneDataTransformer {
  const queries = new SceneQueryRunner({
    datasource: saved.datasource ?? undefined,
    queries: saved.targets ?? [],
    maxDataPoints: saved.maxDataPoints,
    maxDataPointsFromWidth: true,
    minInterval: saved.interval,
  });
  return new SceneDataTransformer({ $data: queries, transformations: saved.transformations ?? [] });
}

/** The dashboard's panels at their grid positions, repeated panels once per value of their variable. */
function previewGrid(dashboard: SavedDashboard): PreviewGrid {
  const variables = dashboard.templating?.list ?? [];
  const placed = dashboard.panels.flatMap((saved) => repeatPanel(toPanel(saved), saved, variables));
  return new PreviewGrid({ panels: placed.map((p) => p.panel), positions: placed.map((p) => p.position) });
}

/** The dashboard's scene over [from, to] (the URL's range, else the dashboard's). */
export function sceneFromDashboard(dashboard: SavedDashboard, range: { from?: string | null; to?: string | null }): EmbeddedScene {
  const variables = (dashboard.templating?.list ?? []).map(toVariable).filter((v): v is SceneVariable => v !== null);
  const layers = (dashboard.annotations?.list ?? [])
    .filter((annotation) => !isGrafanaBuiltIn(annotation))
    .map(
      (annotation) =>
        new dataLayers.AnnotationsDataLayer({
          name: annotation.name,
          isEnabled: annotation.enable !== false,
          isHidden: Boolean(annotation.hide),
          query: annotation,
        })
    );
  const controls: SceneObject[] = [
    new VariableValueSelectors({}),
    new SceneDataLayerControls(),
    new SceneControlsSpacer(),
    new SceneTimePicker({}),
    new SceneRefreshPicker({ refresh: dashboard.refresh ?? '' }),
  ];
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({
      from: range.from ?? dashboard.time?.from ?? 'now-6h',
      to: range.to ?? dashboard.time?.to ?? 'now',
      // Empty is the viewer's default, as Grafana's transformSaveModelToScene passes it:
      // SceneTimeRange.getTimeZone() then asks @grafana/data's getTimeZone() (`browser` by default).
      timeZone: dashboard.timezone,
      // As transformSaveModelToScene passes it: `now/w` rounds to the dashboard's week start.
      weekStart: (dashboard.weekStart || undefined) as SceneTimeRangeState['weekStart'],
    }),
    $variables: new SceneVariableSet({ variables }),
    $data: new SceneDataLayerSet({ layers }),
    controls,
    body: previewGrid(dashboard),
  });
}
