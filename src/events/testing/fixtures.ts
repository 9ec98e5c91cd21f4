import fs from 'fs';
import path from 'path';

/** The providers' payload fixtures, one body per endpoint (tests/fixtures/ci/README.md gives their sources). */
export const FIXTURES_DIR = path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', 'ci');
/** Constructed shapes that set lacks, with their sources in this folder's README. */
export const LOCAL_FIXTURES_DIR = path.resolve(__dirname, 'fixtures');

/** A fixture by path relative to the payload set, or else to the local one. */
export function readFixture(relative: string): unknown {
  const common = path.join(FIXTURES_DIR, relative);
  const file = fs.existsSync(common) ? common : path.join(LOCAL_FIXTURES_DIR, relative);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (parsed && typeof parsed === 'object' && '_comment' in parsed) {
    // Constructed fixtures carry a `_comment` key that asks to be removed before use.
    const { _comment, ...rest } = parsed as Record<string, unknown>;
    return rest;
  }
  return parsed;
}
