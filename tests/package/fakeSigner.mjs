// CONSTRUCTED stand-in for Grafana's signer (@grafana/sign-plugin), for the tests of the
// package step: the same command line (`--distDir <dir>`), the same refusal without
// GRAFANA_ACCESS_POLICY_TOKEN, and a MANIFEST.txt of the same shape (a PGP clear-signed JSON
// list of every file's SHA-256, as Grafana's signer writes it), but with no real signature.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { distDir: { type: 'string', default: 'dist' }, rootUrls: { type: 'string' } } });
if (!process.env.GRAFANA_ACCESS_POLICY_TOKEN) {
  console.error('Error signing manifest: GRAFANA_ACCESS_POLICY_TOKEN is not set');
  process.exit(1);
}

function list(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? list(path.join(dir, entry.name), relative) : [relative];
  });
}

const dist = path.resolve(values.distDir);
const plugin = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
const files = Object.fromEntries(
  list(dist)
    .filter((file) => file !== 'MANIFEST.txt')
    .sort()
    .map((file) => [file, crypto.createHash('sha256').update(fs.readFileSync(path.join(dist, file))).digest('hex')])
);
const manifest = {
  manifestVersion: '2.0.0',
  signatureType: values.rootUrls ? 'private' : 'community',
  signedByOrg: 'safedeploy',
  signedByOrgName: 'SafeDeploy',
  ...(values.rootUrls ? { rootUrls: values.rootUrls.split(',') } : {}),
  plugin: plugin.id,
  version: plugin.info.version,
  time: 1764979200000,
  keyId: '7e4d0c6a708866e7',
  files,
};
const signed = ['-----BEGIN PGP SIGNED MESSAGE-----', 'Hash: SHA512', '', JSON.stringify(manifest, null, 2), '-----BEGIN PGP SIGNATURE-----', 'Version: OpenPGP.js v4.10.1', '', 'CONSTRUCTED-NOT-A-SIGNATURE', '-----END PGP SIGNATURE-----', ''].join('\n');
fs.writeFileSync(path.join(dist, 'MANIFEST.txt'), signed);
console.log('Signed successfully');
