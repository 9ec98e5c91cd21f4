// The held-out benchmark: the NAB files split by file into a part the engine may be tuned on
// and a part it never is, effects injected in proportion to the local level (faint ones at
// 1.5x included), and the engine's speed to a verdict measured with a per-sample poll.
// Only the held-out part is reported in docs/EVALUATION.md; the tune part is printed to the
// console for whoever tunes.
import { seededRandom } from '../../preview/demo/scenario.mjs';
import { HISTORY_MS, AFTER_MS, localNoise, median, quietRows, shape } from './injected.mjs';
import { firstAtOrAfter, rocAuc } from './nab.mjs';
import { signedMannWhitneyZ, signedPercentChange, signedRobustZOfMedians } from './simpleScorers.mjs';

/**
 * The split, by file, fixed before anything was tuned on it: in each NAB folder, files sorted
 * by name, the 1st, 3rd, 5th... are the tune part and the 2nd, 4th, 6th... the held-out part.
 * A rule rather than a choice, so nobody picked the easy files for either side.
 */
export function splitOf(name, names) {
  const folder = name.split('/')[0];
  const own = names.filter((n) => n.split('/')[0] === folder).sort();
  return own.indexOf(name) % 2 === 0 ? 'tune' : 'held-out';
}

/** Factors the injected effects multiply the local level by; 1.5x is the faint one. */
export const FACTORS = [1.5, 2, 3, 5];
/** Cases per kind and file: every factor twice. */
export const CASES_PER_KIND = 2 * FACTORS.length;
/** Effect-free deploys per file: more than per effect kind, so a 1% false-alarm rate is resolved. */
export const NONE_CASES = 30;
/** Looks counted as "within N samples" for the time to a verdict (the deploy's own sample is the first). */
export const LOOKS = [2, 3, 5];
/** The seed of the held-out cases. */
export const SEED = 20261206;
/**
 * Independent draws of cases, pooled. One draw gives about 56 clear steps and 200 effect-free
 * deploys, where one case moves a share by 2% or 0.5%; five draws resolve a 1% false-alarm goal.
 */
export const DRAWS = 5;
/** The seed of one file's cases in one draw: the file's place among all files, the draw's a thousand apart. */
export const seedOf = (fileIndex, draw) => SEED + 1000 * draw + fileIndex;
/**
 * A clear persisting step: large by both of the engine's documented defaults (largeRatio 2 and
 * largeSize 8), measured independently of the engine: at least twice the local level, and at
 * least 8 local noise SDs high.
 */
export const CLEAR = { factor: 2, noiseSds: 8 };

export const LEVEL_KINDS = [
  { name: 'step', harmful: true },
  { name: 'spike', harmful: true },
  { name: 'ramp', harmful: true },
  { name: 'none', harmful: false },
];

/**
 * Cases of one file: per kind, CASES_PER_KIND deploys at quiet rows with a positive local level
 * (the median of the engine's default baseline: 30 minutes, at least 8 samples), each effect
 * (factor − 1) × that level high: a step, a spike back after 10 to 20 minutes (one sample at
 * least), a ramp to full height over 6 samples, or nothing.
 */
export function levelCases(file, windows, seed, parseTime) {
  const { times, values } = file;
  const n = times.length;
  const step = times[1] - times[0];
  const samplesPerDay = Math.round(86_400_000 / step);
  const baseSamples = Math.max(8, Math.round(1_800_000 / step));
  const afterSamples = Math.max(12, Math.ceil(AFTER_MS / step));
  const levelAt = (i) => median(values.slice(Math.max(0, i - baseSamples), i));
  const rows = quietRows(times, windows, afterSamples, parseTime).filter((i) => levelAt(i) > 0);
  const random = seededRandom(seed);
  const apart = Math.max(1, Math.ceil((4 * 3_600_000) / step));
  const cases = [];
  for (const kind of LEVEL_KINDS) {
    // Each kind draws its own rows: every case is its own copy of the series, so kinds need not
    // keep apart, and a short file gives every kind its cases instead of the first kinds all.
    const pick = createPicker(rows, random, apart);
    for (let c = 0; c < (kind.harmful ? CASES_PER_KIND : NONE_CASES); c++) {
      const factor = FACTORS[c % FACTORS.length];
      const spikeSamples = Math.max(1, Math.round(((10 + random() * 10) * 60_000) / step));
      const i = pick();
      if (i < 0) {
        continue;
      }
      const level = levelAt(i);
      const height = kind.harmful ? (factor - 1) * level : 0;
      const noise = localNoise(values, i, samplesPerDay);
      const from = firstAtOrAfter(times, times[i] - HISTORY_MS);
      const to = Math.min(n, i + afterSamples);
      const seriesValues = values.slice(from, to);
      for (let k = 0; k < to - i; k++) {
        seriesValues[i - from + k] += shape(kind.name, k, spikeSamples, 6) * height;
      }
      cases.push({
        kind: kind.name,
        harmful: kind.harmful,
        factor: kind.harmful ? factor : 1,
        heightSds: height / noise,
        clear: kind.name === 'step' && factor >= CLEAR.factor && height / noise >= CLEAR.noiseSds,
        at: i - from,
        step,
        spikeSamples,
        times: times.slice(from, to),
        values: seriesValues,
        time: times[i],
        row: i,
      });
    }
  }
  return cases;
}

