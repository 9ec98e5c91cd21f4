// A folder as a zip archive under one top folder, with fflate (pure JavaScript, no
// dependencies): a fresh machine or CI image need not have the `zip` program.
import fs from 'node:fs';
import path from 'node:path';

import { zipSync } from 'fflate';

/** Unix file type and permission bits, in the high half of a zip entry's external attributes. */
const FILE_ATTRS = (0o100644 << 16) >>> 0;
const DIR_ATTRS = (0o040755 << 16) >>> 0;
/** "Made by" Unix, so unzip and Grafana's installer read the permission bits above. */
const OS_UNIX = 3;

function listFiles(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [`${relative}/`, ...listFiles(path.join(dir, entry.name), relative)] : [relative];
  });
}

/**
 * Zips `dir` so that every entry lies under `top/`, sorted by name, each dated `mtime`.
 * Returns the archive's bytes and its files by path (what the archive checks read).
 *
 * @example
 * const { bytes } = zipFolder('dist', 'safedeploy-deploys-app', new Date());
 */
export function zipFolder(dir, top, mtime) {
  const entries = {};
  const files = new Map();
  entries[`${top}/`] = [new Uint8Array(0), { attrs: DIR_ATTRS, os: OS_UNIX, mtime }];
  for (const relative of listFiles(dir).sort()) {
    const name = `${top}/${relative}`;
    if (relative.endsWith('/')) {
      entries[name] = [new Uint8Array(0), { attrs: DIR_ATTRS, os: OS_UNIX, mtime }];
    } else {
      const data = new Uint8Array(fs.readFileSync(path.join(dir, relative)));
      entries[name] = [data, { attrs: FILE_ATTRS, os: OS_UNIX, mtime }];
      files.set(name, data);
    }
  }
  return { bytes: zipSync(entries, { level: 9 }), files };
}
