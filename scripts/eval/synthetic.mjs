// A seeded synthetic suite: error-rate series with daily seasonality and noise, and deploys
// whose true effect is known, one category per kind of change the engine must judge.

import { seededRandom as seeded } from '../../preview/demo/scenario.mjs';

const MINUTE = 60_000;
const DAY = 86_400_000;

function poisson(mean, random) {
  if (mean > 30) {
    const u = Math.max(1e-12, random());
    const v = random();
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > limit);
  return k - 1;
}

/** Daily pattern: quiet at night, a steep morning ramp, busy afternoons. */
function daily(t) {
  const hour = (t % DAY) / 3_600_000;
  return 0.35 + 0.65 / (1 + Math.exp(-(hour - 8) * 1.6)) - 0.3 / (1 + Math.exp(-(hour - 21) * 1.2));
}

export const CATEGORIES = [
  { name: 'benign', expected: ['healthy'], harmful: false },
  { name: 'benign at the morning ramp', expected: ['healthy'], harmful: false },
  { name: 'small change (x1.15)', expected: ['healthy', 'watch'], harmful: false },
  { name: 'spike that recovers', expected: ['fix_forward'], harmful: true },
  { name: 'step that persists', expected: ['roll_back'], harmful: true },
  { name: 'slow ramp', expected: ['roll_back', 'fix_forward'], harmful: true },
  { name: 'breaks a second service', expected: ['roll_back'], harmful: true },
  { name: 'fix 10 minutes after a bad deploy', expected: ['fix_forward'], harmful: true },
];

/**
 * One case: three days of per-minute error counts for services a and b, the deploy events,
 * and the injected harm (factor − 1, 0 when harmless). Deterministic for a seed.
 */
export function makeCase(category, seed) {
  const random = seeded(seed);
  const start = Date.UTC(2026, 0, 5);
  const end = start + 3 * DAY;
  const baseA = 3 + random() * 20;
  const baseB = 3 + random() * 20;
  const factor = 2 + random() * 2;
  const ramp = category.name === 'benign at the morning ramp';
  const deployAt = start + 2 * DAY + (ramp ? 7.5 * 3_600_000 : (10 + random() * 8) * 3_600_000) + Math.floor(random() * 30) * MINUTE;
  const effectA = (t) => {
    const since = t - deployAt;
    if (since < 0) {
      return 1;
    }
    switch (category.name) {
      case 'small change (x1.15)':
        return 1.15;
      case 'spike that recovers':
        return since < 8 * MINUTE ? factor : 1;
      case 'step that persists':
        return factor;
      case 'slow ramp':
        return 1 + (factor - 1) * Math.min(1, since / (30 * MINUTE));
      case 'fix 10 minutes after a bad deploy':
        return since < 11 * MINUTE ? factor : 1;
      default:
        return 1;
    }
  };
  const effectB = (t) => (category.name === 'breaks a second service' && t >= deployAt ? factor : 1);
  const times = [];
  const a = [];
  const b = [];
  for (let t = start; t < end; t += MINUTE) {
    times.push(t);
    a.push(poisson(baseA * daily(t) * effectA(t), random));
    b.push(poisson(baseB * daily(t) * effectB(t), random));
  }
  const events = [{ time: deployAt, id: 'deploy', service: 'a', kind: 'deploy', version: 'v2' }];
  if (category.name === 'fix 10 minutes after a bad deploy') {
    events.push({ time: deployAt + 10 * MINUTE, id: 'fix', service: 'a', kind: 'deploy', version: 'v3' });
  }
  return {
    series: [
      { id: 'a', name: 'a errors', service: 'a', times, values: a },
      { id: 'b', name: 'b errors', service: 'b', times, values: b },
    ],
    events,
    harm: category.harmful ? factor - 1 : category.name.startsWith('small') ? 0.15 : 0,
  };
}
