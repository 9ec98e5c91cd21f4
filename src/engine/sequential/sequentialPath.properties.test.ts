import fc from 'fast-check';

import { seededRandom, standardNormal } from '../../../preview/demo/scenario.mjs';

import { readNabFixture } from '../fixtures/readNabFixture';
import { scoreEvents } from '../scoreEvents';
import { Comparison, EventImpact, SeriesInput, Verdict } from '../types';
import { isSequentialReason } from './judgeSequentially';

/**
 * The metamorphic properties on the sequential path itself: what a gate polling every sample
 * sees in the first looks after a deploy, while the impact window is far from complete, so
 * only the sequential test can decide. Real backgrounds (the NAB excerpts in ../fixtures/nab,
 * 5-minute samples, three days or a week: enough history for the test to calibrate on), a
 * step of a share of the local level injected at a deploy row (CONSTRUCTED effect).
 * One fixed seed so a run is repeatable; set SAFEDEPLOY_PROPERTY_SEED to try another.
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

const BACKGROUNDS = [
  'rds_cpu_utilization_e47b3b.3days.csv',
  'elb_request_count_8c0756.3days.csv',
  'ec2_network_in_257a54.week.csv',
  'machine_temperature_system_failure.3days.csv',
].map((name) => ({ name, ...readNabFixture(name) }));

/** The looks a gate polling each sample makes (1: the deploy's own sample). The impact window holds 6 samples of 5-minute data: none of these looks completes it. */
const LOOKS = 5;

const STRENGTH: Record<string, number> = {
  [Verdict.Healthy]: 0,
  [Verdict.Watch]: 1,
  [Verdict.FixForward]: 2,
  [Verdict.RollBack]: 3,
};

interface Case {
  background: number;
  /** Deploy row as a share of the rows the background leaves after a day and a half of history. */
  at: number;
  /** Level after the deploy, as a multiple of the local level before it. */
  factor: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  background: fc.integer({ min: 0, max: BACKGROUNDS.length - 1 }),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  factor: fc.double({ min: 1.5, max: 6, noNaN: true }),
});

/** The case's deploy row and the background with the step from it on, cut at `look`, times `scale`. */
function seen(
  c: Case,
  look: number,
  scale = 1,
  factor = c.factor
): { times: number[]; values: number[]; deployAt: number } {
  const bg = BACKGROUNDS[c.background];
  const first = 432;
  const row = first + Math.floor(c.at * (bg.times.length - first - LOOKS - 1));
  const level = [...bg.values.slice(row - 8, row)].sort((a, b) => a - b)[4];
  const end = row + look;
  return {
    times: bg.times.slice(0, end),
    values: bg.values.slice(0, end).map((v, i) => (v + (i >= row ? (factor - 1) * level : 0)) * scale),
    deployAt: bg.times[row],
  };
}

/** The deploy as the gate judges it at a look: the data up to the look's sample, now there, the healthy side settled. */
function gateAt(s: { times: number[]; values: number[]; deployAt: number }): EventImpact {
  return scoreEvents([{ id: 'm', name: 'm', times: s.times, values: s.values }], [{ time: s.deployAt, id: 'deploy' }], {
    now: s.times[s.times.length - 1],
    sequential: { settle: true },
  })[0];
}

/** Rolled back by the sequential test before the window was complete. */
function decidedEarly(r: EventImpact, look: number): boolean {
  return (
    r.verdict === Verdict.RollBack &&
    r.reasons.some(isSequentialReason) &&
    r.decidedAfterSamples != null &&
    r.decidedAfterSamples <= look
  );
}

/** One result per look, 1..LOOKS. */
type Looks = (look: number) => EventImpact;

/** Whether the sequential test rolled the deploy back at one of looks 2..LOOKS (judged by `comparison` when given). */
function earlyAtSomeLook(judge: Looks, comparison?: Comparison): boolean {
  for (let look = 2; look <= LOOKS; look++) {
    const r = judge(look);
    if ((comparison === undefined || r.comparison === comparison) && decidedEarly(r, look)) {
      return true;
    }
  }
  return false;
}

/** At every look the same verdict, comparison and decision time (and the same settling). */
function sameAtEveryLook(a: Looks, b: Looks): void {
  const of = (r: EventImpact, look: number) => [
    look,
    r.verdict,
    r.comparison,
    r.decidedAfterSamples,
    r.healthyAfterSamples ?? null,
  ];
  for (let look = 1; look <= LOOKS; look++) {
    expect(of(b(look), look)).toStrictEqual(of(a(look), look));
  }
}

