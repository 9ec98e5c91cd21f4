/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';

import { cliTarballName } from '../scripts/package/cliPackage.mjs';

// The README is the front page: short, with everything else one link away in docs/. Every
// link between them, and every link the catalog page (src/README.md) makes into docs/,
// resolves to a file and, with an anchor, to a heading of it.
const ROOT = path.resolve(__dirname, '..');
const REPOSITORY = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Link targets of a Markdown text, outside fenced code blocks. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** GitHub's anchors for a Markdown file's headings (lower case, punctuation dropped, spaces as -, repeats numbered). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** Why a link from `from` does not resolve, or null. */
function brokenLink(from: string, target: string): string | null {
  if (/^(https?:|mailto:)/.test(target)) {
    return null;
  }
  const [file, anchor] = target.split('#');
  const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(from), file)) : from;
  if (resolved.startsWith('..') || !fs.existsSync(path.join(ROOT, resolved))) {
    return `${from}: ${target} → ${resolved} does not exist`;
  }
  if (anchor !== undefined && !anchors(read(resolved)).has(anchor)) {
    return `${from}: ${target} → ${resolved} has no heading #${anchor}`;
  }
  return null;
}

describe('README.md and docs/', () => {
  it('the README is at most 150 lines and keeps its two commands as written', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    expect(/```sh\n([\s\S]*?)```/.exec(readme)?.[1].trim()).toBe('npm ci && npm run demo');
    expect(readme).toContain('```sh\nnpm test\n```');
  });

  it('the README links into docs/ for the panel, the data source, release health, the command line, the gate and development', () => {
    const targets = links(read('README.md'));
    for (const doc of ['docs/panel.md', 'docs/datasource.md', 'docs/release-health.md', 'docs/cli.md', 'docs/ci.md', 'docs/development.md', 'docs/validator.md']) {
      expect({ doc, linked: targets.some((t) => t.split('#')[0] === doc) }).toStrictEqual({ doc, linked: true });
    }
  });

  it.each(DOCS)('every link and anchor in %s resolves', (doc) => {
    const broken = links(read(doc)).map((t) => brokenLink(doc, t)).filter(Boolean);
    expect(broken).toStrictEqual([]);
  });

  it("the catalog page links only absolutely, and its links into this repository's docs resolve here", () => {
    const targets = links(read('src/README.md'));
    expect(targets.filter((t) => !t.startsWith('https://'))).toStrictEqual([]);
    const own = targets.filter((t) => t.startsWith(`${REPOSITORY}/blob/v%VERSION%/`));
    expect(own.length).toBeGreaterThan(3);
    const broken = own.map((t) => brokenLink('README.md', t.slice(`${REPOSITORY}/blob/v%VERSION%/`.length))).filter(Boolean);
    expect(broken).toStrictEqual([]);
  });

  // Grafana reads `$NAME` in a provisioning file as an environment variable (unset: empty), so
  // a `$service` template written there reaches the app as an empty name.
  it.each(DOCS)('%s: a $service template meant for a provisioning file is shown as $$service', (doc) => {
    const text = read(doc);
    const toProvisioning = /provisioning\/plugins\/app\.yaml|plugins\/app\.yaml/.test(text) && text.includes('`$service`');
    expect({ doc, saysDoubled: !toProvisioning || text.includes('`$$service`') }).toStrictEqual({ doc, saysDoubled: true });
  });

  it("docs/datasource.md's Provisioning names every provisioning file, and every dashboard the app ships with the one its Dashboards tab offers", () => {
    const section = read('docs/datasource.md').split(/^## /m).find((s) => s.startsWith('Provisioning\n'))!;
    const yamlFiles = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(`${dir}/${e.name}`) : e.name.endsWith('.yaml') ? [`${dir}/${e.name}`] : []));
    const unnamed = yamlFiles('provisioning').filter((f) => !section.includes(`\`${f.split('/').slice(-2).join('/')}\``));
    expect(unnamed).toStrictEqual([]);
    const includes: Array<{ type: string; name: string; path: string }> = JSON.parse(read('plugin.json')).includes;
    const offered = includes.filter((i) => i.type === 'dashboard');
    for (const file of fs.readdirSync(path.join(ROOT, 'src', 'dashboards')).filter((f) => f.endsWith('.json'))) {
      expect({ file, named: section.includes(`\`${file}\``) }).toStrictEqual({ file, named: true });
    }
    for (const dashboard of offered) {
      expect(section).toContain(`*${dashboard.name}* (\`${path.basename(dashboard.path)}\`)`);
    }
  });

  it('docs/cli.md installs the command line from a checkout too, by the tarball `npm run package` writes', () => {
    const version = JSON.parse(read('package.json')).version;
    expect(read('docs/cli.md')).toContain(`npm ci && npm run package\nnpm install -g ./release/${cliTarballName(version)}\n`);
  });

  it('docs/datasource.md names every route that sends a token with a method other than GET, as plugin.json has it', () => {
    const routes: Array<{ path: string; method: string }> = JSON.parse(read('src/datasource/plugin.json')).routes;
    const text = read('docs/datasource.md').replace(/\s+/g, ' ');
    const named = (r: { path: string; method: string }) => text.includes(`\`${r.path}\` (${r.method})`) || text.includes(`\`${r.path}\` route, ${r.method}`);
    expect(routes.filter((r) => r.method !== 'GET' && !named(r)).map((r) => r.path)).toStrictEqual([]);
  });

  describe('edge cases', () => {
    it('finds a missing file, a missing anchor, and a link out of the repository', () => {
      expect(brokenLink('README.md', 'docs/NOT-THERE.md')).toContain('does not exist');
      expect(brokenLink('README.md', 'docs/cli.md#no-such-heading')).toContain('has no heading #no-such-heading');
      expect(brokenLink('docs/cli.md', '../../outside.md')).toContain('does not exist');
      expect(brokenLink('docs/cli.md', '#the-release-gate')).toBeNull();
    });

    it('makes anchors as GitHub does: punctuation dropped, repeats numbered', () => {
      expect([...anchors('# The gate in CI\n## `--annotate`: verdicts\n## Flags\n## Flags\n```sh\n# not a heading\n```')]).toStrictEqual(['the-gate-in-ci', '--annotate-verdicts', 'flags', 'flags-1']);
    });
  });
});
