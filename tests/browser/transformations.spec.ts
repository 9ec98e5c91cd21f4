import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

// The Deploy Impact panel with transformations saved on it (fixtures.ts, TRANSFORMED): the host
// runs them with Grafana's own transformers before the field config, as Grafana does (scenes'
// SceneDataTransformer; PanelQueryRunner before scenes), so the panel gets the frames a real
// Grafana hands it. The deploys come from the dashboard's SafeDeploy Events annotation layer.

type Range = { from: number; to: number };

/**
 * The last 24 hours to the minute, as absolute times: the dashboards compared are loaded seconds
 * apart, and under a relative range each load's `now` is its own (Grafana's too), so a minute's
 * sample could enter one history and not the other and move the healthy rows' scores.
 */
function lastDay(): Range {
  const to = Math.floor(Date.now() / 60_000) * 60_000;
  return { from: to - 24 * 3_600_000, to };
}

/**
 * The ranked list as shown once every event is scored and nothing more arrives: the same rows,
 * none pending, on two reads half a second apart (the layer's deploys and the series can arrive
 * in either order, and each arrival has the events scored again).
 */
async function rankedRows(page: Page, url: string, uid: string, range: Range): Promise<string[]> {
  await page.goto(`${url}/d/${uid}?from=${range.from}&to=${range.to}`);
  const panel = page.getByTestId(TEST_IDS.panel);
  let last = '';
  let rows: string[] = [];
  await expect
    .poll(
      async () => {
        const pending = await panel.getAttribute('data-pending');
        rows = await panel.getByTestId(TEST_IDS.rankedRow).allTextContents();
        const seen = JSON.stringify(rows);
        const settled = pending === '0' && rows.length > 0 && seen === last;
        last = seen;
        return settled;
      },
      { timeout: 30_000, intervals: [500] }
    )
    .toBe(true);
  return rows;
}

/** The times the stock table beside the panel shows (its first frame), in the order shown. */
async function tableTimes(page: Page): Promise<string[]> {
  const table = page.getByTestId('preview-panel-2');
  await expect(table.getByText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/).first()).toBeVisible({ timeout: 20_000 });
  return (await table.getByText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/).allTextContents()).slice(0, 5);
}

test.describe('Deploy Impact panel after transformations', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1600, height: 1100 });
  });

  test('"Sort by" time, newest first, changes no verdict and no level: the panel reads the series oldest first', CORE, async ({ page, preview }) => {
    const range = lastDay();
    const plain = await rankedRows(page, preview.url, 'transform-none', range);
    expect(plain.length).toBeGreaterThan(3);
    expect(await rankedRows(page, preview.url, 'transform-sort-desc', range)).toStrictEqual(plain);
    await expect(page.getByTestId(TEST_IDS.banner)).toBeVisible();
    // The frames were sorted: the table beside it lists the newest sample first.
    const times = await tableTimes(page);
    expect(times).toStrictEqual([...times].sort().reverse());
    expect(new Set(times).size).toBeGreaterThan(1);
  });

  test('"Series to rows" (one long frame, a Metric column) is judged per metric: the same verdicts, and no notice that events fall outside the series', CORE, async ({ page, preview }) => {
    const range = lastDay();
    const plain = await rankedRows(page, preview.url, 'transform-none', range);
    const rows = await rankedRows(page, preview.url, 'transform-series-to-rows', range);
    // The transformer keeps each series' name (its Metric column) but drops its labels, so only the verdicts and levels are compared.
    const verdictAndLevel = (row: string) => row.replace(/ · (before\/after|version against version).*$/, '');
    expect(rows.map(verdictAndLevel)).toStrictEqual(plain.map(verdictAndLevel));
    await expect(page.getByTestId(TEST_IDS.banner)).toBeVisible();
    // The frames were turned into rows: the table beside it has the transformer's Metric column.
    await expect(page.getByTestId('preview-panel-2').getByText('Metric', { exact: true })).toBeVisible();
  });
});
