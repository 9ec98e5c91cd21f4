// `npm run eval`: accuracy of the impact engine, written to docs/EVALUATION.md.
// 1. The deploy benchmark on the NAB subset (rules in ../shared/data/nab/README.md), with the
//    three simple scorers computed in the same run on the same events.
// 2. A seeded synthetic suite of known deploy effects.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleRankCorrelation } from 'simple-statistics';

import { AFTER, loadBenchmark, MIN_BEFORE, rocAuc } from './eval/nab.mjs';
import { mannWhitneyAbsZ, percentChangeOfMean, robustZOfMedians } from './eval/simpleScorers.mjs';
import { CATEGORIES, makeCase } from './eval/synthetic.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { scoreEvents, DEFAULT_IMPACT_OPTIONS } = require(path.join(root, '.build', 'engine.cjs'));
const nabDir = process.env.NAB_DIR ?? path.resolve(root, '..', 'shared', 'data', 'nab');
const CASES_PER_CATEGORY = 25;

if (!fs.existsSync(path.join(nabDir, 'labels', 'labels.json'))) {
  console.error(`eval: the NAB subset is not at ${nabDir}; set NAB_DIR to the folder holding data/ and labels/.`);
  process.exit(1);
}

// ---- 1. NAB deploy benchmark -------------------------------------------------------------
const files = loadBenchmark(nabDir);
const rows = [];
for (const file of files) {
  const step = file.times[1] - file.times[0];
  for (const [list, harmful] of [
    [file.harmful, true],
    [file.harmless, false],
  ]) {
    for (const i of list) {
      // The scorer sees the series only up to row i + AFTER − 1.
      const end = i + AFTER;
      const series = [{ id: file.name, name: file.name, times: file.times.slice(0, end), values: file.values.slice(0, end) }];
      const [result] = scoreEvents(series, [{ time: file.times[i], id: `${file.name}#${i}` }], {
        direction: 'either',
        beforeMs: MIN_BEFORE * step,
        afterMs: AFTER * step,
        strictAfter: true,
      });
      rows.push({
        file: file.name,
        i,
        harmful,
        score: result.score,
        verdict: result.verdict,
        pct: percentChangeOfMean(file.values, i),
        mw: mannWhitneyAbsZ(file.values, i),
        rz: robustZOfMedians(file.values, i),
      });
    }
  }
}
const harmfulRows = rows.filter((r) => r.harmful);
const harmlessRows = rows.filter((r) => !r.harmful);
const auc = (key) => rocAuc(harmfulRows.map((r) => r[key]), harmlessRows.map((r) => r[key]));
const flagged = rows.filter((r) => ['watch', 'fix_forward', 'roll_back'].includes(r.verdict));
const rollBacks = rows.filter((r) => r.verdict === 'roll_back');
const nab = {
  events: rows.length,
  harmful: harmfulRows.length,
  harmless: harmlessRows.length,
  files: files.length,
  aucEngine: auc('score'),
  aucPct: auc('pct'),
  aucMw: auc('mw'),
  aucRz: auc('rz'),
  precision: flagged.filter((r) => r.harmful).length / Math.max(1, flagged.length),
  recall: flagged.filter((r) => r.harmful).length / Math.max(1, harmfulRows.length),
  flagged: flagged.length,
  rollBackPrecision: rollBacks.filter((r) => r.harmful).length / Math.max(1, rollBacks.length),
  rollBacks: rollBacks.length,
  insufficient: rows.filter((r) => r.verdict === 'insufficient_data').length,
};
const bestSimple = Math.max(nab.aucPct, nab.aucMw, nab.aucRz);
const missed = harmfulRows.filter((r) => r.verdict === 'healthy');
const falseAlarms = harmlessRows.filter((r) => r.verdict !== 'healthy' && r.verdict !== 'insufficient_data');

// ---- 2. Synthetic suite ------------------------------------------------------------------
const synthetic = [];
const harms = [];
const scores = [];
CATEGORIES.forEach((category, c) => {
  let right = 0;
  let scoreSum = 0;
  const verdicts = {};
  let fixedByRight = 0;
  for (let k = 0; k < CASES_PER_CATEGORY; k++) {
    const testCase = makeCase(category, 1000 * (c + 1) + k);
    const [result] = scoreEvents(testCase.series, testCase.events, { direction: 'up' });
    verdicts[result.verdict] = (verdicts[result.verdict] ?? 0) + 1;
    if (category.expected.includes(result.verdict)) {
      right++;
    }
    if (result.fixedBy === 'fix') {
      fixedByRight++;
    }
    scoreSum += result.score;
    harms.push(testCase.harm);
    scores.push(result.score);
  }
  synthetic.push({ category: category.name, expected: category.expected.join(' or '), right: right / CASES_PER_CATEGORY, meanScore: scoreSum / CASES_PER_CATEGORY, verdicts, fixedByRight });
});
const spearman = sampleRankCorrelation(harms, scores);

