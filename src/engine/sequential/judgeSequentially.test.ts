import fc from 'fast-check';

import { readNabFixture } from '../fixtures/readNabFixture';
import { scoreEvents } from '../scoreEvents';
import { Direction, Verdict } from '../types';

/**
 * The properties below run from one fixed seed so a run is repeatable; set
 * SAFEDEPLOY_PROPERTY_SEED to try another (a failure prints the seed and path to replay).
 */
const PROPERTY_SEED = Number(process.env.SAFEDEPLOY_PROPERTY_SEED ?? 20_261_206);

// The sequential judgement inside scoreEvents, on a real background (rds CPU, 5-minute samples;
// see ../fixtures/nab/README.md): a gate that polls every sample sees the series up to `seen`
// samples after the deploy.

const bg = readNabFixture('rds_cpu_utilization_e47b3b.3days.csv');
const ROW = 700;

/** The background with a step of `factor` times the local level from `row` on, cut `seen` samples after `row`. */
function stepped(factor: number, seen: number, row = ROW, scale = 1) {
  const level = [...bg.values.slice(row - 8, row)].sort((a, b) => a - b)[4];
  const end = row + seen;
  const values = bg.values.slice(0, end).map((v, i) => (v + (i >= row ? (factor - 1) * level : 0)) * scale);
  return { times: bg.times.slice(0, end), values };
}

function judge(series: { times: number[]; values: number[] }, events = [{ time: bg.times[ROW], id: 'deploy' }], afterMs = 30 * 60_000) {
  const now = series.times[series.times.length - 1];
  return scoreEvents([{ id: 'cpu', name: 'cpu', ...series }], events, { direction: Direction.Up, now, afterMs });
}

