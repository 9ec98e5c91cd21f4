import fc from 'fast-check';

import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { computeKeys } from '../../dora';
import { ServiceDeploy } from '../dora/types';
import { DEFAULT_THRESHOLDS } from '../types';
import { countFiringAlerts } from './countFiringAlerts';
import { reviewReadiness } from './reviewReadiness';
import { toMarkdown } from './toMarkdown';
import { ItemStatus, MetricStatus, PagerLoad, ReadinessItemId } from './types';

const MIN = 60_000;
const DAY = 86_400_000;
const range = { from: 0, to: 30 * DAY };

function deploy(i: number, patch: Partial<ServiceDeploy> = {}): ServiceDeploy {
  return {
    id: `d${i}`,
    time: (i + 1) * DAY,
    service: 'web',
    version: `v${i}`,
    title: `Deploy v${i}`,
    url: null,
    kind: EventKind.Deploy,
    verdict: Verdict.Healthy,
    fixedBy: null,
    decisionTaken: null,
    timeToRestoreMs: null,
    rolledBack: false,
    failed: false,
    leadTimesMs: [],
    changes: 2,
    ...patch,
  };
}

function review(
  deploys: ServiceDeploy[],
  metric: MetricStatus = { state: 'reporting', series: 1 },
  pager: PagerLoad = { state: 'ok', firing: 0, lowerBound: false }
) {
  return reviewReadiness({
    service: 'web',
    range,
    deploys,
    keys: computeKeys(deploys, range),
    metric,
    pager,
    thresholds: DEFAULT_THRESHOLDS,
  });
}

const status = (r: ReturnType<typeof review>, id: ReadinessItemId) => r.items.find((i) => i.id === id)!.status;
const healthy = Array.from({ length: 10 }, (_, i) => deploy(i));

