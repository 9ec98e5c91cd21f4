// Dashboard links of type `link`, drawn as Grafana draws them above the panels.
import React from 'react';

export interface DashboardLink {
  type: string;
  title?: string;
  url?: string;
  tooltip?: string;
  targetBlank?: boolean;
}

export function DashboardLinks({ links }: { links?: DashboardLink[] }) {
  const shown = (links ?? []).filter((l) => l.type === 'link' && l.url && /^(https?:\/\/|\/)/.test(l.url));
  if (shown.length === 0) {
    return null;
  }
  return (
    <div style={{ display: 'flex', gap: 8, marginBottom: 8 }} data-testid="preview-dashboard-links">
      {shown.map((l, i) => (
        <a
          key={i}
          href={l.url}
          title={l.tooltip}
          target={l.targetBlank ? '_blank' : undefined}
          rel={l.targetBlank ? 'noreferrer' : undefined}
          style={{
            border: '1px solid rgba(204, 204, 220, 0.2)',
            borderRadius: 2,
            padding: '4px 8px',
            fontSize: 12,
            textDecoration: 'none',
            color: 'inherit',
          }}
        >
          {l.title || l.url}
        </a>
      ))}
    </div>
  );
}