describe('judgeSequentially inside scoreEvents', () => {
  it('rolls back a clear persisting step after two samples, before the impact window is complete', () => {
    const [result] = judge(stepped(3, 2));
    expect([result.verdict, result.decidedAfterSamples]).toStrictEqual([Verdict.RollBack, 2]);
    expect(result.reasons[0]).toMatch(/^decided after 2 samples: cpu 3(\.\d+)?x baseline, [\d.]+ noise SDs from baseline; e-value .* \(anytime-valid sequential test/);
  });

  it('says a fall as observed, a fraction of the baseline, when lower is worse', () => {
    // The background with a fall to a fifth of the local level: throughput that must not fall.
    const level = [...bg.values.slice(ROW - 8, ROW)].sort((a, b) => a - b)[4];
    const values = bg.values.slice(0, ROW + 2).map((v, i) => (i >= ROW ? Math.max(0, v - 0.8 * level) : v));
    const now = bg.times[ROW + 1];
    const [result] = scoreEvents([{ id: 'cpu', name: 'cpu', times: bg.times.slice(0, ROW + 2), values }], [{ time: bg.times[ROW], id: 'deploy' }], { direction: Direction.Down, now });
    expect(result.verdict).toBe(Verdict.RollBack);
    expect(result.reasons[0]).toMatch(/^decided after 2 samples: cpu 0\.\d+x baseline, /);
  });

  it('says after how many samples a verdict without a sequential decision was reached', () => {
    const [result] = judge(stepped(1, 12));
    expect(result.verdict).toBe(Verdict.Healthy);
    expect(result.decidedAfterSamples).toBe(6);
  });

  it('gives the same verdict and decision time when the series is multiplied by a positive factor', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 4, noNaN: true }), fc.integer({ min: 1, max: 8 }), fc.double({ min: 0.001, max: 1000, noNaN: true }), (factor, seen, scale) => {
        const [a] = judge(stepped(factor, seen));
        const [b] = judge(stepped(factor, seen, ROW, scale));
        expect([b.verdict, b.decidedAfterSamples]).toStrictEqual([a.verdict, a.decidedAfterSamples]);
      }),
      { seed: PROPERTY_SEED, numRuns: 40 }
    );
  });

  it('never decides a bigger step later nor more mildly at any look', () => {
    const strength = (v: Verdict) => [Verdict.Healthy, Verdict.Watch, Verdict.FixForward, Verdict.RollBack].indexOf(v);
    fc.assert(
      fc.property(fc.double({ min: 1, max: 4, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }), fc.integer({ min: 1, max: 8 }), (factor, more, seen) => {
        const [small] = judge(stepped(factor, seen));
        const [big] = judge(stepped(1 + (factor - 1) * more, seen));
        expect(strength(big.verdict)).toBeGreaterThanOrEqual(strength(small.verdict));
        if (small.verdict === Verdict.RollBack && big.verdict === Verdict.RollBack) {
          expect(big.decidedAfterSamples!).toBeLessThanOrEqual(small.decidedAfterSamples!);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 40 }
    );
  });

  it('does not keep a roll_back decided on a spike that has since gone, while the window fills', () => {
    // Three samples at three times the level, then as before: decided at the second sample, but
    // by the fifth the change is not there any more, so the decision does not stand.
    const level = [...bg.values.slice(ROW - 8, ROW)].sort((a, b) => a - b)[4];
    const at = (seen: number) => {
      const end = ROW + seen;
      const values = bg.values.slice(0, end).map((v, i) => v + (i >= ROW && i < ROW + 3 ? 2 * level : 0));
      return judge({ times: bg.times.slice(0, end), values })[0].verdict;
    };
    expect([at(2), at(5)]).toStrictEqual([Verdict.RollBack, Verdict.Watch]);
  });

  it("splits alpha over the event's series, so the chance that any of them crosses stays under alpha", () => {
    // The same step on one of four series: its boundary is 2/(alpha/4), four times one series'.
    const step = stepped(3, 3);
    const flat = { times: bg.times.slice(0, ROW + 3), values: bg.values.slice(0, ROW + 3) };
    const now = step.times[step.times.length - 1];
    const four = ['a', 'b', 'c'].map((id) => ({ id, name: `cpu ${id}`, ...flat }));
    const [alone] = scoreEvents([{ id: 'cpu', name: 'cpu', ...step }], [{ time: bg.times[ROW], id: 'deploy' }], { direction: Direction.Up, now });
    const [among] = scoreEvents([{ id: 'cpu', name: 'cpu', ...step }, ...four], [{ time: bg.times[ROW], id: 'deploy' }], { direction: Direction.Up, now });
    expect([alone.verdict, among.verdict]).toStrictEqual([Verdict.RollBack, Verdict.RollBack]);
    expect(alone.reasons[0]).toMatch(/over 2,?000 \(anytime-valid sequential test.*reaches it at any look with chance under 0\.1%\)$/);
    expect(among.reasons[0]).toMatch(/over 8,?000 \(anytime-valid sequential test.*reaches any of its 4 series at any look with chance under 0\.1%\)$/);
  });

  it('turns a flag off as soon as the sequential test decides, naming the series and after how many samples', () => {
    // A flag turned on and the series at three times its level from then: decided after two
    // samples, when before/after has found nothing yet. A flag's action is turn_off, which the
    // gate's --act carries out; roll_back on a flag change it cannot undo.
    const flag = [{ time: bg.times[ROW], id: 'flag', kind: 'flag', flagKey: 'new-checkout', toState: 'on' }];
    const [result] = judge(stepped(3, 2), flag);
    expect([result.verdict, result.decidedAfterSamples, result.moved]).toStrictEqual([Verdict.TurnOff, 2, ['cpu']]);
    expect(result.reasons[0]).toMatch(/^turn the flag off: cpu .* since new-checkout was turned on/);
    expect(result.reasons[1]).toMatch(/^decided after 2 samples: cpu 3(\.\d+)?x baseline/);
  });

  it('does not turn a flag off on a spike of one sample while the impact window fills', () => {
    // A flag turned on, the next sample at twice the level, then as before. The before/after test
    // reads it as a recovering change (fix_forward, for a flag turn_off), a fixed-window verdict
    // that holds its error rate only once the window is complete: read at every poll, it turned
    // the flag off at the fourth sample. Only the sequential test may act before then.
    const level = [...bg.values.slice(ROW - 8, ROW)].sort((a, b) => a - b)[4];
    const flag = [{ time: bg.times[ROW], id: 'flag', kind: 'flag', flagKey: 'new-checkout', toState: 'on' }];
    for (let seen = 1; seen <= 5; seen++) {
      const end = ROW + seen;
      const values = bg.values.slice(0, end).map((v, i) => v + (i === ROW ? level : 0));
      const [result] = judge({ times: bg.times.slice(0, end), values }, flag);
      expect([seen, result.verdict]).toStrictEqual([seen, Verdict.Watch]);
    }
  });

  describe('edge cases', () => {
    it('does not blame a deploy for a step that starts with the next change', () => {
      // An hour's window (12 samples); the next change after four clean samples, enough for the
      // first deploy to be judged on its own (cut) window, whose later eight would be stepped.
      const next = ROW + 4;
      const series = stepped(3, 12, next);
      const events = [
        { time: bg.times[ROW], id: 'first' },
        { time: bg.times[next], id: 'second' },
      ];
      const [first, second] = judge(series, events, 60 * 60_000);
      expect(first.reasons.join(' ')).not.toMatch(/decided after/);
      expect(second.verdict).toBe(Verdict.RollBack);
    });
  });
});