/**
 * At every look the bigger effect is judged no milder (insufficient data is outside the order),
 * and when both are rolled back not decided after more samples; its first roll_back look is no later.
 */
function neverMilderNorLater(small: Looks, big: Looks): void {
  let firstSmall = Infinity;
  let firstBig = Infinity;
  for (let look = 1; look <= LOOKS; look++) {
    const a = small(look);
    const b = big(look);
    if (a.verdict !== Verdict.InsufficientData && b.verdict !== Verdict.InsufficientData) {
      expect([look, STRENGTH[b.verdict] >= STRENGTH[a.verdict]]).toStrictEqual([look, true]);
    }
    if (a.verdict === Verdict.RollBack && b.verdict === Verdict.RollBack) {
      expect([look, b.decidedAfterSamples! <= a.decidedAfterSamples!]).toStrictEqual([look, true]);
    }
    firstSmall = a.verdict === Verdict.RollBack ? Math.min(firstSmall, look) : firstSmall;
    firstBig = b.verdict === Verdict.RollBack ? Math.min(firstBig, look) : firstBig;
  }
  expect(firstBig).toBeLessThanOrEqual(firstSmall);
}

/**
 * Runs a property and checks it was about the sequential path: in a third of the cases at least
 * the sequential test decided at looks 2..LOOKS (about half to nine tenths on seeds 1, 2, 3 and
 * the default; none with the sequential test switched off), or it would hold of complete windows alone.
 */
function onTheSequentialPath<T>(
  arb: fc.Arbitrary<T>,
  numRuns: number,
  check: (value: T) => Looks,
  comparison?: Comparison
): void {
  let runs = 0;
  let early = 0;
  fc.assert(
    fc.property(arb, (value) => {
      runs++;
      early += earlyAtSomeLook(check(value), comparison) ? 1 : 0;
    }),
    { seed: PROPERTY_SEED, numRuns }
  );
  expect(early).toBeGreaterThanOrEqual(runs / 3);
}

/** A look's results computed once. */
function memo(judge: Looks): Looks {
  const kept = new Map<number, EventImpact>();
  return (look) => kept.get(look) ?? kept.set(look, judge(look)).get(look)!;
}

describe('the sequential path: scaling and bigger effects at each look of a gate, before the impact window is complete', () => {
  it('gives the same verdict and decision time at every look when the series is multiplied by any positive factor', () => {
    onTheSequentialPath(fc.tuple(caseArb, fc.double({ min: -6, max: 6, noNaN: true })), 40, ([c, exponent]) => {
      const a = memo((look) => gateAt(seen(c, look)));
      const b = memo((look) => gateAt(seen(c, look, 10 ** exponent)));
      sameAtEveryLook(a, b);
      for (let look = 1; look <= LOOKS; look++) {
        expect(Math.abs(b(look).score - a(look).score)).toBeLessThanOrEqual(1e-6 * Math.max(1, a(look).score));
      }
      return a;
    });
  });

  it('never decides a bigger step later nor more mildly, at any look', () => {
    onTheSequentialPath(fc.tuple(caseArb, fc.double({ min: 1, max: 3, noNaN: true })), 40, ([c, more]) => {
      const a = memo((look) => gateAt(seen(c, look)));
      neverMilderNorLater(a, (look) => gateAt(seen(c, look, 1, 1 + (c.factor - 1) * more)));
      return a;
    });
  });

  it('says at each look the decision the gate polling that look would have stopped at: the first roll_back look is its decision time', () => {
    onTheSequentialPath(caseArb, 40, (c) => {
      const a = memo((look) => gateAt(seen(c, look)));
      for (let look = 1; look <= LOOKS; look++) {
        if (a(look).verdict === Verdict.RollBack) {
          expect([look, a(look).decidedAfterSamples]).toStrictEqual([look, look]);
          break;
        }
      }
      return a;
    });
  });
});

// CONSTRUCTED: a day of v1 alone at `requests` a minute, then v2 beside it taking a fifth of them
// at `worse` times v1's error ratio; per-minute counts (normal approximation to Poisson), errors
// judged against their requests. The gate's looks at 1..LOOKS minutes are far from the 30 the
// impact window holds, so only the sequential comparison of the versions can decide.
const MINUTE = 60_000;
const DAY_MINUTES = 1440;
const START = Date.UTC(2026, 10, 2);
const DEPLOY = START + DAY_MINUTES * MINUTE;

interface Canary {
  seed: number;
  requests: number;
  /** v1's error ratio. */
  ratio: number;
  /** v2's error ratio as a multiple of v1's. */
  worse: number;
}

