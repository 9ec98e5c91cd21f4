/**
 * @jest-environment node
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { readZip } from '../../scripts/package/checkArchive.mjs';
import { APP_ID, ROOT, VERSION, ZIP_NAME } from './release';

// Two webpack builds and two packagings of a copy of the checkout.
jest.setTimeout(600_000);

/** A commit date that is not today, so a build that dated plugin.json by the clock would show it. */
const COMMIT_DATE = '2026-01-02T03:04:05Z';
let copy: string;

const run = (command: string, args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
};

/**
 * A copy of the checkout's files (tracked and new, not ignored) committed once at COMMIT_DATE,
 * with node_modules hard-linked (a copy where links are refused), less its .cache: webpack's
 * cache stays apart. Not symbolic links: webpack would follow them out of the copy and name the
 * packages in the source maps by their path in the checkout.
 */
function copyCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-reproducible-'));
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of listed) {
    const from = path.join(ROOT, file);
    if (fs.existsSync(from)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.cpSync(from, path.join(dir, file), { verbatimSymlinks: true });
    }
  }
  const modules = path.join(ROOT, 'node_modules');
  if (spawnSync('cp', ['-al', modules, dir]).status !== 0 && spawnSync('cp', ['-a', modules, dir]).status !== 0) {
    throw new Error(`could not copy ${modules}`);
  }
  fs.rmSync(path.join(dir, 'node_modules', '.cache'), { recursive: true, force: true });
  const env = { GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' };
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'copy']]) {
    const git = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    if (git.status !== 0) {
      throw new Error(`git ${args[0]} failed: ${git.stderr}`);
    }
  }
  return dir;
}

/** `npm run package` in the copy; the bytes of every file it writes under release/. */
function packageOnce(env: Record<string, string>): Map<string, Buffer> {
  run('npm', ['run', '--silent', 'package'], env);
  const release = path.join(copy, 'release');
  return new Map(fs.readdirSync(release).sort().map((name) => [name, fs.readFileSync(path.join(release, name))]));
}

beforeAll(() => {
  copy = copyCheckout();
});

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

describe('a reproducible release', () => {
  it('packaging the same commit twice, in other time zones, gives the same bytes, dated by the commit', () => {
    const first = packageOnce({ TZ: 'Pacific/Kiritimati' });
    const second = packageOnce({ TZ: 'America/Adak' });
    expect([...first.keys()]).toStrictEqual([...second.keys()]);
    expect([...first.keys()]).toContain(ZIP_NAME);
    for (const [name, bytes] of first) {
      expect({ name, same: bytes.equals(second.get(name)!) }).toStrictEqual({ name, same: true });
    }
    const files = readZip(new Uint8Array(first.get(ZIP_NAME)!));
    for (const manifest of ['plugin.json', 'panel/plugin.json', 'datasource/plugin.json']) {
      const json = JSON.parse(Buffer.from(files.get(`${APP_ID}/${manifest}`)!).toString('utf8'));
      expect({ manifest, updated: json.info.updated, version: json.info.version }).toStrictEqual({ manifest, updated: COMMIT_DATE.slice(0, 10), version: VERSION });
    }
  });
});
