import fs from 'fs';
import path from 'path';
import { Page } from '@playwright/test';
import { median } from 'simple-statistics';

import { TEST_IDS } from '../../src/app/constants';
import { TEST_IDS as PANEL_TEST_IDS } from '../../src/panel/testIds';
import { CORE, expect, test } from './fixtures';

const APP = '/a/safedeploy-deploys-app';
const MINUTE = 60_000;
const SETTINGS_URL = '/api/plugins/safedeploy-deploys-app/settings';

interface ScenarioDeploy {
  service: string;
  version: string;
  at: number;
  description: string;
}

/**
 * What the demo scenario says each service should show: its deploys, and its incidents as
 * (bad deploy, the deploy that ended it) from the scenario's effects.
 */
async function expected() {
  const { createScenario, githubRepos, SERVICES } = await import('../../preview/demo/scenario.mjs');
  const { shippedPulls } = await import('../../preview/demo/fakeGitHubGraphql.mjs');
  const scenario = createScenario({ now: Date.now() });
  const deploys = scenario.deploys as ScenarioDeploy[];
  const repos = githubRepos(scenario) as Record<
    string,
    Array<{ createdAt: number; statuses: Array<{ state: string; createdAt: number }> }>
  >;
  return (SERVICES as Array<{ name: string; repo: string }>).map(({ name, repo }) => {
    // What the demo's GitHub says each deploy shipped: the pull requests merged since the
    // previous deploy (the first deploy has none to count from), and their lead times.
    const list = repos[repo];
    const deployedAt = (d: (typeof list)[number]) => d.statuses.find((s) => s.state === 'success')!.createdAt;
    const shipped = list.slice(1).map((d, i) => {
      const pulls = shippedPulls(d, list, deployedAt(list[i])) as Array<{ mergedAt: number }>;
      return pulls.map((p) => deployedAt(d) - p.mergedAt);
    });
    const own = deploys.filter((d) => d.service === name);
    // An incident is charged to the deploy that started it (any service's), ended by the next deploy of that same service.
    // Effects started by a feature flag rather than a deploy are not a deploy's incident, but are a failed change of the flag's project.
    const flagIncidents = (scenario.effects as Array<{ from: number }>).filter((e) =>
      (scenario.flags as Array<{ at: number; project: string }>).some((f) => f.at === e.from && f.project === name)
    ).length;
    const flagChanges = (scenario.flags as Array<{ project: string }>).filter((f) => f.project === name).length;
    const incidents = (scenario.effects as Array<{ from: number; to: number }>)
      .filter((e) => deploys.some((d) => d.at === e.from))
      .map((e) => {
        const cause = deploys.find((d) => d.at === e.from)!;
        const fix = deploys
          .filter((d) => d.service === cause.service && d.at > cause.at)
          .sort((a, b) => a.at - b.at)[0];
        return { cause, fixGapMs: fix.at - cause.at };
      })
      .filter((i) => i.cause.service === name);
    return {
      name,
      deploys: own.length,
      incidents,
      flagChanges,
      flagIncidents,
      leadTimesMs: shipped.flat(),
      changes: shipped.map((d) => d.length),
    };
  });
}

/**
 * A row of the app's tables, found by its first cell: Grafana's InteractiveTable puts no
 * attributes on rows, so that cell carries the row's test id and data.
 */
const rowsOf = (page: Page, testId: string) => page.locator('tr').filter({ has: page.getByTestId(testId) });
const serviceRow = (page: Page, name: string) =>
  page.locator('tr').filter({ has: page.locator(`[data-testid="${TEST_IDS.serviceRow}"][data-service="${name}"]`) });

async function openApp(page: Page, url: string) {
  await page.goto(url);
  await expect(
    page
      .getByTestId(TEST_IDS.serviceRow)
      .first()
      .or(page.getByTestId(TEST_IDS.emptyState))
      .or(page.getByTestId(TEST_IDS.detail))
      .or(page.getByTestId(TEST_IDS.readiness))
      .first()
  ).toBeVisible({
    timeout: 30_000,
  });
}

/**
 * Replaces the text of a query box (Grafana's CodeEditor: Monaco) as a user would: focus it,
 * select all, type, then delete whatever Monaco's auto-closing of brackets and quotes left after
 * the cursor.
 */
async function typeQuery(page: Page, label: string, text: string) {
  const box = page.getByRole('textbox', { name: `${label} query` });
  await expect(box).toBeAttached({ timeout: 20_000 });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Shift+ControlOrMeta+End');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId(`${TEST_IDS.configQuery}-${label}`).locator('.view-lines')).toHaveText(text);
}

