import fs from 'fs';
import path from 'path';

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8'));
const starter = read('deploy-impact.json');

/** Every `datasource` object anywhere in a dashboard. */
function datasourceRefs(node: unknown, found: Array<{ uid?: string; type?: string }> = []) {
  if (Array.isArray(node)) {
    node.forEach((item) => datasourceRefs(item, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'datasource' && value && typeof value === 'object') {
        found.push(value as { uid?: string; type?: string });
      }
      datasourceRefs(value, found);
    }
  }
  return found;
}

describe('the starter dashboard "Deploy impact"', () => {
  it('names no data source by a fixed uid: only variables, -- Grafana -- and -- Mixed --', () => {
    const uids = new Set(datasourceRefs(starter).map((ref) => ref.uid));
    expect([...uids].sort()).toStrictEqual(['${events}', '${metrics}', '-- Grafana --', '-- Mixed --']);
  });

  // Grafana's app Dashboards tab (PluginDashboards.tsx) imports an included dashboard with
  // `inputs: []`; only a data source's tab adds a wildcard data source input. The importer
  // (dashboardimport/utils/dash_template_evaluator.go) fails every `__inputs` entry that no input
  // matches: "Dashboard input variable: DS_METRICS missing from import command".
  it("imports from the app's Dashboards tab: it asks for no inputs and leaves no ${DS_...} to fill", () => {
    expect(starter.__inputs).toBeUndefined();
    expect(JSON.stringify(starter)).not.toMatch(/\$\{DS_/);
  });

  it('picks a Prometheus and a SafeDeploy Events data source by type, which its queries and variables use', () => {
    const variables = Object.fromEntries(starter.templating.list.map((v: { name: string }) => [v.name, v]));
    expect([variables.metrics.type, variables.metrics.query, variables.metrics.current]).toStrictEqual(['datasource', 'prometheus', {}]);
    expect([variables.events.type, variables.events.query, variables.events.current]).toStrictEqual(['datasource', 'safedeploy-events-datasource', {}]);
    expect(variables.service.datasource.uid).toBe('${events}');
    const required = starter.__requires.map((r: { type: string; id: string }) => `${r.type}:${r.id}`);
    expect(required).toEqual(expect.arrayContaining(['datasource:prometheus', 'datasource:safedeploy-events-datasource', 'panel:safedeploy-impact-panel']));
  });

  it('puts the Deploy Impact panel on an error query with its requests series, beside the events table, and links to Release health', () => {
    const [impact, table] = starter.panels;
    expect(impact.type).toBe('safedeploy-impact-panel');
    const legends = impact.targets.map((t: { legendFormat?: string }) => t.legendFormat).filter(Boolean);
    expect(legends.some((l: string) => l.includes(impact.options.seriesMatch))).toBe(true);
    expect(legends.some((l: string) => l.includes(impact.options.requestsMatch))).toBe(true);
    expect(table.type).toBe('table');
    expect(starter.links.map((l: { url: string }) => l.url)).toContain('/a/safedeploy-deploys-app/services');
  });

  it("leaves the demo's dashboard the demo's", () => {
    expect(read('safedeploy-demo.json').title).toMatch(/^SafeDeploy demo/);
    expect(starter.uid).not.toBe(read('safedeploy-demo.json').uid);
  });
});
