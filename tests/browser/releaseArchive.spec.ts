import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConsoleMessage, expect, test } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { readZip } from '../../scripts/package/checkArchive.mjs';
import { APP_ID, assertPackaged, ROOT, ZIP } from '../package/release';
import { freePort } from '../../src/testing/freePort';
import { waitForUrl } from './demoProcess';

const DEMO = 'node preview/demo.mjs';

/** Unzips the release archive into a new, empty Grafana plugins folder. */
function unzipIntoPluginsFolder(): string {
  const plugins = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-plugins-'));
  for (const [name, bytes] of readZip(new Uint8Array(fs.readFileSync(ZIP))) as Map<string, Uint8Array>) {
    const file = path.join(plugins, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  return plugins;
}

test.describe('the release archive', () => {
  test('unzipped into an empty plugins folder, it serves the demo', async ({ page, request }) => {
    test.setTimeout(120_000);
    assertPackaged();
    const plugins = unzipIntoPluginsFolder();
    expect(fs.readdirSync(plugins)).toStrictEqual([APP_ID]);
    // A file only this folder has: proof that the host serves the folder and not dist/.
    const marker = `unzipped ${Date.now()}`;
    fs.writeFileSync(path.join(plugins, APP_ID, 'served-from.txt'), marker);

    const port = await freePort();
    const output: string[] = [];
    const child = spawn('sh', ['-c', DEMO], {
      cwd: ROOT,
      detached: true,
      env: { ...process.env, PORT: String(port), SAFEDEPLOY_PLUGINS_DIR: plugins },
    });
    try {
      const url = await waitForUrl(child, output, DEMO);
      const served = await request.get(`${url}public/plugins/${APP_ID}/served-from.txt`);
      expect(await served.text()).toBe(marker);

      const errors: string[] = [];
      page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      const impact = page.getByTestId('preview-panel-1');
      await expect(impact.getByTestId(TEST_IDS.banner)).toBeVisible({ timeout: 30_000 });
      await expect(impact.getByTestId(TEST_IDS.rankedRow).first()).toBeVisible({ timeout: 30_000 });
      const state = await page.evaluate(() => window.__SAFEDEPLOY_PREVIEW_STATE__);
      expect([...(state?.loaded ?? [])].sort()).toStrictEqual([APP_ID, 'safedeploy-events-datasource', 'safedeploy-impact-panel']);
      await page.waitForLoadState('networkidle');
      expect(errors).toStrictEqual([]);
    } finally {
      if (child.pid && child.exitCode === null) {
        process.kill(-child.pid, 'SIGTERM');
      }
      fs.rmSync(plugins, { recursive: true, force: true });
    }
  });
});
