/**
 * @jest-environment node
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { readZip } from '../../scripts/package/checkArchive.mjs';
import { manifestProblems, readManifest } from '../../scripts/package/sign.mjs';
import { APP_ID, ROOT, ZIP_NAME } from './release';

jest.setTimeout(180_000);

const FAKE_SIGNER = `node ${path.join(__dirname, 'fakeSigner.mjs')}`;
let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'plugin.json'))) {
    throw new Error('dist/ is missing: run `npm run build` before these tests');
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-sign-'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the built dist/ in its own folder. */
function copyOfDist(name: string): string {
  const dir = path.join(tmp, name, 'dist');
  fs.cpSync(path.join(ROOT, 'dist'), dir, { recursive: true });
  return dir;
}

/** `npm run package`'s script on a copy, with only the environment given (and PATH). */
function packageStep(dist: string, args: string[], env: Record<string, string> = {}) {
  const out = path.join(path.dirname(dist), 'release');
  const result = spawnSync('node', [path.join(ROOT, 'scripts', 'package.mjs'), '--dist', dist, '--out', out, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SAFEDEPLOY_SIGNER: FAKE_SIGNER, ...env },
  });
  const zip = path.join(out, ZIP_NAME);
  return { code: result.status, output: result.stdout + result.stderr, zip: fs.existsSync(zip) ? readZip(new Uint8Array(fs.readFileSync(zip))) : null };
}

/** The zip's files under the app's folder. */
const inFolder = (files: Map<string, Uint8Array>) => new Map([...files].map(([name, bytes]) => [name.slice(APP_ID.length + 1), bytes]));

describe('signing inside the package step', () => {
  it('signs after the build when GRAFANA_ACCESS_POLICY_TOKEN is set, and the MANIFEST.txt reaches the zip fitting every file', () => {
    const dist = copyOfDist('token');
    const { code, output, zip } = packageStep(dist, [], { GRAFANA_ACCESS_POLICY_TOKEN: 'glc_constructed' });
    expect({ code, output }).toMatchObject({ code: 0 });
    const manifest = zip!.get(`${APP_ID}/MANIFEST.txt`);
    expect(manifest).toBeDefined();
    expect(Buffer.from(manifest!).toString('utf8')).toBe(fs.readFileSync(path.join(dist, 'MANIFEST.txt'), 'utf8'));
    const text = Buffer.from(manifest!).toString('utf8');
    expect(readManifest(text)).toMatchObject({ plugin: APP_ID, signatureType: 'community' });
    expect(manifestProblems(text, inFolder(zip!))).toStrictEqual([]);
    expect(Object.keys(readManifest(text).files).length).toBe(zip!.size - 1);
  });

  it('without a token it does not sign, and the zip has no MANIFEST.txt', () => {
    const { code, zip } = packageStep(copyOfDist('no-token'), []);
    expect(code).toBe(0);
    expect(zip!.has(`${APP_ID}/MANIFEST.txt`)).toBe(false);
  });

  it('a dist/ signed by `npm run sign` is packaged as it is: --build does not rebuild over it', () => {
    const dist = copyOfDist('signed');
    const sign = spawnSync('node', [path.join(__dirname, 'fakeSigner.mjs'), '--distDir', dist], { encoding: 'utf8', env: { ...process.env, GRAFANA_ACCESS_POLICY_TOKEN: 'glc_constructed' } });
    expect(sign.status).toBe(0);
    const written = fs.readFileSync(path.join(dist, 'MANIFEST.txt'));
    const { code, output, zip } = packageStep(dist, ['--build']);
    expect({ code, rebuilt: !output.includes('not rebuilding') }).toStrictEqual({ code: 0, rebuilt: false });
    expect(Buffer.from(zip!.get(`${APP_ID}/MANIFEST.txt`)!)).toStrictEqual(written);
  });

  describe('edge cases', () => {
    it('a MANIFEST.txt that no longer fits dist/ fails the package step with the validator rule', () => {
      const dist = copyOfDist('stale');
      spawnSync('node', [path.join(__dirname, 'fakeSigner.mjs'), '--distDir', dist], { env: { ...process.env, GRAFANA_ACCESS_POLICY_TOKEN: 'glc_constructed' } });
      fs.appendFileSync(path.join(dist, 'module.js'), '\n// changed after signing\n');
      const { code, output, zip } = packageStep(dist, []);
      expect({ code, zip }).toStrictEqual({ code: 1, zip: null });
      expect(output).toContain('invalid-sha-sum: the checksum of module.js is not the one in MANIFEST.txt');
    });

    it("a signer that fails stops the package step with the signer's words", () => {
      const { code, output, zip } = packageStep(copyOfDist('failing'), [], { GRAFANA_ACCESS_POLICY_TOKEN: 'glc_constructed', SAFEDEPLOY_SIGNER: 'node -e process.exit(3)' });
      expect({ code, zip }).toStrictEqual({ code: 1, zip: null });
      expect(output).toContain('the signer failed');
    });

    it('--build with another folder than dist/ is refused rather than building dist/', () => {
      const { code, output } = packageStep(copyOfDist('other'), ['--build']);
      expect(code).toBe(1);
      expect(output).toContain('--build builds into dist/ only');
    });
  });
});
