import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { changesText, computeKeys } from '../../dora';
import { doraBand, judgedBandText, unrestoredText } from './doraBand';
import { DoraBand, DoraKey, ServiceDeploy, ServiceKeys } from './types';
import { weeklyTrend } from './weeklyTrend';

const MIN = 60_000;
const DAY = 86_400_000;

function deploy(time: number, patch: Partial<ServiceDeploy> = {}): ServiceDeploy {
  return {
    id: `d${time}`,
    time,
    service: 'web',
    version: 'v1',
    title: '',
    url: null,
    kind: EventKind.Deploy,
    verdict: Verdict.Healthy,
    fixedBy: null,
    decisionTaken: null,
    timeToRestoreMs: null,
    rolledBack: false,
    failed: false,
    leadTimesMs: [],
    changes: null,
    ...patch,
  };
}

const keys = (patch: Partial<ServiceKeys>): ServiceKeys => ({
  deploys: 1,
  flagChanges: 0,
  changes: 1,
  failedFlagChanges: 0,
  deploysPerDay: 0,
  leadTimeMedianMs: null,
  leadTimeSamples: 0,
  changeFailureRate: null,
  changeFailureRateMax: null,
  failed: 0,
  judged: 1,
  timeToRestoreMedianMs: null,
  timeToRestoreWorstMs: null,
  timeToRestoreMedianMaxMs: null,
  unrestored: 0,
  ...patch,
});

describe('computeKeys', () => {
  it('counts failures over all deploys and every failure in time to restore, an open one as the time since it failed', () => {
    const range = { from: 0, to: 7 * DAY };
    const k = computeKeys(
      [
        deploy(DAY),
        deploy(2 * DAY, { failed: true, verdict: Verdict.RollBack, timeToRestoreMs: 25 * MIN }),
        deploy(3 * DAY, { failed: true, timeToRestoreMs: 9 * MIN }),
        deploy(4 * DAY, { failed: true }),
      ],
      range
    );
    expect(k).toStrictEqual({
      deploys: 4,
      flagChanges: 0,
      changes: 4,
      deploysPerDay: 4 / 7,
      leadTimeMedianMs: null,
      leadTimeSamples: 0,
      changeFailureRate: 0.75,
      changeFailureRateMax: 0.75,
      failed: 3,
      failedFlagChanges: 0,
      judged: 4,
      // 9 min, 25 min, and the open failure: at least the 3 days from it to the end of the range.
      timeToRestoreMedianMs: 25 * MIN,
      timeToRestoreWorstMs: 3 * DAY,
      // Were the open failure never restored, the median would be the larger of the other two.
      timeToRestoreMedianMaxMs: 25 * MIN,
      unrestored: 1,
    });
  });

  it('a failure not restored by the end of the range is never dropped from time to restore', () => {
    const range = { from: 0, to: 7 * DAY };
    const restoredOnly = computeKeys([deploy(DAY, { failed: true, timeToRestoreMs: 52 * MIN })], range);
    const withOpen = computeKeys(
      [deploy(DAY, { failed: true, timeToRestoreMs: 52 * MIN }), deploy(5 * DAY, { failed: true })],
      range
    );
    expect(withOpen.timeToRestoreWorstMs).toBe(2 * DAY);
    expect(withOpen.timeToRestoreMedianMs).toBeGreaterThan(restoredOnly.timeToRestoreMedianMs!);
    expect(withOpen.unrestored).toBe(1);
  });

  it('counts a harmful flag change as a failed change over deploys and flag changes, but not as a deploy', () => {
    const range = { from: 0, to: 7 * DAY };
    const flag = (time: number, patch: Partial<ServiceDeploy> = {}) =>
      deploy(time, { kind: EventKind.Flag, flag: { key: 'semantic-search', toState: 'on', turnedOffAt: null }, ...patch });
    const k = computeKeys(
      [
        deploy(DAY),
        deploy(2 * DAY, { failed: true, verdict: Verdict.RollBack, timeToRestoreMs: 25 * MIN }),
        flag(3 * DAY, { failed: true, verdict: Verdict.TurnOff, timeToRestoreMs: 8 * MIN }),
        flag(3 * DAY + 8 * MIN, { verdict: Verdict.Healthy }),
      ],
      range
    );
    expect([k.deploys, k.flagChanges, k.changes, k.failed, k.failedFlagChanges]).toStrictEqual([2, 2, 4, 2, 1]);
    expect(k.deploysPerDay).toBe(2 / 7);
    expect(k.changeFailureRate).toBe(0.5);
    // The flag's eight minutes count in time to restore beside the deploy's 25.
    expect([k.timeToRestoreMedianMs, k.timeToRestoreWorstMs]).toStrictEqual([16.5 * MIN, 25 * MIN]);
    expect(changesText(k)).toBe('4 changes (2 deploys and 2 flag changes)');
    expect(changesText(computeKeys([deploy(DAY), deploy(2 * DAY)], range))).toBe('2 deploys');
  });

  describe('edge cases', () => {
    it('gives nulls, not NaN, with no deploys in the range', () => {
      const k = computeKeys([deploy(10 * DAY)], { from: 0, to: DAY });
      expect(k.deploys).toBe(0);
      expect(k.changeFailureRate).toBeNull();
      expect(k.timeToRestoreMedianMs).toBeNull();
    });
  });
});

