import { Page } from '@playwright/test';

import { TEST_IDS as APP_TEST_IDS } from '../../src/app/constants';
import { EventKind } from '../../src/events/types';
import { TEST_IDS } from '../../src/panel/testIds';
import { KIND_PATH } from '../../src/panel/verdictStyle';
import { expect, test } from './fixtures';

const impactPanel = (page: Page) => page.getByTestId('preview-panel-1');

test.describe('Feature flags on the Deploy Impact panel', () => {
  test('a flag turned on for everyone that raised search errors says turn it off, and its turning off is the fix', async ({
    page,
    preview,
  }, testInfo) => {
    // Six hours, wide: the flag turned on and off eight minutes apart get a marker each.
    await page.setViewportSize({ width: 2200, height: 1000 });
    await page.goto(`${preview.url}/d/safedeploy-demo?from=now-6h&to=now`);
    const on = impactPanel(page).locator(
      `[data-testid="${TEST_IDS.marker}"][data-kind="${EventKind.Flag}"][aria-label^="flag search semantic-search on:"]`
    );
    await expect(on).toBeVisible({ timeout: 20_000 });
    await expect(on).toHaveAttribute('data-verdict', 'turn_off');
    // The flag marker's own shape, not the deploy triangle.
    await expect(on.locator('path')).toHaveAttribute('d', KIND_PATH[EventKind.Flag]);

    // Keyboard focus opens the marker's tooltip without depending on where the pointer rests.
    await on.focus();
    const tooltip = page.getByTestId(TEST_IDS.tooltip);
    await expect(tooltip).toContainText('Turn flag off');
    await expect(tooltip).toContainText(
      /turn the flag off: search errors\S*( error ratio)? [\d.]+x since semantic-search was turned on in production/
    );
    await expect(tooltip).toContainText(/turned off 8 min later: that fixed it, restored after \d+ min/);
    await expect(tooltip).toContainText('Fixed by search semantic-search off');
    await expect(tooltip).toContainText('semantic-search: off → on');
    await page.screenshot({ path: testInfo.outputPath('flag-turn-off.png') });

    const off = impactPanel(page).locator(
      `[data-testid="${TEST_IDS.marker}"][data-kind="${EventKind.Flag}"][aria-label^="flag search semantic-search off:"]`
    );
    await expect(off).toBeVisible();
    await expect(off).not.toHaveAttribute('data-verdict', 'turn_off');

    const row = page
      .getByTestId(TEST_IDS.rankedRow)
      .filter({ hasText: 'Flag semantic-search turned on in production' });
    await expect(row).toContainText('Turn flag off');
  });

  test('the Unleash token reaches the Unleash-shaped server only through the data proxy route', async ({
    page,
    preview,
  }) => {
    await page.goto(`${preview.url}/d/safedeploy-demo`);
    await expect(
      page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Flag semantic-search turned off' })
    ).toBeVisible({ timeout: 20_000 });
    expect(preview.unleash.stats.requests).toBeGreaterThan(0);
    // Unleash takes the bare token, without a scheme.
    expect(new Set(preview.unleash.stats.authorization)).toStrictEqual(new Set([preview.token]));
  });

  test('release health lists the harmful flag change of search with its verdict and counts it as a failed change', async ({
    page,
    preview,
  }) => {
    const APP = '/a/safedeploy-deploys-app';
    const ready = (p: Page) =>
      p
        .getByTestId(APP_TEST_IDS.detail)
        .or(p.getByTestId(APP_TEST_IDS.overview))
        .or(p.getByTestId(APP_TEST_IDS.readiness));
    await page.goto(`${preview.url}${APP}/services/search`);
    await expect(ready(page)).toBeVisible({ timeout: 30_000 });
    // The flag's turning on is in search's list beside its deploys, judged turn flag off, failed, and acted on.
    const on = page.locator(`[data-testid="${APP_TEST_IDS.deployRow}"][data-kind="${EventKind.Flag}"]`).first();
    const onRow = page.locator('tr').filter({ hasText: 'Flag semantic-search turned on in production' });
    await expect(onRow).toContainText('Turn flag off');
    await expect(onRow).toContainText(/flag turned off|restored by search semantic-search/);
    await expect(onRow.getByTestId(APP_TEST_IDS.deployRow)).toHaveAttribute('data-failed', 'true');
    await expect(on).toBeVisible();
    const offRow = page.locator('tr').filter({ hasText: 'Flag semantic-search turned off in production' });
    await expect(offRow.getByTestId(APP_TEST_IDS.deployRow)).toHaveAttribute('data-failed', 'false');
    // The key cards say the rate counts flag changes.
    await expect(page.getByTestId(APP_TEST_IDS.detail)).toContainText(
      /\d+ of \d+ changes \(\d+ deploys and 2 flag changes\) failed, 1 of them flag changes/
    );

    // On the overview, search's rate is over deploys and flag changes, and the page says how failures are counted.
    await page.goto(`${preview.url}${APP}/services`);
    const rate = page
      .locator('tr')
      .filter({ has: page.locator(`[data-testid="${APP_TEST_IDS.serviceRow}"][data-service="search"]`) })
      .locator('[data-key="changeFailureRate"]');
    await expect(rate).toBeVisible({ timeout: 30_000 });
    const changes = Number(await rate.getAttribute('data-changes'));
    const deploys = Number(
      await page
        .locator('tr')
        .filter({ has: page.locator(`[data-service="search"]`) })
        .locator('[data-key="deploys"]')
        .getAttribute('data-value')
    );
    expect(changes).toBe(deploys + 2);
    await expect(rate.locator('[data-flag-failures]')).toHaveAttribute('data-flag-failures', '1');
    await expect(
      page.getByText(
        /a feature flag change it judged turn flag off; the change failure rate is over all deploys and\s+flag changes/
      )
    ).toBeVisible();

    // The readiness review counts the turn_off verdict as acted on: the flag was turned off.
    await page.goto(`${preview.url}${APP}/readiness/search`);
    const acted = page.locator(`[data-testid="${APP_TEST_IDS.readinessItem}"][data-item="unresolvedRollBack"]`);
    await expect(acted).toBeVisible({ timeout: 30_000 });
    await expect(acted).not.toContainText('semantic-search');
    await expect(
      page.locator(`[data-testid="${APP_TEST_IDS.readinessItem}"][data-item="changeFailureRate"]`)
    ).toContainText('and 2 flag changes) failed');
  });
});