/**
 * Per kind, how many cases a file was asked for and how many it gave: each kind's rows are four
 * hours from each other, so a short file (or one with few quiet rows of a positive level) gives
 * fewer.
 */
export function drawnOf(cases) {
  return LEVEL_KINDS.map((k) => ({ kind: k.name, asked: k.harmful ? CASES_PER_KIND : NONE_CASES, drawn: cases.filter((c) => c.kind === k.name).length }));
}

/** Draws rows at least `apart` from every row drawn before; −1 when none is left. */
function createPicker(rows, random, apart) {
  const used = [];
  return () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const pick = rows[Math.floor(random() * rows.length)];
      if (pick !== undefined && !used.some((u) => Math.abs(u - pick) < apart)) {
        used.push(pick);
        return pick;
      }
    }
    return -1;
  };
}

/** Samples a window of `ms` holds at this step, at least `min` (as the engine widens). */
const samplesIn = (ms, step, min) => Math.max(min, Math.round(ms / step));

/**
 * Everything the held-out report needs for one case: the engine's score and verdict on the
 * whole case, the simple scorers over the engine's own windows, the verdict when the judge
 * has seen only 2, 3 or 5 samples since the deploy, and for effect-free deploys whether any
 * look of a per-sample poll (through the impact window's end, at least 7 looks) said roll_back.
 */
export function judgeCase(c, scoreEvents, defaults) {
  const series = (end) => [{ id: 'metric', name: 'metric', times: c.times.slice(0, end), values: c.values.slice(0, end) }];
  const event = [{ time: c.time, id: `${c.kind}@${c.at}` }];
  const [whole] = scoreEvents(series(c.values.length), event, { direction: 'up' });
  const nb = samplesIn(defaults.beforeMs, c.step, defaults.minBeforeSamples);
  const na = samplesIn(defaults.afterMs, c.step, defaults.minAfterSamples);
  const out = {
    score: whole.score,
    verdict: whole.verdict,
    decidedAfterSamples: whole.decidedAfterSamples ?? null,
    reason: whole.reasons[0] ?? '',
    rz: signedRobustZOfMedians(c.values, c.at, nb, na),
    mw: signedMannWhitneyZ(c.values, c.at, nb, na),
    pct: signedPercentChange(c.values, c.at, nb, na),
  };
  const lookAt = (k) => {
    const [r] = scoreEvents(series(c.at + k), event, { direction: 'up', now: c.times[c.at + k - 1] });
    return r.verdict;
  };
  if (c.clear) {
    out.within = Object.fromEntries(LOOKS.map((k) => [k, lookAt(k)]));
  }
  if (!c.harmful) {
    const looks = Math.max(7, Math.ceil(defaults.afterMs / c.step) + 1);
    out.alarmAt = null;
    for (let k = 1; k <= looks && c.at + k <= c.values.length && out.alarmAt === null; k++) {
      if (lookAt(k) === 'roll_back') {
        out.alarmAt = k;
      }
    }
    out.looks = looks;
  }
  return out;
}

