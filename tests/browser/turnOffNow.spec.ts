import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { expect, test, UNFIXED_EVENTS } from './fixtures';

const FEATURE = '/api/admin/projects/search/features/semantic-search';
const flagRow = (page: Page) => page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Flag semantic-search turned on in production' });
/** The row's button, named for its flag: it sits outside the row's option, drawn over the row. */
const turnOffButton = (page: Page) => page.getByRole('button', { name: 'Turn off now: flag semantic-search in production' });

/** Sets the demo flag's state in an Unleash-shaped server the way a person would in Unleash: its API, with the token. */
async function setFlag(unleash: { url: string }, token: string, state: 'on' | 'off') {
  const answer = await fetch(`${unleash.url}${FEATURE}/environments/production/${state}`, { method: 'POST', headers: { authorization: token } });
  expect(answer.status).toBe(200);
}

/**
 * The dashboard up to just before the flag was turned off in the demo: there its turning on is
 * judged Turn flag off and not yet fixed (a change a later event already fixed offers nothing).
 * Read from the Unleash-shaped server, as the demo's times move with the clock.
 */
async function beforeTurnedOff(unleash: { url: string }, token: string): Promise<string> {
  const answer = await fetch(`${unleash.url}/api/admin/search/events?type=IS:feature-environment-disabled&limit=1000`, { headers: { authorization: token } });
  const { events } = (await answer.json()) as { events: Array<{ featureName: string; createdAt: string }> };
  const off = Date.parse(events.find((e) => e.featureName === 'semantic-search')!.createdAt);
  return `from=${off - 3 * 3_600_000}&to=${off - 1000}`;
}

async function flagEnabled(unleash: { url: string }, token: string): Promise<boolean> {
  const feature = await (await fetch(`${unleash.url}${FEATURE}`, { headers: { authorization: token } })).json();
  return feature.environments.find((e: { name: string }) => e.name === 'production').enabled;
}

