import { TEST_IDS } from '../../src/datasource/testIds';
import { TEST_IDS as PANEL_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

test.describe('SafeDeploy Events data source in Grafana', () => {
  test('the settings page shows each provider and "Save & test" checks the configured ones', CORE, async ({ page, preview }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${preview.url}/datasources/edit/safedeploy-events`);
    await expect(page.getByTestId(TEST_IDS.configSection('github'))).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId(TEST_IDS.configSection('unleash'))).toBeVisible();
    await page.getByRole('button', { name: 'Save & test' }).click();
    const alert = page.getByLabel('Data source settings page Alert');
    // The provisioned GitHub and Unleash answer through the data proxy with the right token.
    await expect(alert).toContainText('GitHub', { timeout: 20_000 });
    await expect(alert).toContainText('Unleash');
    await expect(alert).not.toContainText(/fail|error|401/i);
    expect(preview.github.stats.authorization).toContain(`Bearer ${preview.token}`);
    expect(errors).toStrictEqual([]);
  });

  test('the variable editor previews the services of the demo and relists when what to list changes', CORE, async ({ page, preview }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${preview.url}/d/safedeploy-demo?editview=variables&editIndex=0`);
    await expect(page.getByTestId(TEST_IDS.variableEditor)).toBeVisible({ timeout: 20_000 });
    const values = page.getByTestId('preview-variable-values').getByRole('listitem');
    await expect.poll(() => values.allTextContents(), { timeout: 20_000 }).toStrictEqual(['checkout', 'search', 'web']);
    // Grafana's Select of each line, from the keyboard (its options' roles and labels differ by line).
    await page.getByLabel('Variable values').click();
    await page.keyboard.type('environments');
    await page.keyboard.press('Enter');
    await expect.poll(() => values.allTextContents(), { timeout: 20_000 }).toStrictEqual(['production']);
    expect(errors).toStrictEqual([]);
  });

  test('an environment variable at "All" with a custom all value reads every environment', CORE, async ({ page, preview }) => {
    // Grafana fills a custom all value in as written (`.*`), in every format but text.
    await page.goto(`${preview.url}/d/custom-all`);
    await expect(page.getByTestId('preview-panel-1').getByTestId(PANEL_IDS.rankedRow).first()).toHaveAttribute('aria-setsize', String(preview.demoDeploys), {
      timeout: 30_000,
    });
  });
});
