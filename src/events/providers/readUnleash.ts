import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventSource, EventStatus, FLAG_OFF, FLAG_ON } from '../types';
import { appendAll } from './appendAll';
import { inRange } from './inRange';
import { oldestTime } from './oldestTime';
import { parseItems } from './parseItems';
import { readPages } from './readPages';
import { Provider, ProviderDescription, SkipCounter } from './types';

/** Rollout strategies whose `parameters` carry the share of users, as a percentage string. */
const ROLLOUT_PARAMETER: Record<string, string> = {
  flexibleRollout: 'rollout',
  gradualRolloutRandom: 'percentage',
  gradualRolloutSessionId: 'percentage',
  gradualRolloutUserId: 'percentage',
};

/**
 * How a strategy decides who gets the flag, in a few words: `on for 25%`, `on for everyone`,
 * `on for listed users`; ` (2 constraints)` when constraints narrow it. '' for no strategy.
 */
export function describeUnleashStrategy(strategy: unknown): string {
  if (!isRecord(strategy)) {
    return '';
  }
  const name = text(strategy.name);
  if (strategy.disabled === true) {
    return `${name || 'strategy'} paused`;
  }
  const constraints = Array.isArray(strategy.constraints) ? strategy.constraints.length : 0;
  const narrowed = constraints > 0 ? ` (${constraints} constraint${constraints === 1 ? '' : 's'})` : '';
  const parameter = ROLLOUT_PARAMETER[name];
  const share = parameter ? text(get(strategy, 'parameters', parameter)) : '';
  if (share !== '') {
    return `${FLAG_ON} for ${share}%${narrowed}`;
  }
  if (name === 'default') {
    return `${FLAG_ON} for everyone${narrowed}`;
  }
  if (name === 'userWithId') {
    return `${FLAG_ON} for listed users${narrowed}`;
  }
  return `${FLAG_ON} by ${name || 'a custom strategy'}${narrowed}`;
}

/** Variant names with their weights, e.g. `blue 50%, green 50%`; Unleash weights are out of 1000. */
function describeVariants(variants: unknown): string {
  if (!Array.isArray(variants) || variants.length === 0) {
    return 'no variants';
  }
  return variants
    .filter(isRecord)
    .map((v) => (typeof v.weight === 'number' ? `${text(v.name)} ${Math.round(v.weight) / 10}%` : text(v.name)))
    .join(', ');
}

interface Change {
  kind: EventKind;
  from: string;
  to: string;
  /** Verb phrase for the title: "turned on", "strategy changed". */
  what: string;
}

/** The flag-state change an event type records, or null for types that change no flag's behaviour. */
function changeOf(type: string, data: unknown, preData: unknown): Change | null {
  switch (type) {
    case 'feature-environment-enabled':
      return { kind: EventKind.Flag, from: FLAG_OFF, to: FLAG_ON, what: 'turned on' };
    case 'feature-environment-disabled':
      return { kind: EventKind.Flag, from: FLAG_ON, to: FLAG_OFF, what: 'turned off' };
    case 'feature-strategy-add':
      return { kind: EventKind.Flag, from: '', to: describeUnleashStrategy(data), what: 'strategy added' };
    case 'feature-strategy-update':
      return { kind: EventKind.Flag, from: describeUnleashStrategy(preData), to: describeUnleashStrategy(data), what: 'strategy changed' };
    case 'feature-strategy-remove':
      return { kind: EventKind.Flag, from: describeUnleashStrategy(preData), to: 'strategy removed', what: 'strategy removed' };
    case 'feature-environment-variants-updated':
    case 'feature-variants-updated':
      return {
        kind: EventKind.Config,
        from: describeVariants(get(preData, 'variants') ?? preData),
        to: describeVariants(get(data, 'variants') ?? data),
        what: 'variants changed',
      };
    default:
      return null;
  }
}

/**
 * One Unleash event (from `GET /api/admin/search/events`) as a flag or config change:
 * enabled/disabled per environment, strategy added/changed/removed (with the rollout share),
 * variants changed. Other event types (projects, users, tags...) are skipped with a reason.
 *
 * @example
 * parseUnleashEvent({ id: 42, createdAt: '2022-06-29T13:29:48Z', type: 'feature-environment-enabled', featureName: 'new-checkout', environment: 'production' })
 * // → { kind: 'flag', flagKey: 'new-checkout', fromState: 'off', toState: 'on', environment: 'production', ... }
 */
