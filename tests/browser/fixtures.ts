import fs from 'fs';
import path from 'path';
import { test as base } from '@playwright/test';

import { fieldConfigDashboard } from './fieldConfigDashboard';

interface FakeUnleash {
  url: string;
  stats: { requests: number; authorization: string[]; changes: Array<{ path: string; authorization: string }> };
}

interface Preview {
  url: string;
  token: string;
  github: { url: string; stats: { requests: number; graphqlRequests: number; authorization: string[] } };
  unleash: FakeUnleash;
  /**
   * A second Unleash-shaped server, read by the `safedeploy-events-unfixed` data source: the demo's
   * flag turned on and never turned off since, so acting on it changes what is live.
   */
  unleashUnfixed: FakeUnleash;
  /** How many deploys the demo scenario serves through the GitHub-shaped server. */
  demoDeploys: number;
  /** Every event of the impact panel: the deploys and the flag changes from the Unleash-shaped server. */
  demoEvents: number;
}

/** A token that appears nowhere but in the provisioning environment and the GitHub server. */
export const TEST_TOKEN = 'ghp_previewTestToken0123456789abcdef';
/** Markup and a script URL that a hostile CI payload could carry. */
export const HOSTILE_TITLE = '<img src=x onerror="window.__xss=1">';
export const HOSTILE_URL = 'javascript:window.__xss=2';

const demo = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'src', 'dashboards', 'safedeploy-demo.json'), 'utf8'));
/** The repositories the demo panel's GitHub query reads. */
const DEMO_SCOPE: string = demo.panels[0].targets.find((t: { provider?: string }) => t.provider === 'github').scope;

/**
 * The demo dashboard with the impact panel alone, at the given grid width, reading `scope`;
 * `panelDatasource` replaces the panel's `-- Mixed --` (`null` removes it).
 */
function variant(uid: string, width: number, scope: string, panelDatasource?: { uid: string; type: string } | null) {
  const impact = structuredClone(demo.panels[0]);
  impact.gridPos = { x: 0, y: 0, w: width, h: 14 };
  if (panelDatasource === null) {
    delete impact.datasource;
  } else if (panelDatasource) {
    impact.datasource = panelDatasource;
  }
  impact.targets = impact.targets.map((t: Record<string, unknown>) => (t.provider ? { ...t, scope } : t));
  return { ...demo, uid, title: uid, annotations: { list: [] }, panels: [impact] };
}

const SAFEDEPLOY_EVENTS = { type: 'safedeploy-events-datasource', uid: 'safedeploy-events' };
/** A SafeDeploy query that reads nothing: GitLab has no URL in the test environment. */
const UNCONFIGURED = { datasource: SAFEDEPLOY_EVENTS, provider: 'gitlab', scope: 'shop/web' };

/**
 * A panel whose two events queries fail (GitLab and Jenkins have no URL), and an annotation layer that fails like the first, shown
 * on a stock time series beside it (Grafana's declares annotation support).
 */
function failingDashboard() {
  const base = variant('failing', 24, '');
  const [impact] = base.panels;
  impact.targets = [
    ...impact.targets.filter((t: Record<string, unknown>) => !t.provider),
    { refId: 'E', ...UNCONFIGURED },
    { refId: 'J', datasource: SAFEDEPLOY_EVENTS, provider: 'jenkins', scope: 'deploy' },
  ];
  const layer = { name: 'Deploys (GitLab)', enable: true, iconColor: '#5794F2', datasource: SAFEDEPLOY_EVENTS, target: { refId: 'Anno', ...UNCONFIGURED } };
  const stock = structuredClone(demo.panels[1]);
  stock.gridPos = { x: 0, y: 14, w: 24, h: 8 };
  return { ...base, annotations: { list: [layer] }, panels: [impact, stock] };
}

/** The alias of the one series of the annotation-layer dashboard's stock time series. */
export const ANNOTATION_CHECK_ALIAS = 'annotation check';

/**
 * The demo impact panel with its metric queries only, and the demo's SafeDeploy Events
 * annotation layer as the dashboard's one source of deploys.
 */
