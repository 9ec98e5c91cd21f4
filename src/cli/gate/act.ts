import { flagProjectOf } from '../../act/flagProjectOf';
import { formatRequest } from '../../act/formatRequest';
import { FlagChange, laterFlagChange } from '../../act/laterFlagChange';
import { planAction } from '../../act/planAction';
import { runAction } from '../../act/runAction';
import { ActionOutcome, ActionPlan, ActionResult, ActionTarget } from '../../act/types';
import { EngineEvent, Verdict } from '../../engine';
import { DEFAULT_READ_DEADLINE_MS } from '../../events/readEvents';
import { EventSource, FLAG_OFF } from '../../events/types';
import { createHttpClient } from '../../http/createHttpClient';
import { Scrubber } from '../../http/createScrubber';
import { fetchTransport } from '../fetchTransport';
import { EventsRead } from '../parseEventsRead';
import { readProvider } from '../readProvider';
import { routeHeaders } from '../routeHeaders';
import { deployTags } from './annotationForVerdict';
import { FLAG_SOURCES } from './findFlagChange';
import { GateAction } from './formatGateReport';
import { ActArgs } from './parseActArgs';
import { AnnotateArgs } from './parseAnnotateArgs';
import { GateArgs } from './parseGateArgs';
import { writeAnnotation } from './writeAnnotation';

/** Exit statuses of acting, beside the verdicts' (10 to 13) in GATE_EXIT. */
export const ACT_EXIT = {
  /** The gate undid the change (turned the flag off, rolled back, aborted the rollout). */
  acted: 20,
  /**
   * The gate tried to undo the change and could not: a request failed, or (Argo CD) the rollback
   * was accepted and its operation then ended Failed or Error. Said once on stderr.
   */
  actionFailed: 21,
  /**
   * Argo CD accepted the rollback, and its operation was still pending or running when
   * --deadline came: not known to be undone (neither 20 nor 21).
   */
  stillRunning: 22,
} as const;

/**
 * Between reads of an Argo CD application after its rollback was accepted, ms: the controller
 * starts an operation within seconds and a sync runs for seconds to minutes, so a few reads a
 * minute see its end soon after it comes without loading the API server.
 */
export const OPERATION_READ_INTERVAL_MS = 5_000;

/** The --help lines of acting, after the gate's own. */
export const ACT_USAGE = `
Acting on the verdict (off unless --act or --dry-run is given):
  --act [--dry-run] [--act-token-env VAR] [--flag KEY] [--change-time T]
  [--rollout NAMESPACE/NAME --rollout-url URL]
  turn_off on a flag change (--provider unleash|launchdarkly; --service names the series, --flag
  the flag) turns the flag off in its environment; roll_back on an Argo CD sync (--provider argocd)
  rolls the application back (refused while it syncs automatically) and reads its operation back
  until it ends or --deadline (default 2m) passes; with --rollout (not with a
  flag provider), roll_back aborts that Argo Rollouts rollout while it rolls out the judged deploy
  (its version, the event's or --deploy-version's: its pod template hash, an image or its tag). The state is read first: a change
  already undone, or a flag changed again since, is left alone and said. --dry-run prints the requests, secrets redacted, and sends none.
  The acting token is --act-token-env's, else --provider-token-env's, sent only to its own URL.
Exit: 20 acted (an Argo CD rollback: its operation succeeded); 21 the action failed, or the
rollback's operation ended Failed or Error (said once); 22 the rollback was accepted and still
running at --deadline; otherwise the verdict's status.
`;

/** Where the action goes: the API's base URL, the provider whose route headers it takes, and what to do. */
export interface ActionSite {
  url: string;
  source: EventSource;
  target: ActionTarget;
}

/** The read that found the judged change, as much of it as acting needs. */
export interface JudgedFrom {
  source: EventSource;
  url: string;
  scope: string;
}

/** The judged change was undone after it (the flag turned off since): nothing to send, and why. */
export interface AlreadyDone {
  alreadyDone: string;
}

const field = (event: EngineEvent, key: string): string => (typeof event[key] === 'string' ? (event[key] as string) : '');
/** An event's tags, when it carries them as strings. */
const tagsOf = (event: EngineEvent): string[] => (Array.isArray(event.tags) ? event.tags.filter((t): t is string => typeof t === 'string') : []);

