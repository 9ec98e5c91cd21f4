// Signing the built plugins: Grafana's signer (@grafana/sign-plugin, pinned) writes
// dist/MANIFEST.txt, a PGP clear-signed list of every file's SHA-256, which Grafana checks
// when it loads the plugin. `npm run sign` (signCommand.mjs) runs it alone on dist/; `npm run package` runs it
// after the build when GRAFANA_ACCESS_POLICY_TOKEN is set, and never rebuilds over a dist/
// whose MANIFEST.txt still matches its files. SAFEDEPLOY_SIGNER replaces the signer's command
// (the tests use one that writes an unsigned manifest of the same shape).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Grafana's signer, pinned so a release does not run whatever `latest` is that day. */
export const SIGNER = 'npx --yes @grafana/sign-plugin@3.3.3';
export const MANIFEST = 'MANIFEST.txt';

/** The signed JSON inside a clear-signed MANIFEST.txt, or null when there is none. */
export function readManifest(text) {
  const match = /-----BEGIN PGP SIGNED MESSAGE-----\r?\n(?:[^\n]*\r?\n)*?\r?\n([\s\S]*?)\r?\n-----BEGIN PGP SIGNATURE-----/.exec(text);
  try {
    return JSON.parse(match ? match[1] : text);
  } catch {
    return null;
  }
}

/**
 * What makes a manifest not fit the plugin's files (path under the plugin's folder → bytes),
 * as Grafana's plugin validator (`manifest` analyzer) and Grafana's loader check it: a file not
 * listed, a listed file missing, a checksum that differs, rootUrls on a public signature.
 */
export function manifestProblems(manifestText, files) {
  if (manifestText.trim() === '') {
    return [{ rule: 'empty-manifest', message: 'MANIFEST.txt is empty' }];
  }
  const manifest = readManifest(manifestText);
  if (!manifest) {
    return [{ rule: 'wrong-manifest', message: 'MANIFEST.txt is not a clear-signed JSON manifest' }];
  }
  const listed = manifest.files ?? {};
  if (Object.keys(listed).length === 0) {
    return [{ rule: 'undeclared-files', message: 'MANIFEST.txt declares no files' }];
  }
  const problems = [];
  if (!['private', 'private-glob'].includes(manifest.signatureType) && (manifest.rootUrls ?? []).length > 0) {
    problems.push({ rule: 'invalid-signature', message: `MANIFEST.txt: a ${manifest.signatureType} signature with rootUrls` });
  }
  for (const [file, bytes] of files) {
    if (file === MANIFEST) {
      continue;
    }
    if (!(file in listed)) {
      problems.push({ rule: 'undeclared-files', message: `${file} is not declared in MANIFEST.txt` });
    } else if (crypto.createHash('sha256').update(bytes).digest('hex') !== String(listed[file]).toLowerCase()) {
      problems.push({ rule: 'invalid-sha-sum', message: `the checksum of ${file} is not the one in MANIFEST.txt` });
    }
  }
  for (const file of Object.keys(listed).filter((f) => !files.has(f))) {
    problems.push({ rule: 'undeclared-files', message: `${file} is declared in MANIFEST.txt but does not exist` });
  }
  return problems;
}

/** A folder's files by path relative to it. */
export function readFolder(dir, prefix = '') {
  const files = new Map();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      for (const [file, bytes] of readFolder(path.join(dir, entry.name), relative)) {
        files.set(file, bytes);
      }
    } else {
      files.set(relative, fs.readFileSync(path.join(dir, entry.name)));
    }
  }
  return files;
}

/** Whether `dist` carries a MANIFEST.txt that still fits its files: a signed build not to be rebuilt. */
export function isSigned(dist) {
  const manifest = path.join(dist, MANIFEST);
  return fs.existsSync(manifest) && manifestProblems(fs.readFileSync(manifest, 'utf8'), readFolder(dist)).length === 0;
}

/**
 * Signs `dist` with the signer (SAFEDEPLOY_SIGNER, else @grafana/sign-plugin), which reads
 * GRAFANA_ACCESS_POLICY_TOKEN; `args` go to the signer (`--rootUrls ...` for a private
 * signature). Throws with the signer's words when it fails or leaves no fitting manifest.
 */
export function signDist(dist, args = []) {
  const [command, ...base] = (process.env.SAFEDEPLOY_SIGNER || SIGNER).split(' ').filter(Boolean);
  const result = spawnSync(command, [...base, '--distDir', dist, ...args], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`the signer failed (${command} exited ${result.status}): ${result.stderr?.trim() || 'no message'}`);
  }
  const manifest = path.join(dist, MANIFEST);
  if (!fs.existsSync(manifest)) {
    throw new Error(`the signer wrote no ${MANIFEST} in ${dist}`);
  }
  const problems = manifestProblems(fs.readFileSync(manifest, 'utf8'), readFolder(dist));
  if (problems.length > 0) {
    throw new Error(`the signer's ${MANIFEST} does not fit dist/: ${problems.map((p) => p.message).join('; ')}`);
  }
}
