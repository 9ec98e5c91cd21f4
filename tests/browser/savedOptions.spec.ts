import { TEST_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

// The Deploy Impact panel with options as a dashboard written by hand or generated saves them
// (fixtures.ts, handWrittenOptionsDashboard): an older pluginVersion, so the line's Grafana runs
// the panel's migration handler (scenes' VizPanel on 12.4, the emulated PanelModel before it).

test.describe('Deploy Impact panel with hand-written options', () => {
  test('options saved as null or as text numbers take their defaults or their numbers, and the panel judges as usual', CORE, async ({ page, preview }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${preview.url}/d/hand-written-options`);
    const panel = page.getByTestId(TEST_IDS.panel);
    await expect(panel.getByTestId(TEST_IDS.rankedRow).first()).toBeVisible({ timeout: 30_000 });
    await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect(panel.getByTestId(TEST_IDS.banner)).toBeVisible();
    expect(errors).toStrictEqual([]);
  });
});
