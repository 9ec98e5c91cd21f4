/**
 * @jest-environment node
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

import { InstalledCli, installPackedCli } from './installPackedCli';
import { CLI_PACKAGE, ROOT, VERSION } from './release';

jest.setTimeout(120_000);

let cli: InstalledCli;

beforeAll(() => {
  cli = installPackedCli();
});

afterAll(() => cli?.remove());

/** Runs the installed command from its folder, with nothing of the checkout in reach. */
function run(args: string[]) {
  const result = spawnSync(cli.bin, args, { cwd: cli.dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the safedeploy package, installed from its tarball into an empty folder', () => {
  it('prints the version of package.json', () => {
    expect(run(['--version'])).toStrictEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('--help lists the commands and their flags', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['safedeploy events', 'safedeploy score', 'safedeploy gate', 'safedeploy --version']) {
      expect(help.stdout).toContain(command);
    }
    for (const flag of ['--provider', '--series', '--prometheus', '--fail-on', '--token-env']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('gate --help lists the gate flags and exit statuses', () => {
    const help = run(['gate', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--prometheus', '--query', '--deploy-time', '--service', '--wait', '--fail-on', '--format']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toMatch(/12/);
  });

  it('an unknown command fails with the usage status and one line', () => {
    expect(run(['deploy'])).toMatchObject({ code: 2, stdout: '' });
  });

  it('brings nothing but itself: one bundled file, no dependencies, Node 22 or later', () => {
    const installed = path.join(cli.dir, 'node_modules');
    expect(fs.readdirSync(installed).filter((name) => !name.startsWith('.'))).toStrictEqual(['@safedeploy']);
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, CLI_PACKAGE, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: CLI_PACKAGE, version: VERSION, bin: { safedeploy: 'bin/safedeploy.js' }, engines: { node: '>=22' } });
    expect(pkg.dependencies).toBeUndefined();
    expect(fs.readdirSync(path.join(installed, CLI_PACKAGE)).sort()).toStrictEqual(['LICENSE', 'README.md', 'bin', 'package.json']);
    expect(fs.readdirSync(path.join(installed, CLI_PACKAGE, 'bin'))).toStrictEqual(['safedeploy.js']);
  });

  it("its README pins this version, and every pinned version in the repository's docs is package.json's", () => {
    const readme = fs.readFileSync(path.join(cli.dir, 'node_modules', CLI_PACKAGE, 'README.md'), 'utf8');
    expect(readme).toContain(`npx --yes ${CLI_PACKAGE}@${VERSION} gate`);
    expect(readme).toContain(`/blob/v${VERSION}/docs/cli.md`);
    const docs = ['README.md', 'src/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    for (const doc of docs) {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      // The unscoped name is not ours to publish under: no doc may install it.
      expect({ doc, unscoped: [...text.matchAll(/(?<![\w/-])safedeploy@[^\s`'"]+/g)].map((m) => m[0]) }).toStrictEqual({ doc, unscoped: [] });
      const versions = [...text.matchAll(/@safedeploy\/cli@([^\s`'"]+)/g)].map((m) => m[1]);
      expect({ doc, versions: [...new Set(versions)].filter((v) => v !== VERSION && v !== '%VERSION%') }).toStrictEqual({ doc, versions: [] });
    }
    for (const doc of ['README.md', 'docs/ci.md', 'docs/cli.md']) {
      const pins = [...fs.readFileSync(path.join(ROOT, doc), 'utf8').matchAll(/@safedeploy\/cli@([^\s`'"]+)/g)].map((m) => m[1]);
      expect({ doc, pinned: pins.length > 0 }).toStrictEqual({ doc, pinned: true });
      expect({ doc, versions: [...new Set(pins)] }).toStrictEqual({ doc, versions: [VERSION] });
    }
  });
});
