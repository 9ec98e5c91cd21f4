import fc from 'fast-check';

import { seededRandom, standardNormal } from '../../../preview/demo/scenario.mjs';

import { DEFAULT_SEQUENTIAL_OPTIONS, withDefaults } from '../defaults';
import { readNabFixture } from '../fixtures/readNabFixture';
import { prepareSeries } from '../prepareSeries';
import { scoreEvents } from '../scoreEvents';
import { Direction, Verdict } from '../types';
import { calibratedNoise } from './sequentialSeries';
import { settledSeries } from './settled';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 2);
const HISTORY = 24 * 60;
const WAIT = 30;
const DEPLOY = START + HISTORY * MINUTE;
const OPTIONS = withDefaults({ afterMs: WAIT * MINUTE });
const MIN_LOOKS = OPTIONS.minAfterSamples;
/** The first look at least settleAfterMs after the deploy (the deploy's own sample is look 1). */
const SETTLE_LOOK = DEFAULT_SEQUENTIAL_OPTIONS.settleAfterMs / MINUTE + 1;
/** No time floor: for the properties of the test itself on one-minute samples. */
const ANY_TIME = { ...DEFAULT_SEQUENTIAL_OPTIONS, settleAfterMs: 0 };

/**
 * CONSTRUCTED: a day of one-minute samples at level 1000 with AR(1) noise of unit innovation
 * (`rho` 0: white), then the wait with `step` added, as a gate sees it `seen` minutes in.
 */
function simulated(seed: number, step: number, rho = 0, seen = WAIT) {
  const random = seededRandom(seed);
  const times: number[] = [];
  const values: number[] = [];
  let e = 0;
  for (let i = 0; i < HISTORY + seen; i++) {
    e = rho * e + standardNormal(random);
    times.push(START + i * MINUTE);
    values.push(1000 + e + (i >= HISTORY ? step : 0));
  }
  return prepareSeries({ id: 'm', name: 'metric', times, values });
}

// Real backgrounds (NAB excerpts, see ../fixtures/nab/README.md; 5-minute samples) with a
// step of `factor` times the local level from `row` on, cut `seen` samples after it.
const BACKGROUNDS = ['elb_request_count_8c0756.3days.csv', 'rds_cpu_utilization_e47b3b.3days.csv', 'machine_temperature_system_failure.3days.csv'].map((name) =>
  readNabFixture(name)
);

function stepped(c: { background: number; row: number; factor: number; seen: number }, scale = 1) {
  const bg = BACKGROUNDS[c.background];
  const level = [...bg.values.slice(c.row - 8, c.row)].sort((a, b) => a - b)[4];
  const end = c.row + c.seen;
  const values = bg.values.slice(0, end).map((v, i) => (v + (i >= c.row ? (c.factor - 1) * level : 0)) * scale);
  return { series: prepareSeries({ id: 'm', name: 'metric', times: bg.times.slice(0, end), values }), time: bg.times[c.row] };
}

const realCase = fc.record({
  background: fc.integer({ min: 0, max: BACKGROUNDS.length - 1 }),
  row: fc.integer({ min: 600, max: 830 }),
  factor: fc.double({ min: 1, max: 4, noNaN: true }),
  seen: fc.integer({ min: 1, max: 12 }),
});

