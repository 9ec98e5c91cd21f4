import fs from 'fs';
import path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
export const APP_ID = 'safedeploy-deploys-app';
export const RELEASE_DIR = path.join(ROOT, 'release');
export const ZIP_NAME = `${APP_ID}-${VERSION}.zip`;
export const ZIP = path.join(RELEASE_DIR, ZIP_NAME);
/** `npm pack` of @safedeploy/cli. */
export const TARBALL = path.join(RELEASE_DIR, `safedeploy-cli-${VERSION}.tgz`);
export const CLI_PACKAGE = '@safedeploy/cli';

/** Fails with the fix when `npm run package` has not run (`npm test` runs it before the tests). */
export function assertPackaged(): void {
  for (const file of [ZIP, TARBALL]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run package\` before these tests`);
    }
  }
}
