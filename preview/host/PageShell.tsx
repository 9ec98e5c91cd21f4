// The frame of the preview host's non-dashboard pages (app pages, data source settings,
// variable editor): Grafana's theme, a title, links to the dashboards and the banner.
import React, { ReactNode } from 'react';
import { config } from '@grafana/runtime';
import { ThemeContext } from '@grafana/ui';

import { PreviewBanner } from './PreviewBanner';

export function PageShell({ title, what, children }: { title: string; what: string; children: ReactNode }) {
  const theme = config.theme2;
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
          <h1 style={{ fontSize: 20, margin: 0 }}>{title}</h1>
          <nav style={{ display: 'flex', gap: 12, fontSize: 13 }}>
            {window.__SAFEDEPLOY_PREVIEW__.dashboards.map((d) => (
              <a key={d.uid} href={`/d/${d.uid}`} style={{ color: theme.colors.text.link }}>
                {d.title}
              </a>
            ))}
          </nav>
          <PreviewBanner what={what} />
        </header>
        {children}
      </div>
    </ThemeContext.Provider>
  );
}
