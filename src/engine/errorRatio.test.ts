import { seededRandom, standardNormal } from '../../preview/demo/scenario.mjs';

import { pairTotals } from './errorRatio';
import { scoreEvents } from './scoreEvents';
import { Direction, Verdict } from './types';

describe('pairTotals', () => {
  const times = [0, 60_000, 120_000];

  it('sums the request series that share the one error series\' service and version (requests split by instance)', () => {
    const errors = [{ id: 'e', name: 'checkout errors', service: 'checkout', times, values: [1, 2, 3] }];
    const totals = [
      { id: 'r{instance="a"}', service: 'checkout', times, values: [100, 100, 100] },
      // A second instance that starts serving at the second sample.
      { id: 'r{instance="b"}', service: 'checkout', times: times.slice(1), values: [50, 70] },
      { id: 'r{instance="c"}', service: 'search', times, values: [9, 9, 9] },
    ];
    const paired = pairTotals(errors, totals);
    expect(paired.series[0].total).toStrictEqual({ times, values: [100, 150, 170] });
    expect(paired.notes).toStrictEqual([]);
  });

  it('has no sum across a missed scrape, rather than a total short of its requests; a longer absence adds nothing', () => {
    const t = Array.from({ length: 8 }, (_, i) => i * 60_000);
    const errors = [{ id: 'e', service: 'checkout', times: t, values: t.map(() => 1) }];
    const totals = [
      { id: 'r{code="200"}', service: 'checkout', times: t, values: t.map(() => 100) },
      // Missed the scrape at 60 s; stopped after 120 s.
      { id: 'r{code="500"}', service: 'checkout', times: t.slice(0, 3), values: [5, NaN, 5] },
      // No 503s from 120 s until 420 s: not a missed scrape, no requests of that code.
      { id: 'r{code="503"}', service: 'checkout', times: [0, 60_000, 420_000], values: [1, 1, 1] },
    ];
    expect(pairTotals(errors, totals).series[0].total).toStrictEqual({
      times: [0, 120_000, 180_000, 240_000, 300_000, 360_000, 420_000],
      values: [106, 105, 100, 100, 100, 100, 101],
    });
  });

  it('pairs one error series with one request series where a label is missing on either side, never across services', () => {
    const errors = [{ id: 'e', name: 'checkout errors', service: 'checkout', times, values: [1, 1, 1] }];
    expect(pairTotals(errors, [{ id: 'r', times, values: [9, 9, 9] }]).series[0].total).toStrictEqual({ times, values: [9, 9, 9] });
    // Requests summed over versions pair with errors of one version: the version is missing, not different.
    expect(pairTotals([{ ...errors[0], version: 'v2' }], [{ id: 'r', service: 'checkout', times, values: [9, 9, 9] }]).series[0].total).toStrictEqual({ times, values: [9, 9, 9] });
    const other = pairTotals(errors, [{ id: 'r', service: 'search', times, values: [9, 9, 9] }]);
    expect(other.series[0].total).toBeUndefined();
    expect(other.notes).toStrictEqual(['no requests series with the same service and version as checkout errors: judged as a count']);
  });

  it('leaves error series as counts, with a note, when several of them share a key with several request series', () => {
    const errors = ['a', 'b'].map((instance) => ({ id: `e{instance="${instance}"}`, service: 'checkout', times, values: [1, 1, 1] }));
    const totals = ['a', 'b'].map((instance) => ({ id: `r{instance="${instance}"}`, service: 'checkout', times, values: [100, 100, 100] }));
    const paired = pairTotals(errors, totals);
    expect(paired.series.map((s) => s.total)).toStrictEqual([undefined, undefined]);
    expect(paired.notes).toStrictEqual([
      '2 requests series and 2 error series share the service and version of e{instance="a"}, so which requests go with which errors cannot be told: judged as a count; sum both queries by the same labels',
      '2 requests series and 2 error series share the service and version of e{instance="b"}, so which requests go with which errors cannot be told: judged as a count; sum both queries by the same labels',
    ]);
  });

  it('judges a deploy that moves traffic between instances at a steady error ratio healthy, as the ratio over all requests', () => {
    // CONSTRUCTED: two days of one-minute samples; 1,000 requests a minute split between two
    // instances, b taking most of them from the deploy on; errors 1% of all requests, with noise.
    const n = 2 * 1440;
    const minute = 60_000;
    const at = n - 60;
    const random = seededRandom(7);
    const t = Array.from({ length: n }, (_, i) => i * minute);
    const shareOfA = (i: number) => (i < at ? 0.5 : 0.1);
    const requestsA = t.map((_, i) => 1000 * shareOfA(i));
    const requestsB = t.map((_, i) => 1000 * (1 - shareOfA(i)));
    const errors = t.map(() => Math.max(0, 10 + Math.sqrt(10) * standardNormal(random)));
    const paired = pairTotals(
      [{ id: 'e', name: 'checkout errors', service: 'checkout', times: t, values: errors }],
      [
        { id: 'r{instance="b"}', service: 'checkout', times: t, values: requestsB },
        { id: 'r{instance="a"}', service: 'checkout', times: t, values: requestsA },
      ]
    );
    const verdictWith = (series: typeof paired.series) => scoreEvents(series, [{ time: t[at], id: 'deploy', service: 'checkout' }], { direction: Direction.Up })[0].verdict;
    expect(verdictWith(paired.series)).toBe(Verdict.Healthy);
    // Paired with instance a's requests alone, the ratio rises fivefold at the deploy.
    expect(verdictWith([{ ...paired.series[0], total: { times: t, values: requestsA } }])).toBe(Verdict.RollBack);
  });
});