test.describe('Turn off now on a flag judged Turn flag off @core', () => {
  test('an Editor confirms, the host data proxy adds the token to the POST, and Unleash then reports the flag off', async ({ page, preview }, testInfo) => {
    // Read from the Unleash where the flag was turned on and nobody has turned it off since:
    // the change judged is what is live, so turning the flag off changes something.
    const unleash = preview.unleashUnfixed;
    expect(await flagEnabled(unleash, preview.token)).toBe(true);
    const changesBefore = unleash.stats.changes.length;
    const sent: Array<{ method: string; url: string; headers: Record<string, string>; body: string | null }> = [];
    page.on('request', (r) => sent.push({ method: r.method(), url: r.url(), headers: r.headers(), body: r.postData() }));

    await page.goto(`${preview.url}/d/unfixed-flag?${await beforeTurnedOff(preview.unleash, preview.token)}&role=Editor`);
    const row = flagRow(page);
    await expect(row).toContainText('Turn flag off', { timeout: 20_000 });
    // Reachable by keyboard and by name: no control inside an option (its content is presentational
    // to assistive technology) or the listbox; Tab from the list's one tab stop, drawn on its row.
    const button = turnOffButton(page);
    await expect(button).toBeVisible();
    // (The row keeps the button's room with a copy hidden from everyone: no role, no focus.)
    await expect(page.locator('[role="listbox"] button:visible')).toHaveCount(0);
    const [rowBox, buttonBox] = [await row.boundingBox(), await button.boundingBox()];
    expect(buttonBox!.y).toBeGreaterThanOrEqual(rowBox!.y);
    expect(buttonBox!.y + buttonBox!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height);
    await page.getByRole('listbox', { name: 'Events ranked by impact' }).locator('[role="option"][tabindex="0"]').focus();
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Turn flag semantic-search off in environment production (project search) in Unleash.');
    await page.screenshot({ path: testInfo.outputPath('turn-off-confirm.png') });
    await dialog.getByRole('button', { name: 'Turn off now' }).click();

    await expect(row.getByTestId(TEST_IDS.actionResult)).toContainText('turned flag semantic-search off in production (project search); Unleash confirms it');
    await expect(row.getByTestId(TEST_IDS.actionResult)).toHaveAttribute('data-outcome', 'acted');
    await page.screenshot({ path: testInfo.outputPath('turn-off-done.png') });

    // One change reached Unleash, through the acting route, with the token the host added.
    expect(unleash.stats.changes.slice(changesBefore)).toStrictEqual([{ path: `${FEATURE}/environments/production/off`, authorization: preview.token }]);
    expect(await flagEnabled(unleash, preview.token)).toBe(false);
    // The browser sent the POST to the data proxy without any credential of the provider.
    const acts = sent.filter((r) => r.url.includes('/act/'));
    expect(acts.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toStrictEqual([
      `POST /api/datasources/proxy/uid/${UNFIXED_EVENTS.uid}/act/unleash${FEATURE}/environments/production/off`,
    ]);
    expect(sent.some((r) => JSON.stringify(r).includes(preview.token))).toBe(false);
  });

  test('an Editor on a dashboard older than the flag\'s last change sends nothing: that later change is what is live', async ({ page, preview }) => {
    // A person turns the flag on in Unleash after the panel's data was read (the dashboard ends
    // before it): the datasource reads the flag's changes since the one judged before sending.
    const unleash = preview.unleashUnfixed;
    await page.goto(`${preview.url}/d/unfixed-flag?${await beforeTurnedOff(preview.unleash, preview.token)}&role=Editor`);
    const row = flagRow(page);
    await expect(turnOffButton(page)).toBeVisible({ timeout: 20_000 });
    await setFlag(unleash, preview.token, 'on');
    const changesBefore = unleash.stats.changes.length;

    await turnOffButton(page).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Turn off now' }).click();

    await expect(row.getByTestId(TEST_IDS.actionResult)).toHaveAttribute('data-outcome', 'refused');
    await expect(row.getByTestId(TEST_IDS.actionResult)).toContainText(/Not turned off: flag semantic-search was changed again in production at .* \(on\), after the change judged/);
    expect(unleash.stats.changes.slice(changesBefore)).toStrictEqual([]);
    expect(await flagEnabled(unleash, preview.token)).toBe(true);
  });

  test('a Viewer sees the verdict but no action, and the data proxy refuses the acting route to them', async ({ page, preview }) => {
    const unleash = preview.unleashUnfixed;
    const enabled = await flagEnabled(unleash, preview.token);
    const changesBefore = unleash.stats.changes.length;
    await page.goto(`${preview.url}/d/unfixed-flag?${await beforeTurnedOff(preview.unleash, preview.token)}`);
    const row = flagRow(page);
    await expect(row).toContainText('Turn flag off', { timeout: 20_000 });
    // The panel has settled: every row is scored.
    await expect(page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Scoring' })).toHaveCount(0);
    await expect(page.getByTestId(TEST_IDS.turnOffNow)).toHaveCount(0);

    const status = await page.evaluate(
      (path) => fetch(path, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }).then((r) => r.status),
      `/api/datasources/proxy/uid/${UNFIXED_EVENTS.uid}/act/unleash${FEATURE}/environments/production/off`
    );
    expect(status).toBe(403);
    expect(unleash.stats.changes.length).toBe(changesBefore);
    expect(await flagEnabled(unleash, preview.token)).toBe(enabled);
  });

  test('an Editor is not offered it on a flag change that its turning off already fixed', async ({ page, preview }) => {
    // The whole demo day: the flag was turned off eight minutes after it was turned on, and that fixed it.
    await page.goto(`${preview.url}/d/safedeploy-demo?role=Editor`);
    const row = flagRow(page);
    await expect(row).toContainText('Turn flag off', { timeout: 20_000 });
    await expect(page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Scoring' })).toHaveCount(0);
    await expect(page.getByTestId(TEST_IDS.turnOffNow)).toHaveCount(0);
  });
});
