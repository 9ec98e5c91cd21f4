// CONSTRUCTED stress backgrounds for the sequential judgement: the kinds of series the tune part
// of the NAB split has too few of (bursty quantised CPU, bursts that last, level shifts, heavy
// tails, daily ramps), generated from seeded random numbers. Nothing here is real data; it shows
// what each kind of background costs the engine, so changes can be tried without the held-out part.
import { seededRandom, standardNormal } from '../../preview/demo/scenario.mjs';
import { CLEAR, judgeCase } from './heldOut.mjs';
import { localNoise, median, shape } from './injected.mjs';

const STEP = 300_000;
const WEEK = 2016;
const AFTER = 24;
const START = Date.UTC(2026, 0, 5);

/** Quantised low values with bursts at `rate` per sample, lengths 1 + an exponential of mean `extra`. */
function bursts(random, rate, extra) {
  const out = new Float64Array(WEEK + AFTER);
  const level = 1 + 3 * random();
  let burst = 0;
  let height = 0;
  for (let i = 0; i < out.length; i++) {
    if (burst === 0 && random() < rate) {
      burst = 1 + Math.floor(-Math.log(Math.max(1e-9, random())) * extra);
      height = level * (0.5 + 6 * random());
    }
    const v = level + 0.08 * level * standardNormal(random) + (burst > 0 ? height : 0);
    burst = Math.max(0, burst - 1);
    out[i] = Math.max(0, Math.round(v * 10) / 10);
  }
  return out;
}

/** Background generators: values for WEEK + AFTER samples at 5-minute steps. */
export const BACKGROUNDS = {
  // Low CPU read to 0.1, with bursts of several times the level, mostly a single sample.
  burstyCpu(random) {
    return bursts(random, 0.03, 0.4);
  },
  // As burstyCpu, with bursts that often last several samples: a 2x step is then like the
  // series' own bursts for its first few samples, and a test that calls it early pays in false alarms.
  longBursts(random) {
    return bursts(random, 0.03, 1.5);
  },
  // A slowly wandering temperature with a sudden level shift about once a day.
  levelShifts(random) {
    const out = new Float64Array(WEEK + AFTER);
    let ar = 0;
    let shift = 0;
    for (let i = 0; i < out.length; i++) {
      if (random() < 1 / 288) {
        shift += (random() < 0.5 ? -1 : 1) * (3 + 6 * random());
      }
      shift *= 0.999;
      ar = 0.9 * ar + 0.5 * standardNormal(random);
      out[i] = 80 + shift + ar;
    }
    return out;
  },
  // Network bytes: daily cycle times independent log-normal noise.
  heavyTails(random) {
    const out = new Float64Array(WEEK + AFTER);
    const phase = random() * 2 * Math.PI;
    for (let i = 0; i < out.length; i++) {
      out[i] = 1e6 * Math.exp(0.5 * Math.sin((2 * Math.PI * i) / 288 + phase) + 0.35 * standardNormal(random));
    }
    return out;
  },
  // Requests with steep morning and evening ramps and mild noise.
  dailyRamps(random) {
    const out = new Float64Array(WEEK + AFTER);
    const phase = Math.floor(random() * 288);
    for (let i = 0; i < out.length; i++) {
      const h = ((i + phase) % 288) / 12;
      const day = 0.3 + 0.7 * Math.exp(-((h - 9) ** 2) / 4) + 0.9 * Math.exp(-((h - 19) ** 2) / 3);
      out[i] = 1000 * day * (1 + 0.03 * standardNormal(random));
    }
    return out;
  },
};

/** Cases: per background, `effects` steps at 2x, 3x, 5x the local level and `nulls` effect-free deploys, each on a fresh background. */
export function stressCases(seed, { effects = 24, nulls = 150 } = {}) {
  const cases = [];
  let n = 0;
  for (const [name, make] of Object.entries(BACKGROUNDS)) {
    for (let c = 0; c < effects + nulls; c++) {
      const random = seededRandom(seed * 7919 + n++);
      const values = make(random);
      const harmful = c < effects;
      const factor = harmful ? [2, 3, 5][c % 3] : 1;
      const level = median(Array.from(values.slice(WEEK - 6, WEEK)));
      const height = (factor - 1) * level;
      const noise = localNoise(values, WEEK, 288);
      for (let k = 0; k < AFTER; k++) {
        values[WEEK + k] += shape(harmful ? 'step' : 'none', k, 0, 6) * height;
      }
      const times = Float64Array.from(values, (_, i) => START + i * STEP);
      cases.push({ background: name, kind: harmful ? 'step' : 'none', harmful, factor, heightSds: height / noise, clear: harmful && height / noise >= CLEAR.noiseSds, at: WEEK, step: STEP, times, values, time: times[WEEK] });
    }
  }
  return cases;
}

