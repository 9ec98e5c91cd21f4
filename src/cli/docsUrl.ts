import { VERSION } from './version';

/**
 * The source repository. The npm package carries only the command and its README, so the
 * usage texts point to the docs there, by absolute URL.
 */
export const REPOSITORY_URL = 'https://github.com/safedeploy/safedeploy';

/**
 * A document of the repository as of this release (its tag, `v` and the version), or of the
 * main branch for a development build, which has no tag.
 *
 * @example
 * docsUrl('docs/ci.md') // 'https://github.com/safedeploy/safedeploy/blob/v0.2.0/docs/ci.md'
 */
export function docsUrl(file: string): string {
  const ref = /^\d+\.\d+\.\d+$/.test(VERSION) ? `v${VERSION}` : 'main';
  return `${REPOSITORY_URL}/blob/${ref}/${file}`;
}
