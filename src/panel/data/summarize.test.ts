import { EventImpact, Verdict } from '../../engine';
import { EventKind, EventStatus } from '../../events/types';
import { PanelEvent } from '../../frames/types';
import { computeKeys, buildChanges } from '../../dora';
import { makeScored } from '../testing/makeScored';
import { ScoredEvent } from '../types';
import { summarize, summaryText } from './summarize';

const MIN = 60_000;
const FROM = Date.UTC(2026, 0, 5);
const TO = FROM + 24 * 60 * MIN;
const RANGE = { from: FROM, to: TO };
const at = (minutes: number) => FROM + minutes * MIN;

/** CONSTRUCTED: a day of one service's changes, with the verdicts the panel shows for them. */
function day(): ScoredEvent[] {
  return [
    makeScored({ id: 'a', time: at(60) }, { verdict: Verdict.RollBack, timeToRestoreMs: 20 * MIN }),
    makeScored({ id: 'b', time: at(120) }, { verdict: Verdict.FixForward, timeToRestoreMs: 10 * MIN }),
    makeScored({ id: 'c', time: at(180) }, { verdict: Verdict.Healthy }),
    makeScored({ id: 'd', time: at(240) }, { verdict: Verdict.Watch }),
    makeScored({ id: 'e', time: at(300), kind: EventKind.Flag, flagKey: 'new-search', toState: 'on', source: 'unleash' }, { verdict: Verdict.TurnOff }),
    makeScored({ id: 'f', time: at(1380) }, { verdict: Verdict.RollBack, timeToRestoreMs: null }),
    // Not changes: an incident, a release, a deploy job that failed before reaching production.
    makeScored({ id: 'g', time: at(400), kind: EventKind.Incident }, { verdict: Verdict.NotScored }),
    makeScored({ id: 'h', time: at(500), kind: EventKind.Release }, { verdict: Verdict.RollBack }),
    makeScored({ id: 'i', time: at(600), status: EventStatus.Failure }, { verdict: Verdict.Healthy }),
  ];
}

describe('summarize', () => {
  it('counts deploys and flag changes, every failed change and unrestored failures up to the end of the range', () => {
    const keys = summarize(day(), RANGE);
    expect(keys.changes).toBe(6);
    expect(keys.deploys).toBe(5);
    expect(keys.flagChanges).toBe(1);
    // a, b, e (turn_off) and f failed; watch is not a failure but is a change
    expect(keys.failed).toBe(4);
    expect(keys.changeFailureRate).toBe(4 / 6);
    // 20 and 10 min restored; e not restored (5 pm to the end), f not restored (60 min to the end)
    expect(keys.unrestored).toBe(2);
    expect(keys.timeToRestoreMedianMs).toBe((20 * MIN + 60 * MIN) / 2);
  });

  it("gives the app's keys for the same events and verdicts (one computation)", () => {
    const scored = day();
    const impacts = new Map<string, EventImpact>(scored.map((s) => [s.event.id, s.impact]));
    const events: PanelEvent[] = scored.map((s) => s.event);
    expect(summarize(scored, RANGE)).toStrictEqual(computeKeys(buildChanges(events, impacts), RANGE));
  });

  it('leaves events still being scored without a verdict', () => {
    const scored = day().map((s) => ({ ...s, pending: true }));
    expect(summarize(scored, RANGE).failed).toBe(0);
  });

  describe('edge cases', () => {
    it('says n/a rather than 0% with no changes', () => {
      expect(summarize([], RANGE).changeFailureRate).toBeNull();
      expect(summaryText([], RANGE, 0)).toBe('0 deploys · change failure rate n/a · median time to restore no failures');
    });
  });
});

describe('summaryText', () => {
  it('says what the rate counts in the words of the app', () => {
    // Two of the four failures are still open: the median counts them to the end of the range, a lower bound.
    expect(summaryText(day(), RANGE, 0)).toBe('6 changes (5 deploys and 1 flag change) · change failure rate 66.7% · median time to restore at least 40 min (2 not restored)');
  });

  it('holds the rates back while events are being scored', () => {
    expect(summaryText(day(), RANGE, 3)).toBe('6 changes (5 deploys and 1 flag change) · change failure rate … · median time to restore …');
  });
});