/**
 * What to undo for a verdict on an event, or why nothing: a flag change judged turn_off is
 * turned off in its environment; a sync read from Argo CD judged roll_back is rolled back; with
 * --rollout, a roll_back aborts that rollout. Pure.
 *
 * @example
 * actionSite(Verdict.TurnOff, unleashEvent, { source: 'unleash', url, scope: 'default' }, {}) // { url, source: 'unleash', target: { kind: 'unleash_flag', ... } }
 */
export function actionSite(verdict: Verdict | null, event: EngineEvent, from: JudgedFrom | null, act: ActArgs, read: readonly EngineEvent[] = []): ActionSite | AlreadyDone | string {
  if (verdict === Verdict.TurnOff && from && (from.source === EventSource.Unleash || from.source === EventSource.LaunchDarkly)) {
    // The project tag read as the later-change rule reads it (trimmed); else the read's scope.
    const project = flagProjectOf(tagsOf(event)) || from.scope || 'default';
    const flag = field(event, 'flagKey');
    const environment = field(event, 'environment');
    if (!flag || !environment) {
      return `the judged change names no ${flag ? 'environment' : 'flag'}, so there is nothing to turn off; give --environment`;
    }
    const since = laterChange(event, read);
    if (since && since.toState === FLAG_OFF) {
      // The cure itself (an earlier run's, or a person's): there is no other change to judge.
      return { alreadyDone: `flag ${flag} was already turned off in ${environment} at ${new Date(since.time).toISOString()}, after the change judged; nothing to do` };
    }
    if (since) {
      return `${flag} was changed again in ${environment} at ${new Date(since.time).toISOString()} (${since.toState || 'changed'}), after the change judged: what is live now is that change, so it is left alone; judge it instead (--change-time)`;
    }
    const kind = from.source === EventSource.Unleash ? 'unleash_flag' : 'launchdarkly_flag';
    return { url: from.url, source: from.source, target: { kind, project, flag, environment } };
  }
  if (verdict !== Verdict.RollBack) {
    return `the verdict is ${verdict ?? 'unknown'}; the gate acts on turn_off (a flag change) and roll_back only`;
  }
  if (act.rollout) {
    const judged = { version: field(event, 'version'), commit: field(event, 'commit') };
    return { url: act.rollout.url, source: EventSource.Kubernetes, target: { kind: 'argo_rollout', namespace: act.rollout.namespace, name: act.rollout.name, judged } };
  }
  if (from?.source === EventSource.ArgoCD) {
    const scope = from.scope.trim();
    const [namespace, name] = scope.includes('/') ? scope.split('/', 2) : [undefined, scope];
    const historyId = /^argocd:[^:]+:(\d+)$/.exec(field(event, 'id'))?.[1];
    if (historyId === undefined) {
      return 'the judged Argo CD sync was still running when it was read, so it has no history entry yet and the entry to roll back to is unknown; run again once the sync has finished';
    }
    return { url: from.url, source: EventSource.ArgoCD, target: { kind: 'argocd_application', name, namespace, historyId: Number(historyId) } };
  }
  return 'roll_back on a deploy the gate cannot undo by itself: read it from Argo CD (--provider argocd) or name the rollout with --rollout';
}

/** The read's events as the flag changes laterFlagChange compares (an EngineEvent's fields are untyped). */
const asFlagChange = (event: EngineEvent): FlagChange => ({
  id: field(event, 'id'),
  time: event.time,
  flagKey: field(event, 'flagKey'),
  environment: field(event, 'environment'),
  toState: field(event, 'toState'),
  tags: tagsOf(event),
});

/** The newest change of the same flag, environment and project after `event`, among those read (the panel's rule); null when none. */
function laterChange(event: EngineEvent, read: readonly EngineEvent[]): FlagChange | null {
  const target = { flag: field(event, 'flagKey').trim(), environment: field(event, 'environment').trim(), project: flagProjectOf(tagsOf(event)) };
  // The judged event is left out by identity, not by id: an event read without an id has ''.
  return laterFlagChange(target, null, event.time, read.filter((other) => other !== event).map(asFlagChange));
}

