import { Verdict } from '../vocabulary';
import { isFailedChange } from './isFailedChange';

describe('isFailedChange', () => {
  it.each([
    [Verdict.RollBack, null, false, true],
    [Verdict.FixForward, null, false, true],
    [Verdict.TurnOff, null, false, true],
    [Verdict.Healthy, null, true, true],
    [Verdict.Watch, Verdict.RollBack, false, true],
    [Verdict.Watch, null, false, false],
    [Verdict.Healthy, Verdict.FixForward, false, false],
    [null, null, false, false],
    [Verdict.InsufficientData, null, false, false],
  ])('verdict %s, decision taken %s, rolled back %s: failed %s', (verdict, decisionTaken, rolledBack, failed) => {
    expect(isFailedChange({ verdict, decisionTaken, rolledBack })).toBe(failed);
  });
});
