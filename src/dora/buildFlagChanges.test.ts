import { EventImpact, Verdict } from '../engine';
import { EventKind, EventStatus } from '../events/types';
import { PanelEvent } from '../frames/types';
import { computeKeys } from './computeKeys';
import { buildFlagChanges } from './buildFlagChanges';

const MIN = 60_000;

/**
 * CONSTRUCTED: a flag event as the Unleash provider reads `feature-environment-enabled` and
 * `-disabled` (tests/fixtures/ci/unleash, see readUnleash.test.ts), after the frames round trip.
 */
function flag(id: string, time: number, toState: string, patch: Partial<PanelEvent> = {}): PanelEvent {
  return {
    id,
    time,
    timeEnd: null,
    title: `Flag semantic-search turned ${toState} in production`,
    text: '',
    kind: EventKind.Flag,
    status: EventStatus.Success,
    service: 'search',
    environment: 'production',
    version: '',
    commit: '',
    author: 'mia',
    url: null,
    source: 'unleash',
    tags: [],
    flagKey: 'semantic-search',
    fromState: toState === 'on' ? 'off' : 'on',
    toState,
    ...patch,
  };
}

const impact = (verdict: Verdict, patch: Partial<EventImpact> = {}) =>
  ({ verdict, fixedBy: null, decisionTaken: null, timeToRestoreMs: null, ...patch }) as EventImpact;

describe('buildFlagChanges', () => {
  it('lists a harmful flag turned on as a failed change with its turn_off verdict, restored by turning it off', () => {
    const events = [flag('unleash:301', 0, 'on'), flag('unleash:302', 8 * MIN, 'off')];
    const impacts = new Map([
      [
        'unleash:301',
        impact(Verdict.TurnOff, { fixedBy: 'unleash:302', decisionTaken: Verdict.TurnOff, timeToRestoreMs: 9 * MIN }),
      ],
      ['unleash:302', impact(Verdict.Healthy)],
    ]);
    const changes = buildFlagChanges(events, impacts);
    expect(changes.map((c) => [c.id, c.kind, c.verdict, c.failed, c.decisionTaken, c.timeToRestoreMs])).toStrictEqual([
      ['unleash:301', EventKind.Flag, Verdict.TurnOff, true, Verdict.TurnOff, 9 * MIN],
      ['unleash:302', EventKind.Flag, Verdict.Healthy, false, null, null],
    ]);
    expect(changes[0].flag).toStrictEqual({ key: 'semantic-search', toState: 'on', turnedOffAt: 8 * MIN });
    expect(changes[1].flag).toStrictEqual({ key: 'semantic-search', toState: 'off', turnedOffAt: null });
  });

  it('counts a turn_off verdict as acted on when the flag was turned off after it, even outside the engine window', () => {
    // The engine saw no turning off (decisionTaken null); the flag was turned off two hours later.
    const events = [flag('on', 0, 'on'), flag('off', 120 * MIN, 'off')];
    const changes = buildFlagChanges(events, new Map([['on', impact(Verdict.TurnOff)]]));
    expect([changes[0].decisionTaken, changes[0].timeToRestoreMs]).toStrictEqual([Verdict.TurnOff, 120 * MIN]);
  });

  it('makes a harmful flag change count in the change failure rate of its service', () => {
    const events = [flag('on', 0, 'on'), flag('off', 8 * MIN, 'off')];
    const changes = buildFlagChanges(events, new Map([['on', impact(Verdict.TurnOff, { timeToRestoreMs: 9 * MIN })]]));
    const keys = computeKeys(changes, { from: 0, to: 60 * MIN });
    expect([keys.changes, keys.failed, keys.failedFlagChanges, keys.changeFailureRate]).toStrictEqual([2, 1, 1, 0.5]);
  });

  describe('edge cases', () => {
    it('keeps turnings off of other flags, other environments and other services apart', () => {
      const events = [
        flag('on', 0, 'on'),
        flag('other-flag', MIN, 'off', { flagKey: 'dark-mode' }),
        flag('staging', 2 * MIN, 'off', { environment: 'staging' }),
        flag('other-service', 3 * MIN, 'off', { service: 'web' }),
      ];
      const [on] = buildFlagChanges(events, new Map([['on', impact(Verdict.TurnOff)]]));
      expect([on.flag?.turnedOffAt, on.decisionTaken, on.timeToRestoreMs]).toStrictEqual([null, null, null]);
    });

    it('leaves out config changes without a flag key, deploys, and gives no verdict without a scored metric', () => {
      const events = [
        flag('config', 0, 'on', { kind: EventKind.Config, flagKey: 'max-connections' }),
        flag('no-key', MIN, 'on', { flagKey: '' }),
        flag('deploy', 2 * MIN, 'on', { kind: EventKind.Deploy }),
        flag('unscored', 3 * MIN, 'on'),
      ];
      const changes = buildFlagChanges(events, new Map([['unscored', impact(Verdict.InsufficientData)]]));
      expect(changes.map((c) => [c.id, c.verdict, c.failed])).toStrictEqual([['unscored', null, false]]);
    });
  });
});
