import { DEFAULT_IMPACT_OPTIONS, EngineEvent, EventImpact, pairTotals, scoreEvents, SeriesInput, Verdict } from '../../engine';
import { eventZoom } from '../../engine/eventZoom';
import { createHttpClient, HttpClient, HttpFailureKind } from '../../http/createHttpClient';
import { createScrubber, Scrubber } from '../../http/createScrubber';
import { defaultStep } from '../../metrics/defaultStep';
import { readPrometheus } from '../../metrics/readPrometheus';
import { docsUrl } from '../docsUrl';
import { fetchTransport } from '../fetchTransport';
import { HeldSecrets } from '../holdSecrets';
import { redactJsonStrings } from '../redactJsonStrings';
import { ACT_USAGE, actAfterGate } from './act';
import { afterDeployMs } from './afterDeployMs';
import { annotateGate } from './annotateGate';
import { countingOf } from './countingOf';
import { findDeploy, FoundDeploy } from './findDeploy';
import { findFlagChange, FLAG_SOURCES } from './findFlagChange';
import { formatGateFailure, formatGateReport, formatProgress, GateReport } from './formatGateReport';
import { GATE_EXIT, gateExitCode } from './gateExitCode';
import { insufficientFix } from './insufficientFix';
import { newNotices } from './sayOnce';
import { GateArgs, GateFormat, parseGateArgs } from './parseGateArgs';
import { spikeOf } from './spikeOf';
import { PollResult, waitForVerdict, WaitResult } from './waitForVerdict';

export interface GateIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** JSON to stdout with secrets removed from its strings only (see Io.json). */
  json?: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The process's secrets; the gate adds its own so that every line out is cleaned of all. */
  secrets?: HeldSecrets;
  /** The command its messages name: `gate`, or `guard`, which runs the gate. */
  command?: string;
}

const GATE_USAGE = `safedeploy gate: wait after a deploy, read Prometheus, exit by verdict.

  --prometheus URL --query PROMQL [--query PROMQL ...] [--total-query PROMQL ...]
  --deploy-time T --service S [--deploy-version V], or the events flags: --provider P --url URL --scope SCOPE
      [--environment E] [--service S] [--from T] [--to T] [--max-pages N] [--deadline D]
      [--provider-token-env VAR]
  [--token-env VAR | --basic-auth-env VAR]  [--wait 30m] [--interval 1m] [--timeout 30s]
  [--step D] [--history 7d] [--direction up|down|either] [--now T] [--version-label version]
  [--fail-on roll_back,insufficient_data[,fix_forward,watch] | none] [--grafana-url URL]
  [--annotate --grafana-token-env VAR [--dashboard-uid UID] [--annotate-required]]
  [--format table|json|markdown]

Exit: 0 healthy or a verdict not in --fail-on; 2 usage; 3 metrics unreadable or partial; 4 no deploy;
5 Grafana annotation failed (with --annotate-required only);
10 watch, 11 fix_forward, 12 roll_back, 13 insufficient_data (when in --fail-on; roll_back and
insufficient_data by default: a deploy that could not be judged fails closed).
`;

/** What to do when a request got no usable answer (HTTP statuses have their own hints). */
const FIXES: Partial<Record<HttpFailureKind, string>> = {
  network: 'check --prometheus and that the server is up',
  tls: "check the server's certificate, or use its http URL inside a trusted network",
  timeout: 'raise --timeout, or narrow the query or --history',
  too_large: 'aggregate the query, e.g. sum by (service) (...), or shorten --history',
  origin: 'set --prometheus to the URL it redirects to',
  html: "set --prometheus to the API's base URL, not a login page or web interface",
};

/** Advice per Prometheus status, appended to its own error message. */
const PROMETHEUS_HINTS: Record<number, string> = {
  400: "check the PromQL given to --query (try it in Prometheus's graph page)",
  401: 'the credentials in the environment variable named by --token-env or --basic-auth-env are missing or wrong',
  403: 'the credentials are not allowed to query this server',
  404: "check --prometheus: it is the server's base URL (Thanos, Mimir: include the path prefix such as /prometheus)",
  422: 'Prometheus could not run the query (too many samples or a timeout): narrow it or raise --step',
};

