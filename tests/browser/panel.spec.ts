import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { CORE, expect, HOSTILE_TITLE, test } from './fixtures';

const impactPanel = (page: Page) => page.getByTestId('preview-panel-1');

/** Opens the demo and waits until every event (deploys and flag changes) has streamed in and been scored. */
async function openDemo(page: Page, url: string, events: number) {
  await page.goto(url);
  await expect(impactPanel(page).getByTestId(TEST_IDS.banner)).toBeVisible({ timeout: 20_000 });
  await expect(impactPanel(page).getByTestId(TEST_IDS.rankedRow).first()).toHaveAttribute('aria-setsize', String(events), { timeout: 20_000 });
  await expect(impactPanel(page).getByTestId(TEST_IDS.panel)).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
}

/** Every row of the ranked list, in rank order, scrolling it to render them all. */
async function allRows(page: Page): Promise<Array<{ text: string; score: number }>> {
  const list = impactPanel(page).getByTestId(TEST_IDS.rankedList);
  const rows = new Map<number, { text: string; score: number }>();
  for (let top = 0; ; ) {
    const seen = await list.evaluate((el) =>
      Array.from(el.querySelectorAll('[role="option"]')).map((r) => ({ at: Number(r.getAttribute('aria-posinset')), text: r.textContent ?? '', score: Number(r.firstElementChild?.textContent) }))
    );
    seen.forEach((r) => rows.set(r.at, { text: r.text, score: r.score }));
    const next = await list.evaluate((el, y) => {
      el.scrollTop = y + el.clientHeight;
      el.dispatchEvent(new Event('scroll'));
      return el.scrollTop;
    }, top);
    if (next === top) {
      break;
    }
    top = next;
    await page.waitForTimeout(50);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
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
  test('the demo dashboard shows a marker for every event and tells the story', CORE, async ({ page, preview }, testInfo) => {
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoEvents);
    await expect.poll(() => eventsOnGraph(page)).toBe(preview.demoEvents);
    const rows = await allRows(page);
    expect(rows).toHaveLength(preview.demoEvents);
    // The three stories of the demo: rolled back, fixed forward, and the deploy that broke another service.
    const row = (title: string) => rows.find((r) => r.text.includes(title))?.text;
    expect(row('Deploy v2.14.0')).toContain('Roll back');
    expect(row('Deploy v5.3.0')).toContain('Fix forward');
    expect(row('Deploy v1.8.0')).toContain('Fix forward');
    // ranked worst first
    const scores = rows.map((r) => r.score);
    expect(scores).toStrictEqual([...scores].sort((a, b) => b - a));
    // The same words as the app's pages: what the rate is over, deploys and flag changes.
    const flags = preview.demoEvents - preview.demoDeploys;
    await expect(page.getByTestId(TEST_IDS.summary)).toContainText(
      `${preview.demoEvents} changes (${preview.demoDeploys} deploys and ${flags} flag change${flags === 1 ? '' : 's'}) · change failure rate`
    );
    await page.screenshot({ path: testInfo.outputPath('demo-dark.png'), fullPage: true });
  });

  test('clicking a ranked row zooms the dashboard to that deploy', async ({ page, preview }) => {
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoEvents);
    const before = await range(page);
    await page.getByTestId(TEST_IDS.rankedRow).filter({ hasText: 'Deploy v2.14.0' }).click();
    await expect.poll(async () => (await range(page)).to - (await range(page)).from).toBeLessThan((before.to - before.from) / 4);
    const after = await range(page);
    expect(after.from).toBeGreaterThan(before.from);
  });

  test('hovering a marker shows its tooltip and shades its baseline and impact windows', CORE, async ({ page, preview }, testInfo) => {
    // Wide enough that the bad release and its rollback 25 minutes later get a marker each,
    // judged on the whole day of history.
    await page.setViewportSize({ width: 2600, height: 1000 });
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoEvents);
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

  test('a deploy shipped into a threefold traffic surge is judged healthy on the error ratio, because errors rose with traffic', CORE, async ({
    page,
    preview,
  }) => {
    // checkout v2.14.2 went out as a flash sale tripled checkout traffic: checkout errors tripled
    // with the requests. The demo panel sets Requests series, so the error ratio is judged, not the count.
    await page.setViewportSize({ width: 2600, height: 1000 });
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoEvents);
    const row = (await allRows(page)).find((r) => r.text.includes('Deploy v2.14.2'))?.text;
    expect(row).toContain('Healthy');
    expect(row).toContain('before/after');
    const marker = impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"][aria-label^="deploy checkout v2.14.2:"]`);
    await marker.hover();
    const tooltip = page.getByTestId(TEST_IDS.tooltip);
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('Healthy');
    const reason = tooltip.getByRole('listitem').filter({ hasText: 'errors rose with traffic: checkout errors' });
    await expect(reason).toHaveCount(1);
    // The surge is there (errors and requests both well up) and the ratio stayed near its level.
    const [, errors, requests, ratio] =
      /errors rose with traffic: checkout errors\/min ([\d.]+)x, requests ([\d.]+)x, error ratio ([\d.]+)x/.exec((await reason.textContent()) ?? '') ?? [];
    expect(Number(errors)).toBeGreaterThan(2);
    expect(Number(requests)).toBeGreaterThan(2);
    expect(Number(ratio)).toBeLessThan(1.5);
    await expect(tooltip.locator('dt', { hasText: 'Judged by' })).toBeVisible();
  });

  test("shows the release gate's verdict, read back from the demo's Grafana annotations, beside its own", async ({ page, preview }) => {
    // The demo's Grafana holds one annotation that `safedeploy gate --annotate` wrote for checkout v2.14.0.
    await page.setViewportSize({ width: 2600, height: 1000 });
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoEvents);
    const marker = impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"][aria-label^="deploy checkout v2.14.0:"]`);
    await marker.hover();
    await expect(page.getByTestId(TEST_IDS.gateVerdict)).toHaveText('Release gate: Roll back (same as this panel)');
    // Only that deploy was judged by the gate.
    await page.mouse.move(5, 5);
    await impactPanel(page).locator(`[data-testid="${TEST_IDS.marker}"][aria-label^="deploy checkout v2.13.2:"]`).first().hover();
    await expect(page.getByTestId(TEST_IDS.tooltip)).toBeVisible();
    await expect(page.getByTestId(TEST_IDS.gateVerdict)).toHaveCount(0);
  });

  test('markers work from the keyboard', CORE, async ({ page, preview }) => {
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoEvents);
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

  test('light and dark themes both render', CORE, async ({ page, preview }, testInfo) => {
    const background = async () =>
      page.evaluate(() => {
        const rgb = getComputedStyle(document.querySelector('#root > div')!).backgroundColor.match(/\d+/g)!.map(Number);
        return (rgb[0] + rgb[1] + rgb[2]) / 3;
      });
    await openDemo(page, `${preview.url}/d/safedeploy-demo?theme=light`, preview.demoEvents);
    expect(await background()).toBeGreaterThan(200);
    await page.screenshot({ path: testInfo.outputPath('demo-light.png'), fullPage: true });
    await openDemo(page, `${preview.url}/d/safedeploy-demo?theme=dark`, preview.demoEvents);
    expect(await background()).toBeLessThan(60);
  });

  // Regression: `theme.colors.background.elevated` does not exist in 10.4's theme, so the
  // tooltip had no background there (its text floated over the graph). On 12.4 the token exists,
  // so this only fails on the 10.4 project, which runs 10.4's own theme.
  for (const theme of ['dark', 'light']) {
    test(`the tooltip's background and text colours resolve to real colours in the ${theme} theme`, CORE, async ({ page, preview }) => {
      await openDemo(page, `${preview.url}/d/safedeploy-demo?theme=${theme}`, preview.demoEvents);
      await impactPanel(page).getByTestId(TEST_IDS.marker).first().focus();
      const tooltip = page.getByTestId(TEST_IDS.tooltip);
      await expect(tooltip).toBeVisible();
      const colours = await tooltip.evaluate((el) => {
        // What the tooltip's own style rules declare: a token that is undefined at run time is
        // left out of the rule, and the element falls back to transparent or inherited colours.
        const declared = { background: '', color: '' };
        for (const sheet of Array.from(document.styleSheets)) {
          for (const rule of Array.from(sheet.cssRules)) {
            if (rule instanceof CSSStyleRule && el.matches(rule.selectorText)) {
              declared.background = rule.style.backgroundColor || declared.background;
              declared.color = rule.style.color || declared.color;
            }
          }
        }
        const style = getComputedStyle(el);
        return { declared, background: style.backgroundColor, color: style.color };
      });
      expect(colours.declared.background).toMatch(/^(#|rgb)/);
      expect(colours.declared.color).toMatch(/^(#|rgb)/);
      const rgba = (css: string) => css.match(/[\d.]+/g)!.map(Number);
      const [r, g, b, alpha = 1] = rgba(colours.background);
      expect(alpha).toBe(1);
      // WCAG contrast between the tooltip's text and its background, at least AA (4.5:1).
      const luminance = ([red, green, blue]: number[]) => {
        const [lr, lg, lb] = [red, green, blue].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
      };
      const [hi, lo] = [luminance([r, g, b]), luminance(rgba(colours.color))].sort((x, y) => y - x);
      expect((hi + 0.05) / (lo + 0.05)).toBeGreaterThanOrEqual(4.5);
    });
  }

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
    // The marker tooltip, wider than this panel, narrows to it instead of running past its edge.
    await panel.locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`).first().focus();
    const tip = (await panel.getByTestId(TEST_IDS.tooltip).boundingBox())!;
    expect([tip.x >= box!.x - 1, tip.x + tip.width <= box!.x + box!.width + 1]).toStrictEqual([true, true]);
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

test.describe('Deploy Impact panel with many events', () => {
  test('the ranked list renders only the rows in view and keeps keyboard and screen-reader access', async ({ page, preview }) => {
    await openDemo(page, `${preview.url}/d/safedeploy-demo`, preview.demoEvents);
    const list = impactPanel(page).getByRole('listbox', { name: 'Events ranked by impact' });
    const options = list.getByRole('option');
    expect(await options.count()).toBeLessThan(preview.demoEvents);
    await expect(options.first()).toHaveAttribute('aria-posinset', '1');
    // One tab stop: Tab lands on the active row; End reaches the last event, Enter zooms to it.
    await options.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(list.locator(':focus')).toHaveAttribute('aria-posinset', '2');
    await page.keyboard.press('End');
    const last = list.locator(':focus');
    await expect(last).toHaveAttribute('aria-posinset', String(preview.demoEvents));
    await expect(last).toHaveAttribute('aria-selected', 'true');
    const before = await range(page);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await range(page)).to - (await range(page)).from).toBeLessThan((before.to - before.from) / 4);
  });

  test('a hover while 60,000 events are being scored gets its tooltip before the scoring ends', async ({ page }) => {
    const { startPreviewServer } = await import('../../preview/server.mjs');
    const { pointsFrame, eventsFrame } = await import('../../scripts/bench/panel.mjs');
    const start = Date.UTC(2026, 0, 1);
    const points = pointsFrame(start);
    const events = eventsFrame(start, 60_000);
    const dashboard = {
      uid: 'many',
      title: 'many',
      // Absolute ranges are saved as ISO times, as Grafana saves them.
      time: { from: new Date(start).toISOString(), to: new Date(start + 99_999 * 10_000).toISOString() },
      annotations: { list: [] },
      panels: [
        {
          id: 1,
          type: 'safedeploy-impact-panel',
          title: 'many',
          gridPos: { x: 0, y: 0, w: 24, h: 16 },
          targets: [
            { refId: 'A', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: 'points' },
            { refId: 'B', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: 'events' },
          ],
          options: {},
        },
      ],
    };
    const server = await startPreviewServer({
      port: 0,
      env: {},
      metrics: ({ labels }: Record<string, string>) => (labels === 'points' ? [points] : labels === 'events' ? [events] : []),
      extraDashboards: [dashboard],
    });
    try {
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.goto(`http://127.0.0.1:${server.port}/d/many`);
      const panel = page.getByTestId(TEST_IDS.panel);
      const marker = page.locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`).nth(3);
      await expect(marker).toBeVisible({ timeout: 30_000 });
      await expect(panel).toHaveAttribute('data-scored-in', 'worker');
      // What was still being scored when the pointer's input event arrived and when the tooltip
      // appeared, read in the page. How fast the tooltip comes is measured by `npm run bench`
      // (docs/BENCHMARKS.md), not asserted here: under load any fixed figure fails.
      await page.evaluate(
        ({ tooltip }) => {
          const w = window as unknown as { __hover: Promise<{ pendingAtHover: number; pendingAfter: number }> };
          w.__hover = new Promise((resolve) => {
            let at: { pending: number } | null = null;
            const pendingNow = () => Number(document.querySelector('[data-testid="data-testid safedeploy-impact-panel"]')?.getAttribute('data-pending'));
            document.addEventListener('mouseover', () => (at = at ?? { pending: pendingNow() }), { capture: true, once: true });
            new MutationObserver((_, observer) => {
              if (at && document.querySelector(`[data-testid="${tooltip}"]`)) {
                observer.disconnect();
                resolve({ pendingAtHover: at.pending, pendingAfter: pendingNow() });
              }
            }).observe(document.body, { childList: true, subtree: true });
          });
        },
        { tooltip: TEST_IDS.tooltip }
      );
      const box = (await marker.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = await page.evaluate(() => (window as unknown as { __hover: Promise<{ pendingAtHover: number; pendingAfter: number }> }).__hover);
      // Still scoring before and after the tooltip appeared: the hover was answered mid-scoring,
      // not after the scoring let go of the main thread.
      expect(hover.pendingAtHover).toBeGreaterThan(0);
      expect(hover.pendingAfter).toBeGreaterThan(0);
      await expect(page.getByTestId(TEST_IDS.tooltip)).toContainText(/being scored/i);
      // And the scores do arrive: no marker stays pending.
      await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 60_000 });
    } finally {
      await server.close();
    }
  });
});
