import crypto from 'crypto';
import path from 'path';

import { TEST_IDS } from '../../src/panel/testIds';
import { startPrometheus } from '../../src/metrics/testing/startPrometheus';
import { GeneratedSeries } from '../../src/metrics/testing/toOpenMetrics';
import { expect, test } from './fixtures';

const HOUR = 3_600_000;
/** Prometheus' default scrape interval, which the emulated data source assumes as Grafana's does. */
const SCRAPE_MS = 15_000;
const SERVICES = ['checkout', 'web', 'search'];
/** Prometheus serves backfilled data only outside its head block (the last two hours). */
const DATA_END_AGO = 3 * HOUR;

/** Counters of requests and 5xx answers per service, one sample a scrape (CONSTRUCTED). */
function requestCounters(from: number, to: number): GeneratedSeries[] {
  const times: number[] = [];
  for (let t = from; t <= to; t += SCRAPE_MS) {
    times.push(t);
  }
  return SERVICES.flatMap((service, i) => [
    { metric: 'http_requests_total', labels: { service, code: '200' }, times, values: times.map((_, n) => n * (150 + 25 * i)) },
    { metric: 'http_requests_total', labels: { service, code: '500' }, times, values: times.map((_, n) => n * (1 + i)) },
  ]);
}

test.describe('the starter dashboard "Deploy impact"', () => {
  test('provisioned with its data sources under fresh uids, every panel renders without a data source error', async ({ page }) => {
    const { createScenario, githubRepos } = await import('../../preview/demo/scenario.mjs');
    const { startFakeGitHub } = await import('../../preview/demo/fakeGitHub.mjs');
    const { startPreviewServer } = await import('../../preview/server.mjs');
    const { loadDashboards, loadDatasources } = await import('../../preview/provisioning.mjs');
    const end = Date.now() - DATA_END_AGO;
    const scenario = createScenario({ now: end });
    const prometheus = await startPrometheus(requestCounters(end - 24 * HOUR, end));
    const github = await startFakeGitHub({ repos: githubRepos(scenario), token: 'ghp_starterTestToken' });
    // The provisioning example, expanded with uids nobody chose before.
    const example = path.resolve(__dirname, '..', '..', 'provisioning', 'examples', 'deploy-impact');
    const uids = { metrics: `prom-${crypto.randomUUID()}`, events: `events-${crypto.randomUUID()}` };
    const env = {
      DEPLOY_IMPACT_PROMETHEUS_UID: uids.metrics,
      DEPLOY_IMPACT_PROMETHEUS_URL: prometheus.url,
      DEPLOY_IMPACT_EVENTS_UID: uids.events,
      SAFEDEPLOY_GITHUB_URL: github.url,
      SAFEDEPLOY_GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
      SAFEDEPLOY_GITHUB_TOKEN: 'ghp_starterTestToken',
    };
    const server = await startPreviewServer({
      port: 0,
      env: {},
      extraDatasources: loadDatasources(example, env).map((ds: Record<string, unknown>, i: number) => ({ ...ds, id: 500 + i })),
      extraDashboards: loadDashboards(example, env, path.resolve(__dirname, '..', '..')),
    });
    try {
      // The example's data sources are named its own (Grafana upserts provisioned data sources by
      // name), so they stand beside the host's own SafeDeploy Events, as in a Grafana that has one:
      // the variable lists both, and the reader picks the example's in the variable bar.
      await page.goto(`http://127.0.0.1:${server.port}/d/safedeploy-deploy-impact?from=${end - 24 * HOUR}&to=${end}`);
      // The data source variables found the provisioned data sources by type.
      await expect(page.getByTestId('preview-variable-metrics')).toHaveAttribute('data-values', JSON.stringify([uids.metrics]), { timeout: 30_000 });
      const events = page.getByTestId('preview-variable-events');
      await expect(events).toHaveAttribute('data-values', new RegExp(`"${uids.events}"`));
      await expect(events).toHaveAttribute('data-values', /"safedeploy-events"/);
      await page.getByRole('combobox', { name: 'Events' }).click();
      await page.getByRole('option', { name: 'Deploy impact SafeDeploy Events' }).click();
      // The repositories to read are the user's to name, in the variable bar.
      const repositories = page.getByRole('textbox', { name: 'GitHub repositories' }).or(page.locator('input[id*="repositories"]'));
      await repositories.first().fill(Object.keys(githubRepos(scenario)).join(', '));
      await repositories.first().press('Enter');
      await expect(page.getByTestId('preview-variable-service')).toHaveAttribute('data-values', JSON.stringify(['checkout', 'search', 'web']), { timeout: 30_000 });
      const impact = page.getByTestId('preview-panel-1');
      await expect(impact.getByTestId(TEST_IDS.rankedRow).first()).toHaveAttribute('aria-setsize', String(scenario.deploys.length), { timeout: 30_000 });
      await expect(page.getByTestId('preview-panel-2').getByText(/^Deploy v[\d.]+ to production$/).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      for (const panel of [impact, page.getByTestId('preview-panel-2')]) {
        await expect(panel.getByTestId(/Panel status error/)).toHaveCount(0);
      }
      await expect(page.getByText(/was not found/)).toHaveCount(0);
    } finally {
      // The page first: the preview server's close waits for every open connection, and a page
      // still polling or holding a request would keep it (and the test) waiting.
      await page.close();
      await server.close();
      await github.close();
      await prometheus.stop();
    }
  });
});
