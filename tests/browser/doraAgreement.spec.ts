import { Page } from '@playwright/test';

import { TEST_IDS as APP_TEST_IDS } from '../../src/app/constants';
import { TEST_IDS } from '../../src/panel/testIds';
import { expect, test } from './fixtures';

const APP = '/a/safedeploy-deploys-app';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The change failure rate and median time to restore a summary line states. */
function rates(line: string): { changes: string; changeFailureRate: string; timeToRestore: string } {
  const match = /^(.+?) · change failure rate (.+?) · median time to restore (.+)$/.exec(line.trim());
  if (!match) {
    throw new Error(`not a summary line: ${line}`);
  }
  return { changes: match[1], changeFailureRate: match[2], timeToRestore: match[3] };
}

/** The demo panel's summary line once every event (deploys and flag changes) has streamed in and been scored. */
async function panelLine(page: Page, events: number): Promise<string> {
  const panel = page.getByTestId('preview-panel-1');
  await expect(panel.getByTestId(TEST_IDS.banner)).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId(TEST_IDS.rankedRow).first()).toHaveAttribute('aria-setsize', String(events), {
    timeout: 30_000,
  });
  await expect(panel.getByTestId(TEST_IDS.panel)).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  // The line is read until its rates are in: data arriving between the attribute's check and
  // the read (a query's last packet) shows them as '…' again while it is scored.
  let line = '';
  await expect
    .poll(async () => (line = (await panel.getByTestId(TEST_IDS.summary).textContent()) ?? ''), { timeout: 30_000 })
    .toMatch(/change failure rate [^…]+ · median time to restore [^…]+$/);
  return line;
}

test.describe('DORA keys, one computation', () => {
  test("the demo panel's summary line and the app's overview give the same change failure rate and time to restore", async ({
    page,
    preview,
  }) => {
    // One range for both, on whole minutes (the app rounds its range to the minute): the demo's day.
    const to = Math.floor(Date.now() / MINUTE) * MINUTE;
    const from = to - DAY;
    await page.goto(`${preview.url}/d/safedeploy-demo?from=${from}&to=${to}`);
    const panel = rates(await panelLine(page, preview.demoEvents));

    await page.goto(`${preview.url}${APP}/services?from=${from}&to=${to}`);
    const overview = page.getByTestId(APP_TEST_IDS.allServices);
    await expect(overview).toBeVisible({ timeout: 30_000 });
    const app = rates(((await overview.textContent()) ?? '').replace(/^All services: /, ''));

    // The panel shows every service (its variable is All): the app's line over all services.
    expect(panel.changes).toBe(app.changes);
    expect(panel.changeFailureRate).toBe(app.changeFailureRate);
    expect(panel.timeToRestore).toBe(app.timeToRestore);
    // The demo has failed changes: the agreement is on numbers, not on two "n/a"s.
    expect(panel.changeFailureRate).toMatch(/^\d+(\.\d)?%$/);
  });
});
