import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { expect, test } from './fixtures';

// The Deploy Impact panel with the panel's Query options → Relative time, as docs/panel.md
// advises for a short dashboard range (fixtures.ts, relativeTimeDashboards). Not @core: the
// panel's own range is emulated on the scenes view (12.4) only, see preview/EMULATION.md.

/**
 * Every ranked row's service and time ("checkout · 12-06 17:46"), once every event is scored.
 * The list renders only the rows in view, and which rows those are depends on the scores
 * (a minute's sample more or less moves a healthy row), so the list is read page by page.
 * With `events`, once that many have arrived.
 */
async function rowKeys(page: Page, url: string, uid: string, events?: number): Promise<string[]> {
  await page.goto(`${url}/d/${uid}`);
  const panel = page.getByTestId(TEST_IDS.panel);
  const rows = panel.getByTestId(TEST_IDS.rankedRow);
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  if (events !== undefined) {
    // Events stream in page by page, each page scored as it comes: every one of them, then scored.
    await expect(rows.first()).toHaveAttribute('aria-setsize', String(events), { timeout: 30_000 });
  }
  await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  const total = Number(await rows.first().getAttribute('aria-setsize'));
  const list = panel.getByTestId(TEST_IDS.rankedList);
  // The listbox is as tall as all its rows.
  const rowPx = (await list.getByRole('listbox').evaluate((box) => box.scrollHeight)) / total;
  const keys = new Map<number, string>();
  while (keys.size < total) {
    const next = [...Array(total).keys()].find((i) => !keys.has(i))!;
    await list.evaluate((element, top) => (element.scrollTop = top), next * rowPx);
    const wanted = rows.and(page.locator(`[aria-posinset="${next + 1}"]`));
    await expect(wanted).toBeAttached();
    for (const row of await rows.all()) {
      const text = (await row.textContent()) ?? '';
      keys.set(
        Number(await row.getAttribute('aria-posinset')) - 1,
        /([\w-]+ · \d\d-\d\d \d\d:\d\d)/.exec(text)?.[1] ?? text
      );
    }
  }
  return [...keys.values()].sort();
}

test.describe('Deploy Impact panel with a Relative time of its own', () => {
  test('a 24-hour Relative time on a 2-hour dashboard judges the deploys of the last 24 hours', async ({
    page,
    preview,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    // Every demo deploy is within the last 24 hours (doraAgreement.spec.ts reads them all over a
    // day); these dashboards give the flags query the repositories' scope, so it reads no flags.
    const day = await rowKeys(page, preview.url, 'last-24h', preview.demoDeploys);
    const twoHours = await rowKeys(page, preview.url, 'last-2h');
    expect(day.length).toBeGreaterThan(twoHours.length);
    expect(await rowKeys(page, preview.url, 'relative-time', preview.demoDeploys)).toStrictEqual(day);
  });
});