describe('reviewReadiness', () => {
  it('counts a failure not restored by the end of the range in time to restore, with the numbers of the keys', () => {
    // Restored in 20 min; the other failed 2 days before the end of the range and is still open.
    const deploys = [
      ...healthy,
      deploy(10, { failed: true, verdict: Verdict.FixForward, timeToRestoreMs: 20 * MIN }),
      deploy(27, { failed: true, verdict: Verdict.FixForward }),
    ];
    const item = review(deploys).items.find((i) => i.id === ReadinessItemId.TimeToRestore)!;
    expect(item.status).toBe(ItemStatus.Fail);
    expect(item.evidence).toBe(
      'median 24.2 h, worst 2 days over 2 failed changes, 1 not restored by the end of the range (counted as the time since they failed); judged 12 of 12'
    );
  });

  // CONSTRUCTED: ten deploys without a verdict (no metric data around them) could as well have failed.
  it('does not pass change failure rate while the changes without a verdict could carry it over the threshold', () => {
    const judged = [...healthy.slice(0, 9), deploy(9, { failed: true, verdict: Verdict.FixForward, timeToRestoreMs: 9 * MIN })];
    const unjudged = Array.from({ length: 10 }, (_, i) => deploy(10 + i, { verdict: null }));
    const item = review([...judged, ...unjudged]).items.find((i) => i.id === ReadinessItemId.ChangeFailureRate)!;
    expect(item.status).toBe(ItemStatus.Unknown);
    expect(item.evidence).toContain('judged 10 of 20: up to 55% if the 10 without a verdict failed');
    // Two without a verdict beside twenty-one judged: at most 3 of 23, under 15% either way.
    const few = [...healthy, ...healthy.map((d, i) => ({ ...d, id: `e${i}`, time: d.time + 12 * 3_600_000 })), ...unjudged.slice(0, 2), deploy(25, { failed: true, verdict: Verdict.RollBack })];
    expect(status(review(few), ReadinessItemId.ChangeFailureRate)).toBe(ItemStatus.Pass);
  });

  // CONSTRUCTED: an open failure is only known to take at least the time since it failed.
  it('does not pass time to restore while an open failure can still carry the median over the threshold', () => {
    const open = (minutesBeforeEnd: number) => deploy(28, { failed: true, verdict: Verdict.RollBack, time: range.to - minutesBeforeEnd * MIN });
    const restored = deploy(10, { failed: true, verdict: Verdict.FixForward, timeToRestoreMs: 5 * MIN });
    // 5 min restored, 30 min open so far: the median is at least 17.5 min, with no upper bound.
    const unknown = review([...healthy, restored, open(30)]).items.find((i) => i.id === ReadinessItemId.TimeToRestore)!;
    expect(unknown.status).toBe(ItemStatus.Unknown);
    expect(unknown.evidence).toContain('1 not restored by the end of the range (counted as the time since they failed, so the median may still pass the threshold)');
    // Two more quick restores: the median is 5 min whatever the open one takes.
    const quick = [restored, deploy(11, { failed: true, verdict: Verdict.FixForward, timeToRestoreMs: 5 * MIN }), deploy(12, { failed: true, verdict: Verdict.FixForward, timeToRestoreMs: 5 * MIN })];
    expect(status(review([...healthy, ...quick, open(30)]), ReadinessItemId.TimeToRestore)).toBe(ItemStatus.Pass);
  });

  // A restore 29 s after the deploy read "median 0 min, worst 0 min".
  it('says a time to restore under a minute in seconds', () => {
    const deploys = [...healthy, deploy(10, { failed: true, verdict: Verdict.FixForward, timeToRestoreMs: 29_000 })];
    const item = review(deploys).items.find((i) => i.id === ReadinessItemId.TimeToRestore)!;
    expect(item.evidence).toBe('median 29 s, worst 29 s over 1 failed change; judged 11 of 11');
  });

  it('passes both reviews when every item passes', () => {
    const r = review(healthy);
    expect(r.items.every((i) => i.status === ItemStatus.Pass)).toBe(true);
    expect(r.launch).toStrictEqual({ status: ItemStatus.Pass, failing: [], unknown: [] });
    expect(r.handoff.status).toBe(ItemStatus.Pass);
  });

  it.each([
    [
      'a failure rate at the threshold',
      [
        ...healthy.slice(0, 17),
        deploy(17, { failed: true, verdict: Verdict.FixForward, fixedBy: 'd18', timeToRestoreMs: 9 * MIN }),
        deploy(18),
        deploy(19),
      ].slice(0, 20),
      ReadinessItemId.ChangeFailureRate,
      ItemStatus.Pass,
    ],
    [
      'one failure in six deploys',
      [
        ...healthy.slice(0, 5),
        deploy(5, { failed: true, verdict: Verdict.FixForward, fixedBy: 'd6', timeToRestoreMs: 9 * MIN }),
      ],
      ReadinessItemId.ChangeFailureRate,
      ItemStatus.Fail,
    ],
    [
      'a slow restore',
      [...healthy, deploy(10, { failed: true, rolledBack: true, timeToRestoreMs: 90 * MIN })],
      ReadinessItemId.TimeToRestore,
      ItemStatus.Fail,
    ],
    [
      'a roll back verdict nobody acted on',
      [...healthy, deploy(10, { failed: true, verdict: Verdict.RollBack })],
      ReadinessItemId.UnresolvedRollBack,
      ItemStatus.Fail,
    ],
    ['too few deploys', healthy.slice(0, 4), ReadinessItemId.Deploys, ItemStatus.Fail],
    ['big batches', healthy.map((d) => ({ ...d, changes: 30 })), ReadinessItemId.SmallBatches, ItemStatus.Fail],
    [
      'no change counts from the provider',
      healthy.map((d) => ({ ...d, changes: null })),
      ReadinessItemId.SmallBatches,
      ItemStatus.Unknown,
    ],
    [
      'an unresolved harmful deploy in the warranty period',
      [...healthy.slice(0, 9), deploy(25, { failed: true, verdict: Verdict.FixForward })],
      ReadinessItemId.Warranty,
      ItemStatus.Fail,
    ],
  ])('judges %s', (_name, deploys, id, expected) => {
    expect(status(review(deploys as ServiceDeploy[]), id)).toBe(expected);
  });

  it('counts a turn_off verdict as acted on once the flag was turned off, and the harmful flag as a failed change', () => {
    const flag = (i: number, turnedOffAt: number | null) =>
      deploy(i, {
        id: `flag${i}`,
        kind: EventKind.Flag,
        version: 'semantic-search',
        flag: { key: 'semantic-search', toState: 'on', turnedOffAt },
        verdict: Verdict.TurnOff,
        failed: true,
        timeToRestoreMs: turnedOffAt === null ? null : 8 * MIN,
      });
    const acted = review([...healthy, flag(20, 21 * DAY)]);
    expect(status(acted, ReadinessItemId.UnresolvedRollBack)).toBe(ItemStatus.Pass);
    expect(acted.items.find((i) => i.id === ReadinessItemId.UnresolvedRollBack)!.evidence).toBe('The roll back or turn off verdict was acted on; judged 11 of 11');
    const cfr = acted.items.find((i) => i.id === ReadinessItemId.ChangeFailureRate)!;
    expect(cfr.evidence).toContain('1 of 11 changes (10 deploys and 1 flag change) failed (web semantic-search)');
    const open = review([...healthy, flag(20, null)]);
    expect(status(open, ReadinessItemId.UnresolvedRollBack)).toBe(ItemStatus.Fail);
    expect(open.items.find((i) => i.id === ReadinessItemId.UnresolvedRollBack)!.deploys.map((d) => d.id)).toStrictEqual([
      'flag20',
    ]);
    // Still on within the warranty period: unresolved harm.
    expect(status(open, ReadinessItemId.Warranty)).toBe(ItemStatus.Fail);
  });

  describe('edge cases', () => {
    it('marks rates unknown, never passed, without a reporting error metric', () => {
      const r = review(healthy, { state: 'missing' });
      expect(status(r, ReadinessItemId.Metric)).toBe(ItemStatus.Fail);
      expect(status(r, ReadinessItemId.ChangeFailureRate)).toBe(ItemStatus.Unknown);
      expect(r.launch.status).toBe(ItemStatus.Fail);
    });

    it('passes no verdict-based item when the metric reports but no deploy was judged (no 0% change failure rate)', () => {
      const unjudged = healthy.map((d) => ({ ...d, verdict: null }));
      const r = review(unjudged);
      const verdictBased = [
        ReadinessItemId.ChangeFailureRate,
        ReadinessItemId.TimeToRestore,
        ReadinessItemId.UnresolvedRollBack,
        ReadinessItemId.Warranty,
      ];
      expect(verdictBased.map((id) => status(r, id))).toStrictEqual(verdictBased.map(() => ItemStatus.Unknown));
      expect(r.items.find((i) => i.id === ReadinessItemId.ChangeFailureRate)!.evidence).toMatch(/judged 0 of 10/);
      expect(r.launch.status).toBe(ItemStatus.Unknown);
      expect(r.handoff.status).toBe(ItemStatus.Unknown);
    });

    // "1 deploys" in the evidence and the Markdown export.
    it('counts one deploy as "1 deploy"', () => {
      const one = review([deploy(25)]);
      expect(one.items.find((item) => item.id === ReadinessItemId.Deploys)!.evidence).toBe('1 deploy');
      expect(one.items.find((item) => item.id === ReadinessItemId.Warranty)!.evidence).toMatch(/^1 deploy in the period/);
    });

    it('says how many changes the rates rest on when only some were judged, and what the others could make it', () => {
      const r = review(healthy.map((d, i) => (i < 4 ? { ...d, verdict: null } : d)));
      const cfr = r.items.find((i) => i.id === ReadinessItemId.ChangeFailureRate)!;
      expect([cfr.status, cfr.evidence]).toStrictEqual([ItemStatus.Unknown, '0%: 0 of 10 deploys failed; judged 6 of 10: up to 40% if the 4 without a verdict failed']);
      const one = review(healthy.map((d, i) => (i < 1 ? { ...d, verdict: null } : d))).items.find((i) => i.id === ReadinessItemId.ChangeFailureRate)!;
      expect([one.status, one.evidence]).toStrictEqual([ItemStatus.Pass, '0%: 0 of 10 deploys failed; judged 9 of 10']);
    });

    it('says how many batch sizes are lower bounds, and fails a lower bound above the threshold', () => {
      const partial = healthy.map((d, i) => (i < 2 ? { ...d, changes: 30, changesLowerBound: true } : { ...d, changes: 2 }));
      const small = review(partial).items.find((item) => item.id === ReadinessItemId.SmallBatches);
      expect(small?.status).toBe(ItemStatus.Pass);
      expect(small?.evidence).toContain('2 deploys shipped more than could be read');
      const big = review(healthy.map((d) => ({ ...d, changes: 30, changesLowerBound: true })));
      expect(status(big, ReadinessItemId.SmallBatches)).toBe(ItemStatus.Fail);
    });

    it('marks pager load unknown when alerting state history is unavailable, and the hand-off review is not passed', () => {
      const r = review(healthy, undefined, { state: 'unavailable', reason: 'HTTP 404' });
      expect(status(r, ReadinessItemId.PagerLoad)).toBe(ItemStatus.Unknown);
      expect(r.launch.status).toBe(ItemStatus.Pass);
      expect(r.handoff).toStrictEqual({
        status: ItemStatus.Unknown,
        failing: [],
        unknown: [ReadinessItemId.PagerLoad],
      });
    });

    it('leaves pager load unknown when a cut history counts fewer alerts than the threshold, and fails it when even the lower bound is over', () => {
      const cut = review(healthy, undefined, { state: 'ok', firing: 3, lowerBound: true });
      expect(status(cut, ReadinessItemId.PagerLoad)).toBe(ItemStatus.Unknown);
      expect(cut.items.find((i) => i.id === ReadinessItemId.PagerLoad)!.evidence).toMatch(/^at least 3 alerts fired/);
      expect(status(review(healthy, undefined, { state: 'ok', firing: 200, lowerBound: true }), ReadinessItemId.PagerLoad)).toBe(
        ItemStatus.Fail
      );
    });

    it('fails pager load above the weekly threshold', () => {
      expect(status(review(healthy, undefined, { state: 'ok', firing: 20, lowerBound: false }), ReadinessItemId.PagerLoad)).toBe(
        ItemStatus.Fail
      );
    });
  });
});

