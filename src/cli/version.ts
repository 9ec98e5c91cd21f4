// The build (scripts/cliBuild.mjs) replaces this with package.json's version; the tests,
// which run the sources unbundled, see it undefined.
declare const __SAFEDEPLOY_VERSION__: string | undefined;

/** The command line's version, from package.json (the one place it is set). */
export const VERSION = typeof __SAFEDEPLOY_VERSION__ === 'string' ? __SAFEDEPLOY_VERSION__ : '0.0.0-development';
