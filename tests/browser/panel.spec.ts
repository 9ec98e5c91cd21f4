import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { expect, HOSTILE_TITLE, test } from './fixtures';

const impactPanel = (page: Page) => page.getByTestId('preview-panel-1');

/** Opens the demo and waits until every deploy has streamed in from the GitHub-shaped server. */
async function openDemo(page: Page, url: string, deploys: number) {
  await page.goto(url);
  await expect(impactPanel(page).getByTestId(TEST_IDS.banner)).toBeVisible({ timeout: 20_000 });
  await expect(impactPanel(page).getByTestId(TEST_IDS.rankedRow)).toHaveCount(deploys, { timeout: 20_000 });
}

/** Markers plus the counts shown on clusters: every event on the graph, once. */
async function eventsOnGraph(page: Page): Promise<number> {
  const singles = await page.getByTestId(TEST_IDS.marker).count();
  const clustered = await page.getByTestId(TEST_IDS.cluster).allTextContents();
  return singles + clustered.reduce((sum, text) => sum + Number(text), 0);
}

async function range(page: Page) {
  const el = page.getByTestId('preview-time-range');
  return { from: Number(await el.getAttribute('data-from')), to: Number(await el.getAttribute('data-to')) };
}

test.describe('Deploy Impact panel', () => {
  test('the demo dashboard shows a marker for every event and tells the story', async ({ page, preview }, testInfo) => {
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoDeploys);
    await expect.poll(() => eventsOnGraph(page)).toBe(preview.demoDeploys);
    await expect(page.getByTestId(TEST_IDS.rankedRow)).toHaveCount(preview.demoDeploys);
    // The three stories of the demo: rolled back, fixed forward, and the deploy that broke another service.
    const row = (title: string) => page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: title });
    await expect(row('Deploy v2.14.0')).toContainText('Roll back');
    await expect(row('Deploy v5.3.0')).toContainText('Fix forward');
    await expect(row('Deploy v1.8.0')).toContainText('Fix forward');
    // ranked worst first
    const scores = await page.getByTestId(TEST_IDS.rankedRow).evaluateAll((rows) => rows.map((r) => Number(r.firstElementChild?.textContent)));
    expect(scores).toStrictEqual([...scores].sort((a, b) => b - a));
    await expect(page.getByTestId(TEST_IDS.summary)).toContainText(`${preview.demoDeploys} deploys · change failure rate`);
    await page.screenshot({ path: testInfo.outputPath('demo-dark.png'), fullPage: true });
  });

  test('clicking a ranked row zooms the dashboard to that deploy', async ({ page, preview }) => {
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoDeploys);
    const before = await range(page);
    await page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Deploy v2.14.0' }).click();
    await expect.poll(async () => (await range(page)).to - (await range(page)).from).toBeLessThan((before.to - before.from) / 4);
    const after = await range(page);
    expect(after.from).toBeGreaterThan(before.from);
  });

  test('hovering a marker shows its tooltip and shades its baseline and impact windows', async ({ page, preview }, testInfo) => {
    // Wide enough that the bad release and its rollback 25 minutes later get a marker each,
    // judged on the whole day of history.
    await page.setViewportSize({ width: 2600, height: 1000 });
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoDeploys);
    const marker = impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"][aria-label^="deploy checkout v2.14.0:"]`);
    await marker.hover();
    const tooltip = page.getByTestId(TEST_IDS.tooltip);
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('Roll back');
    await expect(tooltip).toContainText('checkout errors');
    await expect(tooltip).toContainText('rolled back by checkout v2.13.2');
    await expect(page.getByTestId(TEST_IDS.windowBaseline)).toBeVisible();
    await expect(page.getByTestId(TEST_IDS.windowImpact)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('hover.png') });
    await page.mouse.move(5, 5);
    await expect(tooltip).toBeHidden();
  });

  test('markers work from the keyboard', async ({ page, preview }) => {
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoDeploys);
    const first = impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`).first();
    await first.focus();
    await expect(page.getByTestId(TEST_IDS.tooltip)).toBeVisible();
    const firstLabel = await first.getAttribute('aria-label');
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toBeTruthy();
    expect(focused).not.toBe(firstLabel);
    await expect(page.getByTestId(TEST_IDS.tooltip)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(TEST_IDS.tooltip)).toBeHidden();
  });

  test('light and dark themes both render', async ({ page, preview }, testInfo) => {
    const background = async () =>
      page.evaluate(() => {
        const rgb = getComputedStyle(document.querySelector('#root > div')!).backgroundColor.match(/\d+/g)!.map(Number);
        return (rgb[0] + rgb[1] + rgb[2]) / 3;
      });
    await openDemo(page, `${preview.url}/d/safedeploy-demo?theme=light`, preview.demoDeploys);
    expect(await background()).toBeGreaterThan(200);
    await page.screenshot({ path: testInfo.outputPath('demo-light.png'), fullPage: true });
    await openDemo(page, `${preview.url}/d/safedeploy-demo?theme=dark`, preview.demoDeploys);
    expect(await background()).toBeLessThan(60);
  });

  test('a panel 300 px wide still works', async ({ page, preview }, testInfo) => {
    await page.setViewportSize({ width: 1320, height: 900 });
    await page.goto(`${preview.url}/d/narrow`);
    const panel = page.getByTestId(TEST_IDS.panel);
    await expect(panel.getByTestId(TEST_IDS.banner)).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => eventsOnGraph(page), { timeout: 20_000 }).toBe(preview.demoDeploys);
    const box = await panel.boundingBox();
    expect(box!.width).toBeGreaterThan(280);
    expect(box!.width).toBeLessThan(320);
    expect(await eventsOnGraph(page)).toBe(preview.demoDeploys);
    expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: testInfo.outputPath('narrow.png') });
  });

  test('hostile CI data stays text: no script runs and no javascript: link exists', async ({ page, preview }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(`${preview.url}/d/hostile`);
    const marker = page.locator(`[data-testid="${TEST_IDS.marker}"]`).first();
    await expect(marker).toBeVisible({ timeout: 20_000 });
    await marker.hover();
    const tooltip = page.getByTestId(TEST_IDS.tooltip);
    await expect(tooltip).toContainText(HOSTILE_TITLE);
    await expect(tooltip).toContainText('<b>mallory</b>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toStrictEqual([]);
  });
});
