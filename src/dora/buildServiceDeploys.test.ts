import { EventImpact, Verdict } from '../engine';
import { EventKind, EventStatus } from '../events/types';
import { PanelEvent } from '../frames/types';
import { buildServiceDeploys } from './buildServiceDeploys';

const MIN = 60_000;

function event(id: string, time: number, patch: Partial<PanelEvent> = {}): PanelEvent {
  return {
    id,
    time,
    timeEnd: null,
    title: `Deploy ${id}`,
    text: '',
    kind: EventKind.Deploy,
    status: EventStatus.Success,
    service: 'checkout',
    environment: 'production',
    version: id,
    commit: '',
    author: '',
    url: null,
    source: 'github',
    tags: [],
    ...patch,
  };
}

const impact = (verdict: Verdict, patch: Partial<EventImpact> = {}) =>
  ({ verdict, fixedBy: null, decisionTaken: null, timeToRestoreMs: null, ...patch }) as EventImpact;

describe('buildServiceDeploys', () => {
  it('marks the deploy a rollback undid as rolled back and failed, and keeps the engine verdicts', () => {
    const events = [
      event('v1', 0),
      event('v2', 10 * MIN),
      event('v1-again', 35 * MIN, { kind: EventKind.Rollback }),
      event('web-v1', 36 * MIN, { service: 'web' }),
    ];
    const impacts = new Map([
      [
        'v2',
        impact(Verdict.RollBack, { fixedBy: 'v1-again', decisionTaken: Verdict.RollBack, timeToRestoreMs: 26 * MIN }),
      ],
      ['v1-again', impact(Verdict.Healthy)],
      ['web-v1', impact(Verdict.InsufficientData)],
    ]);
    const deploys = buildServiceDeploys(events, impacts);
    expect(deploys.map((d) => [d.id, d.rolledBack, d.failed, d.verdict])).toStrictEqual([
      ['v1', false, false, null],
      ['v2', true, true, Verdict.RollBack],
      ['v1-again', false, false, Verdict.Healthy],
      ['web-v1', false, false, null],
    ]);
    expect(deploys[1].timeToRestoreMs).toBe(26 * MIN);
  });

  it('restores a rolled-back deploy the metrics showed no recovery for at the rollback', () => {
    const events = [event('v1', 0), event('v2', 10 * MIN), event('v1-again', 35 * MIN, { kind: EventKind.Rollback })];
    const deploys = buildServiceDeploys(events, new Map([['v2', impact(Verdict.Healthy)]]));
    expect([deploys[1].failed, deploys[1].timeToRestoreMs]).toStrictEqual([true, 25 * MIN]);
    expect(deploys[0].timeToRestoreMs).toBeNull();
  });

  it('counts fix_forward verdicts as failures even when nothing was rolled back', () => {
    const deploys = buildServiceDeploys(
      [event('v5.3.0', 0), event('v5.3.1', 9 * MIN)],
      new Map([['v5.3.0', impact(Verdict.FixForward, { fixedBy: 'v5.3.1' })]])
    );
    expect(deploys.map((d) => d.failed)).toStrictEqual([true, false]);
  });

  it('takes lead times and batch sizes from merged changes of the same service since its previous deploy', () => {
    const merge = (id: string, time: number, service = 'checkout') =>
      event(id, time, { kind: EventKind.Release, tags: ['change.merged'], service });
    const events = [
      merge('m1', 0),
      event('d1', 60 * MIN),
      merge('m2', 70 * MIN),
      merge('m3', 80 * MIN),
      merge('other', 85 * MIN, 'web'),
      event('d2', 100 * MIN),
    ];
    const deploys = buildServiceDeploys(events, new Map());
    expect(deploys.map((d) => [d.id, d.changes, d.leadTimesMs])).toStrictEqual([
      ['d1', null, []],
      ['d2', 2, [30 * MIN, 20 * MIN]],
    ]);
  });

  it('takes lead times and batch sizes from the changes a GitHub or GitLab deploy carries, deploy by deploy', () => {
    const events = [
      event('d1', 60 * MIN, { mergedChanges: 2, mergeTimes: [10 * MIN, 40 * MIN], mergedChangesLowerBound: false }),
      event('d2', 100 * MIN, { mergedChanges: 0, mergeTimes: [], mergedChangesLowerBound: false }),
      event('d3', 200 * MIN, { mergedChanges: 100, mergeTimes: [150 * MIN], mergedChangesLowerBound: true }),
      event('not-looked-up', 300 * MIN),
    ];
    const deploys = buildServiceDeploys(events, new Map());
    expect(deploys.map((d) => [d.id, d.changes, d.leadTimesMs, d.changesLowerBound ?? false])).toStrictEqual([
      ['d1', 2, [50 * MIN, 20 * MIN], false],
      ['d2', 0, [], false],
      ['d3', 100, [50 * MIN], true],
      ['not-looked-up', null, [], false],
    ]);
  });

  // CONSTRUCTED: a GitLab deployment job runs from `time` to `timeEnd`; the change runs in production once it finished.
  it('ends each lead time when the deploy finished, not when it started', () => {
    const events = [event('gl', 60 * MIN, { timeEnd: 80 * MIN, mergedChanges: 2, mergeTimes: [10 * MIN, 65 * MIN], mergedChangesLowerBound: false })];
    expect(buildServiceDeploys(events, new Map())[0].leadTimesMs).toStrictEqual([70 * MIN, 15 * MIN]);
  });

  describe('merged changes shipped by CDEvents deploys', () => {
    // CONSTRUCTED: CDEvents `change.merged` events and deploys of one service, as the CDEvents provider reads them.
    const merge = (id: string, time: number) => event(id, time, { kind: EventKind.Release, tags: ['change.merged'] });

    it('gives a production deploy the merges since the previous production deploy, not since a staging deploy', () => {
      const events = [
        event('p0', 0),
        event('s0', 5 * MIN, { environment: 'staging' }),
        merge('m1', 10 * MIN),
        event('staging', 60 * MIN, { environment: 'staging' }),
        event('production', 90 * MIN),
      ];
      const deploys = buildServiceDeploys(events, new Map());
      expect(deploys.map((d) => [d.id, d.changes, d.leadTimesMs])).toStrictEqual([
        ['p0', null, []],
        ['s0', null, []],
        ['staging', 1, [50 * MIN]],
        ['production', 1, [80 * MIN]],
      ]);
    });

    // The read starts at the range: merges before it are not there, so the oldest deploy's batch and lead times would be cut short.
    it('gives the first deploy of each environment in the read no batch or lead time, having no previous deploy to count from', () => {
      const events = [merge('m0', 30 * MIN), event('d1', 60 * MIN), merge('m2', 70 * MIN), event('d2', 100 * MIN), event('s1', 110 * MIN, { environment: 'staging' })];
      const deploys = buildServiceDeploys(events, new Map());
      expect(deploys.map((d) => [d.id, d.changes, d.leadTimesMs])).toStrictEqual([
        ['d1', null, []],
        ['d2', 1, [30 * MIN]],
        ['s1', null, []],
      ]);
    });

    it('gives a rollback deploy no merged changes: it went back to code already shipped, and the next deploy ships them', () => {
      const events = [
        event('v1', 0),
        merge('m2', 70 * MIN),
        event('v1-again', 80 * MIN, { kind: EventKind.Rollback }),
        event('v2', 100 * MIN),
      ];
      const deploys = buildServiceDeploys(events, new Map());
      expect(deploys.map((d) => [d.id, d.changes, d.leadTimesMs])).toStrictEqual([
        ['v1', null, []],
        ['v1-again', 0, []],
        ['v2', 1, [30 * MIN]],
      ]);
    });
  });

  describe('edge cases', () => {
    it('leaves out failed or unfinished deploy jobs and non-deploy events, and says "unknown" for batches without merge events', () => {
      const events = [
        event('ok', 0),
        event('failed-job', 1, { status: EventStatus.Failure }),
        event('running', 2, { status: EventStatus.InProgress }),
        event('pipeline', 3, { kind: EventKind.Pipeline }),
        event('release', 4, { kind: EventKind.Release }),
      ];
      const deploys = buildServiceDeploys(events, new Map());
      expect(deploys.map((d) => d.id)).toStrictEqual(['ok']);
      expect(deploys[0].changes).toBeNull();
      expect(deploys[0].leadTimesMs).toStrictEqual([]);
    });
  });
});