describe('settledSeries', () => {
  it.each([
    ['white noise', 0],
    ['autocorrelated noise (AR(1), 0.7)', 0.7],
  ])('settles a harm exactly at the large threshold at most alpha of the time over every look of the wait: %s', (_, rho) => {
    // Seeded and counted, not timed: alpha 0.05 so 300 runs can show the share. The harm is
    // largeSize short-term noise SDs as the engine reads them from the day before the deploy
    // (the same series without the step has the same history): the edge of what it calls large.
    const seq = { ...ANY_TIME, alpha: 0.05 };
    const runs = 300;
    let settled = 0;
    for (let r = 0; r < runs; r++) {
      const noise = calibratedNoise(simulated(500 + r, 0, rho), DEPLOY, OPTIONS, seq, -1)!.noise;
      settled += settledSeries(simulated(500 + r, OPTIONS.thresholds.largeSize * noise, rho), DEPLOY, OPTIONS, seq, MIN_LOOKS) !== null ? 1 : 0;
    }
    expect(settled / runs).toBeLessThanOrEqual(seq.alpha);
  });

  it('settles an effect-free deploy on a quiet series at the first sample settleAfterMs after the deploy', () => {
    const at = Array.from({ length: 10 }, (_, r) => settledSeries(simulated(900 + r, 0), DEPLOY, OPTIONS, DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS));
    expect(at).toStrictEqual(Array(10).fill(SETTLE_LOOK));
    // Without the floor, after the fewest samples the engine judges.
    expect(settledSeries(simulated(900, 0), DEPLOY, OPTIONS, ANY_TIME, MIN_LOOKS)).toBe(MIN_LOOKS);
  });

  it('does not settle before a harm that starts as a rollout reaches the instances, minutes after the deploy', () => {
    // Three times the level from minute 4, 6 or 9 (a rolling update reaching the instances): four
    // one-minute samples without it were settled healthy before the harm showed.
    for (const from of [4, 6, 9]) {
      const s = simulated(950 + from, 0);
      const values = Array.from(s.values).map((v, i) => (i >= HISTORY + from ? 3 * v : v));
      const delayed = prepareSeries({ id: 'm', name: 'metric', times: Array.from(s.times), values });
      expect([from, settledSeries(delayed, DEPLOY, OPTIONS, DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS)]).toStrictEqual([from, null]);
    }
  });

  it('does not settle an intermittent harm whose tall samples outweigh the quiet ones between them', () => {
    // Every fourth sample from the second at eleven times the level (errors of a crash-looping
    // worker), the others as before: a mean excess of 2.5 times the level, over the large
    // threshold. Clipped below, each tall sample counted no more than a quiet one counted up, and
    // this settled after 5 samples.
    const s = simulated(960, 0);
    const values = Array.from(s.values).map((v, i) => (i >= HISTORY && (i - HISTORY) % 4 === 1 ? 11 * v : v));
    const intermittent = prepareSeries({ id: 'm', name: 'metric', times: Array.from(s.times), values });
    expect(settledSeries(intermittent, DEPLOY, OPTIONS, ANY_TIME, MIN_LOOKS)).toBeNull();
  });

  it('never settles a step of twice the level or more on a real background, at any look', () => {
    fc.assert(
      fc.property(realCase, (c) => {
        const { series, time } = stepped({ ...c, factor: 2 + c.factor });
        expect(settledSeries(series, time, withDefaults({}), DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS)).toBeNull();
      }),
      { seed: PROPERTY_SEED, numRuns: 60 }
    );
  });

  it('never settles a bigger step earlier, and gives the same answer when the series is scaled', () => {
    fc.assert(
      fc.property(realCase, fc.double({ min: 1, max: 3, noNaN: true }), fc.double({ min: 0.001, max: 1000, noNaN: true }), (c, more, scale) => {
        const at = (factor: number, by = 1) => {
          const { series, time } = stepped({ ...c, factor }, by);
          return settledSeries(series, time, withDefaults({}), DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS) ?? Infinity;
        };
        expect(at(1 + (c.factor - 1) * more)).toBeGreaterThanOrEqual(at(c.factor));
        expect(at(c.factor, scale)).toBe(at(c.factor));
      }),
      { seed: PROPERTY_SEED, numRuns: 40 }
    );
  });

  describe('edge cases', () => {
    it('does not settle before the fewest samples asked for, nor without history to calibrate on', () => {
      expect(settledSeries(simulated(7, 0, 0, MIN_LOOKS - 1), DEPLOY, OPTIONS, ANY_TIME, MIN_LOOKS)).toBeNull();
      expect(settledSeries(simulated(7, 0, 0, SETTLE_LOOK - 1), DEPLOY, OPTIONS, DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS)).toBeNull();
      const short = simulated(7, 0);
      const recent = prepareSeries({ id: 'm', times: Array.from(short.times).slice(HISTORY - 40), values: Array.from(short.values).slice(HISTORY - 40) });
      expect(settledSeries(recent, DEPLOY, OPTIONS, DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS)).toBeNull();
    });

    it('reads its unit at settleCalibrationShare, whatever calibrationShare the roll_back readings use', () => {
      // The autocorrelated history widens the unit, so the share it is matched at matters.
      const series = simulated(9, 0, 0.9);
      const unitAt = (seq: typeof DEFAULT_SEQUENTIAL_OPTIONS) => calibratedNoise(series, DEPLOY, OPTIONS, seq, -1)!.widening;
      expect(unitAt({ ...DEFAULT_SEQUENTIAL_OPTIONS, calibrationShare: 0.5 })).toBe(unitAt(DEFAULT_SEQUENTIAL_OPTIONS));
      expect(unitAt({ ...DEFAULT_SEQUENTIAL_OPTIONS, settleCalibrationShare: 0.99 })).not.toBe(unitAt(DEFAULT_SEQUENTIAL_OPTIONS));
    });

    it('needs both directions to settle for Direction.Either', () => {
      const either = withDefaults({ afterMs: WAIT * MINUTE, direction: Direction.Either });
      expect(settledSeries(simulated(8, 0), DEPLOY, either, DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS)).toBe(SETTLE_LOOK);
      expect(settledSeries(simulated(8, -50), DEPLOY, either, DEFAULT_SEQUENTIAL_OPTIONS, MIN_LOOKS)).toBeNull();
    });
  });
});

describe('healthyAfterSamples in scoreEvents', () => {
  const judge = (settle: boolean, step: number, seen: number) => {
    const s = simulated(11, step, 0, seen);
    return scoreEvents([{ id: 'm', name: 'metric', times: s.times, values: s.values }], [{ time: DEPLOY, id: 'deploy' }], {
      afterMs: WAIT * MINUTE,
      now: s.times[s.times.length - 1],
      sequential: { settle },
    })[0];
  };

  it('turns "no harm so far" into healthy once every series settled, saying after how many samples', () => {
    const result = judge(true, 0, SETTLE_LOOK + 1);
    expect([result.verdict, result.healthyAfterSamples, result.decidedAfterSamples]).toStrictEqual([Verdict.Healthy, SETTLE_LOOK, SETTLE_LOOK]);
    expect(result.reasons[0]).toMatch(new RegExp(`^settled after ${SETTLE_LOOK} samples: every series ruled out a large harmful change \\(e-value over 1,?000`));
    expect(judge(true, 0, SETTLE_LOOK - 1).verdict).toBe(Verdict.Watch);
  });

  it('leaves the verdict alone when not asked to settle, or when there is harm', () => {
    const unasked = judge(false, 0, 6);
    expect([unasked.verdict, unasked.healthyAfterSamples]).toStrictEqual([Verdict.Watch, undefined]);
    const harmed = judge(true, 30, 6);
    expect([harmed.verdict, harmed.healthyAfterSamples]).toStrictEqual([Verdict.RollBack, null]);
  });
});