/** --dry-run: the requests, headers with secrets shown as [redacted]; nothing is sent. */
function dryRunLines(plan: ActionPlan, site: ActionSite, token: string | undefined): string[] {
  const headers = Object.entries(routeHeaders(site.source, token)).map(([name, value]) => `${name}: ${token && value.includes(token) ? '[redacted]' : value}`);
  return [
    `--dry-run: would ${plan.what} (${plan.provider}); nothing is sent. First the read, so a change already undone is left alone:`,
    ...formatRequest(plan.read, site.url, headers).map((l) => `  ${l}`),
    'then, if it still needs undoing:',
    ...formatRequest(plan.preview, site.url, headers).map((l) => `  ${l}`),
  ];
}

/** The annotation beside the verdict: "turned off by SafeDeploy: search errors 3.2x since semantic-search was turned on in production". */
function actionText(plan: ActionPlan, reason: string | undefined, running: boolean): string {
  // A rollback not seen to end is not said done: Argo CD may yet fail it.
  const done = plan.target.kind.endsWith('_flag') ? 'turned off' : plan.target.kind === 'argo_rollout' ? 'aborted' : running ? 'rollback started (not seen to end)' : 'rolled back';
  const why = (reason ?? '').replace(/^turn the flag off: /, '');
  return `${done} by SafeDeploy${why ? `: ${why}` : ''}`;
}

/** What acting returns: the exit status that replaces the verdict's (null: keep it) and what happened. */
export interface Acted {
  exitCode: number | null;
  action: GateAction;
}

