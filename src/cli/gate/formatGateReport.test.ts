import { EventImpact, scoreEvents, Verdict } from '../../engine';
import { formatGateReport, GateReport } from './formatGateReport';
import { spikeOf } from './spikeOf';

const MINUTE = 60_000;
const DEPLOY = Date.UTC(2026, 0, 5, 12);

function impactOf(factor: number): EventImpact {
  const times: number[] = [];
  const values: number[] = [];
  for (let t = DEPLOY - 12 * 60 * MINUTE; t <= DEPLOY + 30 * MINUTE; t += MINUTE) {
    times.push(t);
    values.push((10 + ((t / MINUTE) % 7)) * (t >= DEPLOY ? factor : 1));
  }
  return scoreEvents(
    [{ id: 'e', name: 'errors|<b>*x*</b>', service: 'web', times, values }],
    [{ time: DEPLOY, service: 'web', id: 'd' }]
  )[0];
}

function report(impact: EventImpact, overrides: Partial<GateReport> = {}): GateReport {
  return {
    verdict: impact.verdict,
    exitCode: 12,
    fails: true,
    failOn: [Verdict.RollBack],
    deploy: { time: DEPLOY, service: 'web', id: 'd', title: null, from: '--deploy-time' },
    score: impact.score,
    severity: impact.severity,
    reasons: impact.reasons,
    spike: spikeOf(impact),
    data: { series: 1, samples: 751, stepMs: MINUTE, from: DEPLOY - 720 * MINUTE, to: DEPLOY + 30 * MINUTE },
    complete: true,
    stoppedEarly: false,
    waitedOut: false,
    metricsError: null,
    notices: [],
    grafanaUrl: 'https://grafana.example.com/d/x?from=1&to=2',
    elapsedMs: 0,
    impact,
    ...overrides,
  };
}

describe('formatGateReport', () => {
  it('gives the spike as before → after with the ratio, from the engine result', () => {
    const spike = spikeOf(impactOf(3))!;
    expect(spike.ratio).toBeGreaterThan(2.5);
    expect(spike.change).toBeCloseTo(spike.after - spike.before, 9);
    expect(spike.service).toBe('web');
  });

  it('prints a table whose first line is the verdict and what it does to the pipeline', () => {
    const text = formatGateReport(report(impactOf(3)), 'table');
    expect(text.split('\n')[0]).toBe('verdict    roll_back: fails the pipeline (exit 12)');
    expect(text).toMatch(/^spike {6}errors\|<b>\*x\*<\/b>: \d+(\.\d+)? → \d+(\.\d+)? \(\+[\d.]+, [\d.]+x baseline\)$/m);
  });

  it('keeps CI data as text in markdown: no markup, no link but the dashboard', () => {
    const text = formatGateReport(report(impactOf(3)), 'markdown');
    expect(text).toContain('errors\\|\\<b\\>\\*x\\*\\</b\\>');
    expect(text).not.toContain('<b>');
    expect(text.match(/\]\(/g)).toHaveLength(1);
  });

  it("prints JSON with the engine's series and no duplicate impact object", () => {
    const body = JSON.parse(formatGateReport(report(impactOf(3)), 'json'));
    expect(body.impact).toBeUndefined();
    expect(body.series[0].seriesId).toBe('e');
    expect(body).toMatchObject({ verdict: 'roll_back', exitCode: 12, fails: true });
  });

  it('says there is no verdict when nothing could be read, without repeating the error', () => {
    const text = formatGateReport(
      report(impactOf(1), {
        verdict: null,
        exitCode: 3,
        score: null,
        reasons: [],
        spike: null,
        data: null,
        metricsError: 'refused',
        impact: null,
      }),
      'table'
    );
    expect(text).toMatch(/^verdict {4}no verdict: the metrics could not be read \(exit 3\)$/m);
    expect(text).not.toContain('refused');
  });
});
