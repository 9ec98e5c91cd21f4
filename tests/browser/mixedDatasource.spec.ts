import fs from 'fs';
import path from 'path';
import { Page, Request } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { expect, test } from './fixtures';

const impactPanel = (page: Page) => page.getByTestId('preview-panel-1');

/** The demo impact panel's SafeDeploy Events targets: TestData answers them with no labels when it decides. */
const demo = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'src', 'dashboards', 'safedeploy-demo.json'), 'utf8'));
const EVENTS_TARGETS = (demo.panels[0].targets as Array<{ datasource?: { uid?: string } }>).filter(
  (t) => t.datasource?.uid === 'safedeploy-events'
).length;

/** The `labels` of the demo impact panel's TestData targets (errors and requests per service). */
const METRIC_LABELS = (demo.panels[0].targets as Array<{ labels?: string }>).flatMap((t) => (t.labels ? [t.labels] : []));

/** The `labels` of every TestData query the page sends: one per target TestData answers. */
function testDataQueries(page: Page): string[] {
  const labels: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/preview/metrics') {
      labels.push(url.searchParams.get('labels') ?? '');
    }
  });
  return labels;
}

test.describe('panel datasource, as Grafana resolves it', () => {
  test('under -- Mixed -- each target goes to its own datasource and the panel shows the deploys', async ({
    page,
    preview,
  }) => {
    const labels = testDataQueries(page);
    await page.goto(`${preview.url}/d/safedeploy-demo`);
    // The ranked list renders only the rows in view; each row says how many there are in all.
    await expect(impactPanel(page).getByTestId(TEST_IDS.rankedRow).first()).toHaveAttribute(
      'aria-setsize',
      String(preview.demoEvents),
      {
        timeout: 20_000,
      }
    );
    expect(
      await impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`).count()
    ).toBeGreaterThan(0);
    expect(labels.filter((l) => l === '')).toStrictEqual([]);
  });

  for (const [uid, why] of [
    ['unmixed', 'without a panel datasource the first target (TestData) decides for all'],
    ['metrics-panel-datasource', 'with TestData as the panel datasource'],
  ]) {
    test(`${why}, the SafeDeploy query goes to TestData and the panel says it has no events`, async ({
      page,
      preview,
    }) => {
      const labels = testDataQueries(page);
      await page.goto(`${preview.url}/d/${uid}`);
      const panel = impactPanel(page);
      await expect(panel.getByRole('status')).toHaveText(/^No deploy events in this time range/, { timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      await expect(panel.getByTestId(TEST_IDS.rankedRow)).toHaveCount(0);
      await expect(
        panel.locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`)
      ).toHaveCount(0);
      // TestData received every target: the metric series and the SafeDeploy ones (no labels).
      expect(EVENTS_TARGETS).toBeGreaterThan(0);
      expect(METRIC_LABELS.length).toBeGreaterThan(3);
      expect([...labels].sort()).toStrictEqual([...Array(EVENTS_TARGETS).fill(''), ...METRIC_LABELS].sort());
    });
  }
});
