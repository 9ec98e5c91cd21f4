// Registers the libraries Grafana shares with plugins as SystemJS modules under the same
// names, with the `package:` prefix and import map Grafana uses, so the plugins' AMD
// `define([...])` dependencies resolve to the host's single copies.
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';

import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUI from '@grafana/ui';
import * as lodash from 'lodash';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

declare global {
  interface Window {
    System: {
      set(id: string, module: object): void;
      addImportMap(map: { imports: Record<string, string> }): void;
      import(id: string): Promise<Record<string, unknown>>;
    };
  }
}

/** CommonJS libraries are handed over as their `module.exports`, as Grafana does. */
const commonJs = (value: object) => ({ ...value, default: value, __useDefault: true });

const SHARED: Record<string, object> = {
  react: commonJs((React as unknown as { default?: object }).default ?? React),
  'react-dom': commonJs((ReactDOM as unknown as { default?: object }).default ?? ReactDOM),
  'react-dom/client': ReactDOMClient,
  lodash: commonJs((lodash as unknown as { default?: object }).default ?? lodash),
  rxjs,
  'rxjs/operators': rxjsOperators,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  emotion: emotionCss,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/ui': grafanaUI,
};

type SystemFetch = (url: string, options?: RequestInit) => Promise<Response>;

/**
 * @grafana/runtime 10.x moves the SystemJS AMD extra's global `define` to
 * `window.__grafana_amd_define` (Monaco's RequireJS loader bails on a global define), and
 * Grafana's plugin loader hands it back to each plugin module by wrapping its source
 * (`preventAMDLoaderCollision` in Grafana's systemjsHooks). The host does the same whenever the
 * runtime it runs on has moved `define`.
 */
function handAmdDefineToPlugins(): void {
  const prototype = Object.getPrototypeOf(window.System) as { fetch: SystemFetch };
  const fetchModule = prototype.fetch;
  prototype.fetch = async function (this: unknown, url: string, options?: RequestInit) {
    const response = await fetchModule.call(this, url, options);
    const movedDefine = (window as unknown as { __grafana_amd_define?: unknown }).__grafana_amd_define;
    if (!movedDefine || !response.ok || !/\/public\/plugins\/[^?#]+\.js(?:[?#].*)?$/.test(url)) {
      return response;
    }
    const source = await response.text();
    return new Response(`(function(define) {\n${source}\n})(window.__grafana_amd_define);`, {
      headers: { 'content-type': 'application/javascript' },
    });
  };
}

export function registerSharedDependencies(): void {
  handAmdDefineToPlugins();
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(SHARED)) {
    const id = `package:${name}`;
    window.System.set(id, module);
    imports[name] = id;
  }
  window.System.addImportMap({ imports });
}
