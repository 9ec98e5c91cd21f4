// The preview host's stand-in for Grafana's app page shell: loads the app plugin with
// SystemJS, hands it the settings from /api/plugins/<id>/settings as Grafana does, and
// renders its root page (/a/<id>/...) or its config page (/plugins/<id>).
import React, { useEffect, useState } from 'react';
import { Router } from 'react-router-dom';
import { CompatRouter } from 'react-router-dom-v5-compat';
import { AppPlugin, AppPluginMeta, PluginType } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { PageShell } from './PageShell';

interface Loaded {
  plugin: AppPlugin;
  meta: AppPluginMeta;
}

async function load(id: string): Promise<Loaded> {
  const response = await fetch(`/api/plugins/${encodeURIComponent(id)}/settings`);
  if (!response.ok) {
    throw new Error(`Settings of ${id}: HTTP ${response.status}`);
  }
  const settings = (await response.json()) as AppPluginMeta & { module: string };
  const exports = (await window.System.import(`/${settings.module}`)) as { plugin?: unknown };
  if (!(exports.plugin instanceof AppPlugin)) {
    throw new Error(`${id} did not export an app plugin`);
  }
  const meta = { ...settings, type: PluginType.app } as AppPluginMeta;
  exports.plugin.meta = meta;
  exports.plugin.init(meta);
  return { plugin: exports.plugin, meta };
}

export function AppPage({ id, path }: { id: string; path: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load(id).then(setLoaded, (err: Error) => setError(err.message));
  }, [id]);
  const isConfig = path.startsWith('/plugins/');
  const Root = loaded?.plugin.root;
  const ConfigBody = loaded?.plugin.configPages?.[0]?.body;
  return (
    <PageShell title={`${loaded?.meta.name ?? id}${isConfig ? ': configuration' : ''}`} what="app pages as Grafana serves them.">
      {error && <div role="alert">{error}</div>}
      {loaded && !isConfig && Root && (
        // Grafana renders app pages inside its router, on the location service's history: @grafana/ui's
        // Link and TextLink need it (react-router 5 on 10.4, its v6 compatibility layer on 12).
        <Router history={locationService.getHistory()}>
          <CompatRouter>
            <Root meta={loaded.meta} basename={`/a/${id}`} path={path} query={{}} onNavChanged={() => {}} />
          </CompatRouter>
        </Router>
      )}
      {loaded && isConfig && ConfigBody && <ConfigBody plugin={loaded.plugin} query={{}} />}
    </PageShell>
  );
}
