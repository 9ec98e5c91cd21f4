import { TEST_IDS } from '../../src/panel/testIds';
import { expect, REPEATED_SERVICES, test } from './fixtures';

// The Deploy Impact panel repeated by a variable (fixtures.ts, repeatedDashboard): several
// instances on one page at once, each with its own value, queries, data and scoring.

test.describe('Deploy Impact panel repeated by a variable', () => {
  // Not @core: repeats are emulated on the scenes view (12.4) only, see preview/EMULATION.md.
  test('each repeat reads, scores and lists only its own service', async ({ page, preview }) => {
    await page.setViewportSize({ width: 1800, height: 1000 });
    await page.goto(`${preview.url}/d/repeat-service`);
    const panels = page.getByTestId(TEST_IDS.panel);
    await expect(panels).toHaveCount(REPEATED_SERVICES.length, { timeout: 30_000 });
    for (const [i, service] of REPEATED_SERVICES.entries()) {
      const panel = panels.nth(i);
      await expect(panel.getByTestId(TEST_IDS.rankedRow).first()).toBeVisible({ timeout: 30_000 });
      await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
      const rows = await panel.getByTestId(TEST_IDS.rankedRow).allTextContents();
      expect(rows.length).toBeGreaterThan(0);
      // Every row is this repeat's service (the row reads "<service> · <time> · ...").
      for (const row of rows) {
        expect(row).toContain(`${service} · `);
      }
      await expect(panel.getByTestId(TEST_IDS.graph)).toContainText(`${service} errors`);
    }
  });
});
