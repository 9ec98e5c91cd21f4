/**
 * @jest-environment node
 */
// The built command line (`bin/safedeploy.js`, `npm run build`) writing to a reader that stops
// early, as `safedeploy score ... | head -1` does. SAFEDEPLOY_BIN may name another build of it.
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

// Each test starts a Node process; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = process.env.SAFEDEPLOY_BIN ?? path.join(ROOT, 'bin', 'safedeploy.js');
const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);

let dir: string;
let args: string[];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-pipe-'));
  // CONSTRUCTED: a timestamp,value series of two days, and 2,000 events on it (some megabytes of JSON out).
  const rows = ['timestamp,value', ...Array.from({ length: 2880 }, (_, i) => `${START + i * MINUTE},${10 + (i % 5)}`)];
  fs.writeFileSync(path.join(dir, 'errors.csv'), rows.join('\n'));
  const events = Array.from({ length: 2000 }, (_, i) => ({ id: `v${i}`, time: START + (600 + i) * MINUTE }));
  fs.writeFileSync(path.join(dir, 'events.json'), JSON.stringify(events));
  args = ['score', '--series', path.join(dir, 'errors.csv'), '--events', path.join(dir, 'events.json')];
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the command, closes the pipe named by `closes` at its first bytes, and returns the other stream and the exit status. */
function runClosingEarly(extra: string[], closes: 'stdout' | 'stderr'): Promise<{ code: number | null; other: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let other = '';
    const [closing, kept] = closes === 'stdout' ? [child.stdout, child.stderr] : [child.stderr, child.stdout];
    closing.once('data', () => closing.destroy());
    kept.on('data', (chunk: Buffer) => (other += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, other }));
  });
}

describe('a reader that stops early', () => {
  it.each([['json'], ['table']])('ends score --format %s quietly with its own exit status, no EPIPE stack trace', async (format) => {
    const { code, other: stderr } = await runClosingEarly(['--format', format], 'stdout');
    expect(stderr).not.toMatch(/EPIPE|node:events|at \w+/);
    expect(code).toBe(0);
  });

  it('ends quietly when the reader of stderr goes, stdout written whole', async () => {
    // Four series: one note each on stderr, the first of which closes the pipe.
    const series = path.join(dir, 'errors.csv');
    const { code, other: stdout } = await runClosingEarly(['--series', series, '--series', series, '--series', series], 'stderr');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).events).toHaveLength(2000);
  });
});
