import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

// A dashboard with `"timezone": ""` (the starter's) is shown in the viewer's zone, as Grafana
// does; the other specs run in a UTC browser, where no time zone mistake can show.
const ZONE = 'America/New_York';
const HOUR = 3_600_000;
/** A range short enough that its hours in New York and in UTC barely overlap. */
const RANGE_MS = 6 * HOUR;

/** Record every text drawn on a canvas, with the preview panel the canvas sits in. */
async function recordCanvasText(page: Page) {
  await page.addInitScript(() => {
    const drawn: Array<{ panel: string; text: string }> = [];
    (window as unknown as { __canvasText: typeof drawn }).__canvasText = drawn;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      drawn.push({ panel: this.canvas.closest('[data-testid^="preview-panel-"]')?.getAttribute('data-testid') ?? '', text: String(text) });
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
  });
}

/** The time axis labels ("HH:mm") a panel drew. */
async function timeTicks(page: Page, panel: string): Promise<string[]> {
  const drawn = await page.evaluate(() => (window as unknown as { __canvasText: Array<{ panel: string; text: string }> }).__canvasText.slice());
  return [...new Set(drawn.filter((d) => d.panel === panel && /^\d\d:\d\d$/.test(d.text)).map((d) => d.text))];
}

/** Every "HH:mm" in [from, to] as a clock in `timeZone` shows it. */
function clockTimes(from: number, to: number, timeZone: string): Set<string> {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const out = new Set<string>();
  for (let t = from; t <= to; t += 60_000) {
    out.add(format.format(t));
  }
  return out;
}

test.describe('a dashboard that names no time zone, in a browser outside UTC', () => {
  test.use({ timezoneId: ZONE });

  test("the Deploy Impact panel and Grafana's time series panel show the same, local, times", CORE, async ({ page, preview }) => {
    await recordCanvasText(page);
    const to = Date.now();
    const from = to - RANGE_MS;
    await page.goto(`${preview.url}/d/viewer-time-zone?from=${from}&to=${to}`);
    const impact = page.getByTestId('preview-panel-1');
    await expect(impact.getByTestId(TEST_IDS.panel)).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect(page.getByTestId('preview-panel-2').locator('canvas').first()).toBeVisible();

    const local = clockTimes(from, to, ZONE);
    const utc = clockTimes(from, to, 'UTC');
    await expect.poll(async () => (await timeTicks(page, 'preview-panel-2')).length, { timeout: 20_000 }).toBeGreaterThan(2);
    await expect.poll(async () => (await timeTicks(page, 'preview-panel-1')).length, { timeout: 20_000 }).toBeGreaterThan(2);
    for (const panel of ['preview-panel-1', 'preview-panel-2']) {
      const ticks = await timeTicks(page, panel);
      // Every label is a New York time of the range, and some are no UTC time of it.
      expect({ panel, outsideRange: ticks.filter((t) => !local.has(t)) }).toStrictEqual({ panel, outsideRange: [] });
      expect(ticks.some((t) => !utc.has(t))).toBe(true);
    }
    // The ranked list says when each event happened in the same zone.
    const meta = (await impact.getByTestId(TEST_IDS.rankedRow).first().textContent()) ?? '';
    const time = /\d\d-\d\d (\d\d:\d\d)/.exec(meta)?.[1] ?? meta;
    expect(local.has(time)).toBe(true);
  });
});
