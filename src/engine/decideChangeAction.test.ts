import { EventKind } from '../vocabulary';
import { decideChangeAction } from './decideChangeAction';
import { withDefaults } from './defaults';
import { scoreEvents } from './scoreEvents';
import { EventImpact, SeriesInput, Severity, Verdict } from './types';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);
const at = (hours: number, minutes = 0) => START + hours * 60 * MINUTE + minutes * MINUTE;

/** Per-minute error counts around `base` for 12 hours, times `factor(t)`, with seeded noise. */
function errors(factor: (t: number) => number, base = 20): SeriesInput {
  let state = 7;
  const times: number[] = [];
  const values: number[] = [];
  for (let t = START; t < at(12); t += MINUTE) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    times.push(t);
    values.push(Math.max(0, Math.round(base * factor(t) + (state / 4294967296 - 0.5) * 2 * Math.sqrt(base))));
  }
  return { id: 'search', name: 'search errors', service: 'search', times, values };
}

const flag = (id: string, time: number, toState: string, extra: Record<string, unknown> = {}) => ({
  id,
  time,
  kind: EventKind.Flag,
  flagKey: 'new-checkout',
  environment: 'production',
  fromState: toState === 'off' ? 'on' : 'off',
  toState,
  ...extra,
});

describe('decideChangeAction through scoreEvents', () => {
  it('says turn the flag off, and recognises turning it off as the fix with the time to restore', () => {
    const series = errors((t) => (t >= at(10) && t < at(10, 8) ? 3.2 : 1));
    const [on, off] = scoreEvents([series], [flag('on', at(10), 'on'), flag('off', at(10, 8), 'off')]);
    expect(on.verdict).toBe(Verdict.TurnOff);
    expect(on.reasons[0]).toMatch(/^turn the flag off: search errors [\d.]+x since new-checkout was turned on in production$/);
    expect(on.decisionTaken).toBe(Verdict.TurnOff);
    expect(on.fixedBy).toBe('off');
    expect(on.reasons[1]).toMatch(/^turned off 8 min later: that fixed it, restored after \d+ min$/);
    expect(on.timeToRestoreMs).toBeGreaterThanOrEqual(8 * MINUTE);
    expect(on.timeToRestoreMs).toBeLessThanOrEqual(15 * MINUTE);
    expect(off.verdict).not.toBe(Verdict.TurnOff);
  });

  it('says turn the flag off while the harm goes on and nobody has turned it off', () => {
    const [on] = scoreEvents([errors((t) => (t >= at(10) ? 3 : 1))], [flag('on', at(10), 'on for 100%')]);
    expect(on.verdict).toBe(Verdict.TurnOff);
    expect(on.reasons[0]).toMatch(/since new-checkout was enabled for 100% in production$/);
    expect([on.decisionTaken, on.fixedBy]).toStrictEqual([null, null]);
  });

  it('does not take turning off another flag as the fix', () => {
    const series = errors((t) => (t >= at(10) && t < at(10, 8) ? 3.2 : 1));
    const [on] = scoreEvents([series], [flag('on', at(10), 'on'), flag('other', at(10, 8), 'off', { flagKey: 'dark-mode' })]);
    expect(on.verdict).toBe(Verdict.TurnOff);
    expect(on.fixedBy).not.toBe('other');
    expect(on.decisionTaken).toBeNull();
  });

  it('leaves a harmless flag change healthy', () => {
    const [on] = scoreEvents([errors(() => 1)], [flag('on', at(10), 'on')]);
    expect(on.verdict).toBe(Verdict.Healthy);
  });

  it('judges a deploy as before, whatever flags do', () => {
    const series = errors((t) => (t >= at(10) ? 3 : 1));
    const [deploy] = scoreEvents([series], [{ id: 'v2', time: at(10), kind: EventKind.Deploy, service: 'search' }]);
    expect(deploy.verdict).toBe(Verdict.RollBack);
  });

  it('draws an incident but does not score it, and it does not cut a change window', () => {
    const series = errors((t) => (t >= at(10) ? 3 : 1));
    const [incident, on] = scoreEvents([series], [{ id: 'inc', time: at(10, 5), kind: EventKind.Incident }, flag('on', at(10), 'on')]);
    expect(incident).toMatchObject({ verdict: Verdict.NotScored, score: 0, severity: Severity.None, moved: [] });
    expect(on.verdict).toBe(Verdict.TurnOff);
  });

  describe('edge cases', () => {
    const base: EventImpact = {
      time: at(10),
      id: 'x',
      score: 70,
      severity: Severity.High,
      verdict: Verdict.RollBack,
      reasons: ['r'],
      series: [],
      moved: ['missing'],
      fixedBy: null,
      timeToRestoreMs: null,
      attribution: null,
      decisionTaken: null,
      spike: null,
      event: flag('x', at(10), 'on'),
    };

    it('keeps the decision when the moved series is not among the results', () => {
      expect(decideChangeAction(base, [], withDefaults())).toBe(base);
    });

    it('keeps roll_back for a harmful turn-off: turning it back on is the rollback', () => {
      const off = { ...base, event: flag('x', at(10), 'off') };
      expect(decideChangeAction(off, [], withDefaults())).toBe(off);
    });
  });
});