export interface ActOptions {
  act: ActArgs;
  verdict: Verdict | null;
  event: EngineEvent;
  from: JudgedFrom | null;
  /** Every event read with the judged one: a later change of the same flag leaves it alone. */
  read?: readonly EngineEvent[];
  reasons: string[];
  annotate?: AnnotateArgs;
  environment?: string;
  timeoutMs: number;
  /** How long after the verdict an operation the change started is read back, ms (--deadline; default 2m). Each request has --timeout besides. */
  deadlineMs?: number;
  redact: Scrubber;
  say: (line: string) => void;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * `--act`: undoes the judged change when the verdict asks for it, says what happened once, and
 * returns it with the exit status that replaces the verdict's: ACT_EXIT.acted or actionFailed;
 * null when nothing was sent (no action called for, a dry run, already undone, refused: each said).
 */
export async function actOnVerdict(options: ActOptions): Promise<Acted> {
  const { act } = options;
  const said = (outcome: GateAction['outcome'], message: string, exitCode: number | null = null): Acted => {
    options.say(message);
    return { exitCode, action: { outcome, message } };
  };
  const site = actionSite(options.verdict, options.event, options.from, act, options.read);
  if (typeof site === 'string') {
    return said('none', `no action: ${site}.`);
  }
  if ('alreadyDone' in site) {
    return said(ActionOutcome.AlreadyDone, `no action: ${site.alreadyDone}.`);
  }
  const plan = planAction(site.target);
  if (act.dryRun) {
    const lines = dryRunLines(plan, site, act.token);
    lines.forEach(options.say);
    return { exitCode: null, action: { outcome: ActionOutcome.DryRun, message: lines[0] } };
  }
  const client = createHttpClient({
    baseUrl: site.url,
    providerName: plan.provider,
    transport: fetchTransport(routeHeaders(site.source, act.token)),
    timeoutMs: options.timeoutMs,
    scrub: options.redact,
  });
  const verdictAt = options.now();
  const follow = {
    deadlineAt: verdictAt + (options.deadlineMs ?? DEFAULT_READ_DEADLINE_MS),
    intervalMs: OPERATION_READ_INTERVAL_MS,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
  const result: ActionResult = await runAction({ client, plan, now: options.now, follow });
  const operation = result.operation ? { operation: result.operation } : {};
  if (result.outcome !== ActionOutcome.Acted) {
    const failed = result.outcome === ActionOutcome.Failed;
    const message = `${failed ? 'action failed' : 'no action'}: ${result.message.replace(/\.$/, '')}${failed ? ` (exit ${ACT_EXIT.actionFailed})` : ''}.`;
    options.say(message);
    return { exitCode: failed ? ACT_EXIT.actionFailed : null, action: { outcome: result.outcome, message, ...operation } };
  }
  // Accepted, and its operation (an Argo CD rollback's) not seen to end: not known to be undone.
  const running = result.operation !== undefined && result.operation.state !== 'succeeded';
  const exitCode = running ? ACT_EXIT.stillRunning : ACT_EXIT.acted;
  // When the change took: for an operation read back, when its end (or the deadline) was seen.
  const at = result.operation ? options.now() : result.actedAt!;
  const message = `${running ? 'acted, not seen to end' : 'acted'}: ${result.message.replace(/\.$/, '')}, ${((at - verdictAt) / 1000).toFixed(2)} s after the verdict (exit ${exitCode}).`;
  options.say(message);
  if (options.annotate) {
    await annotateAction(options, plan, result.actedAt!, running);
  }
  return { exitCode, action: { outcome: running ? 'running' : ActionOutcome.Acted, message, ...operation } };
}

/** Writes the action to Grafana as a point annotation at the moment it took; a failure is said, not fatal (the change is undone). */
async function annotateAction(options: ActOptions, plan: ActionPlan, at: number, running: boolean): Promise<void> {
  const annotate = options.annotate!;
  const service = typeof options.event.service === 'string' && options.event.service ? options.event.service : null;
  const tags = [...deployTags(service, options.environment), `action:${plan.target.kind}`];
  const written = await writeAnnotation({
    grafana: annotate.grafana,
    token: annotate.token,
    annotation: { time: at, timeEnd: at, tags, text: actionText(plan, options.reasons[0], running), ...(annotate.dashboardUid ? { dashboardUID: annotate.dashboardUid } : {}) },
    findTags: tags,
    timeoutMs: options.timeoutMs,
    scrub: options.redact,
  });
  options.say(written.ok ? `${written.action} Grafana annotation ${written.id} with the action` : `could not annotate the action in Grafana: ${written.message}`);
}

/**
 * The flag's changes since the judged one, read again just before acting: the changes judged were
 * read before the gate waited for the metrics, and the flag may have been changed again meanwhile
 * (turned off, or off and on again by a person). Up to now, whatever --to said: what is live
 * decides. A read that ended in a failure is why not to act: a lost page may hold a later change.
 */
async function changesSince(events: EventsRead, event: EngineEvent, timeoutMs: number, redact: Scrubber, now: () => number): Promise<EngineEvent[] | string> {
  const range = { from: event.time, to: Math.max(events.range.to, now()) };
  const batch = await readProvider({ ...events, service: undefined, range, timeoutMs }, redact);
  const errors = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text.replace(/\.$/, ''));
  if (errors.length > 0) {
    return `the flag's changes could not be read again before acting (${errors.join('; ')}), so a change made since the verdict's read cannot be ruled out; run again`;
  }
  return batch.events.map((e): EngineEvent => ({ ...e }));
}

/**
 * The gate's hook: acts on the report's verdict for the judged event when --act or --dry-run
 * was given, and says what came of it; null otherwise (see actOnVerdict). A verdict from reads that ended in a failure
 * is not acted on: the gate acts only on what it read whole, as it judges only whole reads. Before
 * turning a flag off, its changes are read again (see changesSince).
 */
export async function actAfterGate(
  args: GateArgs,
  report: { verdict: Verdict | null; reasons: string[]; metricsError: string | null },
  event: EngineEvent,
  redact: Scrubber,
  say: (line: string) => void,
  now: () => number,
  read: readonly EngineEvent[] = [],
  sleep?: (ms: number) => Promise<void>
): Promise<Acted | null> {
  if (!args.act) {
    return null;
  }
  if (report.metricsError !== null && report.verdict !== null) {
    const message = `no action: the verdict ${report.verdict} rests on metrics read only in part; run again when they can be read.`;
    say(message);
    return { exitCode: null, action: { outcome: 'none', message } };
  }
  const { verdict, reasons } = report;
  const events = 'events' in args.deploy ? args.deploy.events : null;
  let changes = read;
  if (events && verdict === Verdict.TurnOff && FLAG_SOURCES.has(events.source)) {
    const since = await changesSince(events, event, args.timeoutMs, redact, now);
    if (typeof since === 'string') {
      const message = `no action: ${since}.`;
      say(message);
      return { exitCode: null, action: { outcome: 'none', message } };
    }
    changes = [...read, ...since];
  }
  return actOnVerdict({
    act: args.act,
    verdict,
    event,
    from: events ? { source: events.source, url: events.url, scope: events.scope } : null,
    read: changes,
    reasons,
    annotate: args.annotate,
    environment: events?.environment,
    timeoutMs: args.timeoutMs,
    deadlineMs: events?.deadlineMs,
    redact,
    say,
    now,
    sleep,
  });
}
