import { ActionOutcome, OperationRead } from '../../act/types';
import { describeComparison, EventImpact, Verdict } from '../../engine';
import { GateFormat } from './parseGateArgs';
import { Spike, spikeOf } from './spikeOf';
import { Progress } from './waitForVerdict';

/**
 * What acting came to, for the report: the outcome in a word (`none` when no action was called
 * for) and the sentence said on stderr.
 */
export interface GateAction {
  /** `running`: accepted, and the operation it started (an Argo CD rollback's) not seen to end by --deadline. */
  outcome: ActionOutcome | 'none' | 'running';
  message: string;
  /** What the operation the change started came to, as last read back (Argo CD: its phase and message); absent when it starts none. */
  operation?: OperationRead;
}

export interface GateReport {
  /** null when no read of the metrics succeeded. */
  verdict: Verdict | null;
  exitCode: number;
  /** True when this exit code fails the pipeline. */
  fails: boolean;
  failOn: Verdict[];
  deploy: { time: number; service: string | null; id: string; title: string | null; from: string };
  score: number | null;
  severity: string | null;
  reasons: string[];
  /**
   * Samples after which the verdict was reached (the sequential test's crossing, else the
   * samples the impact window held), counted from the first sample at or after the deploy, or
   * for version against version over the times both versions served; and when the last of them
   * was taken, ms after the deploy (not samples × step: see afterDeployMs). Null when nothing was scored.
   */
  decidedAfterSamples: number | null;
  decidedAfterMs: number | null;
  /**
   * Samples after which every judged series ruled out a large harmful change (the sequential
   * test's healthy side), and when the last of them was taken, ms after the deploy; null when
   * it did not, or the verdict is not healthy.
   */
  settledAfterSamples: number | null;
  settledAfterMs: number | null;
  spike: Spike | null;
  /** What was read: the last successful read. */
  data: { series: number; samples: number; stepMs: number; from: number; to: number } | null;
  /** True when the impact window had passed at the last read. */
  complete: boolean;
  stoppedEarly: boolean;
  waitedOut: boolean;
  /** Set when reading stopped on an error; the verdict, if any, uses the data read before. */
  metricsError: string | null;
  notices: string[];
  grafanaUrl: string | null;
  elapsedMs: number;
  /** What --act or --dry-run did with the verdict; null when neither was given. */
  action: GateAction | null;
  impact: EventImpact | null;
}

/** A number for people: three significant digits. */
function num(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(3))) : '-';
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A duration for progress lines and reports: 45s, 2m05s. */
function formatElapsed(ms: number): string {
  const total = Math.round(ms / 1000);
  return total < 60 ? `${total}s` : `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
}

/**
 * One progress line while the gate waits: what the last read saw, or that it failed.
 *
 * @example
 * formatProgress({ elapsedMs: 60_000, poll: null, failures: 1, leftMs: 1_740_000, nextInMs: 60_000 })
 * // '1m00s: reading the metrics failed (1 in a row); next read in 1m00s'
 */
export function formatProgress(p: Progress): string {
  const next = p.nextInMs === null ? '' : `; next read in ${formatElapsed(p.nextInMs)}`;
  if (!p.poll) {
    return `${formatElapsed(p.elapsedMs)}: reading the metrics failed (${p.failures} in a row)${next}`;
  }
  const spike = spikeOf(p.poll.impact);
  const ratio = spike?.ratio != null ? `${Number(spike.ratio.toPrecision(3))}x` : 'n/a';
  return `${formatElapsed(p.elapsedMs)}: ${p.poll.samples} samples, ratio ${ratio}, verdict so far ${p.poll.impact.verdict}, ${formatElapsed(p.leftMs)} of the window left${next}`;
}

function spikeText(spike: Spike): string {
  const sign = spike.change >= 0 ? '+' : '';
  // A ratio says it best for counts and rates; a level that crosses zero needs robust SDs.
  const size = spike.ratio !== null ? `${num(spike.ratio)}x baseline` : `${num(Math.abs(spike.robustSd))} robust SD`;
  const state = spike.recovered ? ', recovered' : '';
  return `${spike.series}: ${num(spike.before)} → ${num(spike.after)} (${sign}${num(spike.change)}, ${size}${state})`;
}

function outcome(report: GateReport): string {
  if (report.metricsError !== null && report.verdict === null) {
    return `no verdict: the metrics could not be read (exit ${report.exitCode})`;
  }
  const verdict = report.verdict ?? 'none';
  const partial = report.metricsError !== null ? ', from partial data' : '';
  if (report.fails) {
    return `${verdict}${partial}: fails the pipeline (exit ${report.exitCode})`;
  }
  return `${verdict}${partial}: passes (exit ${report.exitCode}${report.verdict && report.verdict !== Verdict.Healthy ? `; ${report.verdict} is not in --fail-on ${report.failOn.join(',') || 'none'}` : ''})`;
}

/**
 * "roll_back, decided after 2 samples (1m00s after the deploy)": the deploy on the step grid,
 * its own sample the first; "healthy, settled after 4 samples (3m00s after the deploy)".
 */
function decided(report: GateReport): string | null {
  const settled = report.settledAfterSamples;
  const n = settled ?? report.decidedAfterSamples;
  if (report.verdict === null || n === null) {
    return null;
  }
  const ms = settled !== null ? report.settledAfterMs : report.decidedAfterMs;
  const when = ms !== null ? ` (${formatElapsed(ms)} after the deploy)` : '';
  return `${report.verdict}, ${settled !== null ? 'settled' : 'decided'} after ${n} sample${n === 1 ? '' : 's'}${when}`;
}

function rows(report: GateReport): Array<[string, string]> {
  const d = report.deploy;
  const out: Array<[string, string]> = [['verdict', outcome(report)]];
  const when = decided(report);
  if (when) {
    out.push(['decided', when]);
  }
  out.push(['deploy', `${d.service ?? d.id} at ${iso(d.time)}${d.title ? ` (${d.title})` : ''}, from ${d.from}`]);
  if (report.score !== null) {
    out.push(['score', `${Math.round(report.score)} (${report.severity})`]);
  }
  if (report.impact) {
    out.push(['judged by', describeComparison(report.impact)]);
  }
  if (report.spike) {
    out.push(['spike', spikeText(report.spike)]);
  }
  if (report.data) {
    const window = report.stoppedEarly
      ? report.verdict === Verdict.Healthy
        ? 'stopped early: the sequential test already ruled out a large harmful change'
        : 'stopped early: the evidence was already large and sure'
      : report.complete
        ? 'impact window complete'
        : report.metricsError !== null
          ? 'reading stopped before the impact window passed'
          : report.waitedOut
            ? '--wait ran out before the impact window passed'
            : 'impact window not complete';
    out.push([
      'data',
      `${report.data.samples} samples in ${report.data.series} series, step ${formatElapsed(report.data.stepMs)}, up to ${iso(report.data.to)}; ${window}`,
    ]);
  }
  if (report.action) {
    out.push(['action', report.action.message]);
  }
  if (report.grafanaUrl) {
    out.push(['dashboard', report.grafanaUrl]);
  }
  return out;
}

/**
 * Markdown that stays text: CI data never becomes markup or a link. Secrets are removed first:
 * escaped (`ghp\\_...`), a secret no longer reads as itself to the scrubber that runs on stdout.
 */
function md(text: string, redact: (text: string) => string): string {
  return redact(text)
    .replace(/([\\`*_[\]<>|#~!])/g, '\\$1')
    .replace(/\n/g, ' ');
}