/** The deploy being judged and what the gate reads around it, fixed before the first read. */
interface Watch {
  deploy: EngineEvent;
  events: EngineEvent[];
  deployIndex: number;
  stepMs: number;
  /** First sample time of every read, on the step grid. */
  start: number;
  /** Reads reach as far as the engine looks for recovery. */
  endCap: number;
  windowEnd: number;
}

/** What the polls saw, kept as they go: the range and the series of the last good read, and each notice once. */
interface Seen {
  lastRange: { from: number; to: number };
  /** The series scored at the last good read (with their requests): when each counted sample was taken. */
  lastSeries: SeriesInput[];
  /** Notices said so far, by noticeKey, each in its latest wording. */
  notices: Map<string, string>;
  /** Why the last good read may lack data (a server's warning), or null when it was whole: its verdict is from partial data. */
  partial: string | null;
}

function grafanaLink(template: string | undefined, time: number, service: string | null): string | null {
  if (!template) {
    return null;
  }
  // The panel's own zoom around an event.
  const [from, to] = eventZoom(time, DEFAULT_IMPACT_OPTIONS.beforeMs, DEFAULT_IMPACT_OPTIONS.afterMs).map(String);
  const filled = template.replace(/\{service\}/g, encodeURIComponent(service ?? ''));
  if (!/\{(from|to)\}/.test(filled)) {
    return `${filled}${filled.includes('?') ? '&' : '?'}from=${from}&to=${to}`;
  }
  return filled.replace(/\{from\}/g, from).replace(/\{to\}/g, to);
}

/**
 * `safedeploy gate`: waits after a deploy, reads Prometheus, judges the deploy with the
 * impact engine and exits with a status a pipeline can act on (see GATE_EXIT). Throws only
 * UsageError (exit 2, printed by the caller). The flow runs one way: flags, deploy, reads,
 * report, output.
 *
 * @example
 * const code = await gateCommand(['--prometheus', url, '--query', 'http_errors', '--deploy-time', 'now', '--service', 'web'], io);
 */
export async function gateCommand(argv: string[], io: GateIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    // The link comes last, after the acting flags, so the help ends where the details are.
    io.stdout(`${GATE_USAGE}${ACT_USAGE}Details and CI snippets: ${docsUrl('docs/ci.md')}\n`);
    return GATE_EXIT.pass;
  }
  const realStart = io.now();
  const args = parseGateArgs(argv, io.env, realStart);
  // The one scrubber, knowing the secrets: every line shown and every client message passes it.
  const redact = io.secrets?.hold(args.secrets) ?? createScrubber(args.secrets);
  const say = (line: string) => io.stderr(`safedeploy ${io.command ?? 'gate'}: ${redact(line)}\n`);

  const found = await deployToJudge(args, redact);
  if (!found.ok) {
    say(found.message);
    const exitCode = found.partial ? GATE_EXIT.metricsUnreadable : GATE_EXIT.deployUnknown;
    printReport(formatGateFailure({ message: found.message, exitCode, partial: found.partial }, args.format, redact), args.format, io, redact);
    return exitCode;
  }
  found.notes.forEach(say);
  const watch = watchOf(args, found.deploy, found.events);
  const seen: Seen = { lastRange: { from: watch.start, to: watch.start }, lastSeries: [], notices: new Map(), partial: null };
  const client = prometheusClient(args, redact);
  const sleep = io.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const result = await waitForVerdict({
    windowEnd: watch.windowEnd,
    waitMs: args.waitMs,
    intervalMs: args.intervalMs,
    now: () => args.startAt + (io.now() - realStart),
    sleep,
    // Each read ends by the wait's end plus one --timeout at most, however the server stalls.
    poll: (now, leftMs) => pollMetrics(args, client, watch, seen, now, say, AbortSignal.timeout(leftMs + args.timeoutMs)),
    onProgress: (progress) => say(formatProgress(progress)),
  });
  const judged = reportOf(args, watch, seen, result);
  if (result.failure !== null) {
    const kept = result.readAt !== null ? `; the verdict below uses the data read up to ${new Date(seen.lastRange.to).toISOString()}` : '';
    say(`could not read metrics: ${result.failure.replace(/\.$/, '')}${kept} (exit ${judged.exitCode})`);
  }
  // Undo first (time to restore), then write the verdict to Grafana, then report both with the
  // status the process exits with (pipelines branch on the report's exitCode and fails); the
  // action's exit status tells more than the annotation's.
  const acted = await actAfterGate(args, judged, found.deploy, redact, say, io.now, found.events, sleep);
  const annotated = await annotateGate(args, judged, io.env, redact, say);
  const exitCode = acted?.exitCode ?? annotated ?? judged.exitCode;
  const report: GateReport = { ...judged, action: acted?.action ?? null, exitCode, fails: exitCode !== GATE_EXIT.pass };
  printReport(formatGateReport(report, args.format, redact), args.format, io, redact);
  return exitCode;
}