/** Picks a data source in the picker under the field `label`, as a user would: open it, choose by name. */
async function pickDataSource(page: Page, label: string, name: string) {
  // the nearest element around the field's label that holds a picker
  const field = page.getByText(label, { exact: true }).locator('xpath=ancestor::*[.//*[@role="combobox"]][1]');
  await field.getByRole('combobox').click();
  await page.getByText(name, { exact: true }).last().click();
}

async function postSettings(page: Page, base: string, jsonData: unknown) {
  const response = await page.request.post(`${base}${SETTINGS_URL}`, {
    data: { enabled: true, pinned: true, jsonData },
  });
  expect(response.ok()).toBe(true);
}

test.describe('Release health app pages', () => {
  let provisioned: unknown;
  test.beforeEach(async ({ page, preview }) => {
    provisioned ??= (await (await page.request.get(`${preview.url}${SETTINGS_URL}`)).json()).jsonData;
  });
  test.afterEach(async ({ page, preview }) => {
    await postSettings(page, preview.url, provisioned);
  });

  test('the demo dashboard links to Release health', async ({ page, preview }) => {
    await page.goto(`${preview.url}/d/safedeploy-demo`);
    const link = page.getByTestId('preview-dashboard-links').getByRole('link', { name: /Release health/ });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${APP}/services`));
    await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(3, { timeout: 30_000 });
  });

  test(
    'the overview shows each demo service with the deploys and failures of the scenario',
    CORE,
    async ({ page, preview }, testInfo) => {
      await openApp(page, `${preview.url}${APP}/services`);
      const services = await expected();
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(services.length);
      for (const s of services) {
        const row = serviceRow(page, s.name);
        await expect(row.locator('[data-key="deploys"]')).toHaveAttribute('data-value', String(s.deploys));
        // Each service has one incident in the scenario, search also a harmful flag. The engine may
        // also flag a harmless deploy early in the data (little history to calibrate on), so at least
        // the incidents are failures, and the rate is failures over all changes: deploys, rollbacks
        // included, and flag changes.
        const rate = row.locator('[data-key="changeFailureRate"]');
        await expect(rate).toHaveAttribute('data-changes', String(s.deploys + s.flagChanges));
        const failed = Number(await rate.getAttribute('data-failed'));
        expect(failed).toBeGreaterThanOrEqual(s.incidents.length + s.flagIncidents);
        expect(failed).toBeLessThanOrEqual(s.incidents.length + s.flagIncidents + 1);
        const cfr = Number(await rate.getAttribute('data-value'));
        expect(cfr).toBeCloseTo(failed / (s.deploys + s.flagChanges), 6);
        // Restored no sooner than the deploy that ended the incident, and within the engine's recovery resolution after it.
        const ttr = row.locator('[data-key="timeToRestore"]');
        const worst = Number(await ttr.getAttribute('data-worst'));
        const gap = s.incidents[0].fixGapMs;
        expect(worst).toBeGreaterThanOrEqual(gap);
        expect(Number(await ttr.getAttribute('data-median'))).toBeLessThanOrEqual(worst);
        // Lead time comes from the pull requests each GitHub deployment shipped, with its DORA band.
        const leadTime = row.locator('[data-key="leadTime"]');
        await expect(leadTime).toContainText(`(${s.leadTimesMs.length} changes)`);
        expect(Number(await leadTime.getAttribute('data-value'))).toBeCloseTo(median(s.leadTimesMs), -3);
        await expect(leadTime.locator('[data-band]')).toBeVisible();
        await expect(row.locator('[data-band]').first()).toBeVisible();
      }
      await expect(page.getByRole('link', { name: /State of DevOps Report 2023/ })).toBeVisible();
      await page.setViewportSize({ width: 1400, height: 640 });
      // Always an artefact; SAFEDEPLOY_SCREENSHOTS=1 also refreshes the copy the README and the
      // manifest show, so ordinary runs leave the tree clean.
      const shot = await page.screenshot({
        path: testInfo.outputPath('release-health.jpg'),
        type: 'jpeg',
        quality: 70,
      });
      if (process.env.SAFEDEPLOY_SCREENSHOTS === '1') {
        fs.writeFileSync(path.resolve(__dirname, '..', '..', 'docs', 'img', 'release-health.jpg'), shot);
      }
    }
  );

  test('the overview sorts from the keyboard and links each service to its detail', async ({ page, preview }) => {
    await openApp(page, `${preview.url}${APP}/services`);
    const names = () =>
      page.getByTestId(TEST_IDS.serviceRow).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service')));
    expect(await names()).toStrictEqual(['checkout', 'search', 'web']);
    const rates = () =>
      page
        .getByTestId(TEST_IDS.serviceRow)
        .evaluateAll((rows) =>
          rows.map((r) =>
            Number(r.closest('tr')!.querySelector('[data-key="changeFailureRate"]')!.getAttribute('data-value'))
          )
        );
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    // From the filter, Tab walks the sortable headers in order.
    await page.getByTestId(TEST_IDS.filter).focus();
    for (const header of ['Service', 'Deployment frequency', 'Lead time for changes', 'Change failure rate']) {
      await page.keyboard.press('Tab');
      expect(await focused()).toContain(header);
    }
    await page.keyboard.press('Enter');
    await expect(page.locator('th[aria-sort="descending"]')).toContainText('Change failure rate');
    const descending = await rates();
    expect(descending).toStrictEqual([...descending].sort((a, b) => b - a));
    await page.keyboard.press('Enter');
    await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Change failure rate');
    const ascending = await rates();
    expect(ascending).toStrictEqual([...ascending].sort((a, b) => a - b));
    // On past the last header to the first service's link, followed with Enter.
    const first = await page.getByTestId(TEST_IDS.serviceRow).first().getAttribute('data-service');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(first);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TEST_IDS.detail)).toBeVisible({ timeout: 30_000 });
  });

  // The filter lived in the page's state only: Back from a service's page, or a reload, showed every service again.
  test("the overview's filter survives Back from a service's page and a reload, and its count is announced", async ({ page, preview }) => {
    await openApp(page, `${preview.url}${APP}/services`);
    await page.getByTestId(TEST_IDS.filter).fill('chec');
    await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: '1 of 3 services' })).toBeVisible();
    await page.getByRole('link', { name: 'checkout', exact: true }).click();
    await expect(page.getByTestId(TEST_IDS.detail)).toBeVisible({ timeout: 30_000 });
    await page.goBack();
    await expect(page.getByTestId(TEST_IDS.filter)).toHaveValue('chec', { timeout: 30_000 });
    await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId(TEST_IDS.filter)).toHaveValue('chec', { timeout: 30_000 });
    await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(1);
    // Cleared, the address names no filter.
    await page.getByTestId(TEST_IDS.filter).fill('');
    await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(3);
    expect(new URL(page.url()).searchParams.has('filter')).toBe(false);
  });

  // The order lived in the table only: a reload, Back or a shared link showed the services by name.
  test("the overview's order survives a reload and opens the same from a shared link", CORE, async ({ page, preview, browser }) => {
    await openApp(page, `${preview.url}${APP}/services`);
    const shown = (p: Page) =>
      p.getByTestId(TEST_IDS.serviceRow).evaluateAll((rows) =>
        rows.map((r) => ({
          name: r.getAttribute('data-service')!,
          rate: Number(r.closest('tr')!.querySelector('[data-key="changeFailureRate"]')!.getAttribute('data-value')),
        }))
      );
    await page.getByRole('columnheader', { name: /Change failure rate/ }).getByRole('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toMatch(/^changeFailureRate-(asc|desc)$/);
    const desc = new URL(page.url()).searchParams.get('sort') === 'changeFailureRate-desc';
    const rows = await shown(page);
    // By rate in the chosen direction, ties by name.
    const expected = [...rows].sort((a, b) => (a.rate === b.rate ? a.name.localeCompare(b.name) : (desc ? -1 : 1) * (a.rate - b.rate))).map((r) => r.name);
    expect(rows.map((r) => r.name)).toStrictEqual(expected);
    await page.reload();
    await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(3, { timeout: 30_000 });
    expect((await shown(page)).map((r) => r.name)).toStrictEqual(expected);
    // Opened by someone else from the address.
    const other = await browser.newPage();
    try {
      await openApp(other, page.url());
      await expect(other.getByTestId(TEST_IDS.serviceRow)).toHaveCount(3);
      expect((await shown(other)).map((r) => r.name)).toStrictEqual(expected);
    } finally {
      await other.close();
    }
  });

  test('the detail of checkout shows the Deploy Impact view, its deploys with verdicts and the weekly trend', async ({
    page,
    preview,
  }) => {
    const [checkout] = (await expected()).filter((s) => s.name === 'checkout');
    await openApp(page, `${preview.url}${APP}/services/checkout`);
    await expect(page.getByTestId(TEST_IDS.impactView).getByTestId(PANEL_TEST_IDS.rankedRow)).toHaveCount(
      checkout.deploys,
      { timeout: 30_000 }
    );
    await expect(page.getByTestId(TEST_IDS.deployRow)).toHaveCount(checkout.deploys);
    // The incident's restore time is at least the time until the rollback deploy.
    const restore = Number(
      await rowsOf(page, TEST_IDS.deployRow)
        .filter({ hasText: 'Roll back' })
        .first()
        .getByTestId(TEST_IDS.deployRow)
        .getAttribute('data-restore-ms')
    );
    expect(restore).toBeGreaterThanOrEqual(checkout.incidents[0].fixGapMs);
    expect(restore).toBeLessThanOrEqual(checkout.incidents[0].fixGapMs + 15 * MINUTE);
    const badCell = page.locator(
      `[data-testid="${TEST_IDS.deployRow}"][data-version="${checkout.incidents[0].cause.version}"]`
    );
    const bad = page.locator('tr').filter({ has: badCell });
    await expect(badCell).toHaveAttribute('data-failed', 'true');
    await expect(bad).toContainText('Roll back');
    await expect(bad).toContainText('rolled back');
    // The deploy shipped into the flash sale's threefold traffic: with the requests query the
    // app judges error ratios, so the errors the traffic brought are not a failure.
    const saleCell = page.locator(`[data-testid="${TEST_IDS.deployRow}"][data-version="v2.14.2"]`);
    await expect(saleCell).toHaveAttribute('data-failed', 'false');
    await expect(page.locator('tr').filter({ has: saleCell })).toContainText('Healthy');
    const weeks = await page
      .getByTestId(TEST_IDS.trendRow)
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-deploys'))));
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    expect(weeks.reduce((a, b) => a + b, 0)).toBe(checkout.deploys);
  });

  test("a service's Deploy Impact view repeats the page's own keys, flag changes included", async ({
    page,
    preview,
  }) => {
    const [search] = (await expected()).filter((s) => s.name === 'search');
    await openApp(page, `${preview.url}${APP}/services/search`);
    const card = page.locator('[data-changes]');
    await expect(card).toHaveAttribute('data-changes', String(search.deploys + search.flagChanges), {
      timeout: 30_000,
    });
    const [, failed, changes] = /^(\d+) of (.+?) failed/.exec((await card.textContent()) ?? '') ?? [];
    const rate = `${Math.round((Number(failed) / (search.deploys + search.flagChanges)) * 1000) / 10}%`;
    await expect(page.getByTestId(TEST_IDS.impactView).getByTestId(PANEL_TEST_IDS.summary)).toContainText(
      `${changes} · change failure rate ${rate}`
    );
    // Scored by the panel's scoring backend, off the page's main thread.
    await expect(page.getByTestId(TEST_IDS.impactView).getByTestId(PANEL_TEST_IDS.panel)).toHaveAttribute(
      'data-scored-in',
      'worker'
    );
  });

  test(
    'the readiness review lists failing items with their evidence and exports Markdown',
    CORE,
    async ({ page, preview }) => {
      await openApp(page, `${preview.url}${APP}/readiness`);
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(3);
      await page.getByRole('link', { name: 'web', exact: true }).click();
      await expect(page.getByTestId(TEST_IDS.readiness)).toHaveAttribute('data-service', 'web', { timeout: 30_000 });
      const item = (id: string) => page.locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="${id}"]`);
      const [web] = (await expected()).filter((s) => s.name === 'web');
      // 1 of 6 deploys failed: 16.7% is over the 15% threshold.
      await expect(item('changeFailureRate')).toHaveAttribute('data-status', 'fail');
      await expect(item('changeFailureRate')).toContainText(new RegExp(`\\d of ${web.deploys} deploys failed`));
      await expect(
        item('changeFailureRate').getByRole('link', { name: new RegExp(web.incidents[0].cause.version) })
      ).toBeVisible();
      await expect(item('metric')).toHaveAttribute('data-status', 'pass');
      // web's failure was fixed forward within minutes, so time to restore passes, unless the
      // engine also judged a failure that was never restored (over 30 days web's first deploy
      // has little history before it); that one counts as the time since it failed, and the
      // item must then follow its own evidence against the one-hour default.
      const restore = item('timeToRestore');
      await expect(restore).toHaveAttribute('data-status', /^(pass|fail)$/);
      const evidence = (await restore.textContent()) ?? '';
      if (/not restored/.test(evidence)) {
        const [, value, unit] = /median ([\d.]+) (min|h|days)/.exec(evidence) ?? [];
        const medianMs = Number(value) * { min: 60_000, h: 3_600_000, days: 86_400_000 }[unit as 'min' | 'h' | 'days'];
        await expect(restore).toHaveAttribute('data-status', medianMs < 3_600_000 ? 'pass' : 'fail');
      } else {
        await expect(restore).toHaveAttribute('data-status', 'pass');
      }
      await expect(item('unresolvedRollBack')).toHaveAttribute('data-status', 'pass');
      // The pull requests each GitHub deployment shipped: small batches, judged rather than unknown.
      await expect(item('smallBatches')).toHaveAttribute('data-status', 'pass');
      await expect(item('smallBatches')).toContainText(
        `median ${median(web.changes)} changes per deploy over ${web.changes.length} deploys`
      );
      await expect(item('pagerLoad')).toHaveAttribute('data-status', 'pass');
      await expect(page.locator(`[data-testid="${TEST_IDS.review}"][data-review="Launch readiness"]`)).toHaveAttribute(
        'data-status',
        'fail'
      );
      await expect(page.locator(`[data-testid="${TEST_IDS.review}"][data-review="Launch readiness"]`)).toContainText(
        'fails on: Change failure rate'
      );
      const download = page.waitForEvent('download');
      await page.getByTestId(TEST_IDS.exportMarkdown).click();
      const file = await (await download).path();
      const markdown = fs.readFileSync(file!, 'utf8');
      expect(markdown).toContain('# Readiness review: web');
      expect(markdown).toMatch(/\| Change failure rate \| FAIL \|/);
      expect(markdown).toContain(
        `| Small batches | pass | median ${median(web.changes)} changes per deploy over ${web.changes.length} deploys |`
      );
      expect(markdown).toContain(`/a/safedeploy-deploys-app/services/web`);
    }
  );

  // The link opened the top of the service's page: the row it names was rendered after the
  // page's data arrived, and a link followed inside the app never scrolls to its fragment.
  test("a deploy linked from the readiness review opens at that deploy's row, focused", async ({ page, preview }) => {
    await page.setViewportSize({ width: 1400, height: 700 });
    await openApp(page, `${preview.url}${APP}/readiness/web`);
    const link = page
      .locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="changeFailureRate"]`)
      .getByRole('link')
      .first();
    const href = (await link.getAttribute('href'))!;
    const id = decodeURIComponent(href.slice(href.indexOf('#') + 1));
    await link.click();
    const row = page.locator(`[id="${id}"]`);
    await expect(row).toBeInViewport({ timeout: 30_000 });
    await expect(row).toBeFocused();
    // Marked as the one linked: focus moved by the page shows no ring after a mouse click.
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('[aria-current="true"][data-testid]')).toHaveCount(1);
    // Opened afresh (a bookmark, the Markdown export) the same.
    await page.goto('about:blank');
    await page.goto(`${preview.url}${href}`);
    await expect(row).toBeInViewport({ timeout: 30_000 });
  });

  test("each service's readiness agrees with its failure rate on the overview", async ({ page, preview }) => {
    await openApp(page, `${preview.url}${APP}/services`);
    const rates = await page
      .getByTestId(TEST_IDS.serviceRow)
      .evaluateAll((rows) =>
        rows.map(
          (r) =>
            [
              r.getAttribute('data-service')!,
              Number(r.closest('tr')!.querySelector('[data-key="changeFailureRate"]')!.getAttribute('data-value')),
            ] as const
        )
      );
    expect(rates).toHaveLength(3);
    for (const [name, rate] of rates) {
      await openApp(page, `${preview.url}${APP}/readiness/${name}`);
      const cfr = page.locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="changeFailureRate"]`);
      await expect(cfr).toHaveAttribute('data-status', rate < 0.15 ? 'pass' : 'fail');
    }
  });

  test("a service's time to restore is the same on the overview, its detail, its readiness review and its Markdown", async ({
    page,
    preview,
  }) => {
    // Three pages per service, each a full load of the app: three times the usual allowance.
    test.slow();
    await openApp(page, `${preview.url}${APP}/services`);
    const names = await page
      .getByTestId(TEST_IDS.serviceRow)
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service')!));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      await openApp(page, `${preview.url}${APP}/services`);
      const cell = serviceRow(page, name).locator('[data-key="timeToRestore"]');
      // "25 min / 25 min" on the overview and the detail; "median 25 min, worst 25 min" in the review and its Markdown.
      const overview = /([\d.]+ (?:min|h|days)) \/ ([\d.]+ (?:min|h|days))/.exec(await cell.innerText());
      expect(overview).not.toBeNull();
      const [, median, worst] = overview!;
      await openApp(page, `${preview.url}${APP}/services/${name}`);
      await expect(page.getByTestId(TEST_IDS.detail)).toContainText(
        `Time to restore (median / worst)${median} / ${worst}`
      );
      await openApp(page, `${preview.url}${APP}/readiness/${name}`);
      const item = page.locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="timeToRestore"]`);
      await expect(item).toContainText(`median ${median}, worst ${worst}`);
      await page.getByRole('button', { name: 'Show Markdown' }).click();
      await expect(page.getByTestId(TEST_IDS.markdown)).toContainText(`median ${median}, worst ${worst}`);
    }
  });

  test('a failure not restored by the end of the range counts in time to restore and is never banded elite', async ({
    page,
    preview,
  }) => {
    const { createScenario } = await import('../../preview/demo/scenario.mjs');
    const scenario = createScenario({ now: Date.now() });
    // search v1.8.0 broke checkout at 4 h before the anchor; v1.8.1 fixed it 50 minutes later. End the range 40 minutes in.
    const bad = (scenario.deploys as ScenarioDeploy[]).find((d) => d.version === 'v1.8.0')!;
    const to = bad.at + 40 * MINUTE;
    await openApp(page, `${preview.url}${APP}/services?from=${scenario.start}&to=${to}`);
    const open = rowsOf(page, TEST_IDS.serviceRow).filter({ hasText: 'not restored' });
    await expect(open.first()).toBeVisible();
    for (const row of await open.all()) {
      const ttr = row.locator('[data-key="timeToRestore"]');
      // Banded only when the open failure cannot move the median out of the band, and then never elite here.
      await expect(ttr.locator('[data-band="elite"]')).toHaveCount(0);
      if ((await ttr.locator('[data-band]').count()) === 0) {
        await expect(ttr).toContainText('no band until the median is known to be in one');
      }
      // Counted, not dropped: the worst is at least the time from the open failure to the end of the range.
      expect(Number(await ttr.getAttribute('data-worst'))).toBeGreaterThanOrEqual(to - bad.at - MINUTE);
    }
  });

  test("the metric query box is Grafana's code editor and checks the JSON as it is typed", CORE, async ({ page, preview }) => {
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${preview.url}/plugins/safedeploy-deploys-app`);
    const box = page.getByTestId(`${TEST_IDS.configQuery}-Template`);
    // Monaco, loaded as the running Grafana loads it (10.4 from public/lib/monaco, later lines
    // bundled). Its editor is the role="code" element: widgets it adds later (the rename box)
    // carry the .monaco-editor class too.
    await expect(box.getByRole('code')).toBeVisible({ timeout: 20_000 });
    await expect(box.locator('.view-lines')).toContainText('"scenarioId"');
    await typeQuery(page, 'Template', '{"labels": ');
    await expect(page.getByText(/The query is not valid JSON/)).toBeVisible();
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeDisabled();
    await typeQuery(page, 'Template', '["service=$service"]');
    await expect(page.getByText('The query is not a JSON object')).toBeVisible();
    await typeQuery(page, 'Template', '{"labels": "service=$service"}');
    await expect(page.getByText(/^The query is not/)).toHaveCount(0);
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeEnabled();
    expect(errors).toStrictEqual([]);
  });

  test('the config page saves settings and shows them again after a reload', async ({ page, preview }) => {
    await page.goto(`${preview.url}/plugins/safedeploy-deploys-app`);
    await expect(page.getByTestId(TEST_IDS.config)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId(`${TEST_IDS.config}-source-0`).getByRole('textbox', { name: 'Scope' })).toHaveValue(
      'shop/checkout, shop/web, shop/search'
    );
    const minDeploys = page.getByRole('spinbutton', { name: 'Minimum deploys in the range' });
    await minDeploys.fill('7');
    await page.getByRole('spinbutton', { name: 'Change failure rate under' }).fill('20');
    await typeQuery(page, 'Template', '{"labels": "service=$service", "alias": "$service errors"}');
    // A service's own query: its editor mounts before the data source is picked, and typing
    // afterwards keeps that pick (the editor binds its change handler once, at mount).
    await page.getByRole('button', { name: "Add a service's own query" }).click();
    await page.getByRole('textbox', { name: 'Service', exact: true }).last().fill('web');
    await pickDataSource(page, 'web: data source', 'Demo metrics');
    await typeQuery(page, 'web', '{"labels": "service=web"}');
    // Saving reloads the page (the app's settings are read at load): wait for that reload, or
    // the next navigation below can be cut short by it.
    const reloaded = page.waitForEvent('load');
    await page.getByTestId(TEST_IDS.configSave).click();
    await reloaded;
    await expect(page.getByRole('spinbutton', { name: 'Minimum deploys in the range' })).toHaveValue('7', {
      timeout: 20_000,
    });
    await expect(page.getByRole('spinbutton', { name: 'Change failure rate under' })).toHaveValue('20');
    const saved = (await (await page.request.get(`${preview.url}${SETTINGS_URL}`)).json()).jsonData;
    expect(saved.thresholds.minDeploys).toBe(7);
    expect(saved.thresholds.maxChangeFailureRate).toBeCloseTo(0.2, 9);
    expect(saved.metricTemplate.query).toStrictEqual({ labels: 'service=$service', alias: '$service errors' });
    expect(saved.serviceMetrics).toStrictEqual([
      { service: 'web', datasource: { uid: 'demo-metrics', type: 'grafana-testdata-datasource' }, query: { labels: 'service=web' } },
    ]);
    // The readiness review uses the saved threshold: web's 16.7% now passes under 20%.
    await openApp(page, `${preview.url}${APP}/readiness/web`);
    await expect(
      page.locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="changeFailureRate"]`)
    ).toHaveAttribute('data-status', 'pass');
  });

  // Saving kept only queries with a data source: a service's query typed without one said
  // 'Saved' and was gone after the reload.
  test("a service's query without a data source is not dropped on save: the form says what it needs", async ({
    page,
    preview,
  }) => {
    await page.goto(`${preview.url}/plugins/safedeploy-deploys-app`);
    await expect(page.getByTestId(TEST_IDS.config)).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: "Add a service's own query" }).click();
    // An added, untouched query is no problem: saving skips it.
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeEnabled();
    await page.getByRole('textbox', { name: 'Service', exact: true }).last().fill('web');
    await typeQuery(page, 'web', '{"labels": "service=web"}');
    await expect(page.getByText('Pick a data source: without one this query is not saved')).toBeVisible();
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeDisabled();
    await expect(page.getByRole('status').filter({ hasText: 'Not saved yet' })).toContainText('one field needs fixing');
    await pickDataSource(page, 'web: data source', 'Demo metrics');
    await expect(page.getByText('Pick a data source: without one this query is not saved')).toHaveCount(0);
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeEnabled();
    // App settings reach every signed-in user: a credential pasted into a query is refused.
    await typeQuery(page, 'web', '{"labels": "service=web", "apiToken": "abcd1234"}');
    await expect(page.getByText(/^The query holds what looks like a credential \(apiToken\)/)).toBeVisible();
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeDisabled();
    await typeQuery(page, 'web', '{"labels": "service=web"}');
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeEnabled();
    // A cleared "under" threshold read 0, under which nothing is: every service failed it.
    await page.getByRole('spinbutton', { name: 'Change failure rate under' }).fill('');
    await expect(page.getByText('Above 0: no value is under 0, so every service would fail')).toBeVisible();
    await expect(page.getByTestId(TEST_IDS.configSave)).toBeDisabled();
  });

  test.describe('bad input', () => {
    const events = {
      datasource: { type: 'safedeploy-events-datasource', uid: 'safedeploy-events' },
      provider: 'github',
      scope: 'shop/checkout, shop/web, shop/search',
      environment: 'production',
    };
    const metric = (labels: string, uid = 'demo-metrics') => ({
      datasource: { type: 'grafana-testdata-datasource', uid },
      query: { labels },
    });

    test('a service without a metric query, a query that errors and a failing provider are flagged, the rest shown', async ({
      page,
      preview,
    }) => {
      await postSettings(page, preview.url, {
        eventSources: [events, { ...events, scope: 'shop/missing-repo' }],
        serviceMetrics: [
          { service: 'checkout', ...metric('service=checkout') },
          { service: 'web', ...metric('service=web', 'no-such-datasource') },
        ],
      });
      await openApp(page, `${preview.url}${APP}/services`);
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(3);
      await expect(page.getByTestId(TEST_IDS.notice)).toContainText('shop/missing-repo');
      const row = (name: string) => serviceRow(page, name);
      await expect(row('search')).toContainText('No error metric configured');
      await expect(row('web')).toContainText('Error metric query failed');
      await expect(row('checkout')).not.toContainText('Error metric');
      await openApp(page, `${preview.url}${APP}/readiness/web`);
      await expect(page.locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="metric"]`)).toHaveAttribute(
        'data-status',
        'unknown'
      );
      await expect(
        page.locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="changeFailureRate"]`)
      ).toHaveAttribute('data-status', 'unknown');
      await expect(page.getByText(/TypeError|at Object\.|stack/)).toHaveCount(0);
    });

    test('no deploys in the range and no event sources each say what to do', async ({ page, preview }) => {
      const now = Date.now();
      await openApp(page, `${preview.url}${APP}/services?from=${now - 90 * 86_400_000}&to=${now - 60 * 86_400_000}`);
      await expect(page.getByTestId(TEST_IDS.emptyState)).toContainText('No deploys in this range');
      await postSettings(page, preview.url, {});
      await openApp(page, `${preview.url}${APP}/services`);
      await expect(page.getByTestId(TEST_IDS.emptyState)).toContainText('No event sources configured');
      await expect(
        page.getByTestId(TEST_IDS.emptyState).getByRole('link', { name: 'app configuration' })
      ).toHaveAttribute('href', '/plugins/safedeploy-deploys-app');
    });

    // A service's name went into the path, which Grafana's history decodes (decodeURI) on every
    // navigation: a name with % left a URL that no longer decoded, and one with %2F opened another service.
    for (const name of ['disk 90% full', 'a%2Fb ?#c', 'café/api']) {
      test(`a service named ${JSON.stringify(name)} keeps its page through the link, a reload and Back`, async ({ page, preview }) => {
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await postSettings(page, preview.url, { eventSources: [events], serviceMetrics: [{ service: name, ...metric('none', 'no-such-datasource') }] });
        await openApp(page, `${preview.url}${APP}/services`);
        await serviceRow(page, name).getByRole('link', { name, exact: true }).click();
        const detail = page.getByTestId(TEST_IDS.detail);
        await expect(detail).toHaveAttribute('data-service', name, { timeout: 30_000 });
        await page.reload();
        await expect(detail).toHaveAttribute('data-service', name, { timeout: 30_000 });
        // Grafana's location service rewrites the query when the range changes.
        await page.getByTestId(TEST_IDS.rangePicker).getByRole('radio', { name: '7 days' }).check();
        await expect(page).toHaveURL(/from=now-7d/);
        await expect(detail).toHaveAttribute('data-service', name, { timeout: 30_000 });
        await page.getByRole('link', { name: `Readiness review of ${name}` }).click();
        await expect(page.getByTestId(TEST_IDS.readiness)).toHaveAttribute('data-service', name, { timeout: 30_000 });
        await page.goBack();
        await expect(detail).toHaveAttribute('data-service', name, { timeout: 30_000 });
        await page.goBack();
        await page.goBack();
        await expect(serviceRow(page, name)).toBeVisible({ timeout: 30_000 });
        expect(errors).toStrictEqual([]);
      });
    }

    test('thousands of services are paged and filterable', async ({ page, preview }) => {
      const many = Array.from({ length: 2000 }, (_, i) => ({
        service: `svc-${String(i).padStart(4, '0')}`,
        ...metric('none', 'no-such-datasource'),
      }));
      await postSettings(page, preview.url, { eventSources: [events], serviceMetrics: many });
      await openApp(page, `${preview.url}${APP}/services`);
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(50);
      await expect(page.getByText('2003 of 2003 services')).toBeVisible();
      await page.getByTestId(TEST_IDS.filter).fill('svc-199');
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(10);
      await page.getByTestId(TEST_IDS.filter).fill('');
      await page.getByRole('button', { name: '2', exact: true }).click();
      await expect(page.getByTestId(TEST_IDS.serviceRow).first()).toHaveAttribute('data-service', 'svc-0048');
    });

    // The readiness overview had no filter: one service among thousands meant paging through forty pages.
    test('the readiness overview of thousands of services filters as the services overview does', async ({ page, preview }) => {
      const many = Array.from({ length: 300 }, (_, i) => ({ service: `svc-${String(i).padStart(4, '0')}`, ...metric('none', 'no-such-datasource') }));
      await postSettings(page, preview.url, { eventSources: [events], serviceMetrics: many });
      await openApp(page, `${preview.url}${APP}/readiness`);
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(50);
      await page.getByTestId(TEST_IDS.filter).fill('chec');
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(1);
      await expect(page.getByRole('status').filter({ hasText: '1 of 303 services' })).toBeVisible();
      await page.getByRole('link', { name: 'checkout', exact: true }).click();
      await expect(page.getByTestId(TEST_IDS.readiness)).toHaveAttribute('data-service', 'checkout', { timeout: 30_000 });
      await page.goBack();
      await expect(page.getByTestId(TEST_IDS.filter)).toHaveValue('chec', { timeout: 30_000 });
      await expect(page.getByTestId(TEST_IDS.serviceRow)).toHaveCount(1);
    });

    test('pager load is unknown, not passed, when alerting state history is unavailable', async ({ page, preview }) => {
      const { createScenario, githubRepos, demoMetrics } = await import('../../preview/demo/scenario.mjs');
      const { startFakeGitHub } = await import('../../preview/demo/fakeGitHub.mjs');
      const { startPreviewServer } = await import('../../preview/server.mjs');
      const scenario = createScenario({ now: Date.now() });
      const github = await startFakeGitHub({ repos: githubRepos(scenario), token: preview.token });
      const server = await startPreviewServer({
        port: 0,
        env: { SAFEDEPLOY_GITHUB_URL: github.url, SAFEDEPLOY_GITHUB_TOKEN: preview.token },
        metrics: (query: Record<string, string>) => demoMetrics(scenario, query),
        alertHistory: null,
      });
      try {
        await openApp(page, `http://127.0.0.1:${server.port}${APP}/readiness/checkout`);
        const pager = page.locator(`[data-testid="${TEST_IDS.readinessItem}"][data-item="pagerLoad"]`);
        await expect(pager).toHaveAttribute('data-status', 'unknown');
        await expect(pager).toContainText('not available (HTTP 404)');
        await expect(
          page.locator(`[data-testid="${TEST_IDS.review}"][data-review="Hand-off readiness"]`)
        ).not.toHaveAttribute('data-status', 'pass');
      } finally {
        await server.close();
        await github.close();
      }
    });
  });
});