/** Summary of judged cases: AUCs against the simple scorers, time to verdict, false alarms. */
export function summarise(cases) {
  const auc = (key, filter = () => true) =>
    rocAuc(
      cases.filter((c) => c.harmful && filter(c)).map((c) => c[key]),
      cases.filter((c) => !c.harmful).map((c) => c[key])
    );
  const clear = cases.filter((c) => c.clear);
  const none = cases.filter((c) => !c.harmful);
  const byKind = LEVEL_KINDS.map((k) => {
    const own = cases.filter((c) => c.kind === k.name);
    const verdicts = {};
    for (const c of own) {
      verdicts[c.verdict] = (verdicts[c.verdict] ?? 0) + 1;
    }
    return { kind: k.name, cases: own.length, verdicts };
  });
  return {
    cases: cases.length,
    files: new Set(cases.map((c) => c.file)).size,
    auc: { engine: auc('score'), rz: auc('rz'), mw: auc('mw'), pct: auc('pct') },
    faintAuc: { engine: auc('score', (c) => c.factor === 1.5), rz: auc('rz', (c) => c.factor === 1.5), mw: auc('mw', (c) => c.factor === 1.5), pct: auc('pct', (c) => c.factor === 1.5) },
    clear: clear.length,
    within: Object.fromEntries(LOOKS.map((k) => [k, clear.filter((c) => c.within[k] === 'roll_back').length / Math.max(1, clear.length)])),
    clearFinal: clear.filter((c) => c.verdict === 'roll_back').length / Math.max(1, clear.length),
    none: none.length,
    falseAlarms: none.filter((c) => c.alarmAt !== null),
    falseAlarmShare: none.filter((c) => c.alarmAt !== null).length / Math.max(1, none.length),
    hourlySpikes: spikeShare(cases.filter((c) => c.kind === 'spike' && c.step >= 3_600_000)),
    spikes: spikeShare(cases.filter((c) => c.kind === 'spike')),
    byKind,
  };
}

function spikeShare(spikes) {
  return { cases: spikes.length, fixForward: spikes.filter((c) => c.verdict === 'fix_forward').length, rollBack: spikes.filter((c) => c.verdict === 'roll_back').length };
}

/**
 * Runs the held-out benchmark over the NAB files: cases of every file, judged; summaries of the
 * held-out part (reported) and of the tune part (printed only).
 */
export function runHeldOut(files, windowsByFile, scoreEvents, defaults, parseTime, draws = DRAWS) {
  const names = files.map((f) => f.name);
  const judged = [];
  const short = [];
  for (let draw = 0; draw < draws; draw++) {
    files.forEach((file, f) => {
      const cases = levelCases(file, windowsByFile[file.name] ?? [], seedOf(f, draw), parseTime);
      const drawn = drawnOf(cases);
      if (drawn.some((d) => d.drawn < d.asked)) {
        short.push({ file: file.name, draw, split: splitOf(file.name, names), drawn });
      }
      for (const c of cases) {
        const { times, values, ...rest } = c;
        judged.push({ ...rest, draw, file: file.name, split: splitOf(file.name, names), ...judgeCase(c, scoreEvents, defaults) });
      }
    });
  }
  const heldOutCases = judged.filter((c) => c.split === 'held-out');
  return {
    draws,
    heldOutFiles: names.filter((n) => splitOf(n, names) === 'held-out'),
    tuneFiles: names.filter((n) => splitOf(n, names) === 'tune'),
    /** Held-out files that gave fewer cases of some kind than asked in some draw, and what they gave. */
    heldOutShort: short.filter((s) => s.split === 'held-out'),
    heldOut: summarise(heldOutCases),
    /** The held-out part of each draw on its own, for the spread between draws and the worst. */
    heldOutDraws: Array.from({ length: draws }, (_, d) => summarise(heldOutCases.filter((c) => c.draw === d))),
    tune: summarise(judged.filter((c) => c.split === 'tune')),
    cases: judged,
  };
}

/**
 * The worst draw's figure for each held-out goal (the Goals table shows it beside the pooled share): the
 * AUC margin over a robust z, the share of clear steps within 3 samples, the false-alarm share.
 */
export function worstDraw(run) {
  const d = run.heldOutDraws;
  return {
    aucMargin: Math.min(...d.map((s) => s.auc.engine - s.auc.rz)),
    within3: Math.min(...d.map((s) => s.within[3])),
    falseAlarmShare: Math.max(...d.map((s) => s.falseAlarmShare)),
  };
}

/**
 * The engine's figures on the same held-out cases before the sequential judgement, measured by
 * this benchmark (five draws) with that commit's engine built from git (kept by hand: the engine
 * is no longer here), and this engine's figures on the benchmark's earlier single draw.
 */