// ---- Report ------------------------------------------------------------------------------
const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const pct = (x) => `${Math.round(x * 100)}%`;
let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
} catch {
  // not a git checkout
}
const lines = [];
lines.push('# Evaluation', '');
lines.push(`Written by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)} at commit ${commit}. All figures below come from one run.`, '');
lines.push('## NAB deploy benchmark', '');
lines.push(
  `Numenta Anomaly Benchmark subset (MIT; Ahmad, Lavin, Purdy, Agha, "Unsupervised real-time anomaly detection for streaming data", Neurocomputing 262, 2017), following the rules in \`../shared/data/nab/README.md\`: ${nab.files} files, ${nab.events} events (${nab.harmful} harmful at labelled changes, ${nab.harmless} harmless at quiet rows), each scorer sees the series only up to row i + ${AFTER - 1} and judges in either direction. The engine runs with its documented defaults, except the window lengths (${MIN_BEFORE} samples before, ${AFTER} after, the impact window strict) that the rules fix.`,
  ''
);
lines.push('| scorer | ROC AUC (harmful vs harmless, pooled) |', '| --- | --- |');
lines.push(`| **SafeDeploy engine (score)** | **${f3(nab.aucEngine)}** |`);
lines.push(`| absolute percent change of the mean | ${f3(nab.aucPct)} |`);
lines.push(`| Mann-Whitney U \\|z\\| | ${f3(nab.aucMw)} |`);
lines.push(`| robust z of medians (median/MAD) | ${f3(nab.aucRz)} |`, '');
lines.push(`Margin over the best simple scorer: ${f3(nab.aucEngine - bestSimple)} (goal ≥ 0.10; AUC goal ≥ 0.85).`, '');
lines.push('| verdicts | value |', '| --- | --- |');
lines.push(`| precision of "not healthy" (watch, fix_forward, roll_back) | ${f3(nab.precision)} (${nab.flagged} flagged) |`);
lines.push(`| recall of "not healthy" | ${f3(nab.recall)} |`);
lines.push(`| precision of roll_back | ${f3(nab.rollBackPrecision)} (${nab.rollBacks} roll_back verdicts; goal > 0.8) |`);
lines.push(`| insufficient_data verdicts | ${nab.insufficient} |`, '');
lines.push(`What the engine still gets wrong here: ${missed.length} harmful events judged healthy, mostly labels where the next ${AFTER} samples show no change in level or spread yet (the label marks a change that starts later or builds slowly):`, '');
for (const r of missed) {
  lines.push(`- ${r.file} row ${r.i} (score ${r.score.toFixed(1)})`);
}
lines.push('', `${falseAlarms.length} harmless events were flagged:`, '');
for (const r of falseAlarms) {
  lines.push(`- ${r.file} row ${r.i}: ${r.verdict} (score ${r.score.toFixed(1)})`);
}
lines.push('', '## Synthetic suite', '');
lines.push(
  `${CASES_PER_CATEGORY} seeded cases per category: three days of per-minute error counts for two services with a daily pattern (quiet nights, a steep morning ramp) and Poisson noise; the deploy of service a happens on day three; harmful effects multiply errors by 2x to 4x. Engine defaults (30 min windows, direction up).`,
  ''
);
lines.push('| category | expected | right | mean score | verdicts |', '| --- | --- | --- | --- | --- |');
for (const s of synthetic) {
  const verdicts = Object.entries(s.verdicts)
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
  const extra = s.category.startsWith('fix 10') ? ` (fixedBy found in ${s.fixedByRight}/${CASES_PER_CATEGORY})` : '';
  lines.push(`| ${s.category} | ${s.expected} | ${pct(s.right)}${extra} | ${s.meanScore.toFixed(1)} | ${verdicts} |`);
}
lines.push('', `Rank correlation (Spearman) between injected harm (factor − 1; 0 for benign) and score over all ${harms.length} cases: ${f3(spearman)}.`, '');
lines.push('## Defaults used', '', '```json', JSON.stringify(DEFAULT_IMPACT_OPTIONS, null, 2), '```', '');

const report = lines.join('\n');
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(path.join(root, 'docs', 'EVALUATION.md'), report);
console.log(report);
