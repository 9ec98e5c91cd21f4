// `npm run release:check-tag`: the pushed tag (RELEASE_TAG, else GITHUB_REF_NAME) must be
// v<package.json version> and CHANGELOG.md must have that version's section, dated, so a
// release never ships files whose version differs from its tag, nor notes that call it
// unreleased (scripts/release/tagProblems.mjs).
import fs from 'node:fs';
import path from 'node:path';

import { packageVersion, ROOT } from '../cliBuild.mjs';
import { tagProblems } from './tagProblems.mjs';

const problems = tagProblems({
  tag: process.env.RELEASE_TAG || process.env.GITHUB_REF_NAME,
  version: packageVersion(),
  changelog: fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'),
});
for (const problem of problems) {
  console.error(`release: ${problem}`);
}
process.exit(problems.length > 0 ? 1 : 0);