const canaryArb: fc.Arbitrary<Canary> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  requests: fc.integer({ min: 3000, max: 50_000 }),
  ratio: fc.double({ min: 0.002, max: 0.05, noNaN: true }),
  worse: fc.double({ min: 2, max: 6, noNaN: true }),
});

/** The canary's series as the gate reads them `look` minutes after the deploy (look 1: the deploy's own minute); errors times `errorScale`; with `cutover`, v1 stops at the deploy. */
function canaryAt(c: Canary, look: number, errorScale = 1, worse = c.worse, cutover = false): SeriesInput[] {
  const random = seededRandom(c.seed);
  const count = (mean: number) => Math.max(0, Math.round(mean + standardNormal(random) * Math.sqrt(mean)));
  const make = (version: string, from: number, requests: (i: number) => number, ratio: number): SeriesInput => {
    const times: number[] = [];
    const errors: number[] = [];
    const totals: number[] = [];
    for (let i = from; i < DAY_MINUTES + look; i++) {
      const r = count(requests(i));
      times.push(START + i * MINUTE);
      totals.push(r);
      errors.push(count(r * ratio) * errorScale);
    }
    return {
      id: `errors ${version}`,
      name: `errors ${version}`,
      service: 'checkout',
      version,
      times,
      values: errors,
      total: { times, values: totals },
    };
  };
  // v2 is drawn first, so a bigger `worse` changes v2's errors alone.
  const v2 = make('v2', DAY_MINUTES, () => c.requests * (cutover ? 1 : 0.2), c.ratio * worse);
  const v1 = make('v1', 0, (i) => c.requests * (i >= DAY_MINUTES ? 0.8 : 1), c.ratio);
  if (cutover) {
    // A full cutover: v1 stops serving at the deploy, v2 takes all the traffic.
    const keep = Array.from(v1.times).filter((t) => t < DEPLOY).length;
    const times = Array.from(v1.times).slice(0, keep);
    return [
      {
        ...v1,
        times,
        values: Array.from(v1.values).slice(0, keep),
        total: { times, values: Array.from(v1.total!.values).slice(0, keep) },
      },
      v2,
    ];
  }
  return [v1, v2];
}

function gateOnCanary(series: SeriesInput[], look: number): EventImpact {
  const now = DEPLOY + (look - 1) * MINUTE;
  return scoreEvents(series, [{ time: DEPLOY, id: 'v2', service: 'checkout', version: 'v2', kind: 'deploy' }], {
    now,
    sequential: { settle: true },
  })[0];
}

describe('the sequential comparison of versions: scaling and bigger effects at each look of a gate, before the impact window is complete', () => {
  it('gives the same verdict, comparison and decision time at every look when the error ratio is read in another unit (errors alone multiplied by any positive factor)', () => {
    onTheSequentialPath(
      fc.tuple(canaryArb, fc.double({ min: -6, max: 6, noNaN: true })),
      25,
      ([c, exponent]) => {
        const a = memo((look) => gateOnCanary(canaryAt(c, look), look));
        sameAtEveryLook(a, (look) => gateOnCanary(canaryAt(c, look, 10 ** exponent), look));
        return a;
      },
      Comparison.Versions
    );
  });

  it('never decides a worse canary later nor more mildly, at any look', () => {
    onTheSequentialPath(
      fc.tuple(canaryArb, fc.double({ min: 1, max: 3, noNaN: true })),
      25,
      ([c, more]) => {
        const a = memo((look) => gateOnCanary(canaryAt(c, look), look));
        neverMilderNorLater(a, (look) => gateOnCanary(canaryAt(c, look, 1, c.worse * more), look));
        return a;
      },
      Comparison.Versions
    );
  });
});

describe('the sequential judgement of the whole service on a full cutover, at each look of a gate before the impact window is complete', () => {
  it('gives the same verdict, comparison and decision time at every look when the error ratio is read in another unit, and never decides a worse new version later or more mildly', () => {
    onTheSequentialPath(
      fc.tuple(canaryArb, fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true })),
      25,
      ([c, exponent, more]) => {
        const a = memo((look) => gateOnCanary(canaryAt(c, look, 1, c.worse, true), look));
        sameAtEveryLook(a, (look) => gateOnCanary(canaryAt(c, look, 10 ** exponent, c.worse, true), look));
        neverMilderNorLater(a, (look) => gateOnCanary(canaryAt(c, look, 1, c.worse * more, true), look));
        return a;
      },
      Comparison.Service
    );
  });
});
