// Panel benchmark: the built Deploy Impact panel in the preview host, in headless Chromium,
// with 5,000 events and 100,000 points. Report only.
import { chromium } from 'playwright-core';

import { startPreviewServer } from '../../preview/server.mjs';

const POINTS = 100_000;
const EVENTS = 5_000;
const STEP = 10_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

function frames(start) {
  const times = [];
  const values = [];
  let state = 7;
  for (let i = 0; i < POINTS; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    times.push(start + i * STEP);
    values.push(10 + 4 * Math.sin(i / 8640) + (state / 4294967296) * 3 + (i % 7919 < 60 ? 20 : 0));
  }
  const points = {
    schema: { name: 'errors', fields: [{ name: 'time', type: 'time' }, { name: 'errors', type: 'number', labels: { service: 'api' } }] },
    data: { values: [times, values] },
  };
  const span = (POINTS - 1) * STEP;
  const eventTimes = Array.from({ length: EVENTS }, (_, i) => start + Math.round(((i + 0.5) / EVENTS) * span));
  const events = {
    schema: {
      name: 'events',
      fields: ['time', 'id', 'title', 'kind', 'service', 'version'].map((name) => ({ name, type: name === 'time' ? 'time' : 'string' })),
    },
    data: {
      values: [
        eventTimes,
        eventTimes.map((_, i) => `bench-${i}`),
        eventTimes.map((_, i) => `Deploy v${i}`),
        eventTimes.map(() => 'deploy'),
        eventTimes.map(() => 'api'),
        eventTimes.map((_, i) => `v${i}`),
      ],
    },
  };
  return { points, events };
}

export async function benchPanel() {
  const start = Date.UTC(2026, 0, 1);
  const end = start + (POINTS - 1) * STEP;
  const { points, events } = frames(start);
  const dashboard = {
    uid: 'bench',
    title: 'bench',
    time: { from: String(start), to: String(end) },
    annotations: { list: [] },
    panels: [
      {
        id: 1,
        type: 'safedeploy-impact-panel',
        title: 'bench',
        gridPos: { x: 0, y: 0, w: 24, h: 16 },
        targets: [
          { refId: 'A', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: 'bench=points' },
          { refId: 'B', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: 'bench=events' },
        ],
        options: {},
      },
    ],
  };
  const server = await startPreviewServer({
    port: 0,
    env: {},
    metrics: ({ labels }) => (labels === 'bench=points' ? [points] : labels === 'bench=events' ? [events] : []),
    extraDashboards: [dashboard],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.addInitScript(() => {
      // Time when the first marker appears, relative to navigation start.
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="data-testid safedeploy-marker"], [data-testid="data-testid safedeploy-marker-cluster"]')) {
          window.__firstMarker = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`http://127.0.0.1:${server.port}/d/bench`);
    await page.waitForFunction(() => window.__firstMarker !== undefined, null, { timeout: 120_000 });
    const timing = await page.evaluate(() => {
      const data = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/preview/metrics'));
      const dataEnd = Math.max(...data.map((e) => e.responseEnd));
      return { firstMarker: window.__firstMarker, dataEnd };
    });
    // Hover redraw: from the pointer entering a marker to the next painted frame, 20 times.
    const hover = await page.evaluate(async () => {
      const markers = Array.from(document.querySelectorAll('[data-testid="data-testid safedeploy-marker"], [data-testid="data-testid safedeploy-marker-cluster"]'));
      const samples = [];
      for (let i = 0; i < 20; i++) {
        const el = markers[(i * 7) % markers.length];
        const t0 = performance.now();
        el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(() => resolve()));
        samples.push(performance.now() - t0);
        el.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      samples.sort((a, b) => a - b);
      return { median: samples[samples.length >> 1], max: samples[samples.length - 1], markers: markers.length };
    });
    const ms = (x) => `${Math.round(x)} ms`;
    return {
      note: `${EVENTS.toLocaleString('en')} events and ${POINTS.toLocaleString('en')} points (one series) in the built panel, preview host, headless Chromium at 1600×900 (${hover.markers} markers and clusters drawn). First render is from the moment the data arrived to the first marker on screen, including extraction, scoring every event with the engine, and drawing. Hover redraw is from the pointer entering a marker to the next painted frame (tooltip, shaded windows, overlay redraw), median and worst of 20.`,
      rows: [
        { measure: 'first render after data arrived', value: ms(timing.firstMarker - timing.dataEnd), goal: 'under 500 ms' },
        { measure: 'navigation to first marker (includes loading the host and the data)', value: ms(timing.firstMarker), goal: '–' },
        { measure: 'hover redraw, median', value: ms(hover.median), goal: 'under 16 ms' },
        { measure: 'hover redraw, worst of 20', value: ms(hover.max), goal: '–' },
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
