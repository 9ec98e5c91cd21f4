/**
 * @jest-environment node
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const SCRIPT = path.resolve(__dirname, '..', 'scripts', 'longFunctions.mjs');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-long-functions-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A function of exactly `lines` lines, its first line `function name() {`. */
function functionOf(name: string, lines: number): string {
  return [`function ${name}() {`, ...Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`), '}', ''].join('\n');
}

function check(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const run = spawnSync(process.execPath, [SCRIPT, '100', 'src', 'scripts'], { cwd: dir, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// CONSTRUCTED sources: functions of a given length, in the folders `npm test` checks.
describe('the function length check of npm test', () => {
  it('fails on a function of 101 lines, naming its file, line and length', () => {
    const run = check({ 'src/a.ts': functionOf('short', 10) + functionOf('tooLong', 101), 'scripts/b.mjs': functionOf('fine', 100) });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter(Boolean)[0]).toBe(`${path.join('src', 'a.ts')}:11 tooLong 101`);
    expect(run.stdout).not.toMatch(/short|fine/);
  });

  it('passes functions of 100 lines and arrow functions bound to a name are counted too', () => {
    expect(check({ 'src/a.ts': functionOf('edge', 100) }).code).toBe(0);
    const arrow = ['const arrow = () => {', ...Array.from({ length: 100 }, () => '  void 0;'), '};', ''].join('\n');
    expect(check({ 'scripts/c.mjs': arrow }).stdout).toMatch(/scripts\/c\.mjs:1 arrow 102/);
  });

  it('leaves out tests and testing helpers, where long tables of cases are fine', () => {
    const run = check({ 'src/a.test.ts': functionOf('longTest', 150), 'src/testing/helper.ts': functionOf('longHelper', 150) });
    expect(run.code).toBe(0);
  });
});
