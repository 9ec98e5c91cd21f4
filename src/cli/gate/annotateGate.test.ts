/**
 * @jest-environment node
 */
import { Verdict } from '../../engine';
import { createScrubber } from '../../http/createScrubber';
import { annotateGate } from './annotateGate';
import { GateReport } from './formatGateReport';
import { GATE_EXIT } from './gateExitCode';
import { GateArgs } from './parseGateArgs';

// --annotate-required against a Grafana that cannot be reached (nothing listens on port 9): the
// write fails at once, and what it does to the exit status is what is tested.
const args = {
  annotate: { grafana: 'http://127.0.0.1:9', token: 't', required: true },
  deploy: { time: Date.UTC(2026, 0, 5, 10), service: 'web' },
  timeoutMs: 2_000,
} as Partial<GateArgs> as GateArgs;

/** The parts of a report annotateGate reads: a roll_back verdict with the given exit status. */
function report(exitCode: number): GateReport {
  return {
    verdict: Verdict.RollBack,
    exitCode,
    fails: true,
    failOn: [Verdict.RollBack],
    deploy: { time: Date.UTC(2026, 0, 5, 10), service: 'web', id: 'deploy', title: null, from: '--deploy-time' },
    reasons: ['errors 3.1x'],
    grafanaUrl: null,
  } as Partial<GateReport> as GateReport;
}

describe('annotateGate with --annotate-required', () => {
  it('exits 5 when the verdict could not be written', async () => {
    const lines: string[] = [];
    expect(await annotateGate(args, report(GATE_EXIT.roll_back), {}, createScrubber([]), (l) => lines.push(l))).toBe(GATE_EXIT.annotateFailed);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^could not annotate Grafana: .*\(exit 5, --annotate-required\)$/);
  });

  // Regression: a verdict from a read answered in part exited 5, where docs/ci.md says "the status is still 3".
  it('leaves exit 3 (metrics lost) standing, and does not say exit 5', async () => {
    const lines: string[] = [];
    expect(await annotateGate(args, report(GATE_EXIT.metricsUnreadable), {}, createScrubber([]), (l) => lines.push(l))).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^could not annotate Grafana: /);
    expect(lines[0]).not.toContain('exit 5');
  });
});
