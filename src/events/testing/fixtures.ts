import fs from 'fs';
import path from 'path';

/** The shared, read-only payload fixtures (see ../shared/fixtures/ci/README.md for sources). */
export const FIXTURES_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'ci');
/** Constructed shapes the shared set lacks, with their sources in its README. */
export const LOCAL_FIXTURES_DIR = path.resolve(__dirname, 'fixtures');

/** A fixture by path relative to the shared set, or else to the local one. */
export function readFixture(relative: string): unknown {
  const shared = path.join(FIXTURES_DIR, relative);
  const file = fs.existsSync(shared) ? shared : path.join(LOCAL_FIXTURES_DIR, relative);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (parsed && typeof parsed === 'object' && '_comment' in parsed) {
    // Constructed fixtures carry a `_comment` key that asks to be removed before use.
    const { _comment, ...rest } = parsed as Record<string, unknown>;
    return rest;
  }
  return parsed;
}
