import fs from 'fs';
import path from 'path';

/** The shared, read-only payload fixtures (see ../shared/fixtures/ci/README.md for sources). */
export const FIXTURES_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'ci');

export function readFixture(relative: string): unknown {
  const parsed = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, relative), 'utf8'));
  if (parsed && typeof parsed === 'object' && '_comment' in parsed) {
    // Constructed fixtures carry a `_comment` key that asks to be removed before use.
    const { _comment, ...rest } = parsed as Record<string, unknown>;
    return rest;
  }
  return parsed;
}
