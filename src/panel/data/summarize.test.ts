import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { makeScored } from '../testing/makeScored';
import { summarize } from './summarize';

describe('summarize', () => {
  it('counts deploys, the change failure rate and the median time to restore', () => {
    const summary = summarize([
      makeScored({ id: 'a' }, { verdict: Verdict.RollBack, timeToRestoreMs: 20 * 60_000 }),
      makeScored({ id: 'b' }, { verdict: Verdict.FixForward, timeToRestoreMs: 10 * 60_000 }),
      makeScored({ id: 'c' }, { verdict: Verdict.Healthy }),
      makeScored({ id: 'd' }, { verdict: Verdict.Healthy }),
      makeScored({ id: 'e' }, { verdict: Verdict.Watch }),
      makeScored({ id: 'f', kind: EventKind.Incident }, { verdict: Verdict.RollBack }),
    ]);
    expect(summary).toStrictEqual({ deploys: 5, changeFailureRate: 0.5, medianTimeToRestoreMs: 15 * 60_000 });
  });

  it('says n/a rather than 0% when nothing could be judged', () => {
    expect(summarize([makeScored({}, { verdict: Verdict.InsufficientData })])).toStrictEqual({ deploys: 1, changeFailureRate: null, medianTimeToRestoreMs: null });
  });
});
