// What keeps a tag from being released: the tag must be v<package.json version>, and
// CHANGELOG.md must have that version's section, dated rather than marked unreleased, since
// the archive ships CHANGELOG.md and Grafana's plugin page shows it as the release notes.

/**
 * Why `tag` cannot release `version` with this `changelog` (CHANGELOG.md's text); empty when it can.
 *
 * @example
 * tagProblems({ tag: 'v0.2.0', version: '0.2.0', changelog: '## 0.2.0 (2026-12-07)\n' }); // []
 */
export function tagProblems({ tag, version, changelog }) {
  const problems = [];
  if (tag !== `v${version}`) {
    problems.push(
      `the tag is ${tag ?? '(not set: RELEASE_TAG)'} but package.json's version is ${version}: tag v${version}, or change the version`
    );
  }
  const heading = new RegExp(`^## ${version.replaceAll('.', '\\.')}(?![\\w.-]).*$`, 'm').exec(changelog)?.[0];
  if (!heading) {
    problems.push(`CHANGELOG.md has no "## ${version}" section`);
  } else if (/unreleased/i.test(heading)) {
    problems.push(
      `CHANGELOG.md's "${heading}" says unreleased, and the archive ships it as the release notes: write the release date, "## ${version} (YYYY-MM-DD)"`
    );
  }
  return problems;
}