describe('doraBand', () => {
  it.each([
    [DoraKey.DeploymentFrequency, keys({ deploysPerDay: 2 }), DoraBand.Elite],
    [DoraKey.DeploymentFrequency, keys({ deploysPerDay: 1 / 3 }), DoraBand.High],
    [DoraKey.DeploymentFrequency, keys({ deploysPerDay: 1 / 20 }), DoraBand.Medium],
    [DoraKey.DeploymentFrequency, keys({ deploysPerDay: 1 / 90 }), DoraBand.Low],
    [DoraKey.ChangeFailureRate, keys({ changeFailureRate: 0.05 }), DoraBand.Elite],
    [DoraKey.ChangeFailureRate, keys({ changeFailureRate: 1 / 7 }), DoraBand.Medium],
    [DoraKey.ChangeFailureRate, keys({ changeFailureRate: 1 / 6 }), DoraBand.Low],
    [DoraKey.TimeToRestore, keys({ timeToRestoreMedianMs: 25 * MIN }), DoraBand.Elite],
    [DoraKey.TimeToRestore, keys({ timeToRestoreMedianMs: 60 * MIN }), DoraBand.High],
    [DoraKey.TimeToRestore, keys({ timeToRestoreMedianMs: 8 * DAY }), DoraBand.Low],
    [DoraKey.TimeToRestore, keys({ timeToRestoreMedianMs: 25 * MIN, failed: 2, unrestored: 1 }), null],
    [DoraKey.TimeToRestore, keys({ timeToRestoreMedianMs: 2 * 60 * MIN, timeToRestoreMedianMaxMs: 3 * 60 * MIN, failed: 3, unrestored: 1 }), DoraBand.High],
    [DoraKey.LeadTime, keys({ leadTimeMedianMs: 2 * DAY }), DoraBand.High],
    [DoraKey.LeadTime, keys({ leadTimeMedianMs: null }), null],
    [DoraKey.DeploymentFrequency, keys({ deploys: 0 }), null],
  ])('%s of %o is %s', (key, k, band) => {
    expect(doraBand(key, k)).toBe(band);
  });
});