/** The report on stdout, secrets removed; nothing when it is empty. */
function printReport(text: string, format: GateFormat, io: GateIo, redact: Scrubber): void {
  if (text === '') {
    return;
  }
  if (format === 'json') {
    // Secrets removed from the JSON's strings only, so a short token never breaks its syntax.
    (io.json ?? io.stdout)(redactJsonStrings(text, redact));
  } else {
    // Line by line: the scrubber makes each message one line.
    io.stdout(
      text
        .split('\n')
        .map((line) => redact(line))
        .join('\n')
    );
  }
}

function prometheusClient(args: GateArgs, redact: Scrubber): HttpClient {
  return createHttpClient({
    baseUrl: args.prometheus,
    providerName: 'Prometheus',
    transport: fetchTransport(args.authorization ? { Authorization: args.authorization } : {}),
    timeoutMs: args.timeoutMs,
    scrub: redact,
    hints: PROMETHEUS_HINTS,
  });
}

/** The step grid and the reach of every read, from the deploy's time and the flags. */
function watchOf(args: GateArgs, deploy: EngineEvent, events: EngineEvent[]): Watch {
  const endCap = deploy.time + DEFAULT_IMPACT_OPTIONS.recoveryHorizonMs;
  // Every poll uses the same step grid, so reads line up sample for sample.
  const stepMs = args.stepMs ?? defaultStep(endCap - (deploy.time - args.historyMs));
  const start = Math.floor((deploy.time - args.historyMs) / stepMs) * stepMs;
  return { deploy, events, deployIndex: events.indexOf(deploy), stepMs, start, endCap, windowEnd: deploy.time + DEFAULT_IMPACT_OPTIONS.afterMs };
}

/** A failed read as the poll's failure, with the fix for its kind. */
function readFailure(read: { message: string; kind?: HttpFailureKind }): PollResult {
  const fix = read.kind ? FIXES[read.kind] : undefined;
  return { ok: false, message: fix ? `${read.message.replace(/\.$/, '')}: ${fix}` : read.message };
}

/**
 * One read of the metrics up to `now`, scored; new notices are said once. With --total-query
 * each error series is judged against its requests, paired by service and version.
 */
async function pollMetrics(args: GateArgs, client: HttpClient, watch: Watch, seen: Seen, now: number, say: (line: string) => void, signal: AbortSignal): Promise<PollResult> {
  const end = Math.floor(Math.min(now, watch.endCap) / watch.stepMs) * watch.stepMs;
  const range = { client, start: watch.start, end, stepMs: watch.stepMs, versionLabels: args.versionLabels, signal };
  const read = await readPrometheus({ ...range, queries: args.queries, judgedFrom: watch.deploy.time });
  if (!read.ok) {
    return readFailure(read);
  }
  const totals = args.totalQueries.length ? await readPrometheus({ ...range, queries: args.totalQueries, role: 'requests' }) : null;
  if (totals && !totals.ok) {
    return readFailure(totals);
  }
  const paired = pairTotals(read.series, totals?.series ?? []);
  for (const notice of newNotices(seen.notices, [...read.notices, ...(totals?.notices ?? []), ...paired.notes])) {
    say(notice);
  }
  seen.lastRange = { from: watch.start, to: end };
  seen.lastSeries = paired.series;
  seen.partial = read.partial ?? totals?.partial ?? null;
  // settle: the healthy side of the sequential test, so a deploy can pass before --wait (see waitForVerdict).
  const impact = scoreEvents(paired.series, watch.events, { direction: args.direction, now: end, sequential: { settle: true } })[watch.deployIndex];
  return { ok: true, impact, samples: read.samples, series: read.series.length, notices: read.notices, partial: seen.partial !== null };
}

