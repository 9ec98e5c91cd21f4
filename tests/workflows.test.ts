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

  it('a version tag tests, packages, attaches the archive, its checksums and the tarball, and publishes the command line', () => {
    const release = parse(read('release.yml'));
    expect(release.on.push.tags).toStrictEqual(['v*']);
    const steps: Array<{ run?: string; uses?: string; with?: { files?: string } }> = release.jobs.release.steps;
    const runs = steps.map((s) => s.run).filter(Boolean);
    expect(runs).toStrictEqual(['npm run release:check-tag', '.ci/run', 'npm ci --no-audit --no-fund', 'npm run package', 'npm run release:publish']);
    const attached = steps.find((s) => s.uses?.startsWith('softprops/action-gh-release'))?.with?.files?.trim().split('\n');
    expect(attached).toStrictEqual(['release/*.zip', 'release/*.zip.sha1', 'release/*.zip.md5', 'release/*.zip.sha256', 'release/*.tgz']);
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

    it('reports an npm script package.json does not have', async () => {
      const problems = await checkWorkflow(workflow('npm run deploy-everything'), 'x.yml', SCRIPTS);
      expect(problems.map((p: { message: string }) => p.message)).toStrictEqual(['jobs.a.steps[0]: npm run deploy-everything: package.json has no such script']);
    });
  });
});
