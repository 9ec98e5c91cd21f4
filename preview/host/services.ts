// The @grafana/runtime services the plugins use, implemented for the preview host.
import {
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourceRef,
  ScopedVars,
  TimeRange,
  TypedVariableModel,
} from '@grafana/data';
import {
  BackendSrv,
  BackendSrvRequest,
  DataSourceSrv,
  FetchResponse,
  setBackendSrv,
  setDataSourceSrv,
  setTemplateSrv,
  TemplateSrv,
} from '@grafana/runtime';
import { get } from 'lodash';
import { Observable } from 'rxjs';

import { dataMacroValue, macroFormats, UNRESOLVED } from './dataMacros';
import { PreviewMetricsDataSource } from './PreviewMetricsDataSource';
import { PreviewPrometheusDataSource } from './PreviewPrometheusDataSource';

interface DashboardVariable {
  name: string;
  type: string;
  current?: { value?: string | string[]; text?: string | string[] };
  /** Query variables: the values listed; a custom all value, written for "All" when set. */
  options?: Array<{ text: string; value: string }>;
  allValue?: string | null;
  /** A string for custom and constant variables, the datasource's query object for query variables. */
  query?: unknown;
}

function toQueryString(params: BackendSrvRequest['params']): string {
  if (!params) {
    return '';
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    if (value === undefined || value === null) {
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Grafana's backendSrv over window.fetch: same-origin, error statuses become FetchError objects. */
function fetchObservable<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable<FetchResponse<T>>((subscriber) => {
    const controller = new AbortController();
    const url = options.url + toQueryString(options.params);
    const hasBody = options.data !== undefined && options.method && options.method !== 'GET';
    window
      .fetch(url, {
        method: options.method ?? 'GET',
        headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(options.headers ?? {}) },
        // As Grafana's `parseBody` (public/app/core/utils/fetch.ts): a string is the body as is, only objects are encoded.
        body: hasBody ? (typeof options.data === 'string' ? options.data : JSON.stringify(options.data)) : undefined,
        credentials: 'same-origin',
        signal: controller.signal,
      })
      .then(async (response) => {
        const textBody = await response.text();
        let data: unknown = textBody;
        if (options.responseType !== 'text') {
          try {
            data = textBody === '' ? undefined : JSON.parse(textBody);
          } catch {
            data = textBody;
          }
        }
        const fetchResponse = {
          data: data as T,
          status: response.status,
          statusText: response.statusText,
          ok: response.ok,
          headers: response.headers,
          redirected: response.redirected,
          type: response.type,
          url: response.url,
          config: options,
        } as FetchResponse<T>;
        if (response.ok) {
          subscriber.next(fetchResponse);
          subscriber.complete();
        } else {
          subscriber.error({ status: response.status, statusText: response.statusText, data, config: options });
        }
      })
      .catch(() => subscriber.error({ status: 0, statusText: 'Network error', data: undefined, config: options }));
    return () => controller.abort();
  });
}

const backendSrv = {
  fetch: fetchObservable,
  async datasourceRequest<T>(options: BackendSrvRequest) {
    return new Promise<FetchResponse<T>>((resolve, reject) => fetchObservable<T>(options).subscribe({ next: resolve, error: reject }));
  },
  async request<T>(options: BackendSrvRequest): Promise<T> {
    return (await backendSrv.datasourceRequest<T>(options)).data;
  },
  get<T>(url: string, params?: BackendSrvRequest['params']) {
    return backendSrv.request<T>({ url, params, method: 'GET' });
  },
  delete<T>(url: string) {
    return backendSrv.request<T>({ url, method: 'DELETE' });
  },
  post<T>(url: string, data?: unknown) {
    return backendSrv.request<T>({ url, data, method: 'POST' });
  },
  patch<T>(url: string, data?: unknown) {
    return backendSrv.request<T>({ url, data, method: 'PATCH' });
  },
  put<T>(url: string, data?: unknown) {
    return backendSrv.request<T>({ url, data, method: 'PUT' });
  },
  resolveCancelerIfExists() {},
} as unknown as BackendSrv;

type Interpolate = (target: string, scopedVars?: ScopedVars, format?: string | Function) => string;

/** Escapes !'()* after encodeURI/encodeURIComponent, as Grafana's URL formats do (RFC 3986). */
function strict(encoded: string): string {
  return encoded.replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A value in the asked format, as Grafana's format registry writes it: `pipe` joins with |;
 * `percentencode` escapes for a URL part and `uriencode` (what data links are interpolated with)
 * for a whole URL, several values as {a,b}; anything else joins with commas.
 */
function formatted(value: string | string[], format: string | undefined): string {
  if (format === 'percentencode' || format === 'uriencode') {
    const text = Array.isArray(value) ? `{${value.join(',')}}` : value;
    return strict(format === 'percentencode' ? encodeURIComponent(text) : encodeURI(text));
  }
  const values = Array.isArray(value) ? value : [value];
  return format === 'pipe' ? values.join('|') : values.join(',');
}

/** What Grafana stores as the current value of a variable at "All", and writes as its text. */
const ALL_VARIABLE_VALUE = '$__all';
const ALL_VARIABLE_TEXT = 'All';

/** A variable's value and text as found for one reference; `customAll` when it is a custom all value. */
interface FoundValue {
  value: string | string[];
  text: string | string[];
  customAll: boolean;
  variable?: DashboardVariable;
}

/**
 * A found value in the asked format, as Grafana 10.4's TemplateSrv writes it (template_srv.ts,
 * formatRegistry.ts): `text` the variable's text ("All" at All); a custom all value as written
 * in every other format but `percentencode`, with no format function called; a format function
 * gets the value and the variable; no format is a glob (`{a,b}` for several values).
 */
function formatFound(found: FoundValue, format: string | Function | undefined): string {
  if (format === 'text') {
    return Array.isArray(found.text) ? found.text.join(' + ') : found.text;
  }
  if (found.customAll) {
    return format === 'percentencode' ? formatted(found.value, format) : String(found.value);
  }
  if (typeof format === 'function') {
    return String(format(found.value, found.variable, formatted));
  }
  if (format === undefined || format === 'glob') {
    return Array.isArray(found.value) && found.value.length > 1 ? `{${found.value.join(',')}}` : formatted(found.value, undefined);
  }
  return formatted(found.value, format);
}

/**
 * Template variables of the dashboard: custom/constant/textbox with their current value. On a
 * scenes dashboard the scene's own variables interpolate instead (`useInterpolation`), as
 * Grafana's TemplateSrv hands over to the active scene.
 */
class HostTemplateSrv implements TemplateSrv {
  private variables: DashboardVariable[] = [];
  private range: TimeRange | undefined;
  private interpolate: Interpolate | null = null;

  useInterpolation(interpolate: Interpolate) {
    this.interpolate = interpolate;
  }

  setVariables(variables: DashboardVariable[]) {
    this.variables = variables;
  }

  getVariables(): TypedVariableModel[] {
    return this.variables as unknown as TypedVariableModel[];
  }

  private valueOf(name: string, fieldPath: string | undefined, scopedVars?: ScopedVars): FoundValue | undefined {
    const scoped = scopedVars?.[name];
    if (scoped) {
      const value: unknown = fieldPath ? get(scoped.value, fieldPath) : scoped.value;
      if (value !== undefined && value !== null) {
        return { value: String(value), text: String(scoped.text ?? value), customAll: false };
      }
    }
    if ((name === '__from' || name === '__to') && this.range) {
      const at = String((name === '__from' ? this.range.from : this.range.to).valueOf());
      return { value: at, text: at, customAll: false };
    }
    const variable = this.variables.find((v) => v.name === name);
    if (!variable) {
      return undefined;
    }
    const value = variable.current?.value ?? (typeof variable.query === 'string' ? variable.query : '');
    if (value === ALL_VARIABLE_VALUE || (Array.isArray(value) && value[0] === ALL_VARIABLE_VALUE)) {
      // A custom all value is written as is; otherwise "All" is every option's value.
      return variable.allValue
        ? { value: variable.allValue, text: ALL_VARIABLE_TEXT, customAll: true, variable }
        : { value: (variable.options ?? []).map((o) => o.value).filter((v) => v !== ALL_VARIABLE_VALUE), text: ALL_VARIABLE_TEXT, customAll: false, variable };
    }
    return { value, text: variable.current?.text ?? value, customAll: false, variable };
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    if (!target) {
      return target ?? '';
    }
    if (this.interpolate) {
      return this.interpolate(target, scopedVars, format);
    }
    // As Grafana's: `$name`, `${name}`, `${name.field.path}`, `${name:format}`, `[[name]]`.
    return target.replace(/\$(\w+)|\$\{(\w+)(?:\.([^:}]+))?(?::([^}]+))?\}|\[\[(\w+)\]\]/g, (match, a, b, fieldPath, inlineFormat, c) => {
      const name = a ?? b ?? c;
      const fmt: string | Function | undefined = inlineFormat ?? format;
      const found = this.valueOf(name, fieldPath, scopedVars);
      if (found !== undefined) {
        return formatFound(found, fmt);
      }
      // A dashboard variable of the same name wins over a data macro, as in Grafana.
      const macro = dataMacroValue(name, fieldPath, scopedVars);
      if (macro === UNRESOLVED) {
        return match;
      }
      if (!macroFormats(name)) {
        return String(macro ?? '');
      }
      return macro === undefined || macro === null ? '' : formatted(String(macro), typeof fmt === 'string' ? fmt : undefined);
    });
  }

  containsTemplate(target?: string): boolean {
    return Boolean(target && /\$\w+|\$\{\w+|\[\[\w+\]\]/.test(target));
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.range = timeRange;
  }
}

export const templateSrv = new HostTemplateSrv();

interface PluginModule {
  plugin?: { DataSourceClass?: new (settings: DataSourceInstanceSettings) => DataSourceApi; components?: DataSourceApi['components'] };
}

/** The filters of DataSourceSrv.getList the host honours (a DataSourceVariable lists by plugin id). */
interface ListFilters {
  pluginId?: string;
  metrics?: boolean;
  annotations?: boolean;
  variables?: boolean;
  mixed?: boolean;
}

/** Datasource instances from the provisioned settings; plugin classes come from SystemJS. */
export class HostDataSourceSrv implements DataSourceSrv {
  private readonly instances = new Map<string, Promise<DataSourceApi>>();
  /** Grafana's own datasources (`-- Mixed --`), not listed for users to pick. */
  private readonly builtIns = new Map<string, { settings: DataSourceInstanceSettings; instance: DataSourceApi }>();

  constructor(private readonly settings: Record<string, DataSourceInstanceSettings>) {}

  addBuiltIn(instance: DataSourceApi, settings: DataSourceInstanceSettings) {
    this.builtIns.set(settings.uid, { settings, instance });
    this.instances.set(settings.uid, Promise.resolve(instance));
  }

  getList(filters: ListFilters = {}): DataSourceInstanceSettings[] {
    const list = Object.values(this.settings).filter(
      (ds) =>
        (!filters.pluginId || ds.type === filters.pluginId) &&
        (!filters.metrics || ds.meta.metrics) &&
        (!filters.annotations || ds.meta.annotations)
    );
    return filters.mixed ? [...list, ...Array.from(this.builtIns.values(), (b) => b.settings)] : list;
  }

  getInstanceSettings(ref?: string | DataSourceRef | null, scopedVars?: ScopedVars): DataSourceInstanceSettings | undefined {
    const list = this.getList();
    const raw = typeof ref === 'string' ? ref : ref?.uid;
    // As Grafana's DatasourceSrv: a reference to a data source variable (`${metrics}`) names the variable's value.
    const key = raw?.startsWith('$') ? templateSrv.replace(raw, scopedVars) : raw;
    if (!key || key === 'default') {
      return list.find((ds) => ds.isDefault) ?? list[0];
    }
    return this.builtIns.get(key ?? '')?.settings ?? list.find((ds) => ds.uid === key || ds.name === key);
  }

  get(ref?: string | DataSourceRef | null, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref, scopedVars);
    if (!settings) {
      return Promise.reject(new Error(`Data source ${JSON.stringify(ref)} was not found`));
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      instance = this.create(settings);
      this.instances.set(settings.uid, instance);
    }
    return instance;
  }

  private async create(settings: DataSourceInstanceSettings): Promise<DataSourceApi> {
    if (settings.type === 'grafana-testdata-datasource') {
      return new PreviewMetricsDataSource(settings);
    }
    if (settings.type === 'prometheus') {
      return new PreviewPrometheusDataSource(settings);
    }
    const module = (await window.System.import(`/${settings.meta.module}`)) as PluginModule;
    const DataSourceClass = module.plugin?.DataSourceClass;
    if (!DataSourceClass) {
      throw new Error(`${settings.type} did not export a datasource plugin`);
    }
    const instance = new DataSourceClass(settings);
    // Grafana's datasource service hands each instance its plugin's components (the editors).
    instance.components = module.plugin?.components;
    return instance;
  }

  reload() {}
  registerRuntimeDataSource() {}
}

export function installServices(settings: Record<string, DataSourceInstanceSettings>): HostDataSourceSrv {
  setBackendSrv(backendSrv);
  setTemplateSrv(templateSrv);
  const dataSourceSrv = new HostDataSourceSrv(settings);
  setDataSourceSrv(dataSourceSrv);
  return dataSourceSrv;
}
