import { withDefaults } from './defaults';
import { describeSpike } from './describe';
import { prepareSeries } from './prepareSeries';
import { spikeSize } from './spikeSize';
import { Direction } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;

function series(values: number[], extra: { errorRatio?: boolean; total?: number[] } = {}) {
  const times = values.map((_, i) => i * MINUTE);
  return prepareSeries({
    id: 'errors',
    times,
    values,
    errorRatio: extra.errorRatio,
    total: extra.total ? { times, values: extra.total } : undefined,
  });
}

describe('spikeSize', () => {
  it('sums the extra over the baseline median and finds the peak ratio', () => {
    const s = series([10, 10, 10, 10, 40, 30, 10, 10]);
    const size = spikeSize({ series: s, event: 4, end: 6, baseline: 10, baselineMean: 10, nonNegative: true, time: 4 * MINUTE, options: withDefaults() });
    expect(size).toStrictEqual({ peak: 40, peakRatio: 4, excess: 50, excessMs: 2 * MINUTE, budgetBurned: null });
  });

  it('counts a shortfall as the excess when lower is worse', () => {
    const s = series([100, 100, 100, 40, 70, 100]);
    const size = spikeSize({ series: s, event: 3, end: 5, baseline: 100, baselineMean: 100, nonNegative: true, time: 3 * MINUTE, options: withDefaults({ direction: Direction.Down }) });
    expect(size.excess).toBe(90);
    expect(size.peak).toBe(40);
    expect(size.peakRatio).toBeCloseTo(0.4);
  });

  it('gives the share of a 99.9% error budget burned by an error ratio', () => {
    // 60 minutes at 0.1 above a 0 baseline: 6 bad minutes; a 30-day budget at 99.9% is 43.2 minutes.
    const s = series([...new Array(10).fill(0), ...new Array(60).fill(0.1)], { errorRatio: true });
    const size = spikeSize({ series: s, event: 10, end: 70, baseline: 0, baselineMean: 0, nonNegative: true, time: 10 * MINUTE, options: withDefaults({ slo: { target: 0.999, windowMs: 30 * DAY } }) });
    expect(size.budgetBurned).toBeCloseTo(6 / 43.2, 6);
    expect(describeSpike(size, { target: 0.999, windowMs: 30 * DAY })).toBe('about 6 extra over 60 min, 14% of the 30-day error budget');
  });

  it('gives the share of the budget from a total series of requests', () => {
    // 1,000 requests a minute, so 30 days hold 43.2 million and the 99.9% budget is 43,200 errors.
    const s = series([...new Array(10).fill(5), ...new Array(10).fill(437)], { total: new Array(20).fill(1000) });
    const size = spikeSize({ series: s, event: 10, end: 20, baseline: 5, baselineMean: 5, nonNegative: true, time: 10 * MINUTE, options: withDefaults({ slo: { target: 0.999, windowMs: 30 * DAY } }) });
    expect(size.excess).toBe(4320);
    expect(size.budgetBurned).toBeCloseTo(0.1, 9);
  });

  describe('edge cases', () => {
    it('reports no budget without a total or an error ratio', () => {
      const s = series([1, 1, 9, 9]);
      const size = spikeSize({ series: s, event: 2, end: 4, baseline: 1, baselineMean: 1, nonNegative: true, time: 2 * MINUTE, options: withDefaults({ slo: { target: 0.999, windowMs: 30 * DAY } }) });
      expect(size.budgetBurned).toBeNull();
    });

    it('gives zeros for an empty impact', () => {
      const s = series([1, 1]);
      expect(spikeSize({ series: s, event: 2, end: 2, baseline: 1, baselineMean: 1, nonNegative: true, time: 2 * MINUTE, options: withDefaults() })).toStrictEqual({
        peak: 1,
        peakRatio: null,
        excess: 0,
        excessMs: 0,
        budgetBurned: null,
      });
    });
  });
});