describe('no band for a rate nothing was judged for', () => {
  // 0% over twelve deploys none of which has a verdict was banded Elite.
  it('gives change failure rate no band when no deploy has a verdict', () => {
    const range = { from: 0, to: 30 * DAY };
    const k = computeKeys(
      Array.from({ length: 12 }, (_, i) => deploy((i + 1) * DAY, { verdict: null })),
      range
    );
    expect([k.changeFailureRate, k.judged, doraBand(DoraKey.ChangeFailureRate, k)]).toStrictEqual([0, 0, null]);
  });

  it('gives time to restore no band when no deploy has a verdict, even with a quick rollback', () => {
    const range = { from: 0, to: 30 * DAY };
    const deploys = Array.from({ length: 12 }, (_, i) =>
      deploy((i + 1) * DAY, { verdict: null, ...(i === 3 ? { failed: true, rolledBack: true, timeToRestoreMs: 10 * MIN } : {}) })
    );
    const k = computeKeys(deploys, range);
    expect([k.timeToRestoreMedianMs, k.judged, doraBand(DoraKey.TimeToRestore, k)]).toStrictEqual([10 * MIN, 0, null]);
  });

  // CONSTRUCTED: 0% over twelve deploys of which one had a verdict was banded Elite, though the
  // eleven without one (no metric data around them) could as well have failed.
  it('gives change failure rate no band while the changes without a verdict could move it to another band', () => {
    const range = { from: 0, to: 30 * DAY };
    const deploys = Array.from({ length: 12 }, (_, i) => deploy((i + 1) * DAY, { verdict: i ? null : Verdict.Healthy }));
    const k = computeKeys(deploys, range);
    expect([k.changeFailureRate, k.changeFailureRateMax, doraBand(DoraKey.ChangeFailureRate, k)]).toStrictEqual([0, 11 / 12, null]);
    expect(judgedBandText(k)).toBe('judged 1 of 12: no band, the 11 without a verdict could move the rate to another');
  });

  it('bands a change failure rate the changes without a verdict cannot move out of its band', () => {
    const range = { from: 0, to: 30 * DAY };
    // Twenty judged healthy, one without a verdict: 0% to 4.8%, elite either way.
    const deploys = Array.from({ length: 21 }, (_, i) => deploy((i + 1) * DAY, { verdict: i ? Verdict.Healthy : null }));
    expect(doraBand(DoraKey.ChangeFailureRate, computeKeys(deploys, range))).toBe(DoraBand.Elite);
    expect(judgedBandText(computeKeys(deploys, range))).toBe('judged 20 of 21');
    // A rollback is a failure whether or not it has a verdict: every deploy rolled back is 100%, known.
    const rolledBack = Array.from({ length: 3 }, (_, i) => deploy((i + 1) * DAY, { verdict: i ? Verdict.RollBack : null, failed: true, rolledBack: true }));
    expect(computeKeys(rolledBack, range).changeFailureRateMax).toBe(1);
    expect(doraBand(DoraKey.ChangeFailureRate, computeKeys(rolledBack, range))).toBe(DoraBand.Low);
  });
});

describe('an unrestored failure is never banded elite', () => {
  // The search service showed "52 min / 52 min, 1 not restored" banded Elite: the open failure was dropped.
  it.each([1, 10, 59])('not even when it failed %i minutes before the end of the range', (minutes) => {
    const range = { from: 0, to: 7 * DAY };
    const k = computeKeys(
      [deploy(DAY, { failed: true, timeToRestoreMs: 52 * MIN }), deploy(range.to - minutes * MIN, { failed: true })],
      range
    );
    expect(k.timeToRestoreMedianMs).toBeLessThan(60 * MIN);
    // Half the failures are open: nothing bounds the median, so no band at all.
    expect(doraBand(DoraKey.TimeToRestore, k)).toBeNull();
  });
});

describe('time to restore band with failures still open', () => {
  // CONSTRUCTED: an open failure's restore time is only known to be at least the time since it
  // failed, so the median is known to lie between the median of those lower bounds and the
  // median with the open ones never restored.
  const range = { from: 0, to: 30 * DAY };
  const restoredIn = (minutes: number, count: number) =>
    Array.from({ length: count }, (_, i) => deploy((i + 1) * DAY, { failed: true, timeToRestoreMs: minutes * MIN }));

  it('is elite when the open failure cannot move the median off the restored ones', () => {
    // Ten restores in five minutes; one failure a minute before the end: the median is five minutes whatever it takes.
    const k = computeKeys([...restoredIn(5, 10), deploy(range.to - MIN, { failed: true })], range);
    expect([k.timeToRestoreMedianMs, k.unrestored, doraBand(DoraKey.TimeToRestore, k)]).toStrictEqual([5 * MIN, 1, DoraBand.Elite]);
    expect(unrestoredText(k)).toBe('1 not restored');
  });

  it('has no band when the open failures can still carry the median past the band', () => {
    // One restore in five minutes, one failure open for two hours: the median is at least an hour, with no upper bound.
    const k = computeKeys([...restoredIn(5, 1), deploy(range.to - 2 * 60 * MIN, { failed: true })], range);
    expect(k.timeToRestoreMedianMs).toBeLessThan(DAY);
    expect(doraBand(DoraKey.TimeToRestore, k)).toBeNull();
    expect(unrestoredText(k)).toBe('1 not restored: no band until the median is known to be in one');
  });
});

describe('weeklyTrend', () => {
  it('splits the range into weeks ending at its end and counts every deploy once', () => {
    const to = 30 * DAY;
    const weeks = weeklyTrend([deploy(0), deploy(23 * DAY), deploy(to - 7 * DAY), deploy(to)], { from: 0, to });
    expect(weeks.map((w) => w.keys.deploys)).toStrictEqual([1, 0, 0, 2, 1]);
    expect(weeks[weeks.length - 1].to).toBe(to);
  });
});
