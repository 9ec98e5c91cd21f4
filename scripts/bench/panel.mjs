// Panel benchmark: the built Deploy Impact panel in the preview host, in headless Chromium,
// with 5,000 and 20,000 events over 100,000 points. Report only.
// BENCH_PROFILE=DIR also writes one Chromium CPU profile per case to DIR (open in DevTools).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { startPreviewServer } from '../../preview/server.mjs';

const POINTS = 100_000;
const STEP = 10_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const MARKERS = '[data-testid="data-testid safedeploy-marker"], [data-testid="data-testid safedeploy-marker-cluster"]';

export function pointsFrame(start) {
  const times = [];
  const values = [];
  let state = 7;
  for (let i = 0; i < POINTS; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    times.push(start + i * STEP);
    values.push(10 + 4 * Math.sin(i / 8640) + (state / 4294967296) * 3 + (i % 7919 < 60 ? 20 : 0));
  }
  return {
    schema: { name: 'errors', fields: [{ name: 'time', type: 'time' }, { name: 'errors', type: 'number', labels: { service: 'api' } }] },
    data: { values: [times, values] },
  };
}

export function eventsFrame(start, count) {
  const span = (POINTS - 1) * STEP;
  const eventTimes = Array.from({ length: count }, (_, i) => start + Math.round(((i + 0.5) / count) * span));
  return {
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
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const spread = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/**
 * One page load: from the data's arrival to the first marker on screen (grey while its
 * score is pending) and to every event scored; then, optionally, hover timings.
 */
async function loadOnce(browser, url, { hover, hoverDuringScoring, profile }) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  try {
    await page.addInitScript((selector) => {
      new MutationObserver((_, observer) => {
        if (window.__firstMarker === undefined && document.querySelector(selector)) {
          window.__firstMarker = performance.now();
        }
        const panel = document.querySelector('[data-testid="data-testid safedeploy-impact-panel"]');
        if (window.__firstMarker !== undefined && panel?.getAttribute('data-pending') === '0' && panel.hasAttribute('data-scored-in')) {
          window.__allScored = performance.now();
          window.__scoredIn = panel.getAttribute('data-scored-in');
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-pending'] });
    }, MARKERS);
    let cdp = null;
    if (profile) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(url);
    await page.waitForFunction(() => window.__firstMarker !== undefined, null, { timeout: 120_000 });
    // Hover while the events are still being scored: from the pointer's input event (stamped
    // when the browser receives it, so a busy main thread counts) to the tooltip in the DOM.
    let hoverScoring = null;
    if (hoverDuringScoring) {
      await page.evaluate(() => {
        window.__hover = new Promise((resolve) => {
          let at = null;
          const pendingNow = () => Number(document.querySelector('[data-testid="data-testid safedeploy-impact-panel"]')?.getAttribute('data-pending'));
          document.addEventListener('mouseover', (e) => (at = at ?? { time: e.timeStamp, pending: pendingNow() }), { capture: true, once: true });
          new MutationObserver((_, observer) => {
            if (at && document.querySelector('[data-testid="data-testid safedeploy-tooltip"]')) {
              observer.disconnect();
              resolve({ ms: performance.now() - at.time, pendingAtHover: at.pending });
            }
          }).observe(document.body, { childList: true, subtree: true });
        });
      });
      const box = await page.locator(MARKERS).nth(3).boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      hoverScoring = await page.evaluate(() => window.__hover);
      await page.mouse.move(1, 1);
    }
    await page.waitForFunction(() => window.__allScored !== undefined, null, { timeout: 300_000 });
    if (cdp) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      fs.mkdirSync(profile.dir, { recursive: true });
      fs.writeFileSync(path.join(profile.dir, `${profile.name}.cpuprofile`), JSON.stringify(cpu));
    }
    const timing = await page.evaluate(() => {
      const data = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/preview/metrics'));
      return { firstMarker: window.__firstMarker, allScored: window.__allScored, dataEnd: Math.max(...data.map((e) => e.responseEnd)), scoredIn: window.__scoredIn };
    });
    let hoverRedraw = null;
    if (hover) {
      // Hover redraw: from the pointer entering a marker to the next painted frame, 20 times.
      hoverRedraw = await page.evaluate(async (selector) => {
        const markers = Array.from(document.querySelectorAll(selector));
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
      }, MARKERS);
    }
    return { ...timing, hoverRedraw, hoverScoring };
  } finally {
    await page.close();
  }
}

/** Runs each case `runs` times (a fresh page each) and reports medians with min and max. */
export async function benchPanel({ runs = 3, cases = [5_000, 20_000] } = {}) {
  const start = Date.UTC(2026, 0, 1);
  const end = start + (POINTS - 1) * STEP;
  const points = pointsFrame(start);
  const frames = Object.fromEntries(cases.map((n) => [n, eventsFrame(start, n)]));
  const dashboards = cases.map((n) => ({
    uid: `bench-${n}`,
    title: `bench ${n}`,
    // Saved as Grafana saves an absolute range: ISO times (the scenes host reads no epoch strings there).
    time: { from: new Date(start).toISOString(), to: new Date(end).toISOString() },
    annotations: { list: [] },
    panels: [
      {
        id: 1,
        type: 'safedeploy-impact-panel',
        title: 'bench',
        gridPos: { x: 0, y: 0, w: 24, h: 16 },
        targets: [
          { refId: 'A', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: 'bench=points' },
          { refId: 'B', datasource: { type: 'grafana-testdata-datasource', uid: 'demo-metrics' }, labels: `bench=events-${n}` },
        ],
        options: {},
      },
    ],
  }));
  const server = await startPreviewServer({
    port: 0,
    env: {},
    metrics: ({ labels }) => (labels === 'bench=points' ? [points] : frames[labels?.replace('bench=events-', '')] ? [frames[labels.replace('bench=events-', '')]] : []),
    extraDashboards: dashboards,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const profileDir = process.env.BENCH_PROFILE;
  try {
    const results = {};
    for (const n of cases) {
      const samples = [];
      for (let r = 0; r < runs; r++) {
        const last = r === runs - 1;
        samples.push(
          await loadOnce(browser, `http://127.0.0.1:${server.port}/d/bench-${n}`, {
            hover: last && n === cases[0],
            hoverDuringScoring: last,
            profile: profileDir && last ? { dir: profileDir, name: `panel-${n}` } : null,
          })
        );
      }
      const last = samples[samples.length - 1];
      results[n] = {
        firstRender: spread(samples.map((s) => s.firstMarker - s.dataEnd)),
        allScored: spread(samples.map((s) => s.allScored - s.dataEnd)),
        navigation: spread(samples.map((s) => s.firstMarker)),
        scoredIn: last.scoredIn,
        hoverRedraw: last.hoverRedraw,
        hoverScoring: last.hoverScoring,
      };
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

// `node scripts/bench/panel.mjs [events...]`: the panel cases alone, printed as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  const cases = process.argv.slice(2).map(Number).filter(Boolean);
  console.log(JSON.stringify(await benchPanel({ runs: Number(process.env.BENCH_RUNS || 3), ...(cases.length ? { cases } : {}) }), null, 2));
}