export function parseUnleashEvent(item: unknown): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  if (typeof item.id !== 'number') {
    return 'missing id';
  }
  const time = toEpochMs(item.createdAt);
  if (time === null) {
    return 'missing or impossible createdAt';
  }
  const flagKey = text(item.featureName);
  const change = changeOf(text(item.type), item.data, item.preData);
  if (!change || !flagKey) {
    return 'not a flag change';
  }
  const environment = text(item.environment);
  const project = text(item.project);
  const transition = change.from && change.to ? `${change.from} → ${change.to}` : change.to;
  return makeEvent({
    time,
    id: `unleash:${item.id}`,
    source: EventSource.Unleash,
    kind: change.kind,
    status: EventStatus.Success,
    environment,
    version: `${flagKey} ${change.to}`.trim(),
    author: text(item.createdBy),
    title: `Flag ${flagKey} ${change.what}${environment ? ` in ${environment}` : ''}`,
    text: transition,
    tags: [project && `project:${project}`, `flag:${flagKey}`, ...(Array.isArray(item.tags) ? item.tags.map((t) => text(get(t, 'value'))) : [])],
    flagKey,
    fromState: change.from,
    toState: change.to,
  });
}

/** The event types `changeOf` reads; asked for by name so other events are not even sent. */
export const FLAG_EVENT_TYPES = [
  'feature-environment-enabled',
  'feature-environment-disabled',
  'feature-strategy-add',
  'feature-strategy-update',
  'feature-strategy-remove',
  'feature-environment-variants-updated',
  'feature-variants-updated',
];

/** Unleash allows up to 1000 events a page; 100 keeps each answer small. */
const UNLEASH_PAGE = 100;

const DAY_MS = 86_400_000;

/**
 * `2024-05-14T10:20:00Z` → `IS:2024-05-14`. The search API filters by whole days in the
 * server's own time zone (unleash-server's `convertToDbParams` turns `to=IS:<day>` into
 * `created_at < <day + 1>` computed in local time, which west of UTC is `<day>` itself), so
 * the range is widened by a UTC day on each side and the events are kept by their exact time.
 */
function dayFilter(ms: number): string {
  return `IS:${new Date(ms).toISOString().slice(0, 10)}`;
}

/**
 * Flag changes from Unleash's event search (`/api/admin/search/events`, newest first), paged
 * with `offset`/`limit` until the body's `total` is reached or events are older than the range.
 * Filters (`IS:`/`IS_ANY_OF:` operators, dates as `IS:yyyy-MM-dd`) follow Unleash's
 * `eventSearchQueryParameters`. Scope: a project id, or empty for all projects.
 */
export const readUnleash: Provider = async (request) => {
  const project = request.scope.trim();
  const url = '/api/admin/search/events';
  const query = (offset: number) => ({
    offset,
    limit: UNLEASH_PAGE,
    from: dayFilter(request.range.from - DAY_MS),
    to: dayFilter(request.range.to + DAY_MS),
    project: project ? `IS:${project}` : undefined,
    environment: request.environment ? `IS:${request.environment}` : undefined,
    type: `IS_ANY_OF:${FLAG_EVENT_TYPES.join(',')}`,
  });
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  const keep = (event: DeployEvent) => inRange(event, request.range) && (!request.environment || event.environment === request.environment);
  const read = await readPages({
    client: request.client,
    what: project ? `events of project ${project}` : 'events',
    first: { url, query: query(0) },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => {
      const items = get(data, 'events');
      return Array.isArray(items) ? items : 'the answer has no events list; is the URL the Unleash server (Unleash 5.9 or later)?';
    },
    itemKey: (item) => text(get(item, 'id')),
    onItems: (items) => {
      const parsed = parseItems(items, parseUnleashEvent, skipped);
      const pageEvents = parsed.filter(keep).map((event) => (request.service && !event.service ? { ...event, service: request.service } : event));
      appendAll(events, pageEvents);
      request.onProgress?.(pageEvents);
      // Newest first: a page reaching before the range ends the walk.
      const oldest = oldestTime(parsed, (event) => event.time);
      return oldest !== null && oldest < request.range.from ? 'stop' : undefined;
    },
    nextPage: (page, items) => {
      const total = get(page.data, 'total');
      const seen = page.index * UNLEASH_PAGE + items.length;
      return items.length < UNLEASH_PAGE || (typeof total === 'number' && seen >= total) ? null : { url, query: query(seen) };
    },
  });
  return { events, notices: [...read.notices, ...skipped.notices('Unleash events')] };
};

/** Unleash: the event search is asked for one environment (`environment=IS:`), so several take a read each. */
export const UNLEASH: ProviderDescription = { read: readUnleash, environment: 'server', oneScope: true };
