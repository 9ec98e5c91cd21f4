// When the sources were made, for everything a build dates: SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), else the last commit's time, so the same commit gives the
// same bytes on any day. CommonJS so that the webpack config (TypeScript through ts-node) and
// the ES module scripts can both load it.
const { spawnSync } = require('node:child_process');

/**
 * The source date of the checkout at `root`; now only outside a git checkout.
 *
 * @example
 * sourceDate(process.cwd()).toISOString().slice(0, 10); // '2026-12-05'
 */
function sourceDate(root) {
  if (process.env.SOURCE_DATE_EPOCH) {
    return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000);
  }
  const git = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8' });
  const seconds = Number(git.stdout?.trim());
  return git.status === 0 && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

module.exports = { sourceDate };
