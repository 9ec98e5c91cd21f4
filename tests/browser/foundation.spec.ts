import { ConsoleMessage, Request } from '@playwright/test';

import { CORE, expect, test } from './fixtures';

const MODULES = [
  '/public/plugins/safedeploy-deploys-app/module.js',
  '/public/plugins/safedeploy-events-datasource/module.js',
  '/public/plugins/safedeploy-impact-panel/module.js',
];

test.describe('preview host', () => {
  test('loads all three plugin modules through SystemJS with no console errors', CORE, async ({ page, preview, grafanaLine }) => {
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const requested: string[] = [];
    page.on('request', (request: Request) => requested.push(new URL(request.url()).pathname));

    await page.goto(`${preview.url}/d/safedeploy-demo`);
    await expect.poll(() => page.evaluate(() => window.__SAFEDEPLOY_PREVIEW_STATE__?.loaded.length ?? 0)).toBe(3);

    const state = await page.evaluate(() => window.__SAFEDEPLOY_PREVIEW_STATE__);
    expect(state?.errors).toStrictEqual([]);
    expect([...(state?.loaded ?? [])].sort()).toStrictEqual(['safedeploy-deploys-app', 'safedeploy-events-datasource', 'safedeploy-impact-panel']);
    for (const module of MODULES) {
      expect(requested).toContain(module);
    }
    // Loaded as AMD through SystemJS: the page registered the modules, not <script> tags.
    const scriptSources = await page.evaluate(() => Array.from(document.scripts).map((s) => s.src));
    expect(scriptSources.some((src) => src.includes('/public/plugins/'))).toBe(false);

    await expect(page.getByTestId('preview-panel-1')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(errors).toStrictEqual([]);
    // The banner names the Grafana libraries the plugins run on: the project's line, each at that line's version.
    const libraries = page.getByTestId('preview-grafana-libraries');
    await expect(libraries).toHaveAttribute('data-line', grafanaLine);
    for (const name of ['@grafana/data', '@grafana/ui', '@grafana/runtime', '@grafana/schema']) {
      await expect(libraries).toContainText(new RegExp(`${name} ${grafanaLine.replace('.', '\\.')}\\.\\d+`));
    }
    await expect(libraries).toContainText(/react 18\.\d+\.\d+/);
  });

  test('the app pages and the data source settings load with no console or page errors', CORE, async ({ page, preview }) => {
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(`${page.url()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    const pages: Array<[string, string]> = [
      ['/a/safedeploy-deploys-app/services', 'checkout'],
      ['/a/safedeploy-deploys-app/readiness', 'checkout'],
      ['/datasources/edit/safedeploy-events', 'Save & test'],
      ['/plugins/safedeploy-deploys-app', 'Save settings'],
    ];
    for (const [path, text] of pages) {
      await page.goto(`${preview.url}${path}`);
      await expect(page.getByText(text).first()).toBeVisible({ timeout: 20_000 });
    }
    // The last page's pickers load plugin logos after render.
    await page.waitForLoadState('networkidle');
    expect(errors).toStrictEqual([]);
  });

  test('datasource requests go through the data proxy with the token, which the page never sees', async ({ page, preview }) => {
    const network: string[] = [];
    page.on('request', async (request: Request) => {
      network.push(request.url());
      network.push(JSON.stringify(await request.allHeaders()));
    });
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (/json|text\/html/.test(type)) {
        network.push(await response.text().catch(() => ''));
      }
    });
    const before = preview.github.stats.requests;

    await page.goto(`${preview.url}/d/safedeploy-demo`);
    await expect(page.getByTestId('preview-panel-3').getByText('Deploy v1.7.0 to production')).toBeVisible({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');

    // deployments through the POST github/graphql route, repositories and the rest through GET github/
    const proxied = network.filter((entry) => entry.includes('/api/datasources/proxy/uid/safedeploy-events/github/graphql'));
    expect(proxied.length).toBeGreaterThan(0);
    expect(preview.github.stats.graphqlRequests).toBeGreaterThan(0);
    expect(preview.github.stats.requests).toBeGreaterThan(before);
    expect(preview.github.stats.authorization.slice(before).every((value) => value === `Bearer ${preview.token}`)).toBe(true);

    expect(network.join('\n')).not.toContain(preview.token);
    const pageState = await page.evaluate(() =>
      JSON.stringify({
        boot: window.grafanaBootData,
        html: document.documentElement.outerHTML,
        local: { ...localStorage },
        session: { ...sessionStorage },
      })
    );
    expect(pageState).not.toContain(preview.token);
    // The browser only learns that a token is configured.
    const fields = await page.evaluate(
      () => (window.grafanaBootData as { settings: { datasources: Record<string, { secureJsonFields: Record<string, boolean> }> } }).settings.datasources['SafeDeploy Events'].secureJsonFields
    );
    expect(fields.githubToken).toBe(true);
    expect(fields.gitlabToken).toBe(false);
  });

  test('SafeDeploy events show as annotations on the stock time series and as a table', async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/safedeploy-demo`);
    const stock = page.getByTestId('preview-panel-2');
    await expect(stock.getByTestId('preview-annotation-marker')).toHaveCount(preview.demoDeploys, { timeout: 20_000 });
    await expect(stock.getByTestId('preview-annotation-marker').first()).toHaveAttribute('title', /^Deploy v[\d.]+ to production$/);
    const table = page.getByTestId('preview-panel-3');
    await expect(table.getByText('Deploy v1.7.0 to production')).toBeVisible();
  });

  test('dashboard variables list services from the events', async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/safedeploy-demo`);
    const variable = page.getByTestId('preview-variable-service');
    await expect(variable).toHaveAttribute('data-values', JSON.stringify(['checkout', 'search', 'web']), { timeout: 20_000 });
  });

  test('the Deploy Impact panel mounts with the dashboard data', async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/safedeploy-demo`);
    await expect(page.getByTestId('preview-panel-1').getByTestId('data-testid safedeploy-impact-panel')).toBeVisible();
  });
});

declare global {
  interface Window {
    __SAFEDEPLOY_PREVIEW_STATE__?: { loaded: string[]; errors: string[] };
    grafanaBootData: unknown;
  }
}
