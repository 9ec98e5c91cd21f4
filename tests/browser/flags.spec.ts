import { Page } from '@playwright/test';

import { EventKind } from '../../src/events/types';
import { TEST_IDS } from '../../src/panel/testIds';
import { KIND_PATH } from '../../src/panel/verdictStyle';
import { expect, test } from './fixtures';

const impactPanel = (page: Page) => page.getByTestId('preview-panel-1');

test.describe('Feature flags on the Deploy Impact panel', () => {
  test('a flag turned on for everyone that raised search errors says turn it off, and its turning off is the fix', async ({ page, preview }, testInfo) => {
    // Six hours, wide: the flag turned on and off eight minutes apart get a marker each.
    await page.setViewportSize({ width: 2200, height: 1000 });
    await page.goto(`${preview.url}/d/safedeploy-demo?from=now-6h&to=now`);
    const on = impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"][data-kind="${EventKind.Flag}"][aria-label^="flag search semantic-search on:"]`);
    await expect(on).toBeVisible({ timeout: 20_000 });
    await expect(on).toHaveAttribute('data-verdict', 'turn_off');
    // The flag marker's own shape, not the deploy triangle.
    await expect(on.locator('path')).toHaveAttribute('d', KIND_PATH[EventKind.Flag]);

    // Keyboard focus opens the marker's tooltip without depending on where the pointer rests.
    await on.focus();
    const tooltip = page.getByTestId(TEST_IDS.tooltip);
    await expect(tooltip).toContainText('Turn flag off');
    await expect(tooltip).toContainText(/turn the flag off: search errors\S* [\d.]+x since semantic-search was turned on in production/);
    await expect(tooltip).toContainText(/turned off 8 min later: that fixed it, restored after \d+ min/);
    await expect(tooltip).toContainText('Fixed by search semantic-search off');
    await expect(tooltip).toContainText('semantic-search: off → on');
    await page.screenshot({ path: testInfo.outputPath('flag-turn-off.png') });

    const off = impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"][data-kind="${EventKind.Flag}"][aria-label^="flag search semantic-search off:"]`);
    await expect(off).toBeVisible();
    await expect(off).not.toHaveAttribute('data-verdict', 'turn_off');

    const row = page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Flag semantic-search turned on in production' });
    await expect(row).toContainText('Turn flag off');
  });

  test('the Unleash token reaches the Unleash-shaped server only through the data proxy route', async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/safedeploy-demo`);
    await expect(page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Flag semantic-search turned off' })).toBeVisible({ timeout: 20_000 });
    expect(preview.unleash.stats.requests).toBeGreaterThan(0);
    // Unleash takes the bare token, without a scheme.
    expect(new Set(preview.unleash.stats.authorization)).toStrictEqual(new Set([preview.token]));
  });
});
