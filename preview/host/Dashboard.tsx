import React, { useEffect, useMemo, useState } from 'react';
import {
  applyFieldOverrides,
  DataFrame,
  DataTransformerConfig,
  EventBusSrv,
  FieldConfigSource,
  GrafanaTheme2,
  LoadingState,
  PanelData,
  PanelOptionsEditorBuilder,
  PanelPlugin,
  ScopedVars,
  TimeRange,
  TimeZone,
} from '@grafana/data';
import { DataSourceSrv } from '@grafana/runtime';
import { Alert, PanelChrome, Table, useTheme2 } from '@grafana/ui';
import { mergeWith, set } from 'lodash';
import { mergeMap } from 'rxjs/operators';

import { GRAFANA_LIBRARIES } from './PreviewBanner';
import { AnnotationQuery, AnnotationToast, PanelTarget, runAnnotations, runPanelQueries } from './runQueries';
import { templateSrv } from './services';
import { panelErrorMessage } from './panelErrorMessage';
import { STOCK_CUSTOM_DEFAULTS, StockTimeSeries } from './StockTimeSeries';
import { applyWeekStart, dashboardTimeZone, toTimeRange } from './timeRange';
import { transformPanelData } from './transformPanelData';

export interface PanelModel {
  id: number;
  type: string;
  title?: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid?: string; type?: string };
  targets?: PanelTarget[];
  options?: Record<string, unknown>;
  fieldConfig?: FieldConfigSource;
  pluginVersion?: string;
  maxDataPoints?: number;
  transformations?: DataTransformerConfig[];
}

export interface DashboardModel {
  uid: string;
  title: string;
  time?: { from: string; to: string };
  /** An IANA zone, `utc` or `browser`; empty for the viewer's default. */
  timezone?: string;
  /** `monday`, `saturday` or `sunday`; empty for the viewer's default. */
  weekStart?: string;
  panels: PanelModel[];
  annotations?: { list: AnnotationQuery[] };
  templating?: { list: Array<{ name: string; type: string; current?: { value?: string | string[] }; query?: string }> };
}

/** Row height and gap of Grafana's dashboard grid, in px. */
const GRID_ROW = 30;
const GRID_GAP = 8;

async function panelOptions(plugin: PanelPlugin, panel: PanelModel): Promise<Record<string, unknown>> {
  let options = { ...(panel.options ?? {}) };
  const version = plugin.meta?.info?.version;
  if (plugin.onPanelMigration && panel.pluginVersion !== version) {
    options = { ...(await plugin.onPanelMigration({ ...panel, options } as never)) };
  }
  const supplier = plugin.getPanelOptionsSupplier();
  const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
  supplier(builder, { data: [] });
  const withDefaults: Record<string, unknown> = {};
  for (const item of builder.getItems()) {
    if (item.defaultValue !== undefined) {
      set(withDefaults, item.path, item.defaultValue);
    }
  }
  return mergeDeep(withDefaults, options);
}

