import { DEFAULT_IMPACT_OPTIONS, Direction, Verdict } from '../../engine';
import { durationFlag } from '../durationFlag';
import { timeZoneOption } from '../parseEventsRead';
import { parseFlags } from '../parseFlags';
import { parseTime } from '../parseTime';
import { UsageError } from '../readInputs';
import { DEFAULT_FAIL_ON, FAILABLE_VERDICTS, FailableVerdict } from './gateExitCode';
import { EVENTS_FLAGS, EventsRead, parseEventsFlags } from './findDeploy';
import { ANNOTATE_FLAGS, AnnotateArgs, parseAnnotateArgs } from './parseAnnotateArgs';
import { ACT_FLAGS, ActArgs, parseActArgs, parseFlagPick } from './parseActArgs';
import { secretFromEnv } from '../secretFromEnv';
import { hasUserInfo } from '../../http/urls';

export const GATE_FORMATS = ['table', 'json', 'markdown'] as const;
export type GateFormat = (typeof GATE_FORMATS)[number];

/** Defaults of the gate's own flags; the engine's come from DEFAULT_IMPACT_OPTIONS. */
export const GATE_DEFAULTS = {
  waitMs: 30 * 60_000,
  // Once a minute: a 30-minute window gets about 30 reads, each a few requests.
  intervalMs: 60_000,
  // Per request: a range query over a week of a few series answers in well under a second.
  timeoutMs: 30_000,
  historyMs: DEFAULT_IMPACT_OPTIONS.historyMs,
} as const;

export interface GateArgs {
  prometheus: string;
  queries: string[];
  /** Authorization header value, built from the environment; never printed. */
  authorization?: string;
  /** The raw secrets, for the scrubber of everything shown. */
  secrets: string[];
  stepMs?: number;
  historyMs: number;
  deploy: { time: number; service: string } | { events: EventsRead };
  /** Requests queries: each error series is judged as errors / requests, paired by service and version. */
  totalQueries: string[];
  /** Labels that carry a series' version, first found first (default `version`). */
  versionLabels: string[];
  /** The deployed version (--deploy-version), compared with the other versions over the same minutes. */
  deployVersion?: string;
  waitMs: number;
  intervalMs: number;
  timeoutMs: number;
  direction: Direction;
  /** The gate's clock at start: real time unless --now replays a past deploy. */
  startAt: number;
  format: GateFormat;
  grafanaUrl?: string;
  failOn: FailableVerdict[];
  /** --annotate: write the verdict to Grafana as an annotation. */
  annotate?: AnnotateArgs;
  /** --act or --dry-run: undo the judged change when the verdict asks for it. */
  act?: ActArgs;
  /** --flag KEY: with a flag provider, judge this flag's newest change. */
  flag?: string;
  /** --change-time T: with a flag provider, judge the newest change at or before T. */
  changeTime?: number;
}