/** Per background: clear steps judged roll_back within 2, 3, 5 samples, and false alarms of a per-sample poll. */
export function runStress(scoreEvents, defaults, seed = 7) {
  const rows = {};
  for (const c of stressCases(seed)) {
    const r = judgeCase(c, scoreEvents, defaults);
    const row = (rows[c.background] ??= { clear: 0, within: { 2: 0, 3: 0, 5: 0 }, none: 0, alarms: 0, alarmLooks: [] });
    if (c.clear) {
      row.clear++;
      for (const k of [2, 3, 5]) {
        row.within[k] += r.within[k] === 'roll_back' ? 1 : 0;
      }
    }
    if (!c.harmful) {
      row.none++;
      row.alarms += r.alarmAt !== null ? 1 : 0;
      if (r.alarmAt !== null) {
        row.alarmLooks.push(r.alarmAt);
      }
    }
  }
  return rows;
}

/** The seeds of the stress cases; every one was looked at while developing. */
export const STRESS_SEEDS = [7, 8, 9];

/** Per background over all seeds: clear steps, those judged roll_back within 2, 3, 5 samples, effect-free deploys and false alarms. */
export function stressTotals(scoreEvents, defaults) {
  const totals = {};
  for (const seed of STRESS_SEEDS) {
    for (const [name, r] of Object.entries(runStress(scoreEvents, defaults, seed))) {
      const t = (totals[name] ??= { clear: 0, within: { 2: 0, 3: 0, 5: 0 }, none: 0, alarms: 0, alarmLooks: [] });
      t.clear += r.clear;
      t.none += r.none;
      t.alarms += r.alarms;
      t.alarmLooks.push(...r.alarmLooks);
      for (const k of [2, 3, 5]) {
        t.within[k] += r.within[k];
      }
    }
  }
  return totals;
}

/** The stress section of docs/EVALUATION.md. */
export function stressLines(totals, tried) {
  const pct = (a, b) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  const lines = ['## Constructed stress backgrounds (development set)', ''];
  lines.push(
    `CONSTRUCTED series (scripts/eval/stress.mjs), not real data: the kinds of background the tune part of the split has too few of, generated from seeds ${STRESS_SEEDS.join(', ')}. A week of 5-minute samples before each deploy and two hours after; per background and seed, 24 steps (2x, 3x, 5x the local level) and 150 effect-free deploys, each on a fresh series; the same "clear step", "within N samples" and "per-sample poll" rules as the held-out benchmark above, except that the local level is the median of the 6 samples (30 minutes) before the deploy, not 8. They show what each kind of background costs, and let a change be tried without the held-out part. **longBursts** is built so that an early decision has a price: its bursts last several samples at up to 6.5 times the level, so a step to twice the level looks like one of them for its first samples, and a unit narrow enough to catch such steps early also lets some bursts cross (its false alarms below).`,
    ''
  );
  lines.push('| background | clear steps | roll_back within 2 / 3 / 5 samples | effect-free deploys judged roll_back at some look | looks of those |', '| --- | --- | --- | --- | --- |');
  let clear = 0;
  let within3 = 0;
  let none = 0;
  let alarms = 0;
  for (const [name, t] of Object.entries(totals)) {
    lines.push(`| ${name} | ${t.clear} | ${pct(t.within[2], t.clear)} / ${pct(t.within[3], t.clear)} / ${pct(t.within[5], t.clear)} | ${pct(t.alarms, t.none)} (${t.alarms} of ${t.none}) | ${t.alarmLooks.sort((a, b) => a - b).join(', ') || 'none'} |`);
    clear += t.clear;
    within3 += t.within[3];
    none += t.none;
    alarms += t.alarms;
  }
  lines.push(`| all | ${clear} | ${pct(within3, clear)} within 3 | ${pct(alarms, none)} (${alarms} of ${none}) | |`);
  lines.push('', `Look 6 is the end of the impact window, where the before/after test may say roll_back; earlier looks are the sequential test's. ${tried}`, '');
  return lines;
}
