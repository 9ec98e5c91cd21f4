/**
 * A dashboard whose Deploy Impact panel sets Grafana's standard field options the way a user
 * saves them from the panel editor (panel.fieldConfig.defaults and overrides), on the demo's
 * checkout error series and deploys. Built from the demo dashboard (src/dashboards), so it
 * reads the same data sources; the browser test reads only the saved JSON, whichever host
 * renders it.
 */

/**
 * The unit the panel is set to show checkout errors in: Grafana's custom unit "suffix: <text>"
 * ("12.0 errors/min"), written the same by every Grafana from 10.4 on (the text of standard
 * units such as cpm changed between releases).
 */
export const FIELD_CONFIG_UNIT = 'suffix: errors/min';
/** A value in that unit as Grafana writes it: the number, white space, the suffix. */
export const IN_UNIT = String.raw`\d[\d.,]*\s+errors/min`;
/**
 * The name an override gives the checkout error series, as saved: a template Grafana fills per
 * series (the display name option expands variables and data macros).
 */
export const SERIES_DISPLAY_NAME_TEMPLATE = '${__field.labels.service} errors (panel override)';
/** The name shown: the template filled for the checkout series. */
export const SERIES_DISPLAY_NAME = 'checkout errors (panel override)';
/** The title of the series' data link and where it goes: the demo dashboard for the series' service. */
export const SERIES_LINK_TITLE = 'Checkout dashboard';
export const SERIES_LINK_URL = '/d/safedeploy-demo?var-service=${__field.labels.service}';

interface Panel {
  targets: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export function fieldConfigDashboard(demo: { panels: Panel[]; [key: string]: unknown }) {
  const impact = structuredClone(demo.panels[0]);
  impact.gridPos = { x: 0, y: 0, w: 24, h: 14 };
  // The checkout error series and the GitHub deploys: one unit, one axis, one story.
  impact.targets = impact.targets.filter((t) => t.refId === 'A' || t.refId === 'E');
  impact.options = { services: 'checkout' };
  impact.fieldConfig = {
    defaults: {
      unit: FIELD_CONFIG_UNIT,
      decimals: 1,
      min: 0,
      links: [{ title: SERIES_LINK_TITLE, url: SERIES_LINK_URL }],
    },
    // The data source names the series "checkout errors/min"; an override renames it, as a user would.
    overrides: [
      {
        matcher: { id: 'byName', options: 'checkout errors/min' },
        properties: [{ id: 'displayName', value: SERIES_DISPLAY_NAME_TEMPLATE }],
      },
    ],
  };
  return { ...demo, uid: 'field-config', title: 'field-config', annotations: { list: [] }, panels: [impact] };
}
