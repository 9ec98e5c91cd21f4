// `npm run lint:workflows`: checks every workflow in .github/workflows (see
// scripts/workflows/checkWorkflow.mjs); exits 1 with each problem on a line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkWorkflow } from './workflows/checkWorkflow.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, '.github', 'workflows');
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
let failed = 0;
for (const file of files) {
  const problems = await checkWorkflow(fs.readFileSync(path.join(dir, file), 'utf8'), `.github/workflows/${file}`, scripts);
  for (const p of problems) {
    console.error(`.github/workflows/${file}:${p.line}: ${p.message} [${p.kind}]`);
  }
  failed += problems.length;
}
console.log(`workflows: ${files.length} checked, ${failed} problems`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