describe('toMarkdown', () => {
  it('lists both reviews, every item, and links to the deploys behind failures; CI text cannot inject Markdown', () => {
    const bad = deploy(10, { failed: true, verdict: Verdict.RollBack, version: '[x](javascript:alert(1))' });
    const md = toMarkdown(
      review([...healthy, bad]),
      (id) => `https://grafana.example.com/a/app/services/web#deploy-${id}`
    );
    expect(md).toContain('- Launch readiness: fails on Median time to restore, Every roll back verdict was acted on');
    expect(md).toContain('| Every roll back verdict was acted on | FAIL |');
    expect(md).toContain('(https://grafana.example.com/a/app/services/web#deploy-d10)');
    expect(md).not.toContain('[x](javascript');
  });

  describe('edge cases', () => {
    // CommonMark ends a line at a lone carriage return too: CI text with one broke the table and started a list.
    it('starts no Markdown line from CI text, whatever line ending it carries', () => {
      const link = (id: string) => `https://grafana.example.com/a/app/services/web#deploy-${id}`;
      const plain = toMarkdown(review([...healthy, deploy(10, { failed: true, verdict: Verdict.RollBack, version: 'v1 1. injected' })]), link);
      for (const version of ['v1\r1. injected', 'v1\r\n1. injected', 'v1\n1. injected']) {
        const md = toMarkdown(review([...healthy, deploy(10, { failed: true, verdict: Verdict.RollBack, version })]), link);
        expect(md.split(/\r\n|\r|\n/)).toStrictEqual(plain.split('\n'));
      }
    });

    // CommonMark turns an entity into its character: CI text '&lt;b&gt;' read as '<b>', '&#91;x&#93;' as '[x]'.
    it('shows CI text with entity references as written', () => {
      const md = toMarkdown(review([...healthy, deploy(10, { failed: true, verdict: Verdict.RollBack, version: '&lt;b&gt; &#91;x&#93;' })]), (id) => `https://g.example/#${id}`);
      expect(md).toContain('\\&lt;b\\&gt; \\&\\#91;x\\&\\#93;');
    });

    // A service named `web)` cut the link at its parenthesis, so it opened the page of `web`.
    it('keeps the whole link when the service name holds parentheses', () => {
      const md = toMarkdown(
        review([...healthy, deploy(10, { failed: true, verdict: Verdict.RollBack })]),
        (id) => `https://grafana.example.com/a/app/services/web)(x?from=1&to=2#deploy-${id}`
      );
      expect(md).toContain('](https://grafana.example.com/a/app/services/web%29%28x?from=1&to=2#deploy-d10)');
    });
  });
});

