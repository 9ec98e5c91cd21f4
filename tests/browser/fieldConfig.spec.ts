import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { IN_UNIT, SERIES_DISPLAY_NAME, SERIES_LINK_TITLE } from './fieldConfigDashboard';
import { CORE, expect, test } from './fixtures';

// The Deploy Impact panel with Grafana's standard field options set in the saved dashboard
// (unit, decimals, min, a display name override and a data link; see fieldConfigDashboard.ts).

/** The y axis is drawn on a canvas: record every text the page draws on one, to read the axis' ticks. */
async function recordCanvasText(page: Page) {
  await page.addInitScript(() => {
    const drawn: string[] = [];
    (window as unknown as { __canvasText: string[] }).__canvasText = drawn;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      drawn.push(String(text));
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
  });
}

async function canvasText(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __canvasText: string[] }).__canvasText.slice());
}

async function openFieldConfigDashboard(page: Page, url: string) {
  await page.setViewportSize({ width: 2600, height: 1000 });
  await page.goto(`${url}/d/field-config`);
  const panel = page.getByTestId(TEST_IDS.panel);
  await expect(panel.getByTestId(TEST_IDS.rankedRow).first()).toBeVisible({ timeout: 20_000 });
  await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  return panel;
}

test.describe('Deploy Impact panel with standard field options', () => {
  test(
    'the unit set in the panel’s standard options shows on the axis, in the cursor readout and in the event tooltip',
    CORE,
    async ({ page, preview }, testInfo) => {
      await recordCanvasText(page);
      const panel = await openFieldConfigDashboard(page, preview.url);
      // The display name override names the series in the legend.
      await expect(panel.getByTestId(TEST_IDS.graph)).toContainText(SERIES_DISPLAY_NAME);

      // Axis ticks, drawn by the plot: numbers in the unit ("20.0 errors/min").
      const tick = new RegExp(`^${IN_UNIT}$`);
      await expect.poll(async () => (await canvasText(page)).filter((t) => tick.test(t)).length).toBeGreaterThan(1);

      // The readout under the cursor.
      const plot = panel.locator('.u-over');
      const box = (await plot.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3);
      await expect(panel.getByTestId(TEST_IDS.readout)).toContainText(
        new RegExp(`${SERIES_DISPLAY_NAME.replace(/[()]/g, '\\$&')} ${IN_UNIT}`)
      );

      // The event tooltip: the series' level before and after the bad deploy, in the unit.
      await panel.locator(`[data-testid="${TEST_IDS.marker}"][aria-label^="deploy checkout v2.14.0:"]`).hover();
      const tooltip = page.getByTestId(TEST_IDS.tooltip);
      await expect(tooltip).toContainText('Roll back');
      await expect(tooltip).toContainText(new RegExp(`Level\\s*${IN_UNIT} → ${IN_UNIT}`));
      await page.screenshot({ path: testInfo.outputPath('field-config.png') });
    }
  );

  test('a data link on a series opens its URL, interpolated for that series', CORE, async ({ page, preview }) => {
    const panel = await openFieldConfigDashboard(page, preview.url);
    const plot = panel.locator('.u-over');
    const box = (await plot.boundingBox())!;
    // A click (not a drag) on the plot pins the series tooltip with the series' values and links.
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.3);
    const pinned = panel.getByTestId(TEST_IDS.seriesTooltip);
    await expect(pinned).toContainText(SERIES_DISPLAY_NAME);
    await expect(pinned).toContainText(new RegExp(IN_UNIT));
    await pinned.getByRole('link', { name: SERIES_LINK_TITLE }).click();
    await expect(page).toHaveURL(/\/d\/safedeploy-demo\?var-service=checkout$/);
  });

  test(
    'the graph works from the keyboard: the cursor moves, Enter pins the values, Escape gives focus back',
    CORE,
    async ({ page, preview }) => {
      const panel = await openFieldConfigDashboard(page, preview.url);
      const plot = panel.locator('.u-over');
      await expect(plot).toHaveAttribute('aria-label', /arrows move the cursor/);
      await plot.focus();
      const readout = panel.getByTestId(TEST_IDS.readout);
      await expect(readout).toHaveAttribute('aria-live', 'polite');
      // From no cursor, a move starts at the newest sample; Home goes to the oldest.
      await page.keyboard.press('ArrowLeft');
      await expect(readout).toContainText(new RegExp(`${SERIES_DISPLAY_NAME.replace(/[()]/g, '\\$&')} ${IN_UNIT}`));
      const newest = await readout.textContent();
      await page.keyboard.press('Home');
      await expect(readout).not.toHaveText(newest!);
      const oldest = await readout.textContent();
      await page.keyboard.press('ArrowRight');
      await expect(readout).not.toHaveText(oldest!);
      const time = (await readout.textContent())!.slice(0, 16);

      await page.keyboard.press('Enter');
      const pinned = panel.getByTestId(TEST_IDS.seriesTooltip);
      await expect(pinned).toContainText(time);
      await expect(pinned).toContainText(new RegExp(IN_UNIT));
      await expect(pinned.getByRole('button', { name: 'Close' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(pinned.getByRole('link', { name: SERIES_LINK_TITLE })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(pinned).toHaveCount(0);
      await expect(plot).toBeFocused();
      // Without focus the readout is silent again: pointer moves are not read out.
      await page.keyboard.press('Tab');
      await expect(readout).not.toHaveAttribute('aria-live', 'polite');
    }
  );
});
