import { EventImpact, scoreEvents, Verdict } from '../../engine';
import { createScrubber } from '../../http/createScrubber';
import { formatGateFailure, formatGateReport, GateReport } from './formatGateReport';
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
    decidedAfterSamples: impact.decidedAfterSamples ?? null,
    // The deploy is on the step grid: its own sample is the first, so n samples end n − 1 steps after it.
    decidedAfterMs: impact.decidedAfterSamples != null ? (impact.decidedAfterSamples - 1) * MINUTE : null,
    settledAfterSamples: null,
    settledAfterMs: null,
    spike: spikeOf(impact),
    data: { series: 1, samples: 751, stepMs: MINUTE, from: DEPLOY - 720 * MINUTE, to: DEPLOY + 30 * MINUTE },
    complete: true,
    stoppedEarly: false,
    waitedOut: false,
    metricsError: null,
    notices: [],
    grafanaUrl: 'https://grafana.example.com/d/x?from=1&to=2',
    elapsedMs: 0,
    action: null,
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

  it('says after how many samples the verdict was reached, and when the last of them was taken', () => {
    const impact = impactOf(3);
    const n = impact.decidedAfterSamples!;
    expect(n).toBeGreaterThanOrEqual(2);
    const text = formatGateReport(report(impact), 'table');
    expect(text.split('\n')[1]).toBe(`decided    roll_back, decided after ${n} samples (${n - 1}m00s after the deploy)`);
    const body = JSON.parse(formatGateReport(report(impact), 'json'));
    expect(body).toMatchObject({ decidedAfterSamples: n, decidedAfterMs: (n - 1) * MINUTE, settledAfterSamples: null, settledAfterMs: null, action: null });
    // The job summary a CI run shows says it too.
    expect(formatGateReport(report(impact), 'markdown')).toMatch(new RegExp(`^\\| decided \\| roll\\\\\\_back, decided after ${n} samples \\(${n - 1}m00s after the deploy\\) \\|$`, 'm'));
  });

  it("prints the time the report gives, not samples × step (a deploy between samples, a canary that started late)", () => {
    const late = formatGateReport(report(impactOf(3), { decidedAfterSamples: 2, decidedAfterMs: 90_000 }), 'table');
    expect(late.split('\n')[1]).toBe('decided    roll_back, decided after 2 samples (1m30s after the deploy)');
    const unknown = formatGateReport(report(impactOf(3), { decidedAfterSamples: 2, decidedAfterMs: null }), 'table');
    expect(unknown.split('\n')[1]).toBe('decided    roll_back, decided after 2 samples');
  });

  it('says a healthy verdict settled early, and the action taken, in the table and the JSON', () => {
    const action = { outcome: 'none' as const, message: 'no action: the verdict is healthy; the gate acts on turn_off (a flag change) and roll_back only.' };
    const healthy = report(impactOf(1), { verdict: Verdict.Healthy, exitCode: 0, fails: false, settledAfterSamples: 6, settledAfterMs: 5 * MINUTE + 20_000, stoppedEarly: true, complete: false, action });
    const text = formatGateReport(healthy, 'table');
    expect(text).toMatch(/^decided {4}healthy, settled after 6 samples \(5m20s after the deploy\)$/m);
    expect(text).toMatch(/stopped early: the sequential test already ruled out a large harmful change$/m);
    expect(text).toMatch(/^action {5}no action: the verdict is healthy;/m);
    expect(JSON.parse(formatGateReport(healthy, 'json'))).toMatchObject({ settledAfterSamples: 6, settledAfterMs: 320_000, action });
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
    expect(body).toMatchObject({ verdict: 'roll_back', exitCode: 12, fails: true, partial: false });
  });

  it('marks the JSON partial when the verdict rests on metrics read in part, or none could be read', () => {
    const inPart = JSON.parse(formatGateReport(report(impactOf(3), { exitCode: 3, metricsError: 'query e may lack data: store eu-1 was not read' }), 'json'));
    const none = JSON.parse(formatGateReport(report(impactOf(1), { verdict: null, exitCode: 3, metricsError: 'refused', impact: null }), 'json'));
    expect([inPart.partial, inPart.verdict, none.partial, none.verdict]).toStrictEqual([true, 'roll_back', true, null]);
    expect(Object.keys(inPart).slice(0, 4)).toStrictEqual(['verdict', 'exitCode', 'fails', 'partial']);
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

describe('formatGateFailure', () => {
  const failure = { message: 'no deploy of web in shop/*web* from 2026-01-05T00:00:00.000Z', exitCode: 4, partial: false };

  it('gives JSON readers the report head and the reason, with no deploy', () => {
    expect(JSON.parse(formatGateFailure(failure, 'json'))).toStrictEqual({
      verdict: null,
      exitCode: 4,
      fails: true,
      partial: false,
      deploy: null,
      deployError: failure.message,
    });
  });

  it('gives a job summary a heading and the reason as text, and a log nothing beyond stderr', () => {
    expect(formatGateFailure(failure, 'markdown')).toBe('### SafeDeploy gate: no verdict\n\nno deploy of web in shop/\\*web\\* from 2026-01-05T00:00:00.000Z (exit 4)\n');
    expect(formatGateFailure(failure, 'table')).toBe('');
  });
});

describe('markdown with secrets in CI text', () => {
  it('removes a secret before escaping it: escaped, it would no longer read as itself to the scrubber', () => {
    const secret = 'prod_Secret_Token_value';
    const failure = { message: `could not read deploy events: gitlab answered for ${secret}`, exitCode: 4, partial: false };
    const text = formatGateFailure(failure, 'markdown', createScrubber([secret]));
    expect(text).not.toContain('Secret');
    expect(text).toContain('\\[redacted\\]');
  });

  it('does the same in the full report, in reasons and notices', () => {
    const secret = 'ghp_' + 'a'.repeat(36);
    const withSecret = report(impactOf(3), { reasons: [`read with ${secret}`], notices: [`notice about ${secret}`] });
    const text = formatGateReport(withSecret, 'markdown', createScrubber([]));
    expect(text).not.toContain('aaaa');
    expect(text.match(/\\\[redacted\\\]/g)).toHaveLength(2);
  });
});