export const BEFORE_SEQUENTIAL = {
  commit: 'eaeb1cd',
  text: 'ROC AUC 0.937 (robust z 0.888, Mann-Whitney 0.911, percent change 0.904); clear persisting steps judged roll_back within 2, 3 and 5 samples: 0.0%, 0.0%, 91.7% of 278; effect-free deploys judged roll_back at some look of a per-sample poll: 1.1% (15 of 1369; the worst draw 1.8%). The engine of this commit on the benchmark\'s earlier single draw (56 clear steps, 166 effect-free deploys on 8 of the 11 files): ROC AUC 0.952 (robust z 0.873); within 2, 3 and 5 samples 75.0%, 87.5%, 91.1%; false alarms 2.4% (4 of 166).',
};

const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const pct = (x) => `${(100 * x).toFixed(1)}%`;

/**
 * Wilson's 95% score interval for k successes of n (Wilson, JASA 1927): the range of true shares
 * this count does not rule out. It stays inside [0, 1] and is sound for small counts, where the
 * normal approximation is not.
 */
export function wilson(k, n) {
  if (!(n > 0)) {
    return [0, 1];
  }
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const interval = (k, n) => {
  const [lo, hi] = wilson(k, n);
  return `95% interval ${pct(lo)} to ${pct(hi)}`;
};

/** The held-out section of docs/EVALUATION.md. */
export function heldOutLines(run, before) {
  const s = run.heldOut;
  const lines = ['## Held-out benchmark (level-proportional effects, per-sample poll)', ''];
  lines.push(
    `The NAB files are split by file, by a rule fixed before anything was tuned on them: in each NAB folder, files sorted by name, the 1st, 3rd, 5th... are the **tune** part and the 2nd, 4th, 6th... the **held-out** part. Only the held-out part is reported here; nothing in the engine was set while looking at it.`,
    '',
    `- Held out (${run.heldOutFiles.length}): ${run.heldOutFiles.join(', ')}`,
    `- Tune (${run.tuneFiles.length}): ${run.tuneFiles.join(', ')}`,
    '',
    `Per file and effect kind ${CASES_PER_KIND} deploys, and up to ${NONE_CASES} effect-free ones (as many as fit four hours apart), at seeded quiet rows (the same rows rule as the injected benchmark below, each kind's rows four hours from each other), drawn ${run.draws} times independently and pooled (the seed of a file's draw d is ${SEED} + 1000 d plus the file's place among all ${run.heldOutFiles.length + run.tuneFiles.length} files sorted by name, from 0), whose local level (median of the 30 minutes before, at least 8 samples) is positive. Effects are in proportion to that level: the series gains (factor − 1) × level, the factor ${FACTORS.join(', ')} (each twice; 1.5x is the faint one). Kinds: a **step** that persists, a **spike** back after 10 to 20 minutes (one sample at least), a **ramp** to full height over 6 samples, and **none**. The engine gets a week before and two hours after, its documented defaults, direction up. The simple scorers read the engine's own windows (30 minutes each side, at least 8 and 4 samples), signed since every effect pushes up; nothing fitted.`,
    '',
    `A **clear persisting step** is a step at least ${CLEAR.factor}x the local level and at least ${CLEAR.noiseSds} local noise SDs high (the engine's largeRatio and largeSize defaults, measured outside the engine). **Within N samples**: the engine sees the series up to the N-th sample from the deploy's (the deploy's own sample is the first), with now at that sample, as the gate sees it. **Per-sample poll**: an effect-free deploy is judged at every sample from the first through the end of the impact window and one sample more (the window [deploy, deploy + 30 minutes) holds 6 five-minute samples; at least 7 looks), as a gate polling each sample would; it counts as a false alarm when any look says roll_back.`,
    '',
    ...drawnLines(run),
    ''
  );
  const spread = (f) => {
    const v = run.heldOutDraws.map(f);
    return `${pct(Math.min(...v))} to ${pct(Math.max(...v))}`;
  };
  lines.push(`| figure (held-out part, ${run.draws} draws pooled) | value | goal |`, '| --- | --- | --- |');
  lines.push(`| cases (files) | ${s.cases} (${s.files}) | |`);
  lines.push(`| ROC AUC, SafeDeploy engine | **${f3(s.auc.engine)}** | ≥ robust z |`);
  lines.push(`| ROC AUC, robust z of medians | ${f3(s.auc.rz)} | |`);
  lines.push(`| ROC AUC, Mann-Whitney z | ${f3(s.auc.mw)} | |`);
  lines.push(`| ROC AUC, percent change of the mean | ${f3(s.auc.pct)} | |`);
  lines.push(`| ROC AUC on faint (1.5x) effects only: engine / robust z / Mann-Whitney / percent | ${f3(s.faintAuc.engine)} / ${f3(s.faintAuc.rz)} / ${f3(s.faintAuc.mw)} / ${f3(s.faintAuc.pct)} | |`);
  for (const k of LOOKS) {
    lines.push(`| clear persisting steps judged roll_back within ${k} samples | ${pct(s.within[k])} of ${s.clear} (${interval(Math.round(s.within[k] * s.clear), s.clear)}) | ${k === 3 ? '≥ 90%' : ''} |`);
  }
  lines.push(`| the same within 3 samples, draw by draw (lowest to highest) | ${spread((d) => d.within[3])} | |`);
  lines.push(`| clear persisting steps judged roll_back on the whole case | ${pct(s.clearFinal)} | |`);
  lines.push(`| effect-free deploys judged roll_back at any look of a per-sample poll | ${pct(s.falseAlarmShare)} (${s.falseAlarms.length} of ${s.none}; ${interval(s.falseAlarms.length, s.none)}) | ≤ 1% |`);
  lines.push(`| the same false alarms, draw by draw (lowest to highest) | ${spread((d) => d.falseAlarmShare)} | |`);
  lines.push(`| recovering spikes judged fix_forward (roll_back), all held-out | ${s.spikes.fixForward} (${s.spikes.rollBack}) of ${s.spikes.cases} | |`);
  const hourly = run.tune.hourlySpikes;
  lines.push(`| recovering spikes on hourly data judged fix_forward (roll_back) | ${s.hourlySpikes.cases ? `${s.hourlySpikes.fixForward} (${s.hourlySpikes.rollBack}) of ${s.hourlySpikes.cases}` : `no hourly file is held out; on the tune part (ambient_temperature): ${hourly.fixForward} (${hourly.rollBack}) of ${hourly.cases}, 3 (2) of 8 before`} | |`);
  lines.push(
    '',
    `The intervals are Wilson 95% score intervals: the true shares these counts do not rule out. With ${s.clear} clear steps and ${s.none} effect-free deploys one case moves the within-3 figure by ${pct(1 / Math.max(1, s.clear))} and the false alarms by ${pct(1 / Math.max(1, s.none))}. Several cases come from each file, and draws may pick nearby rows of the same file, so the intervals, which treat cases as independent, are if anything too narrow. The Goals table above gives the pooled shares with the worst draw beside them.`
  );
  if (before) {
    lines.push('', `Before the sequential judgement (the engine at commit ${before.commit}, same cases): ${before.text}`);
  }
  lines.push(
    '',
    '**The sequential judgement** (src/engine/sequential, defaults in DEFAULT_SEQUENTIAL_OPTIONS): each sample since the deploy, less the baseline median, in units of the short-term noise of the day before, clipped at 4 units, feeds a one-sided normal-mixture e-process (Robbins; Howard, Ramdas, McAuliffe, Sekhon, Ann. Statist. 2021), as the sequential tests of Lindon, Sanden, Shirikian (KDD 2022) do. The excesses are read twice, each sample and the lower of each two successive samples (one burst beside a quiet sample reads as quiet, a step at its full size), each reading at alpha/2 (and alpha shared equally among an event\'s series when it has several), so by Ville\'s inequality and a union bound an effect-free deploy reaches either boundary (e-value 2/alpha, alpha 0.001) at any look with chance at most alpha when the model holds (each sample, given the earlier ones, normal in the calibrated unit with mean at most the baseline median; the lower of two samples is never above the later one, so the pairs reading is covered too; the clip\'s floor at −4 raises a sample far below the baseline, which keeps the bound for normal samples but not exactly for skewed ones). Each reading\'s noise unit is widened until the 90th percentile of its standardised sums at 100 earlier moments of the same series matches a normal\'s (autocorrelation, drift and bursts widen it; the healthy side and the version comparison match the 95th), read less the same time of day on up to 3 earlier days when that narrows it. It decides roll_back from the second sample when the e-value crosses and the median change is large by the engine\'s own thresholds (largeSize, largeRatio), and keeps it while the median of the last three samples holds half those thresholds; before the impact window is complete only it may say roll_back. On a cutover (the old version stopped serving) the service is judged as a whole: errors summed over its versions over requests summed.'
  );
  lines.push('', '| kind | verdicts (held-out) |', '| --- | --- |');
  for (const k of s.byKind) {
    lines.push(`| ${k.kind} | ${Object.entries(k.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')} |`);
  }
  if (s.falseAlarms.length) {
    lines.push('', 'Effect-free deploys judged roll_back at some look:', '');
    for (const c of s.falseAlarms) {
      lines.push(`- ${c.file} at row ${c.row} (${new Date(c.time).toISOString()}), look ${c.alarmAt}, draw ${c.draw}`);
    }
  }
  lines.push('');
  return lines;
}

/**
 * What the held-out part holds: cases drawn per kind against those asked for, the files whose
 * rows ran out before every kind had its cases (so some figures rest on fewer files than the
 * part has), and what else has read the held-out files.
 */
export function drawnLines(run) {
  const s = run.heldOut;
  const asked = (k) => (k.kind === 'none' ? NONE_CASES : CASES_PER_KIND) * run.heldOutFiles.length * run.draws;
  const lines = [`Cases drawn on the held-out part over ${run.draws} draws: ${s.byKind.map((k) => `${k.kind} ${k.cases} of ${asked(k)}`).join(', ')}.`];
  // Fewer effect-free deploys than asked is the rule (as many as fit); a file short of an effect kind, or with none at all, is said.
  const totals = new Map();
  for (const f of run.heldOutShort) {
    const t = totals.get(f.file) ?? Object.fromEntries(LEVEL_KINDS.map((k) => [k.name, { asked: 0, drawn: 0 }]));
    for (const d of f.drawn) {
      t[d.kind].asked += d.asked;
      t[d.kind].drawn += d.drawn;
    }
    totals.set(f.file, t);
  }
  const shortOf = (t) => LEVEL_KINDS.filter((k) => (k.harmful ? t[k.name].drawn < t[k.name].asked : t[k.name].asked > 0 && t[k.name].drawn === 0));
  const short = [...totals].filter(([, t]) => shortOf(t).length);
  if (short.length) {
    const noNone = short.filter(([, t]) => t.none.asked > 0 && t.none.drawn === 0).length;
    lines[0] += ` Rows four hours apart ran out before an effect kind had its ${CASES_PER_KIND} cases in every draw on ${short.map(([file, t]) => `${file} (${shortOf(t).map((k) => `${k.name} ${t[k.name].drawn} of ${t[k.name].asked}`).join(', ')})`).join('; ')}`;
    lines[0] += noNone ? `: the effect-free deploys, and so the false alarms and the harmless side of the AUCs, come from ${run.heldOutFiles.length - noNone} of the ${run.heldOutFiles.length} files.` : '.';
  }
  lines.push(
    '',
    'Other reads of the held-out files: the engine\'s defaults from before the sequential judgement were set on the NAB deploy benchmark and the injected benchmark below, which read all 24 files; the sequential judgement\'s unit tests (src/engine/sequential) use the first three days of machine_temperature_system_failure.csv and an engine test the first week of ec2_network_in_257a54.csv, both held out here. Until this benchmark drew each kind on its own and pooled five draws, it drew one draw in the order step, spike, ramp, none, four hours apart across kinds, and three short held-out files gave no effect-free deploy; the figures of that one draw are kept under "Before" below.'
  )
  return lines;
}

/** One console line per part, for whoever tunes (the tune part is never in the document). */
export function heldOutConsole(run) {
  const line = (name, s) =>
    `${name}: AUC ${f3(s.auc.engine)} (rz ${f3(s.auc.rz)}, mw ${f3(s.auc.mw)}, pct ${f3(s.auc.pct)}); clear steps roll_back within ${LOOKS.map((k) => `${k}: ${pct(s.within[k])}`).join(', ')} of ${s.clear}; false alarms ${pct(s.falseAlarmShare)} of ${s.none}; spikes fix_forward ${s.spikes.fixForward}/${s.spikes.cases}, hourly ${s.hourlySpikes.fixForward}/${s.hourlySpikes.cases}`;
  return process.env.EVAL_TUNE_ONLY ? line('tune', run.tune) : [line('tune', run.tune), line('held-out', run.heldOut)].join('\n');
}