/** The report of a finished wait: the verdict, its exit status, and what it rests on. */
function reportOf(args: GateArgs, watch: Watch, seen: Seen, result: WaitResult): GateReport {
  const { deploy } = watch;
  const impact = result.last?.impact ?? null;
  const verdict = impact?.verdict ?? null;
  // A last read that may lack data is lost data as a failed one is: exit 3, and no action (see actAfterGate).
  const metricsError = result.failure ?? (result.last ? seen.partial : null);
  const exitCode = metricsError !== null || verdict === null ? GATE_EXIT.metricsUnreadable : gateExitCode(verdict, args.failOn);
  const service = typeof deploy.service === 'string' && deploy.service ? deploy.service : null;
  const settled = verdict === Verdict.Healthy ? (impact?.healthyAfterSamples ?? null) : null;
  return {
    verdict,
    exitCode,
    fails: exitCode !== GATE_EXIT.pass,
    failOn: args.failOn,
    deploy: {
      time: deploy.time,
      service,
      id: typeof deploy.id === 'string' ? deploy.id : 'deploy',
      title: typeof deploy.title === 'string' && deploy.title ? deploy.title : null,
      from: 'events' in args.deploy ? args.deploy.events.source : '--deploy-time',
    },
    score: impact ? impact.score : null,
    severity: impact ? impact.severity : null,
    reasons: verdict === Verdict.InsufficientData && impact ? [...impact.reasons, insufficientFix(watch.stepMs, impact.reasons)] : (impact?.reasons ?? []),
    decidedAfterSamples: impact?.decidedAfterSamples ?? null,
    decidedAfterMs: sampleAfterDeployMs(impact?.decidedAfterSamples, impact, watch, seen),
    settledAfterSamples: settled,
    settledAfterMs: sampleAfterDeployMs(settled, impact, watch, seen),
    spike: impact ? spikeOf(impact) : null,
    data: result.last ? { series: result.last.series, samples: result.last.samples, stepMs: watch.stepMs, ...seen.lastRange } : null,
    complete: result.readAt !== null && result.readAt >= watch.windowEnd,
    stoppedEarly: result.stoppedEarly,
    waitedOut: result.waitedOut,
    metricsError,
    notices: [...seen.notices.values()],
    grafanaUrl: grafanaLink(args.grafanaUrl, deploy.time, service),
    elapsedMs: result.elapsedMs,
    action: null,
    impact,
  };
}

/** When the n-th sample the engine counted was taken, ms after the deploy, read from the series it scored. */
function sampleAfterDeployMs(n: number | null | undefined, impact: EventImpact | null, watch: Watch, seen: Seen): number | null {
  if (n == null || !impact) {
    return null;
  }
  return afterDeployMs(n, seen.lastSeries, watch.deploy.time, countingOf(impact, watch.deploy, watch.windowEnd - watch.deploy.time));
}

async function deployToJudge(args: GateArgs, redact: Scrubber): Promise<FoundDeploy> {
  if ('time' in args.deploy) {
    const version = args.deployVersion ? { version: args.deployVersion } : {};
    const deploy: EngineEvent = { time: args.deploy.time, service: args.deploy.service, id: 'deploy', kind: 'deploy', ...version };
    return { ok: true, deploy, events: [deploy], notes: [] };
  }
  if (FLAG_SOURCES.has(args.deploy.events.source)) {
    return findFlagChange(args.deploy.events, { flag: args.flag, changeTime: args.changeTime }, args.timeoutMs, redact);
  }
  return findDeploy(args.deploy.events, args.timeoutMs, redact);
}
