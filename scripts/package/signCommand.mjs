// `npm run sign [-- --rootUrls https://grafana.example.com/]`: signs dist/ as built, with
// Grafana's signer and GRAFANA_ACCESS_POLICY_TOKEN (scripts/package/sign.mjs). `npm run package`
// then packages that signed dist/ without rebuilding it.
import fs from 'node:fs';
import path from 'node:path';

import { MANIFEST, signDist } from './sign.mjs';
import { ROOT } from '../cliBuild.mjs';

const dist = path.join(ROOT, 'dist');
if (!process.env.GRAFANA_ACCESS_POLICY_TOKEN && !process.env.SAFEDEPLOY_SIGNER) {
  console.error('sign: GRAFANA_ACCESS_POLICY_TOKEN is not set: create an access policy token with the plugins:write scope in Grafana Cloud');
  process.exit(1);
}
if (!fs.existsSync(path.join(dist, 'plugin.json'))) {
  console.error('sign: dist/ is missing: run `npm run build` first');
  process.exit(1);
}
try {
  signDist(dist, process.argv.slice(2));
  console.log(`sign: dist/${MANIFEST} written; \`npm run package\` packages this signed build without rebuilding`);
} catch (err) {
  console.error(`sign: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
