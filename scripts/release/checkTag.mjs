// `npm run release:check-tag`: the pushed tag (RELEASE_TAG, else GITHUB_REF_NAME) must be
// v<package.json version> and CHANGELOG.md must have that version's section, so a release
// never ships files whose version differs from its tag.
import fs from 'node:fs';
import path from 'node:path';

import { packageVersion, ROOT } from '../cliBuild.mjs';

const version = packageVersion();
const tag = process.env.RELEASE_TAG || process.env.GITHUB_REF_NAME;
const problems = [];
if (tag !== `v${version}`) {
  problems.push(`the tag is ${tag ?? '(not set: RELEASE_TAG)'} but package.json's version is ${version}: tag v${version}, or change the version`);
}
const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
if (!new RegExp(`^## ${version.replaceAll('.', '\\.')}\\b`, 'm').test(changelog)) {
  problems.push(`CHANGELOG.md has no "## ${version}" section`);
}
for (const problem of problems) {
  console.error(`release: ${problem}`);
}
process.exit(problems.length > 0 ? 1 : 0);
