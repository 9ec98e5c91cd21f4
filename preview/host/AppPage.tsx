// The preview host's stand-in for Grafana's app page shell: loads the app plugin with
// SystemJS, hands it the settings from /api/plugins/<id>/settings as Grafana does, and
// renders its root page (/a/<id>/...) or its config page (/plugins/<id>).
import React, { useEffect, useState } from 'react';
import { AppPlugin, AppPluginMeta, PluginType } from '@grafana/data';
import { config } from '@grafana/runtime';
import { ThemeContext } from '@grafana/ui';

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
  const theme = config.theme2;
  useEffect(() => {
    load(id).then(setLoaded, (err: Error) => setError(err.message));
  }, [id]);
  const isConfig = path.startsWith('/plugins/');
  const Root = loaded?.plugin.root;
  const ConfigBody = loaded?.plugin.configPages?.[0]?.body;
  return (
    <ThemeContext.Provider value={theme}>
      {/* Grafana's global styles size every box border-box; @grafana/ui inputs rely on it. */}
      <style>{'*, *::before, *::after { box-sizing: border-box; }'}</style>
      <div
        style={{
          padding: 16,
          minHeight: '100vh',
          boxSizing: 'border-box',
          background: theme.colors.background.canvas,
          color: theme.colors.text.primary,
          fontFamily: theme.typography.fontFamily,
          fontSize: theme.typography.body.fontSize,
        }}
      >
        <header style={{ display: 'flex', gap: 16, alignItems: 'baseline', marginBottom: 8 }}>
          <h1 style={{ fontSize: 20, margin: 0 }}>
            {loaded?.meta.name ?? id}
            {isConfig ? ': configuration' : ''}
          </h1>
          <nav style={{ display: 'flex', gap: 12, fontSize: 13 }}>
            {window.__SAFEDEPLOY_PREVIEW__.dashboards.map((d) => (
              <a key={d.uid} href={`/d/${d.uid}`} style={{ color: theme.colors.text.link }}>
                {d.title}
              </a>
            ))}
          </nav>
          <span style={{ marginLeft: 'auto', fontSize: 12, opacity: 0.7 }}>
            SafeDeploy preview host: app pages as Grafana serves them.
          </span>
        </header>
        {error && <div role="alert">{error}</div>}
        {loaded && !isConfig && Root && (
          <Root meta={loaded.meta} basename={`/a/${id}`} path={path} query={{}} onNavChanged={() => {}} />
        )}
        {loaded && isConfig && ConfigBody && <ConfigBody plugin={loaded.plugin} query={{}} />}
      </div>
    </ThemeContext.Provider>
  );
}
