import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/app/constants';
import { TEST_IDS as PANEL_TEST_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

const APP = '/a/safedeploy-deploys-app';
const MINUTE = 60_000;
const DAY = 86_400_000;
/** The browser's zone in these tests: neither UTC nor the preference set below, so each can be told apart. */
const BROWSER_ZONE = 'America/New_York';

/**
 * The signed-in user's Grafana time zone preference, as Grafana's boot data carries it
 * (`bootData.user.timezone`): the host writes Grafana's default, `browser`, so the page's own boot data is changed as
 * it is assigned, before any plugin reads it.
 */
async function preferZone(page: Page, timezone: string) {
  await page.addInitScript((zone) => {
    let boot: { user: { timezone: string } } | undefined;
    Object.defineProperty(window, 'grafanaBootData', {
      configurable: true,
      get: () => boot,
      set: (value) => {
        boot = value;
        boot!.user.timezone = zone;
      },
    });
  }, timezone);
}

/** "2026-11-30 19:35": a time to the minute as a clock in `timeZone` shows it. */
function clock(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

test.describe("Release health in the user's Grafana time zone", () => {
  test.use({ timezoneId: BROWSER_ZONE });

  // Every time on the pages was UTC, whatever zone the user had chosen in Grafana.
  for (const [preference, shown] of [
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['browser', BROWSER_ZONE],
  ]) {
    test(`a user whose Grafana time zone is ${preference} reads times in ${shown}, named`, CORE, async ({ page, preview }) => {
      await preferZone(page, preference);
      const to = Math.floor(Date.now() / MINUTE) * MINUTE;
      const from = to - 30 * DAY;
      await page.goto(`${preview.url}${APP}/services/checkout?from=${from}&to=${to}`);
      await expect(page.getByTestId(TEST_IDS.rangePicker)).toContainText(`${clock(from, shown)} ${shown} to ${clock(to, shown)} ${shown}`, { timeout: 30_000 });
      await expect(page.getByTestId(TEST_IDS.deployRow).first()).toBeVisible({ timeout: 30_000 });
      const times = await page.getByTestId(TEST_IDS.deployRow).allTextContents();
      expect(times.length).toBeGreaterThan(0);
      for (const text of times) {
        expect(text).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d ${shown.replace('/', '\\/')}$`));
      }
      // The page's Deploy Impact view shows the same deploys at the same clock times ("MM-DD HH:mm") as the list.
      const ranked = page.getByTestId(TEST_IDS.impactView).getByTestId(PANEL_TEST_IDS.rankedRow);
      await expect(ranked.first()).toBeVisible({ timeout: 30_000 });
      const listed = new Set(times.map((t) => t.slice(5, 16)));
      const drawn = (await ranked.allTextContents()).map((t) => /\d\d-\d\d \d\d:\d\d/.exec(t)?.[0] ?? t);
      expect(drawn.filter((t) => !listed.has(t))).toStrictEqual([]);
    });
  }
});
