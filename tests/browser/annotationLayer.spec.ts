import fs from 'fs';
import path from 'path';
import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { ANNOTATION_CHECK_ALIAS, CORE, expect, test } from './fixtures';

const impactPanel = (page: Page) => page.getByTestId('preview-panel-1');

/** How the built panel declares that Grafana should hand it the dashboard's annotations. */
const DATA_SUPPORT = 'setDataSupport({annotations:!0})';

test.describe('SafeDeploy Events as a dashboard annotation layer, on the Deploy Impact panel', () => {
  test('the deploys of an annotation layer reach the panel, scored with verdicts', CORE, async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/annotation-layer`);
    // The panel has no SafeDeploy query: every event it ranks came from the annotation layer.
    await expect(impactPanel(page).getByTestId(TEST_IDS.rankedRow).first()).toHaveAttribute('aria-setsize', String(preview.demoDeploys), {
      timeout: 30_000,
    });
    await expect(impactPanel(page).getByTestId(TEST_IDS.panel)).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect(impactPanel(page).getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Deploy v2.14.0' })).toContainText('Roll back');
    await expect(impactPanel(page).getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Deploy v5.3.0' })).toContainText('Fix forward');
  });

  test('a layer that could not read is named on the panel, not taken for a range without deploys', CORE, async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/failing-layer`);
    // Grafana shows no error of an annotation query: the data source's marker carries why.
    await expect(impactPanel(page).getByRole('status')).toHaveText(/^No deploy events could be read: SafeDeploy Events read nothing: .*GitLab/, {
      timeout: 30_000,
    });
    await expect(impactPanel(page).getByRole('status')).not.toContainText('add a SafeDeploy Events query');
  });

  test('a panel plugin that does not declare annotation support gets none of them', CORE, async ({ page, preview }) => {
    // Serve the built panel without its declaration; the host's own gating (scenes' VizPanel on
    // 12.4, the emulated pre-scenes gate on older lines) then decides what the panel gets.
    let patched = false;
    await page.route('**/public/plugins/safedeploy-impact-panel/module.js', async (route) => {
      const source = fs.readFileSync(path.resolve(__dirname, '..', '..', 'dist', 'panel', 'module.js'), 'utf8');
      patched = source.includes(DATA_SUPPORT);
      await route.fulfill({ contentType: 'application/javascript', body: source.replace(DATA_SUPPORT, 'setDataSupport({})') });
    });
    // The impact panel's series are held until the layer's deploys are on the stock time series:
    // scenes' VizPanel (9.2.2) applies its annotation gate when the series change, and passes
    // annotations that arrive after unchanged series straight through (see preview/EMULATION.md).
    let releaseSeries: () => void = () => undefined;
    const layerShown = new Promise<void>((resolve) => (releaseSeries = resolve));
    await page.route('**/api/preview/metrics?**', async (route) => {
      if (new URL(route.request().url()).searchParams.get('alias') !== ANNOTATION_CHECK_ALIAS) {
        await layerShown;
      }
      await route.continue();
    });
    await page.goto(`${preview.url}/d/annotation-layer`);
    await expect(page.getByTestId('preview-panel-2').getByTestId('preview-annotation-marker')).toHaveCount(preview.demoDeploys, { timeout: 30_000 });
    releaseSeries();
    const panel = impactPanel(page);
    await expect(panel.getByRole('status')).toHaveText(/^No deploy events in this time range/, { timeout: 30_000 });
    expect(patched).toBe(true);
    // The layer ran and reached the panel that declares support; the impact panel got none of it.
    await page.waitForLoadState('networkidle');
    await expect(panel.getByTestId(TEST_IDS.rankedRow)).toHaveCount(0);
    await expect(panel.locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`)).toHaveCount(0);
  });
});