function annotationLayerDashboard() {
  const base = variant('annotation-layer', 24, DEMO_SCOPE);
  const [impact] = base.panels;
  impact.targets = impact.targets.filter((t: { datasource?: { uid?: string } }) => t.datasource?.uid !== SAFEDEPLOY_EVENTS.uid);
  const layers = demo.annotations.list.filter((a: { datasource?: { uid?: string } }) => a.datasource?.uid === SAFEDEPLOY_EVENTS.uid);
  // A stock time series beside it (Grafana's declares annotation support) shows when the layer has arrived.
  const stock = structuredClone(demo.panels[1]);
  stock.gridPos = { x: 0, y: 14, w: 24, h: 8 };
  stock.targets = [{ ...stock.targets[0], alias: ANNOTATION_CHECK_ALIAS }];
  return { ...base, annotations: { list: layers }, panels: [impact, stock] };
}

/** How the transformations dashboards transform the impact panel's frames, by dashboard uid. */
export const TRANSFORMED: Record<string, Array<{ id: string; options: Record<string, unknown> }>> = {
  'transform-none': [],
  // The demo's series name their time field `time`.
  'transform-sort-desc': [{ id: 'sortBy', options: { sort: [{ field: 'time', desc: true }] } }],
  'transform-series-to-rows': [{ id: 'seriesToRows', options: {} }],
};

/**
 * The annotation-layer dashboard's impact panel with the demo's three error series only (no
 * requests, no filters) and the panel's `transformations` as a user saves them, and a stock
 * table (panel 2) of the same queries and transformations: the layer brings the deploys, so
 * "Series to rows" sees time series frames only, as it needs to.
 */
function transformedDashboard(uid: string) {
  const base = annotationLayerDashboard();
  const impact = structuredClone(base.panels[0]);
  impact.targets = impact.targets.filter((t: { refId: string }) => ['A', 'B', 'C'].includes(t.refId));
  impact.options = {};
  impact.transformations = TRANSFORMED[uid];
  // A stock table of the same frames shows what the transformations made of them.
  const table = { id: 2, type: 'table', title: 'frames', gridPos: { x: 0, y: 14, w: 24, h: 8 }, datasource: impact.datasource, targets: impact.targets, transformations: impact.transformations };
  return { ...base, uid, title: uid, panels: [impact, table] };
}

/** The services the repeated-panel dashboard repeats its impact panel for, in order. */
export const REPEATED_SERVICES = ['checkout', 'search'];

/**
 * The demo impact panel repeated by a `service` variable (custom, both services selected): each
 * repeat reads its own service's error series (`service=$service`) and keeps its own service's
 * deploys (the panel's Services option, `$service`), from the one GitHub query they share.
 */
function repeatedDashboard() {
  const base = variant('repeat-service', 24, DEMO_SCOPE);
  const impact = structuredClone(base.panels[0]);
  const metrics = impact.targets.find((t: { refId: string }) => t.refId === 'A');
  const github = impact.targets.find((t: { provider?: string }) => t.provider === 'github');
  impact.targets = [{ ...metrics, labels: 'service=$service', alias: '$service errors' }, github];
  impact.options = { services: '$service' };
  impact.repeat = 'service';
  impact.repeatDirection = 'h';
  const service = {
    name: 'service',
    type: 'custom',
    query: REPEATED_SERVICES.join(','),
    multi: true,
    includeAll: false,
    current: { value: REPEATED_SERVICES, text: REPEATED_SERVICES },
  };
  return { ...base, templating: { list: [service] }, panels: [impact] };
}

/**
 * The demo panel as a dashboard written by hand or generated (Terraform, Jsonnet) saves it: an
 * older `pluginVersion`, so Grafana runs the panel's migration handler, a number as text and
 * text options as null.
 */
function handWrittenOptionsDashboard() {
  const base = variant('hand-written-options', 24, DEMO_SCOPE);
  const [impact] = base.panels;
  impact.pluginVersion = '0.1.0';
  impact.options = { ...impact.options, seriesMatch: null, environments: null, afterMinutes: '45', showBanner: 'yes' };
  return base;
}

/**
 * The demo panel on a dashboard showing the last 2 hours, by uid: as it is ('last-2h'), with
 * the panel's Relative time set to 24 hours ('relative-time'), and the dashboard itself over
 * the last 24 hours ('last-24h').
 */
