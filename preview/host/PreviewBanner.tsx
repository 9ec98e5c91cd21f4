// The preview host's banner: what the page is, and which Grafana libraries the plugins run on.
import React from 'react';

/** Set by preview/buildHost.mjs from the packages the bundle was built from. */
declare const __GRAFANA_LIBRARIES__: { line: string } & Record<string, string | null>;

export const GRAFANA_LIBRARIES: { line: string } & Record<string, string | null> =
  typeof __GRAFANA_LIBRARIES__ === 'undefined' ? { line: 'unknown' } : __GRAFANA_LIBRARIES__;

/** "Grafana 10.4 libraries: @grafana/data 10.4.19, ..., react 18.2.0" */
export function librariesText(libraries = GRAFANA_LIBRARIES): string {
  const { line, ...packages } = libraries;
  const list = Object.entries(packages)
    .map(([name, version]) => `${name} ${version ?? 'missing'}`)
    .join(', ');
  return `Grafana ${line} libraries: ${list}`;
}

export function PreviewBanner({ what }: { what: string }) {
  return (
    <span style={{ marginLeft: 'auto', fontSize: 12, opacity: 0.7, textAlign: 'right' }}>
      SafeDeploy preview host: {what}
      <br />
      <span data-testid="preview-grafana-libraries" data-line={GRAFANA_LIBRARIES.line}>
        {librariesText()}
      </span>
    </span>
  );
}
