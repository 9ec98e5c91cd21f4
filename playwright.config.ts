import os from 'os';
import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/browser/chromium';
import { PreviewOptions } from './tests/browser/fixtures';

/**
 * Browser tests run the built dist/ in the preview host with the system Chromium.
 * Screenshots are written to test-results/ as artefacts.
 *
 * One project per Grafana line the plugins claim: every test on 12.4 (the project's own
 * libraries), and the tests tagged @core (the demo story on the panel, the app's overview and
 * readiness pages, the data source settings page and the variable editor) on the libraries of
 * 10.4, the oldest line plugin.json claims, and of 11.6, the last 11.x. The same dist/ runs on all three.
 */
export default defineConfig<PreviewOptions>({
  testDir: './tests/browser',
  outputDir: './test-results',
  globalSetup: './tests/browser/globalSetup.ts',
  fullyParallel: false,
  // Two workers on a machine with two cores or more: each runs whole spec files against its
  // own preview host and fake GitHub and Unleash servers (worker-scoped fixtures), so no test
  // shares state with the other worker. Measured on 2 cores: 6.8 min against 9 to 10.
  workers: Math.min(2, os.availableParallelism()),
  // One retry in CI, reported as flaky in the summary: a browser test that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  // A guard against a hung test, not a measure of speed (that is `npm run bench`): the slowest
  // tests load the app several times, about 15 s on a quiet machine, and took over a minute
  // each while two other fresh-clone runs shared the 2 cores.
  timeout: 120_000,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    // The browser's zone, pinned: the host's users keep Grafana's default preference (the
    // browser's zone), so pages read the same on any machine; zone specs set their own.
    timezoneId: 'UTC',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  // 12.4 renders dashboards with @grafana/scenes as Grafana 12.4 does; 11.6 and 10.4 with the
  // host's emulation (preview/EMULATION.md). Grafana 10.4 alone rendered dashboards without
  // scenes, so the tests of its pre-scenes behaviour (@pre-scenes) run there only.
  projects: [
    { name: 'grafana-12.4', grepInvert: /@pre-scenes/, use: { grafanaLine: '12.4' } },
    { name: 'grafana-11.6', grep: /@core/, grepInvert: /@pre-scenes/, use: { grafanaLine: '11.6' } },
    { name: 'grafana-10.4', grep: /@core|@pre-scenes/, use: { grafanaLine: '10.4' } },
  ],
});
