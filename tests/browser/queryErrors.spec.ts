import { Request } from '@playwright/test';

import { TEST_IDS as PANEL_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

test.describe('SafeDeploy Events errors and queries, the way Grafana handles them', () => {
  test('queries that read nothing put the panel in its error state, each saying why', async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/failing`);
    const panel = page.getByTestId('preview-panel-1');
    // PanelChrome's error corner: its status button, whose tooltip carries the messages. Grafana
    // shows the errors of the last failing packet only; the data source's last one lists both.
    const status = panel.getByTestId(/Panel status error/);
    await expect(status).toBeVisible({ timeout: 20_000 });
    await status.hover();
    await expect(page.getByText(/GitLab is not configured: set its URL in the data source settings\./).first()).toBeVisible();
    await expect(page.getByText(/Jenkins is not configured: set its URL in the data source settings\./).first()).toBeVisible();
  });

  // No Grafana line shows a failed annotation query: runRequest keeps the error in the layer's
  // data (no toast before scenes), and scenes' AnnotationsDataLayer keeps only the events (see
  // preview/EMULATION.md). The data source's own marker at the end of the range says why.
  test('a failing annotation layer raises no toast, as in Grafana, and shows a marker saying it read nothing', CORE, async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/failing`);
    const marker = page.getByTestId('preview-panel-2').getByTestId('preview-annotation-marker');
    await expect(marker).toHaveCount(1, { timeout: 20_000 });
    await expect(marker).toHaveAttribute('title', 'SafeDeploy Events read nothing');
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('preview-toasts')).toHaveCount(0);
  });

  test('a hidden query is not run; the others are', async ({ page, preview }) => {
    // Each request's URL and body: deployments are read through GitHub's GraphQL API (the
    // repository in the body) or its REST API (the repository in the URL).
    const urls: string[] = [];
    page.on('request', (request: Request) =>
      urls.push(`${decodeURIComponent(request.url())} ${request.postData() ?? ''}`)
    );
    await page.goto(`${preview.url}/d/hidden-query`);
    // The variant reads the demo's deploys (its flag query reads the GitHub scope, so no flags).
    await expect(page.getByTestId('preview-panel-1').getByTestId(PANEL_IDS.rankedRow).first()).toHaveAttribute(
      'aria-setsize',
      String(preview.demoDeploys),
      {
        timeout: 20_000,
      }
    );
    await page.waitForLoadState('networkidle');
    expect(
      urls.some((u) => u.includes('/github/repos/shop/checkout/') || /"owner":"shop","name":"checkout"/.test(u))
    ).toBe(true);
    expect(urls.filter((u) => u.includes('hidden-repo'))).toStrictEqual([]);
  });

  test('"Save & test" on a data source that reads only Grafana annotations succeeds and says what it checked', async ({
    page,
    preview,
  }) => {
    await page.goto(`${preview.url}/datasources/edit/annotations-only`);
    await page.getByRole('button', { name: 'Save & test' }).click();
    const alert = page.getByLabel('Data source settings page Alert');
    await expect(alert).toContainText(
      "Grafana annotations: this Grafana's annotation API answered with your permissions (GET /api/annotations).",
      {
        timeout: 20_000,
      }
    );
    await expect(alert).toContainText('only annotations are read');
    // Grafana's success alert, not its error one.
    await expect(alert).not.toContainText('No provider is configured');
  });
});