const KEEP = (text: string) => text;

/**
 * The gate's report in the chosen format: a table for logs, JSON for machines, markdown
 * for a CI job summary ($GITHUB_STEP_SUMMARY, GitLab and Jenkins summaries). `redact` removes
 * secrets from markdown's text before it is escaped; the caller scrubs the other formats' output.
 *
 * @example
 * io.stdout(formatGateReport(report, 'markdown', redact))
 */
export function formatGateReport(report: GateReport, format: GateFormat, redact: (text: string) => string = KEEP): string {
  if (format === 'json') {
    const { impact, ...rest } = report;
    const judged = { comparison: impact?.comparison ?? null, versions: impact?.versions ?? null };
    // partial: the verdict rests on data that was lost (exit 3), for a pipeline that reads the JSON only.
    const head = { verdict: rest.verdict, exitCode: rest.exitCode, fails: rest.fails, partial: rest.metricsError !== null };
    return JSON.stringify({ ...head, ...rest, ...judged, series: impact?.series ?? [] }, null, 2) + '\n';
  }
  const reasons = report.reasons;
  if (format === 'markdown') {
    const lines = [`### SafeDeploy gate: ${md(report.verdict ?? 'no verdict', redact)}`, '', '| | |', '|---|---|'];
    for (const [key, value] of rows(report)) {
      lines.push(
        `| ${key} | ${key === 'dashboard' ? `[open in Grafana](${redact(value).replace(/[()\s]/g, encodeURIComponent)})` : md(value, redact)} |`
      );
    }
    if (reasons.length) {
      lines.push('', '**Why**', '', ...reasons.map((r) => `- ${md(r, redact)}`));
    }
    if (report.notices.length) {
      lines.push('', ...report.notices.map((n) => `> ${md(n, redact)}`));
    }
    return lines.join('\n') + '\n';
  }
  const table = rows(report);
  const width = Math.max(...table.map(([key]) => key.length));
  const lines = table.map(([key, value]) => `${key.padEnd(width)}  ${value}`);
  reasons.forEach((reason, i) => lines.push(`${(i === 0 ? 'reasons' : '').padEnd(width)}  - ${reason}`));
  return lines.join('\n') + '\n';
}

/**
 * What the gate prints when it judged nothing because the deploy itself is unknown: none found
 * (exit 4) or the deploy events read in part (exit 3, `partial`). JSON keeps the report's head
 * and says why in `deployError`, so a pipeline that parses stdout gets an object, not nothing;
 * markdown gives the job summary a heading; a table adds nothing to the stderr line.
 *
 * @example
 * formatGateFailure({ message: 'no deploy of web in shop/web ...', exitCode: 4, partial: false }, 'json')
 * // '{ "verdict": null, "exitCode": 4, "fails": true, "partial": false, "deploy": null, "deployError": "no deploy of web ..." }'
 */
export function formatGateFailure(
  { message, exitCode, partial }: { message: string; exitCode: number; partial: boolean },
  format: GateFormat,
  redact: (text: string) => string = KEEP
): string {
  if (format === 'json') {
    return JSON.stringify({ verdict: null, exitCode, fails: true, partial, deploy: null, deployError: message }, null, 2) + '\n';
  }
  return format === 'markdown' ? `### SafeDeploy gate: no verdict\n\n${md(message, redact)} (exit ${exitCode})\n` : '';
}