describe('countFiringAlerts', () => {
  const frame = (lines: unknown[]) => ({
    schema: { fields: [{ name: 'time' }, { name: 'line' }, { name: 'labels' }] },
    data: { values: [lines.map((_, i) => i), lines, lines.map(() => ({}))] },
  });

  it('counts transitions into Alerting per service label, not alerts that stay firing', () => {
    const counts = countFiringAlerts(
      frame([
        { previous: 'Normal', current: 'Alerting', labels: { service: 'web' } },
        { previous: 'Alerting', current: 'Alerting', labels: { service: 'web' } },
        { previous: 'Pending', current: 'Alerting (Error)', labels: { service: 'checkout' } },
        JSON.stringify({ previous: 'Normal', current: 'Alerting', labels: { service: 'web' } }),
        { previous: 'Alerting', current: 'Normal', labels: { service: 'web' } },
        'not json',
      ]),
      'service'
    );
    expect(Object.fromEntries(counts!)).toStrictEqual({ web: 2, checkout: 1 });
  });

  it('returns null for a payload that is not a frame', () => {
    expect(countFiringAlerts({ message: 'not found' }, 'service')).toBeNull();
  });
});

describe('readiness figures and their thresholds', () => {
  const base = computeKeys(healthy, range);
  /** The review of `healthy` with its rate and median restore replaced, every change judged, every failure restored. */
  const withKeys = (rate: number, restoreMs: number, thresholds: Partial<typeof DEFAULT_THRESHOLDS>) =>
    reviewReadiness({
      service: 'web',
      range,
      deploys: healthy,
      keys: { ...base, changeFailureRate: rate, changeFailureRateMax: rate, failed: 1, timeToRestoreMedianMs: restoreMs, timeToRestoreWorstMs: restoreMs, timeToRestoreMedianMaxMs: restoreMs },
      metric: { state: 'reporting', series: 1 },
      pager: { state: 'ok', firing: 0, lowerBound: false },
      thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
    });
  const item = (r: ReturnType<typeof withKeys>, id: ReadinessItemId) => r.items.find((i) => i.id === id)!;
  const percentOf = (text: string) => Number(/^(?:under |median )*(\d+(?:\.\d+)?)%/.exec(text)![1]) / 100;
  const UNIT_MS: Record<string, number> = { s: 1000, min: MIN, h: 60 * MIN, days: DAY };
  const durationOf = (text: string) => {
    const m = /^(?:under |median )*(\d+(?:\.\d+)?) (s|min|h|days)/.exec(text)!;
    return Number(m[1]) * UNIT_MS[m[2]];
  };

  // A change failure rate of 14.96% passed "under 15%" while the evidence read "15%".
  it('shows the rate 14.96% as 14.96%, under the threshold it passes, not as 15%', () => {
    const cfr = item(withKeys(0.1496, 5 * MIN, {}), ReadinessItemId.ChangeFailureRate);
    expect(cfr.status).toBe(ItemStatus.Pass);
    expect(cfr.threshold).toBe('under 15%');
    expect(cfr.evidence.startsWith('14.96%: ')).toBe(true);
  });

  it('for any rate and threshold, the figures shown pass exactly when the review does', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 10_000 }), (rate, basisPoints) => {
        const threshold = basisPoints / 10_000;
        const cfr = item(withKeys(rate, 5 * MIN, { maxChangeFailureRate: threshold }), ReadinessItemId.ChangeFailureRate);
        expect({ rate, threshold, shownPass: percentOf(cfr.evidence) < percentOf(cfr.threshold) }).toStrictEqual({ rate, threshold, shownPass: cfr.status === ItemStatus.Pass });
      }),
      { numRuns: 1000 }
    );
  });

  it('for any median time to restore and threshold, the figures shown pass exactly when the review does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY }), fc.integer({ min: 1, max: 7 * 24 * 60 }), (restoreMs, minutes) => {
        const threshold = minutes * MIN;
        const ttr = item(withKeys(0, restoreMs, { maxMedianTimeToRestoreMs: threshold }), ReadinessItemId.TimeToRestore);
        expect({ restoreMs, threshold, shownPass: durationOf(ttr.evidence) < durationOf(ttr.threshold) }).toStrictEqual({ restoreMs, threshold, shownPass: ttr.status === ItemStatus.Pass });
      }),
      { numRuns: 1000 }
    );
  });
});