function relativeTimeDashboards() {
  const at = (uid: string, from: string, timeFrom?: string) => {
    const base = variant(uid, 24, DEMO_SCOPE);
    base.panels[0].timeFrom = timeFrom;
    return { ...base, time: { from, to: 'now' } };
  };
  return [at('last-2h', 'now-2h'), at('relative-time', 'now-2h', '24h'), at('last-24h', 'now-24h')];
}

/** The annotation-layer dashboard with its one layer unable to read (GitLab has no URL). */
function failingLayerDashboard() {
  const base = annotationLayerDashboard();
  const [layer] = base.annotations.list;
  const failing = { ...layer, name: 'Deploys (GitLab)', target: { ...layer.target, refId: 'Anno', ...UNCONFIGURED } };
  return { ...base, uid: 'failing-layer', title: 'failing-layer', annotations: { list: [failing] } };
}

/**
 * The demo impact panel and the demo's stock time series on a dashboard that names no time zone
 * (`"timezone": ""`, as the starter dashboard ships): Grafana shows it in the viewer's zone.
 */
function viewerTimeZoneDashboard() {
  const base = variant('viewer-time-zone', 24, DEMO_SCOPE);
  const stock = structuredClone(demo.panels[1]);
  stock.gridPos = { x: 0, y: 14, w: 24, h: 8 };
  return { ...base, timezone: '', panels: [base.panels[0], stock] };
}

/** The SafeDeploy Events data source whose Unleash has the demo's flag turned on and not yet off. */
export const UNFIXED_EVENTS = { type: 'safedeploy-events-datasource', uid: 'safedeploy-events-unfixed' };

/** The demo panel with its flag changes read from UNFIXED_EVENTS (same project, same query). */
function unfixedFlagDashboard() {
  const base = variant('unfixed-flag', 24, DEMO_SCOPE);
  const [impact] = base.panels;
  impact.targets = demo.panels[0].targets.map((t: Record<string, unknown>) => (t.provider === 'unleash' ? { ...t, datasource: UNFIXED_EVENTS } : t));
  return base;
}

/** The demo panel plus a hidden query for a repository nobody else reads. */
function hiddenQueryDashboard() {
  const base = variant('hidden-query', 24, DEMO_SCOPE);
  base.panels[0].targets.push({ refId: 'H', datasource: SAFEDEPLOY_EVENTS, provider: 'github', scope: 'shop/hidden-repo', hide: true });
  return base;
}

/** An environment variable listing the demo's environments, at "All" with a custom all value. */
export const CUSTOM_ALL_VALUE = '.*';

/**
 * The demo panel whose GitHub query reads the environment of a variable at "All" with a custom
 * all value, as dashboards that also query Prometheus (`env=~"$env"`) set it up.
 */
function customAllDashboard() {
  const base = variant('custom-all', 24, DEMO_SCOPE);
  const [impact] = base.panels;
  impact.targets = impact.targets.map((t: Record<string, unknown>) => (t.provider === 'github' ? { ...t, environment: '$env' } : t));
  const env = {
    name: 'env',
    type: 'query',
    datasource: SAFEDEPLOY_EVENTS,
    query: { refId: 'SafeDeployVariableQuery', kind: 'environments', query: { refId: 'variable', provider: 'github', scope: DEMO_SCOPE } },
    definition: `environments of github ${DEMO_SCOPE}`,
    multi: true,
    includeAll: true,
    allValue: CUSTOM_ALL_VALUE,
    refresh: 1,
    current: { text: 'All', value: ['$__all'] },
  };
  return { ...base, templating: { list: [...(demo.templating?.list ?? []), env] } };
}

/**
 * One preview host per worker, on the project's Grafana line: the real provisioning files, expanded with an environment
 * that points the GitHub route at a local GitHub-shaped server holding the demo scenario
 * (and one hostile repository for the security test).
 */
export interface PreviewOptions {
  /** The Grafana line whose libraries the preview host runs (one Playwright project per line). */
  grafanaLine: string;
}

