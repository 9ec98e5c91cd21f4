/**
 * @jest-environment node
 */
import { tagProblems } from '../../scripts/release/tagProblems.mjs';

// CONSTRUCTED changelogs in CHANGELOG.md's shape.
const DATED = '# Changelog\n\n## 0.2.0 (2026-12-07)\n\n- A change.\n\n## 0.1.0 (2026-06-01)\n';

describe('release:check-tag', () => {
  it('releases a tag of the version whose CHANGELOG section is dated', () => {
    expect(tagProblems({ tag: 'v0.2.0', version: '0.2.0', changelog: DATED })).toStrictEqual([]);
  });

  it('refuses a section still marked unreleased: the archive ships it as the release notes', () => {
    const problems = tagProblems({
      tag: 'v0.2.0',
      version: '0.2.0',
      changelog: DATED.replace('(2026-12-07)', '(unreleased)'),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"## 0.2.0 (unreleased)" says unreleased');
    expect(problems[0]).toContain('## 0.2.0 (YYYY-MM-DD)');
  });

  it('looks only at the released version: an older section marked unreleased does not matter', () => {
    expect(
      tagProblems({ tag: 'v0.2.0', version: '0.2.0', changelog: DATED.replace('(2026-06-01)', '(unreleased)') })
    ).toStrictEqual([]);
  });

  it('refuses a tag of another version, and a version with no section (0.2.0 is not 0.2.0-rc.1 nor 0.2.01)', () => {
    expect(tagProblems({ tag: 'v0.2.1', version: '0.2.0', changelog: DATED })[0]).toContain(
      "package.json's version is 0.2.0"
    );
    expect(tagProblems({ tag: undefined, version: '0.2.0', changelog: DATED })[0]).toContain('(not set: RELEASE_TAG)');
    for (const heading of ['## 0.2.0-rc.1 (2026-12-07)', '## 0.2.01 (2026-12-07)']) {
      expect(tagProblems({ tag: 'v0.2.0', version: '0.2.0', changelog: `# Changelog\n\n${heading}\n` })).toStrictEqual([
        'CHANGELOG.md has no "## 0.2.0" section',
      ]);
    }
  });
});
