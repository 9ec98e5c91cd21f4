/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

import { checkWorkflow } from '../scripts/workflows/checkWorkflow.mjs';

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const SCRIPTS = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
const read = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');

jest.setTimeout(60_000);

describe('GitHub workflows', () => {
  it.each(['ci.yml', 'release.yml'])('%s passes actionlint and runs only commands that run here', async (file) => {
    expect(await checkWorkflow(read(file), file, SCRIPTS)).toStrictEqual([]);
  });

  it('CI runs .ci/run on pushes to main and on pull requests', () => {
    const ci = parse(read('ci.yml'));
    expect(Object.keys(ci.on).sort()).toStrictEqual(['pull_request', 'push']);
    expect(ci.jobs.test.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toStrictEqual(['.ci/run']);
  });

  it('a version tag tests, packages, attaches the archive, its checksums and the tarball, and hands the tarball to the publish job', () => {
    const release = parse(read('release.yml'));
    expect(release.on.push.tags).toStrictEqual(['v*']);
    const steps: Array<{ run?: string; uses?: string; with?: { files?: string; name?: string } }> = release.jobs.release.steps;
    const runs = steps.map((s) => s.run).filter(Boolean);
    expect(runs).toStrictEqual(['npm run release:check-tag', '.ci/run', 'npm ci --no-audit --no-fund', 'npm run package']);
    const attached = steps.find((s) => s.uses?.startsWith('softprops/action-gh-release'))?.with?.files?.trim().split('\n');
    expect(attached).toStrictEqual(['release/*.zip', 'release/*.zip.sha1', 'release/*.zip.md5', 'release/*.zip.sha256', 'release/*.tgz']);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.name).toBe('cli-tarball');
  });

  it('publishes the command line through npm trusted publishing: an OIDC token, no stored npm token, no install scripts', () => {
    const text = read('release.yml');
    const release = parse(text);
    expect(release.permissions).toStrictEqual({});
    // Each job holds only what it needs: the GitHub release writes contents, the publish mints an OIDC token.
    expect(release.jobs.release.permissions).toStrictEqual({ 'contents': 'write' });
    expect(release.jobs.publish.permissions).toStrictEqual({ 'contents': 'read', 'id-token': 'write' });
    expect(release.jobs.publish.needs).toBe('release');
    const steps: Array<{ run?: string; uses?: string; env?: Record<string, string> }> = release.jobs.publish.steps;
    expect(steps.map((s) => s.run).filter(Boolean)).toStrictEqual(['npm ci --ignore-scripts --no-audit --no-fund', 'npm run release:publish']);
    expect(steps.filter((s) => s.env)).toStrictEqual([]);
    expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
  });

  it.each(['ci.yml', 'release.yml'])('%s runs on Node 24 with every action pinned by commit and no persisted checkout credentials', (file) => {
    const workflow = parse(read(file));
    for (const [job, body] of Object.entries<{ container: string; steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>(workflow.jobs)) {
      expect({ job, container: body.container }).toStrictEqual({ job, container: 'node:24-bookworm' });
      for (const step of body.steps.filter((s) => s.uses)) {
        expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      }
      const checkout = body.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
      expect({ job, persist: checkout?.with?.['persist-credentials'] }).toStrictEqual({ job, persist: false });
    }
  });

  describe('edge cases', () => {
    const workflow = (run: string, extra = '') => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n${extra}`;

    it('reports an expression actionlint rejects', async () => {
      const problems = await checkWorkflow(workflow('npm run test', '      - run: npm run test\n        env:\n          X: ${{ github.no_such_field }}\n'), 'x.yml', SCRIPTS);
      expect(problems.map((p: { kind: string }) => p.kind)).toStrictEqual(['actionlint expression']);
    });

    it('reports a run step that is not an npm script', async () => {
      const problems = await checkWorkflow(workflow('curl -fsSL https://example.com/install.sh | sh'), 'x.yml', SCRIPTS);
      expect(problems.map((p: { kind: string }) => p.kind)).toStrictEqual(['run-step']);
    });

    it('reports an action pinned by tag, a checkout that keeps its credentials, and an unsupported Node line', async () => {
      const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container: node:20-bookworm\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm run test\n';
      const problems = await checkWorkflow(text, 'x.yml', SCRIPTS);
      expect(problems.map((p: { kind: string }) => p.kind)).toStrictEqual(['node', 'pin', 'credentials']);
    });

    it('reports a SHA without the version comment that says what it is', async () => {
      const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1\n        with:\n          persist-credentials: false\n';
      const problems = await checkWorkflow(text, 'x.yml', SCRIPTS);
      expect(problems.map((p: { kind: string }) => p.kind)).toStrictEqual(['pin']);
    });

    it('reports an npm script package.json does not have', async () => {
      const problems = await checkWorkflow(workflow('npm run deploy-everything'), 'x.yml', SCRIPTS);
      expect(problems.map((p: { message: string }) => p.message)).toStrictEqual(['jobs.a.steps[0]: npm run deploy-everything: package.json has no such script']);
    });
  });
});
