import { ChildProcess, execFileSync, spawn } from 'child_process';
import fs from 'fs';
import { freePort } from '../../testing/freePort';
import os from 'os';
import path from 'path';

import { GeneratedSeries, toOpenMetrics } from './toOpenMetrics';

/** How long a started Prometheus gets to answer /-/ready (it replays the backfilled blocks first). */
const READY_TIMEOUT_MS = 30_000;

export interface RunningPrometheus {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its data directory. */
  stop: () => Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited with ${child.exitCode}: ${log().slice(-2000)}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus did not become ready within ${READY_TIMEOUT_MS} ms: ${log().slice(-2000)}`);
}

/**
 * Starts Debian's `prometheus` on a free loopback port over a TSDB backfilled from the given
 * series with `promtool tsdb create-blocks-from openmetrics`. Place the data at least three
 * hours before now: Prometheus owns the last two hours (its head block), and backfilled
 * blocks overlapping them are not served reliably.
 *
 * @example
 * const prometheus = await startPrometheus([{ metric: 'errors', labels: { service: 'web' }, times, values }]);
 * await prometheus.stop();
 */
export async function startPrometheus(series: readonly GeneratedSeries[]): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-prometheus-'));
  const data = path.join(dir, 'data');
  const input = path.join(dir, 'input.om');
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(input, toOpenMetrics(series));
  // No scrape jobs: the server only serves the backfilled data.
  fs.writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, data], { stdio: 'pipe' });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--storage.tsdb.path=${data}`,
      `--config.file=${config}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=30d',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
