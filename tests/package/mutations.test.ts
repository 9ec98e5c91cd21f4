/**
 * @jest-environment node
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { ROOT, TARBALL, ZIP_NAME } from './release';

const TARBALL_NAME = path.basename(TARBALL);

// The seven mutations of the real build that Grafana's plugin validator (0.45) reports, each
// made in a copy of dist/ (and of src/ for the code rules), each refused by the package step
// itself with the validator's rule name. checkArchive.test.ts holds the finer table.
jest.setTimeout(120_000);

let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'plugin.json'))) {
    throw new Error('dist/ is missing: run `npm run build` before these tests');
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safedeploy-mutations-'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const editJson = (file: string, edit: (json: any) => void) => {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json));
};
const append = (file: string, text: string) => fs.appendFileSync(file, text);

const MUTATIONS: Array<[string, (dist: string, src: string) => void, string]> = [
  ['window.open without noopener', (_, src) => append(path.join(src, 'app', 'data', 'runQuery.ts'), "\nexport const openDocs = () => window.open('https://grafana.com');\n"), 'code-rules-window-open-without-noopener'],
  ['a direct CSS import', (_, src) => append(path.join(src, 'panel', 'module.ts'), "\nimport './panel.css';\n"), 'code-rules-no-direct-css-imports'],
  ['console.log (a warning: a release has none)', (_, src) => append(path.join(src, 'datasource', 'datasource.ts'), "\nconsole.log('query done');\n"), 'code-rules-console-logging'],
  ['a sourcesContent one shorter than sources', (dist) => editJson(path.join(dist, 'module.js.map'), (j) => j.sourcesContent.pop()), 'js-map-invalid'],
  ['a mapped source outside src/', (dist) => editJson(path.join(dist, 'panel', 'module.js.map'), (j) => (j.sources[j.sources.length - 1] = 'webpack://safedeploy-deploys-app/../scripts/x.ts')), 'js-map-no-match'],
  ['a malformed SVG', (dist) => fs.writeFileSync(path.join(dist, 'img', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'), 'unsafe-svg-file'],
  ['an includes role of Superuser', (dist) => editJson(path.join(dist, 'plugin.json'), (j) => (j.includes.find((i: { type: string }) => i.type === 'page').role = 'Superuser')), 'invalid-metadata'],
];

describe('npm run package refuses each mutation the validator reports', () => {
  it.each(MUTATIONS.map(([mutation, mutate, rule]) => ({ mutation, mutate, rule })))('$mutation: $rule', ({ mutation, mutate, rule }) => {
    const dir = path.join(tmp, mutation.replace(/\W+/g, '-'));
    const [dist, src, out] = ['dist', 'src', 'release'].map((name) => path.join(dir, name));
    fs.cpSync(path.join(ROOT, 'dist'), dist, { recursive: true });
    fs.cpSync(path.join(ROOT, 'src'), src, { recursive: true, verbatimSymlinks: true });
    mutate(dist, src);
    const run = spawnSync('node', [path.join(ROOT, 'scripts', 'package.mjs'), '--dist', dist, '--src', src, '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^  (error|warning) ${rule}: `, 'm'));
    expect(fs.existsSync(path.join(out, ZIP_NAME))).toBe(false);
  });

  it('and packages the same copy unmutated, into a folder whose other files it leaves alone', () => {
    const dir = path.join(tmp, 'unmutated');
    const out = path.join(dir, 'release');
    fs.cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
    // CONSTRUCTED: a reader's own file and an older release's outputs in the folder --out names.
    fs.mkdirSync(path.join(out, 'notes'), { recursive: true });
    const stale = ['safedeploy-deploys-app-0.0.1.zip', 'safedeploy-deploys-app-0.0.1.zip.sha1', 'safedeploy-cli-0.0.1.tgz'];
    for (const file of ['notes.txt', 'notes/keep.md', ...stale]) {
      fs.writeFileSync(path.join(out, file), 'x');
    }
    const run = spawnSync('node', [path.join(ROOT, 'scripts', 'package.mjs'), '--dist', path.join(dir, 'dist'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toStrictEqual({ status: 0, stderr: '' });
    const left = fs.readdirSync(out, { recursive: true }).map(String).sort();
    expect(left).toStrictEqual(['notes', 'notes.txt', 'notes/keep.md', TARBALL_NAME, ZIP_NAME, `${ZIP_NAME}.md5`, `${ZIP_NAME}.sha1`, `${ZIP_NAME}.sha256`].sort());
  });
});