const FLAGS = {
  prometheus: { type: 'string' },
  query: { type: 'string', multiple: true },
  'total-query': { type: 'string', multiple: true },
  'version-label': { type: 'string' },
  'deploy-version': { type: 'string' },
  'token-env': { type: 'string' },
  'basic-auth-env': { type: 'string' },
  step: { type: 'string' },
  history: { type: 'string' },
  'deploy-time': { type: 'string' },
  service: { type: 'string' },
  wait: { type: 'string' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  direction: { type: 'string' },
  now: { type: 'string' },
  timezone: { type: 'string' },
  format: { type: 'string' },
  'grafana-url': { type: 'string' },
  'fail-on': { type: 'string' },
  ...ANNOTATE_FLAGS,
  ...EVENTS_FLAGS,
  ...ACT_FLAGS,
} as const;

const GATE_DURATIONS = { example: '30s, 5m or 2h' };

type Values = Record<string, string | string[] | boolean | undefined>;

/** A time flag read as Grafana reads times, in --timezone; throws a UsageError naming the flag. */
function timeFlag(values: Values, name: string, now: number, example: string): number {
  const time = parseTime(values[name] as string, now, { timeZone: timeZoneOption(values.timezone) });
  if (time === null) {
    throw new UsageError(`--${name} must be a time (ISO 8601, epoch ms or ${example})`);
  }
  return time;
}

function secretFrom(
  env: Record<string, string | undefined>,
  flag: string,
  name: string | undefined
): string | undefined {
  if (name === undefined) {
    return undefined;
  }
  return secretFromEnv(env, flag, name);
}

/**
 * The gate's flags, checked; throws a UsageError (exit 2) naming the flag to fix. Secrets
 * are read only from the environment variables the flags name.
 *
 * @example
 * parseGateArgs(['--prometheus', 'http://prometheus:9090', '--query', 'http_errors', '--deploy-time', 'now', '--service', 'web'], process.env, Date.now())
 */
export function parseGateArgs(args: string[], env: Record<string, string | undefined>, realNow: number): GateArgs {
  const values: Values = parseFlags(args, FLAGS, 'gate');
  const prometheus = prometheusFlags(values, env);
  const startAt = values.now === undefined ? realNow : timeFlag(values, 'now', realNow, 'now-1h');
  const duration = (name: string, fallback: number, allowZero = false) =>
    durationFlag(values[name] as string | undefined, name, { ...GATE_DURATIONS, allowZero }) ?? fallback;
  const deploy = deployFlags(values, startAt, env);
  const output = outputFlags(values);
  const annotate = parseAnnotateArgs(values, env, output.grafanaUrl);
  const act = parseActArgs(values, env, 'events' in deploy ? deploy.events : null);
  return {
    ...prometheus,
    // Every secret the gate holds: a provider's or Grafana's error bodies may echo theirs like Prometheus's do.
    secrets: [
      ...prometheus.secrets,
      ...('events' in deploy && deploy.events.token ? [deploy.events.token] : []),
      ...(annotate ? [annotate.token] : []),
      ...(act?.token ? [act.token] : []),
    ],
    ...output,
    ...parseCanaryFlags(values),
    annotate,
    act,
    ...parseFlagPick(values, 'events' in deploy ? deploy.events : null, (name) => timeFlag(values, name, startAt, 'now-10m')),
    // A span of data read, not waited out: longer than a timer holds is fine.
    historyMs: durationFlag(values.history as string | undefined, 'history', { ...GATE_DURATIONS, span: true }) ?? GATE_DEFAULTS.historyMs,
    deploy,
    waitMs: duration('wait', GATE_DEFAULTS.waitMs, true),
    intervalMs: duration('interval', GATE_DEFAULTS.intervalMs),
    timeoutMs: duration('timeout', GATE_DEFAULTS.timeoutMs),
    startAt,
  };
}

/** Where Prometheus is, what to ask it, and the credentials from the environment. */
function prometheusFlags(values: Values, env: Record<string, string | undefined>): Pick<GateArgs, 'prometheus' | 'queries' | 'authorization' | 'secrets' | 'stepMs'> {
  const prometheus = values.prometheus as string | undefined;
  if (!prometheus || !/^https?:\/\/[^\s]+$/.test(prometheus)) {
    throw new UsageError(
      '--prometheus must be the http(s) base URL of a Prometheus-compatible server, e.g. http://prometheus:9090'
    );
  }
  if (/^https?:\/\/[^/]*@/.test(prometheus)) {
    throw new UsageError(
      '--prometheus must not carry credentials; put them in an environment variable named by --basic-auth-env'
    );
  }
  const queries = ((values.query as string[] | undefined) ?? []).map((q) => q.trim()).filter(Boolean);
  if (queries.length === 0) {
    throw new UsageError('--query PROMQL is required (repeat it for several queries)');
  }
  const tokenEnv = values['token-env'] as string | undefined;
  const basicEnv = values['basic-auth-env'] as string | undefined;
  if (tokenEnv && basicEnv) {
    throw new UsageError('give either --token-env or --basic-auth-env, not both');
  }
  const token = secretFrom(env, 'token-env', tokenEnv);
  const basic = secretFrom(env, 'basic-auth-env', basicEnv);
  if (basic !== undefined && !basic.includes(':')) {
    throw new UsageError(`the environment variable ${basicEnv} named by --basic-auth-env must hold user:password`);
  }
  const encoded = basic !== undefined ? Buffer.from(basic, 'utf8').toString('base64') : undefined;
  const authorization =
    token !== undefined ? `Bearer ${token}` : encoded !== undefined ? `Basic ${encoded}` : undefined;
  const stepMs = durationFlag(values.step as string | undefined, 'step', { ...GATE_DURATIONS, span: true });
  if (stepMs !== undefined && stepMs < 1000) {
    throw new UsageError('--step must be at least 1s');
  }
  return {
    prometheus: prometheus.replace(/\/+$/, ''),
    queries,
    authorization,
    // The scrubber also removes their URL-encoded and base64 forms, and a basic password alone.
    secrets: [token, basic].filter((s): s is string => !!s),
    stepMs,
  };
}

/** The deploy to judge: --deploy-time and --service, or the events flags that find it. */
function deployFlags(values: Values, startAt: number, env: Record<string, string | undefined>): GateArgs['deploy'] {
  const service = (values.service as string | undefined)?.trim() || undefined;
  const events = parseEventsFlags(values, service, startAt, env);
  if (values['deploy-time'] !== undefined) {
    if (events) {
      throw new UsageError('give the deploy either with --deploy-time or with --provider, not both');
    }
    const time = timeFlag(values, 'deploy-time', startAt, 'now-5m');
    if (!service) {
      throw new UsageError('--service is required with --deploy-time: it tells the deployed service from the others');
    }
    return { time, service };
  }
  if (events) {
    return { events };
  }
  throw new UsageError(
    'say which deploy to judge: --deploy-time T --service S, or the events flags (--provider ... --scope ...)'
  );
}

/** How to judge and what to print. */
function outputFlags(values: Values): Pick<GateArgs, 'direction' | 'format' | 'grafanaUrl' | 'failOn'> {
  const direction = (values.direction as string | undefined) ?? Direction.Up;
  if (!Object.values(Direction).includes(direction as Direction)) {
    throw new UsageError('--direction must be up, down or either');
  }
  const format = (values.format as string | undefined) ?? 'table';
  if (!GATE_FORMATS.includes(format as GateFormat)) {
    throw new UsageError(`--format must be ${GATE_FORMATS.join(', ')}`);
  }
  const grafanaUrl = values['grafana-url'] as string | undefined;
  if (grafanaUrl !== undefined && !/^https?:\/\/\S+$/.test(grafanaUrl)) {
    throw new UsageError('--grafana-url must be an http(s) URL; {from}, {to} and {service} are filled in');
  }
  // It is printed in the report as the dashboard link: credentials in it would be printed too.
  if (grafanaUrl !== undefined && hasUserInfo(grafanaUrl)) {
    throw new UsageError('--grafana-url must not carry credentials (user:password@); the annotation token goes in an environment variable named by --grafana-token-env');
  }
  const failOnText = values['fail-on'] as string | undefined;
  const failOn = failOnText === undefined ? [...DEFAULT_FAIL_ON] : parseFailOn(failOnText);
  return { direction: direction as Direction, format: format as GateFormat, grafanaUrl, failOn };
}

/** The labels the gate reads a version from when --version-label is not given. */
export const DEFAULT_VERSION_LABELS = ['version'];

/** --total-query, --version-label and --deploy-version: error ratio and version against version. */
function parseCanaryFlags(values: Record<string, unknown>): Pick<GateArgs, 'totalQueries' | 'versionLabels' | 'deployVersion'> {
  const totalQueries = ((values['total-query'] as string[] | undefined) ?? []).map((q) => q.trim()).filter(Boolean);
  const labelText = values['version-label'] as string | undefined;
  const versionLabels = labelText === undefined ? [...DEFAULT_VERSION_LABELS] : labelText.split(',').map((l) => l.trim());
  if (versionLabels.length === 0 || versionLabels.some((l) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l))) {
    throw new UsageError('--version-label takes a Prometheus label name, or several separated by commas (e.g. version,app_version,image_tag)');
  }
  const deployVersion = (values['deploy-version'] as string | undefined)?.trim();
  if (values['deploy-version'] !== undefined && !deployVersion) {
    throw new UsageError('--deploy-version must name the deployed version, e.g. v2 or the image tag');
  }
  if (deployVersion && values['deploy-time'] === undefined) {
    throw new UsageError('--deploy-version goes with --deploy-time; with the events flags the version comes from the deploy event');
  }
  return { totalQueries, versionLabels, deployVersion };
}

function parseFailOn(text: string): FailableVerdict[] {
  if (text.trim() === 'none') {
    return [];
  }
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !FAILABLE_VERDICTS.includes(n as FailableVerdict));
  if (names.length === 0 || unknown.length > 0) {
    const healthy = unknown.includes(Verdict.Healthy) ? ' (healthy never fails)' : '';
    throw new UsageError(
      `--fail-on takes a comma-separated list of ${FAILABLE_VERDICTS.join(', ')}, or none; not "${unknown.join(',') || text}"${healthy}`
    );
  }
  return Array.from(new Set(names)) as FailableVerdict[];
}
