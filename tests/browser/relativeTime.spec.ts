import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { expect, test } from './fixtures';

// The Deploy Impact panel with the panel's Query options → Relative time, as docs/panel.md
// advises for a short dashboard range (fixtures.ts, relativeTimeDashboards). Not @core: the
// panel's own range is emulated on the scenes view (12.4) only, see preview/EMULATION.md.

/** The ranked rows' service and time ("checkout · 12-06 17:46"), once every event is scored. */
async function rowKeys(page: Page, url: string, uid: string): Promise<string[]> {
  await page.goto(`${url}/d/${uid}`);
  const panel = page.getByTestId(TEST_IDS.panel);
  await expect(panel.getByTestId(TEST_IDS.rankedRow).first()).toBeVisible({ timeout: 30_000 });
  await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  const rows = await panel.getByTestId(TEST_IDS.rankedRow).allTextContents();
  return rows.map((row) => /([\w-]+ · \d\d-\d\d \d\d:\d\d)/.exec(row)?.[1] ?? row).sort();
}

test.describe('Deploy Impact panel with a Relative time of its own', () => {
  test('a 24-hour Relative time on a 2-hour dashboard judges the deploys of the last 24 hours', async ({ page, preview }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    const day = await rowKeys(page, preview.url, 'last-24h');
    const twoHours = await rowKeys(page, preview.url, 'last-2h');
    expect(day.length).toBeGreaterThan(twoHours.length);
    expect(await rowKeys(page, preview.url, 'relative-time')).toStrictEqual(day);
  });
});