function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && prev && typeof prev === 'object' && !Array.isArray(prev)
        ? mergeDeep(prev as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

/**
 * The field config defaults a panel runs with: a plugin's own (its field config registry's
 * default values, e.g. thresholds) under the saved ones, arrays replaced, as Grafana's
 * getPanelOptionsWithDefaults; the stock time series stand-in gets the palette and line style
 * Grafana's time series plugin declares.
 */
function fieldDefaults(saved: FieldConfigSource['defaults'] | undefined, plugin?: PanelPlugin): FieldConfigSource['defaults'] {
  const base = plugin ? plugin.fieldConfigDefaults.defaults : { color: { mode: 'palette-classic' }, custom: STOCK_CUSTOM_DEFAULTS };
  return mergeWith({}, base, saved ?? {}, (_into: unknown, from: unknown) => (Array.isArray(from) ? from : undefined));
}

function withOverrides(series: DataFrame[], fieldConfig: FieldConfigSource | undefined, theme: GrafanaTheme2, timeZone: TimeZone, plugin?: PanelPlugin): DataFrame[] {
  return applyFieldOverrides({
    data: series,
    fieldConfig: { defaults: fieldDefaults(fieldConfig?.defaults, plugin), overrides: fieldConfig?.overrides ?? [] },
    // As Grafana's PanelModel.replaceVariables: a data link's scoped variables (its
    // __dataContext) and format reach the template service.
    replaceVariables: (v: string, scopedVars?: ScopedVars, format?: string | Function) => templateSrv.replace(v, scopedVars, format),
    theme,
    timeZone,
    fieldConfigRegistry: plugin?.fieldConfigRegistry,
  });
}

interface PanelViewProps {
  panel: PanelModel;
  width: number;
  height: number;
  timeRange: TimeRange;
  timeZone: TimeZone;
  annotations: DataFrame[];
  dsSrv: DataSourceSrv;
  panelPlugins: Record<string, PanelPlugin>;
  onChangeTimeRange: (range: { from: number; to: number }) => void;
}

function PanelView({ panel, width, height, timeRange, timeZone, annotations, dsSrv, panelPlugins, onChangeTimeRange }: PanelViewProps) {
  const theme = useTheme2();
  const [data, setData] = useState<PanelData>({ state: LoadingState.Loading, series: [], timeRange });
  const [options, setOptions] = useState<Record<string, unknown> | null>(null);
  const [renderCounter, setRenderCounter] = useState(0);
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const plugin = panelPlugins[panel.type];

  useEffect(() => {
    const subscription = runPanelQueries(dsSrv, panel.datasource, panel.targets ?? [], timeRange, panel.maxDataPoints ?? Math.max(100, width))
      // As Grafana's PanelQueryRunner.getData: transformations first, then (below) the field config.
      .pipe(mergeMap((next) => transformPanelData(next, panel.transformations, (v, scopedVars) => templateSrv.replace(v, scopedVars))))
      .subscribe((next) => {
        setData(next);
        setRenderCounter((c) => c + 1);
      });
    return () => subscription.unsubscribe();
    // width only shapes maxDataPoints on first run, as in Grafana
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dsSrv, panel, timeRange]);

  useEffect(() => {
    if (plugin) {
      panelOptions(plugin, panel).then(setOptions);
    } else {
      setOptions(panel.options ?? {});
    }
  }, [plugin, panel]);

  // As Grafana's pre-scenes mergePanelAndDashData: the dashboard's annotations reach a panel only
  // when its plugin declares annotation support (the core time series panel does, the table
  // does not); otherwise it gets only what its own queries returned as annotations.
  const acceptsAnnotations = plugin ? Boolean(plugin.dataSupport?.annotations) : panel.type === 'timeseries';
  const processed = useMemo<PanelData>(
    () => ({
      ...data,
      series: withOverrides(data.series, panel.fieldConfig, theme, timeZone, plugin),
      annotations: [...(data.annotations ?? []), ...(acceptsAnnotations ? annotations : [])],
      timeRange,
    }),
    [data, panel.fieldConfig, theme, timeZone, plugin, annotations, acceptsAnnotations, timeRange]
  );

  return (
    <PanelChrome
      title={panel.title}
      width={width}
      height={height}
      loadingState={data.state}
      statusMessage={panelErrorMessage(data)}
    >
      {(innerWidth, innerHeight) => {
        if (plugin && options) {
          const Component = plugin.panel!;
          return (
            <Component
              id={panel.id}
              data={processed}
              timeRange={timeRange}
              timeZone={timeZone}
              options={options}
              fieldConfig={panel.fieldConfig ?? { defaults: {}, overrides: [] }}
              transparent={false}
              width={innerWidth}
              height={innerHeight}
              renderCounter={renderCounter}
              title={panel.title ?? ''}
              eventBus={eventBus}
              onOptionsChange={(next: Record<string, unknown>) => setOptions(next)}
              onFieldConfigChange={() => undefined}
              replaceVariables={(value: string, scopedVars?: ScopedVars, format?: string | Function) => templateSrv.replace(value, scopedVars, format)}
              onChangeTimeRange={(r: { from: number; to: number }) => onChangeTimeRange({ from: r.from.valueOf(), to: r.to.valueOf() })}
            />
          );
        }
        if (panel.type === 'timeseries') {
          return <StockTimeSeries data={processed} width={innerWidth} height={innerHeight} timeRange={timeRange} timeZone={timeZone} onChangeTimeRange={onChangeTimeRange} />;
        }
        if (panel.type === 'table') {
          const frame = processed.series[0];
          return frame ? <Table data={frame} width={innerWidth} height={innerHeight} /> : <div>No data</div>;
        }
        return <div>The preview host cannot render panels of type {panel.type}.</div>;
      }}
    </PanelChrome>
  );
}

export function Dashboard({ dashboard, dsSrv, panelPlugins, width }: { dashboard: DashboardModel; dsSrv: DataSourceSrv; panelPlugins: Record<string, PanelPlugin>; width: number }) {
  const params = new URLSearchParams(window.location.search);
  const timeZone = dashboardTimeZone(dashboard);
  const [range, setRange] = useState(() => {
    applyWeekStart(dashboard);
    return toTimeRange(params.get('from') ?? dashboard.time?.from ?? 'now-6h', params.get('to') ?? dashboard.time?.to ?? 'now', timeZone);
  });
  const [annotations, setAnnotations] = useState<DataFrame[]>([]);
  const [annotationErrors, setAnnotationErrors] = useState<AnnotationToast[]>([]);

  useEffect(() => {
    templateSrv.updateTimeRange(range);
    let cancelled = false;
    // Grafana 10.4 alone rendered dashboards without scenes (11.6 renders them with scenes).
    runAnnotations(dsSrv, dashboard.annotations?.list ?? [], range, { oneFrame: GRAFANA_LIBRARIES.line === '10.4' }).then(
      ({ frames, errors }) => {
        if (!cancelled) {
          setAnnotations(frames);
          setAnnotationErrors(errors);
        }
      },
      () => !cancelled && setAnnotations([])
    );
    return () => {
      cancelled = true;
    };
  }, [dsSrv, dashboard, range]);

  const changeRange = ({ from, to }: { from: number; to: number }) => {
    const url = new URL(window.location.href);
    url.searchParams.set('from', String(Math.round(from)));
    url.searchParams.set('to', String(Math.round(to)));
    window.history.replaceState(null, '', url.toString());
    setRange(toTimeRange(String(Math.round(from)), String(Math.round(to)), timeZone));
  };

  const column = (width - GRID_GAP) / 24;
  const bottom = Math.max(0, ...dashboard.panels.map((p) => p.gridPos.y + p.gridPos.h));
  return (
    <div>
      {annotationErrors.length > 0 && (
        // Grafana's notification corner: what AnnotationsQueryRunner's catchError raises.
        <div style={{ position: 'fixed', top: 16, right: 16, width: 400, zIndex: 1000 }} data-testid="preview-toasts">
          {annotationErrors.map((toast) => (
            <Alert key={`${toast.title} ${toast.message}`} severity="error" title={toast.title} onRemove={() => setAnnotationErrors((all) => all.filter((t) => t !== toast))}>
              {toast.message}
            </Alert>
          ))}
        </div>
      )}
      <div data-testid="preview-time-range" data-from={range.from.valueOf()} data-to={range.to.valueOf()} style={{ margin: '0 0 8px', opacity: 0.8 }}>
        {range.from.toISOString()} to {range.to.toISOString()} (UTC)
      </div>
      <div style={{ position: 'relative', height: bottom * (GRID_ROW + GRID_GAP) }}>
        {dashboard.panels.map((panel) => {
          const w = Math.floor(panel.gridPos.w * column - GRID_GAP);
          const h = panel.gridPos.h * (GRID_ROW + GRID_GAP) - GRID_GAP;
          return (
            <div
              key={panel.id}
              data-testid={`preview-panel-${panel.id}`}
              data-panel-type={panel.type}
              style={{ position: 'absolute', left: panel.gridPos.x * column, top: panel.gridPos.y * (GRID_ROW + GRID_GAP), width: w, height: h }}
            >
              <PanelView
                panel={panel}
                width={w}
                height={h}
                timeRange={range}
                timeZone={timeZone}
                annotations={annotations}
                dsSrv={dsSrv}
                panelPlugins={panelPlugins}
                onChangeTimeRange={changeRange}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
