/**
 * @jest-environment node
 */
import { spawnSync } from 'child_process';
import fs from 'fs';

import { cliPackageJson, stageCliPackage } from '../../scripts/package/cliPackage.mjs';
import { CLI_PACKAGE, ROOT, TARBALL, VERSION } from './release';

jest.setTimeout(120_000);

const ROOT_PACKAGE = JSON.parse(fs.readFileSync(`${ROOT}/package.json`, 'utf8'));

describe('the command line package as npm would publish it', () => {
  let stage: string;
  let packed: { name: string; version: string; filename: string; files: Array<{ path: string }> };

  beforeAll(async () => {
    stage = await stageCliPackage(VERSION);
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: stage, encoding: 'utf8' });
    if (pack.status !== 0) {
      throw new Error(`npm pack --dry-run failed: ${pack.stderr}`);
    }
    [packed] = JSON.parse(pack.stdout);
  });

  afterAll(() => fs.rmSync(stage, { recursive: true, force: true }));

  it('is scoped, named @safedeploy/cli, and packs the bundle, README and LICENSE into the tarball npm run package writes', () => {
    expect(packed.name).toBe(CLI_PACKAGE);
    expect(packed.name.startsWith('@')).toBe(true);
    expect(packed.version).toBe(VERSION);
    expect(packed.filename).toBe(TARBALL.split('/').pop());
    expect(packed.files.map((f) => f.path).sort()).toStrictEqual(['LICENSE', 'README.md', 'bin/safedeploy.js', 'package.json']);
  });

  it('carries repository, homepage, bugs, license and engines, as npm provenance and the registry page need', () => {
    const pkg = JSON.parse(fs.readFileSync(`${stage}/package.json`, 'utf8'));
    expect(pkg).toMatchObject({
      license: 'Apache-2.0',
      repository: { type: 'git', url: ROOT_PACKAGE.repository.url },
      bugs: { url: ROOT_PACKAGE.bugs.url },
      engines: { node: '>=22' },
      bin: { safedeploy: 'bin/safedeploy.js' },
      publishConfig: { access: 'public' },
    });
    // Provenance is refused (E422) unless the repository is the GitHub one the workflow runs in.
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    expect(pkg.homepage).toBe(`${ROOT_PACKAGE.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/v${VERSION}/docs/cli.md`);
    expect(pkg.dependencies).toBeUndefined();
  });

  it("takes its version from the argument and everything else from the repository's package.json", () => {
    expect(cliPackageJson('9.9.9')).toMatchObject({ name: CLI_PACKAGE, version: '9.9.9', license: ROOT_PACKAGE.license, author: ROOT_PACKAGE.author });
  });
});

describe('npm run release:publish', () => {
  const publish = (env: Record<string, string>) =>
    spawnSync('node', [`${ROOT}/scripts/release/publishCli.mjs`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });

  it('refuses a stored npm token: the release publishes through trusted publishing', () => {
    const run = publish({ NODE_AUTH_TOKEN: 'npm_constructed', GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://example.invalid/token' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NODE_AUTH_TOKEN is set: the release publishes through npm trusted publishing');
  });

  it('refuses to publish outside a job that can get an OIDC token', () => {
    const run = publish({});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no OIDC token in this job');
  });
});
