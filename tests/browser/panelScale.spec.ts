import { Page } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

/**
 * The Deploy Impact panel at dashboard scale, narrowed: 2,000 events over 50 series of 2,000
 * points each (100,000 points in the range), in a panel about 200 px wide. CONSTRUCTED data,
 * served as frames by the preview host's TestData stand-in, as the 20,000-event test in
 * panel.spec.ts does. Some events carry the CI text a hostile or international pipeline writes.
 */
const SERIES = 50;
const POINTS = 2_000;
const EVENTS = 2_000;
const STEP = 60_000;
const START = Date.UTC(2026, 0, 1);
const SPAN = (POINTS - 1) * STEP;

/** CI text that must stay text: markup, script and data URLs, a long word, right-to-left text, emoji. */
const CI_TEXT = [
  { title: '<img src=x onerror="window.__xss=1">', url: 'javascript:window.__xss=2', author: '<b>mallory</b>' },
  { title: 'Deploy '.concat('x'.repeat(300)), url: 'data:text/html,<script>window.__xss=3</script>', author: 'a'.repeat(120) },
  { title: 'פריסה של גרסה 2.1 לייצור!', url: 'https://ci.example.com/runs/1', author: 'דנה' },
  { title: '🚀 Deploy 🔥 v3 🎉', url: 'https://ci.example.com/runs/2', author: '👩‍💻' },
];

function seriesFrame(index: number) {
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < POINTS; i++) {
    times.push(START + i * STEP);
    values.push(10 + ((i * 7 + index * 13) % 11) + (i % 500 < 20 ? 30 : 0));
  }
  return {
    schema: { name: `svc${index}`, fields: [{ name: 'time', type: 'time' }, { name: `svc${index} errors`, type: 'number', labels: { service: `svc${index}` } }] },
    data: { values: [times, values] },
  };
}

function eventsFrame(count: number, text: (i: number) => { title: string; url: string; author: string }) {
  const at = Array.from({ length: count }, (_, i) => START + Math.round(((i + 0.5) / count) * SPAN));
  const names = ['time', 'id', 'title', 'kind', 'service', 'version', 'author', 'url'];
  return {
    schema: { name: 'events', fields: names.map((name) => ({ name, type: name === 'time' ? 'time' : 'string' })) },
    data: {
      values: [
        at,
        at.map((_, i) => `scale-${i}`),
        at.map((_, i) => text(i).title),
        at.map(() => 'deploy'),
        at.map((_, i) => `svc${i % SERIES}`),
        at.map((_, i) => `v${i}`),
        at.map((_, i) => text(i).author),
        at.map((_, i) => text(i).url),
      ],
    },
  };
}

function dashboard(width: number) {
  return {
    uid: 'scale',
    title: 'scale',
    time: { from: new Date(START).toISOString(), to: new Date(START + SPAN).toISOString() },
    annotations: { list: [] },
    panels: [
      {
        id: 1,
        type: 'safedeploy-impact-panel',
        title: 'scale',
        gridPos: { x: 0, y: 0, w: width, h: 18 },
        targets: [
          { refId: 'A', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: 'points' },
          { refId: 'B', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: 'events' },
        ],
        options: {},
      },
    ],
  };
}

/** Most events plain, one in 40 with CI text to keep as text. */
const scaleText = (i: number) => CI_TEXT[i % 40] ?? { title: `Deploy v${i}`, url: `https://ci.example.com/runs/${i}`, author: 'octocat' };

async function withScaleDashboard(
  page: Page,
  grafanaLine: string,
  { width, series: seriesCount = SERIES, events: eventCount = EVENTS, text = scaleText }: { width: number; series?: number; events?: number; text?: typeof scaleText },
  run: (panel: ReturnType<Page['getByTestId']>) => Promise<void>
) {
  const { startPreviewServer } = await import('../../preview/server.mjs');
  const series = Array.from({ length: seriesCount }, (_, i) => seriesFrame(i));
  const events = eventsFrame(eventCount, text);
  const server = await startPreviewServer({
    port: 0,
    grafana: grafanaLine,
    env: {},
    metrics: ({ labels }: Record<string, string>) => (labels === 'points' ? series : labels === 'events' ? [events] : []),
    extraDashboards: [dashboard(width)],
  });
  try {
    await page.setViewportSize({ width: 1320, height: 900 });
    await page.goto(`http://127.0.0.1:${server.port}/d/scale`);
    const panel = page.getByTestId(TEST_IDS.panel);
    await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 90_000 });
    await run(panel);
  } finally {
    await server.close();
  }
}

