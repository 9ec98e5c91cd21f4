import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConsoleMessage, expect, test } from '@playwright/test';

import { TEST_IDS } from '../../src/panel/testIds';
import { freePort } from '../../src/testing/freePort';
import { waitForUrl } from './demoProcess';

const ROOT = path.resolve(__dirname, '..', '..');
/** The README's first command; the test runs its second half as written, with PORT set. */
const INSTALL_AND_DEMO = 'npm ci && npm run demo';
const DEMO = 'npm run demo';

test.describe('README', () => {
  test('shows `npm ci && npm run demo` as the first command', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1].trim();
    expect(firstBlock).toBe(INSTALL_AND_DEMO);
    expect(readme).toContain('PORT=4000 npm run demo');
  });

  test('`PORT=<port> npm run demo` on a fresh clone builds and serves the demo until stopped', async ({ page }) => {
    // A fresh clone of the committed tree. `npm ci` already ran in this checkout (CI runs it
    // before `npm test`); a second one in the clone took 1 to 3.5 minutes on a shared 2-core
    // machine, so the clone uses this checkout's node_modules and runs the second command.
    test.setTimeout(240_000);
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-clone-'));
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    const port = await freePort();
    const output: string[] = [];
    // Its own process group, so the whole tree (npm, node, servers) is stopped together.
    const child = spawn('sh', ['-c', DEMO], {
      cwd: clone,
      detached: true,
      env: { ...process.env, PORT: String(port), CI: '1' },
    });
    try {
      const url = await waitForUrl(child, output, DEMO);
      expect(url).toBe(`http://localhost:${port}/`);

      const errors: string[] = [];
      page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${port}/`);
      const impact = page.getByTestId('preview-panel-1');
      await expect(impact.getByTestId(TEST_IDS.banner)).toBeVisible({ timeout: 30_000 });
      await expect(impact.getByTestId(TEST_IDS.rankedRow).first()).toBeVisible({ timeout: 30_000 });
      const markers = impact.locator(`[data-testid="${TEST_IDS.marker}"], [data-testid="${TEST_IDS.cluster}"]`);
      expect(await markers.count()).toBeGreaterThan(0);
      await page.waitForLoadState('networkidle');
      expect(errors).toStrictEqual([]);
      // Still serving after the page is done: the command runs until it is stopped.
      expect(child.exitCode).toBeNull();
    } finally {
      if (child.pid && child.exitCode === null) {
        process.kill(-child.pid, 'SIGTERM');
      }
      fs.rmSync(clone, { recursive: true, force: true });
    }
  });
});
