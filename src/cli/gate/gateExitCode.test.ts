import { Verdict } from '../../engine';
import { DEFAULT_FAIL_ON, GATE_EXIT, gateExitCode } from './gateExitCode';

describe('gateExitCode', () => {
  it.each([
    [Verdict.Healthy, DEFAULT_FAIL_ON, 0],
    [Verdict.Watch, DEFAULT_FAIL_ON, 0],
    [Verdict.FixForward, DEFAULT_FAIL_ON, 0],
    [Verdict.RollBack, DEFAULT_FAIL_ON, 12],
    [Verdict.InsufficientData, DEFAULT_FAIL_ON, 13],
    [Verdict.InsufficientData, [Verdict.RollBack], 0],
    [Verdict.FixForward, [Verdict.RollBack, Verdict.FixForward], 11],
    [Verdict.Watch, [Verdict.Watch], 10],
    [Verdict.InsufficientData, [Verdict.InsufficientData], 13],
    [Verdict.RollBack, [], 0],
  ])('%s with --fail-on %j exits %d', (verdict, failOn, code) => {
    expect(gateExitCode(verdict, failOn)).toBe(code);
  });

  it('gives every verdict and failure its own code', () => {
    const codes = Object.values(GATE_EXIT).filter((code) => code !== GATE_EXIT.pass);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
