import { scopeMissing } from '../events/planRead';
import { EVENT_SOURCES, EventSource } from '../events/types';
import { durationFlag } from './durationFlag';
import { parseTime } from './parseTime';
import { UsageError } from './readInputs';
import { zonedTime } from './zonedTime';
import { secretFromEnv } from './secretFromEnv';
import { hasUserInfo } from '../http/urls';

/** One provider read as the command line's flags describe it. */
export interface EventsRead {
  source: EventSource;
  url: string;
  scope: string;
  environment?: string;
  service?: string;
  range: { from: number; to: number };
  maxPages?: number;
  /** Per-request deadline, ms (--timeout); the client's default when absent. */
  timeoutMs?: number;
  /** The whole read's deadline, ms (--deadline); the client's default when absent. */
  deadlineMs?: number;
  token?: string;
  /** The flag that named the token's environment variable (events: token-env; gate: provider-token-env), for messages. */
  tokenFlag?: string;
}

export interface EventsFlagRules {
  /** The flag naming the environment variable that holds the provider's token. */
  tokenFlag: string;
  /** --from when absent, e.g. now-7d. */
  defaultFrom: string;
}

type Values = Record<string, string | string[] | boolean | undefined>;

const REQUEST_DURATIONS = { example: '500ms, 30s or 2m' };

/**
 * The flags that say which provider to read and what, shared by `events` and `gate`; each
 * adds the flag naming the token's environment variable (`gate`: --provider-token-env, since
 * its --token-env is Prometheus's) and its own --service, --timeout and --format.
 */
export const PROVIDER_READ_FLAGS = {
  provider: { type: 'string' },
  url: { type: 'string' },
  scope: { type: 'string' },
  environment: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'max-pages': { type: 'string' },
  deadline: { type: 'string' },
} as const;

/**
 * The provider read that `events`-style flags describe (`events` itself, and `gate` when it
 * finds its deploy through a provider). Throws a UsageError naming the flag to fix.
 *
 * @example
 * parseEventsRead({ provider: 'github', url: 'https://api.github.com', scope: 'octo/app' }, Date.now(), process.env, { tokenFlag: 'token-env', defaultFrom: 'now-7d' })
 */
export function parseEventsRead(
  values: Values,
  now: number,
  env: Record<string, string | undefined>,
  rules: EventsFlagRules
): EventsRead {
  const provider = values.provider as string | undefined;
  if (!provider || !EVENT_SOURCES.includes(provider as EventSource)) {
    throw new UsageError(`--provider must be one of ${EVENT_SOURCES.join(', ')}`);
  }
  const url = values.url as string | undefined;
  if (!url || !/^https?:\/\//.test(url)) {
    throw new UsageError('--url must be the http(s) base URL of the API');
  }
  if (hasUserInfo(url)) {
    throw new UsageError(`--url must not carry credentials (user:password@); put the token in an environment variable named by --${rules.tokenFlag}`);
  }
  const scope = (values.scope as string | undefined) ?? '';
  if (scopeMissing(provider as EventSource, scope)) {
    throw new UsageError('--scope is required (owner/repo, project, job or application)');
  }
  const timeZone = timeZoneOption(values.timezone);
  // As in Grafana's time picker, rounding in --to goes up: --to now/d is the end of today.
  const from = parseTime((values.from as string | undefined) ?? rules.defaultFrom, now, { timeZone });
  const to = parseTime((values.to as string | undefined) ?? 'now', now, { timeZone, roundUp: true });
  if (from === null || to === null || from > to) {
    throw new UsageError(
      `--from and --to must be times (ISO 8601, epoch ms, or Grafana's relative time such as ${rules.defaultFrom} or now-1d/d) with from before to`
    );
  }
  const tokenEnv = values[rules.tokenFlag] as string | undefined;
  const token = tokenEnv ? secretFromEnv(env, rules.tokenFlag, tokenEnv) : undefined;
  // Decimal digits only: Number() would read '0x10' as 16, and an empty value must not vanish.
  const maxPagesText = values['max-pages'] as string | undefined;
  const maxPages = maxPagesText === undefined ? undefined : /^\s*\d+\s*$/.test(maxPagesText) ? Number(maxPagesText) : NaN;
  if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
    throw new UsageError('--max-pages must be a positive whole number');
  }
  return {
    source: provider as EventSource,
    url,
    scope,
    environment: values.environment as string | undefined,
    service: values.service as string | undefined,
    range: { from, to },
    maxPages,
    timeoutMs: durationFlag(values.timeout as string | undefined, 'timeout', REQUEST_DURATIONS),
    deadlineMs: durationFlag(values.deadline as string | undefined, 'deadline', REQUEST_DURATIONS),
    token,
    tokenFlag: rules.tokenFlag,
  };
}

/** --timezone: an IANA zone such as Europe/Berlin, or UTC (the default). */
export function timeZoneOption(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !zonedTime(value)) {
    throw new UsageError(`--timezone must be UTC or an IANA time zone such as Europe/Berlin; got "${String(value)}"`);
  }
  return value;
}