export const test = base.extend<{}, { preview: Preview } & PreviewOptions>({
  grafanaLine: ['12.4', { option: true, scope: 'worker' }],
  preview: [
    async ({ grafanaLine }, use) => {
      const { createScenario, githubRepos, demoMetrics, gateAnnotations } = await import('../../preview/demo/scenario.mjs');
      const { startFakeGitHub } = await import('../../preview/demo/fakeGitHub.mjs');
      const { startFakeUnleash } = await import('../../preview/demo/fakeUnleash.mjs');
      const { startPreviewServer } = await import('../../preview/server.mjs');
      const { lokiStateHistory } = await import('../../preview/appRoutes.mjs');
      const scenario = createScenario({ now: Date.now() });
      const repos: Record<string, unknown[]> = githubRepos(scenario);
      const bad = scenario.deploys[7];
      repos['shop/evil'] = [
        {
          id: 9001,
          sha: 'f'.repeat(40),
          ref: HOSTILE_TITLE,
          environment: 'production',
          description: HOSTILE_TITLE,
          creator: '<b>mallory</b>',
          createdAt: bad.at - 90_000,
          payload: { service: 'checkout' },
          statuses: [{ id: 9002, state: 'success', createdAt: bad.at, description: HOSTILE_TITLE, logUrl: HOSTILE_URL }],
        },
      ];
      const github = await startFakeGitHub({ repos, token: TEST_TOKEN });
      const unleash = await startFakeUnleash({ events: scenario.flags, token: TEST_TOKEN });
      const unleashUnfixed = await startFakeUnleash({ events: scenario.flags.filter((e: { type: string }) => e.type === 'feature-environment-enabled'), token: TEST_TOKEN });
      const server = await startPreviewServer({
        port: 0,
        grafana: grafanaLine,
        env: {
          SAFEDEPLOY_GITHUB_URL: github.url,
          SAFEDEPLOY_GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
          SAFEDEPLOY_GITHUB_TOKEN: TEST_TOKEN,
          SAFEDEPLOY_UNLEASH_URL: unleash.url,
          SAFEDEPLOY_UNLEASH_TOKEN: TEST_TOKEN,
        },
        annotations: gateAnnotations(scenario),
        metrics: (query: Record<string, string>) => demoMetrics(scenario, query),
        // The readiness review's pager load reads every rule's history: a Loki-backed Grafana.
        alertHistory: lokiStateHistory,
        // A SafeDeploy Events data source with no provider URL: it reads this Grafana's annotations only.
        extraDatasources: [
          { uid: 'annotations-only', name: 'Annotations only', type: 'safedeploy-events-datasource' },
          { ...UNFIXED_EVENTS, name: 'Unleash (flag not turned off yet)', jsonData: { unleashUrl: unleashUnfixed.url }, secureJsonData: { unleashToken: TEST_TOKEN } },
        ],
        extraDashboards: [
          annotationLayerDashboard(),
          ...Object.keys(TRANSFORMED).map(transformedDashboard),
          repeatedDashboard(),
          handWrittenOptionsDashboard(),
          ...relativeTimeDashboards(),
          failingLayerDashboard(),
          failingDashboard(),
          hiddenQueryDashboard(),
          customAllDashboard(),
          unfixedFlagDashboard(),
          viewerTimeZoneDashboard(),
          variant('narrow', 6, DEMO_SCOPE),
          variant('hostile', 24, 'shop/evil'),
          variant('unmixed', 24, DEMO_SCOPE, null),
          variant('metrics-panel-datasource', 24, DEMO_SCOPE, { uid: 'demo-metrics', type: 'grafana-testdata-datasource' }),
          fieldConfigDashboard(demo),
        ],
      });
      await use({
        url: `http://127.0.0.1:${server.port}`,
        token: TEST_TOKEN,
        github,
        unleash,
        unleashUnfixed,
        demoDeploys: scenario.deploys.length,
        demoEvents: scenario.deploys.length + scenario.flags.length,
      });
      await server.close();
      await github.close();
      await unleash.close();
      await unleashUnfixed.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

/**
 * Tags a test as part of the core subset that also runs on the older Grafana lines' libraries
 * (see playwright.config.ts).
 */
export const CORE = { tag: '@core' };

/**
 * Tags a test of behaviour that Grafana had before it rendered dashboards with scenes: it runs
 * only on the 10.4 line, the one claimed line whose Grafana did not (see playwright.config.ts).
 */
export const PRE_SCENES = { tag: '@pre-scenes' };