test.describe('Deploy Impact panel at scale, 200 px wide', () => {
  test('renders 2,000 events over 50 series, answers hover and keys, and counts what it cannot show', CORE, async ({ page, grafanaLine }, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await withScaleDashboard(page, grafanaLine, { width: 4 }, async (panel) => {
      const box = (await panel.boundingBox())!;
      expect(box.width).toBeGreaterThan(170);
      expect(box.width).toBeLessThan(230);
      expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      // The decision is read whole: the banner's heading and the deploy it names are not cut off.
      const banner = panel.getByTestId(TEST_IDS.banner);
      const cut = await banner.evaluate((el) => {
        const row = el.parentElement!.getBoundingClientRect();
        return Array.from(el.children)
          .slice(0, 2)
          .filter((part) => {
            const r = part.getBoundingClientRect();
            return r.right > row.right + 0.5 || r.bottom > row.bottom + 0.5 || part.scrollWidth > part.clientWidth + 1;
          })
          .map((part) => part.textContent);
      });
      expect(cut).toStrictEqual([]);
      // Every event is on the graph, alone or counted in a cluster (its name says how many).
      const markers = panel.locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`);
      const counted = await markers.evaluateAll((els) => els.reduce((sum, el) => sum + Number(/^(\d+) events,/.exec(el.getAttribute('aria-label') ?? '')?.[1] ?? 1), 0));
      expect(counted).toBe(EVENTS);
      // Each cluster's count reads on its own: no two counts overlap.
      const counts = await panel.getByTestId(TEST_IDS.cluster).evaluateAll((els) =>
        els.map((el) => el.firstElementChild!.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })).sort((a, b) => a.left - b.left)
      );
      expect(counts.length).toBeGreaterThan(1);
      const overlaps = counts.slice(1).filter((c, i) => c.left < counts[i].right - 0.5).length;
      expect(overlaps).toBe(0);
      // Hover and keyboard are answered.
      const first = markers.first();
      await first.hover();
      await expect(panel.getByTestId(TEST_IDS.tooltip)).toBeVisible();
      // The tooltip narrows to the panel; its verdict badges and scores still read on one line each.
      const lines = await panel
        .getByTestId(TEST_IDS.tooltip)
        .locator('span')
        .evaluateAll((spans) =>
          spans
            .filter((el) => /^(Watch|Healthy|Roll back|Fix forward|Not enough data|score \d+)$/.test(el.textContent ?? ''))
            .map((el) => {
              const range = document.createRange();
              range.selectNodeContents(el);
              return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
            })
        );
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((n) => n > 1)).toStrictEqual([]);
      await first.focus();
      await page.keyboard.press('ArrowRight');
      await expect(markers.nth(1)).toBeFocused();
      await page.screenshot({ path: testInfo.outputPath('scale-200px.png'), clip: { x: box.x, y: box.y, width: box.width, height: box.height } });
      // The legend names every series it shows whole, and counts the ones it has no room for.
      const legend = await panel.getByTestId(TEST_IDS.graph).evaluate((graph) => {
        const row = graph.lastElementChild as HTMLElement;
        // A legend item: a colour swatch (an empty span) and the series' name.
        const items = Array.from(row.querySelectorAll('span')).filter((el) => el.firstElementChild?.tagName === 'SPAN' && el.firstElementChild.textContent === '');
        // Shown whole: inside every box that clips it, up to the graph.
        const shownWhole = (el: Element) => {
          const own = el.getBoundingClientRect();
          for (let box = el.parentElement; box && box !== graph.parentElement; box = box.parentElement) {
            if (own.right > box.getBoundingClientRect().right + 0.5) {
              return false;
            }
          }
          return own.width > 0;
        };
        return { whole: items.filter(shownWhole).map((el) => el.textContent ?? ''), text: row.textContent ?? '' };
      });
      const named = legend.whole.filter((t) => /^svc\d+ /.test(t)).length;
      const more = Number(/\+(\d+) more series/.exec(legend.text)?.[1] ?? 0);
      expect(named + more).toBe(SERIES);
    });
    expect(errors).toStrictEqual([]);
  });
});

test.describe('Deploy Impact panel keyboard focus', () => {
  test('Enter on a cluster zooms into it and keeps focus on the marker that now holds its events', async ({ page, grafanaLine }) => {
    await withScaleDashboard(page, grafanaLine, { width: 24, series: 2, events: 400 }, async (panel) => {
      const cluster = panel.getByTestId(TEST_IDS.cluster).nth(2);
      await cluster.focus();
      const before = await page.getByTestId('preview-time-range').getAttribute('data-from');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('preview-time-range').getAttribute('data-from')).not.toBe(before);
      await expect(panel.getByTestId(TEST_IDS.panel).or(panel)).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
      // Focus stays in the panel, on a marker (the one that now holds the event it was on), not on the page.
      const focused = panel.locator(':focus');
      await expect(focused).toHaveCount(1);
      await expect(focused).toHaveAttribute('data-testid', new RegExp(`^(${TEST_IDS.marker}|${TEST_IDS.cluster})$`));
    });
  });
});

test.describe('Deploy Impact panel with CI text', () => {
  test('titles, authors and URLs stay text, links only http(s), long words wrap and right-to-left titles read right to left', CORE, async ({ page, grafanaLine }) => {
    await withScaleDashboard(page, grafanaLine, { width: 24, series: 1, events: CI_TEXT.length, text: (i) => CI_TEXT[i] }, async (panel) => {
      const markers = panel.getByTestId(TEST_IDS.marker);
      await expect(markers).toHaveCount(CI_TEXT.length);
      for (let i = 0; i < CI_TEXT.length; i++) {
        await markers.nth(i).focus();
        const tooltip = panel.getByTestId(TEST_IDS.tooltip);
        await expect(tooltip).toContainText(CI_TEXT[i].title);
        await expect(tooltip).toContainText(CI_TEXT[i].author);
        // A very long word wraps inside the tooltip rather than running out of it.
        expect(await tooltip.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
        const hrefs = await tooltip.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
        expect(hrefs.every((href) => /^https?:/.test(href))).toBe(true);
      }
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('a[href^="javascript:"], a[href^="data:"], img[src="x"]').count()).toBe(0);
      // Right-to-left text reads right to left: its first letter is on the right, the closing "!" on the left.
      const hebrew = CI_TEXT[2].title;
      await markers.nth(2).focus();
      const ends = async (el: ReturnType<Page['getByText']>) =>
        el.evaluate((node) => {
          const text = node.firstChild as Text;
          const rect = (from: number) => {
            const range = document.createRange();
            range.setStart(text, from);
            range.setEnd(text, from + 1);
            return range.getBoundingClientRect();
          };
          return { first: rect(0).left, last: rect(text.length - 1).left };
        });
      for (const where of [panel.getByTestId(TEST_IDS.tooltip).getByText(hebrew, { exact: true }), panel.getByTestId(TEST_IDS.rankedList).getByText(hebrew, { exact: true })]) {
        const { first, last } = await ends(where);
        expect(last).toBeLessThan(first);
      }
    });
  });
});

test.describe('Deploy Impact panel on auto-refresh', () => {
  test('a marker tooltip open from the keyboard stays open, with focus on its link, while the dashboard refreshes', async ({ page, grafanaLine }) => {
    const { startPreviewServer } = await import('../../preview/server.mjs');
    const now = Date.now();
    const start = now - 6 * 3_600_000;
    const points = Array.from({ length: 360 }, (_, i) => start + i * STEP);
    const series = { schema: { name: 'errors', fields: [{ name: 'time', type: 'time' }, { name: 'errors', type: 'number' }] }, data: { values: [points, points.map((_, i) => 10 + (i % 5))] } };
    const at = [1, 2, 3].map((h) => start + h * 3_600_000);
    const names = ['time', 'id', 'title', 'kind', 'service', 'url'];
    const events = {
      schema: { name: 'events', fields: names.map((name) => ({ name, type: name === 'time' ? 'time' : 'string' })) },
      data: { values: [at, at.map((_, i) => `r${i}`), at.map((_, i) => `Deploy v${i}`), at.map(() => 'deploy'), at.map(() => 'api'), at.map((_, i) => `https://ci.example.com/runs/${i}`)] },
    };
    let reads = 0;
    const server = await startPreviewServer({
      port: 0,
      grafana: grafanaLine,
      env: {},
      metrics: ({ labels }: Record<string, string>) => {
        reads++;
        return labels === 'points' ? [series] : labels === 'events' ? [events] : [];
      },
      extraDashboards: [{ ...dashboard(24), uid: 'refreshing', time: { from: 'now-6h', to: 'now' }, refresh: '5s' }],
    });
    try {
      await page.goto(`http://127.0.0.1:${server.port}/d/refreshing`);
      const panel = page.getByTestId(TEST_IDS.panel);
      await expect(panel).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
      await panel.getByTestId(TEST_IDS.marker).nth(1).focus();
      await page.keyboard.press('Tab');
      const link = panel.getByTestId(TEST_IDS.tooltip).getByRole('link', { name: 'Open CI run' });
      await expect(link).toBeFocused();
      const before = reads;
      await expect.poll(() => reads, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
      // The refreshed data has been drawn.
      await page.waitForTimeout(1_000);
      await expect(panel.getByTestId(TEST_IDS.tooltip)).toBeVisible();
      await expect(link).toBeFocused();
      // A series tooltip pinned by a click stays pinned through the next refresh too.
      await page.keyboard.press('Escape');
      const plot = (await panel.locator('.u-over').boundingBox())!;
      await page.mouse.click(plot.x + plot.width / 2, plot.y + plot.height / 2);
      await expect(panel.getByTestId(TEST_IDS.seriesTooltip)).toBeVisible();
      const pinnedAt = reads;
      await expect.poll(() => reads, { timeout: 20_000 }).toBeGreaterThanOrEqual(pinnedAt + 2);
      await page.waitForTimeout(1_000);
      await expect(panel.getByTestId(TEST_IDS.seriesTooltip)).toBeVisible();
    } finally {
      await server.close();
    }
  });
});
