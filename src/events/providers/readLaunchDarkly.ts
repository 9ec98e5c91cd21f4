import { get, isRecord, makeEvent, text, toEpochMs } from '../normalize';
import { DeployEvent, EventKind, EventNotice, EventSource, EventStatus, FLAG_OFF, FLAG_ON } from '../types';
import { appendAll } from './appendAll';
import { inRange } from './inRange';
import { oldestTime } from './oldestTime';
import { parseItems } from './parseItems';
import { readPages } from './readPages';
import { Provider, ProviderDescription, SkipCounter } from './types';

/** Flag actions that change who gets which variation; the key is LaunchDarkly's action name. */
const TARGETING_ACTIONS: Record<string, string> = {
  updateFallthrough: 'default rule changed',
  updateFallthroughVariation: 'default rule changed',
  updateRules: 'rules changed',
  updateTargets: 'targets changed',
  updateOffVariation: 'off variation changed',
  updatePrerequisites: 'prerequisites changed',
};

/** `proj/shop:env/production;tag:flag/new-checkout` → its project, environment and flag key. */
export function parseFlagResource(resource: string): { project: string; environment: string; flagKey: string } | null {
  const match = /^proj\/([^:;]+)(?:;[^:]*)?:env\/([^:;]+)(?:;[^:]*)?:flag\/([^:;]+)/.exec(resource);
  return match ? { project: match[1], environment: match[2], flagKey: match[3] } : null;
}

/** Member's name, else email; tokens and apps by name. */
function whoDidIt(item: Record<string, unknown>): string {
  const name = [text(get(item, 'member', 'firstName')), text(get(item, 'member', 'lastName'))].filter(Boolean).join(' ');
  return name || text(get(item, 'member', 'email')) || text(get(item, 'token', 'name')) || text(get(item, 'app', 'name'));
}

/**
 * One LaunchDarkly audit log entry (`GET /api/v2/auditlog`, `items[]`) as a flag change in
 * one environment: turned on or off (`updateOn`; the direction from `titleVerb`), or its
 * targeting changed (default rule, rules, targets, off variation, prerequisites). Entries
 * about anything else (members, flag creation, names) are skipped with a reason.
 *
 * @example
 * parseLaunchDarklyEntry({ _id: 'a1', date: 1718018520000, kind: 'flag', titleVerb: 'turned on the flag',
 *   accesses: [{ action: 'updateOn', resource: 'proj/shop:env/production:flag/new-checkout' }] })
 * // → { kind: 'flag', flagKey: 'new-checkout', environment: 'production', fromState: 'off', toState: 'on', ... }
 */
export function parseLaunchDarklyEntry(item: unknown): DeployEvent | string {
  if (!isRecord(item)) {
    return 'not an object';
  }
  const id = text(item._id);
  if (!id) {
    return 'missing _id';
  }
  const time = toEpochMs(item.date);
  if (time === null) {
    return 'missing or impossible date';
  }
  const accesses = Array.isArray(item.accesses) ? item.accesses.filter(isRecord) : [];
  const change = accesses
    .map((access) => ({ action: text(access.action), target: parseFlagResource(text(access.resource)) }))
    .find(({ action, target }) => target && target.environment !== '*' && (action === 'updateOn' || action in TARGETING_ACTIONS));
  if (!change?.target) {
    return 'not a flag change in one environment';
  }
  const { flagKey, environment, project } = change.target;
  const verb = text(item.titleVerb).toLowerCase();
  let from = '';
  let to = '';
  let what: string;
  if (change.action === 'updateOn') {
    const on = /\bturned on\b/.test(verb);
    const off = /\bturned off\b/.test(verb);
    if (on === off) {
      return 'on/off change without a direction';
    }
    [from, to] = on ? [FLAG_OFF, FLAG_ON] : [FLAG_ON, FLAG_OFF];
    what = on ? 'turned on' : 'turned off';
  } else {
    what = TARGETING_ACTIONS[change.action];
    to = what;
  }
  const name = text(item.name) || flagKey;
  return makeEvent({
    time,
    id: `launchdarkly:${id}`,
    source: EventSource.LaunchDarkly,
    kind: EventKind.Flag,
    status: EventStatus.Success,
    environment,
    version: `${flagKey} ${to}`,
    author: whoDidIt(item),
    title: `Flag ${name} ${what} in ${environment}`,
    text: [text(item.comment), text(item.description).replace(/^-\s*/, '')].filter(Boolean).join('\n'),
    tags: [`project:${project}`, `flag:${flagKey}`],
    flagKey,
    fromState: from,
    toState: to,
  });
}

/** The audit log answers at most 20 entries per request. */
const LD_PAGE = 20;

/**
 * Flag changes from LaunchDarkly's audit log (`/api/v2/auditlog`, newest first), between
 * `after` and `before` (epoch ms, both exclusive), paged by moving `before` just past the
 * oldest entry read, so entries of that millisecond not yet read come too (those read again
 * are dropped by `_id`); a page whose entries all share one millisecond cannot be paged
 * through, and says so. The
 * next request is built here, not taken from `_links.next`: that link leaves out `spec`, so
 * following it read every project and environment. Scope: a project key, or empty for every
 * project; the project and environment are checked on each entry too.
 */
export const readLaunchDarkly: Provider = async (request) => {
  const project = request.scope.trim();
  const url = '/api/v2/auditlog';
  const spec = `proj/${project || '*'}:env/${request.environment || '*'}:flag/*`;
  const query = (before: number) => ({ after: request.range.from, before, limit: LD_PAGE, spec });
  const events: DeployEvent[] = [];
  const skipped = new SkipCounter();
  const notices: EventNotice[] = [];
  const seen = new Set<string>();
  const wanted = (event: DeployEvent) =>
    inRange(event, request.range) && (!project || event.tags.includes(`project:${project}`)) && (!request.environment || event.environment === request.environment);
  const read = await readPages({
    client: request.client,
    what: project ? `the audit log of project ${project}` : 'the audit log',
    first: { url, query: query(request.range.to + 1) },
    maxPages: request.maxPages,
    signal: request.signal,
    items: (data) => {
      const items = get(data, 'items');
      return Array.isArray(items) ? items : 'the answer has no items list; is the URL https://app.launchdarkly.com (or your instance)?';
    },
    onItems: (items) => {
      const fresh = items.filter((item) => {
        const id = text(get(item, '_id'));
        const isNew = !id || !seen.has(id);
        seen.add(id);
        return isNew;
      });
      const pageEvents = parseItems(fresh, parseLaunchDarklyEntry, skipped, wanted).map((event) =>
        request.service && !event.service ? { ...event, service: request.service } : event
      );
      appendAll(events, pageEvents);
      request.onProgress?.(pageEvents);
    },
    nextPage: (page, items) => {
      // Entries that are not flag changes still move the cursor: take every entry's date.
      const oldest = oldestTime(items, (item) => toEpochMs(get(item, 'date')));
      if (items.length < LD_PAGE || oldest === null || oldest <= request.range.from) {
        return null;
      }
      if (items.every((item) => toEpochMs(get(item, 'date')) === oldest)) {
        notices.push({
          severity: 'error',
          text: `LaunchDarkly: more than ${LD_PAGE} audit log entries share the time ${new Date(oldest).toISOString()}; the API pages only by time, so some of them are missing.`,
        });
        return { url, query: query(oldest) };
      }
      return { url, query: query(oldest + 1) };
    },
  });
  return { events, notices: [...read.notices, ...notices, ...skipped.notices('LaunchDarkly audit log entries')] };
};

/** LaunchDarkly: the audit log is asked for one environment (`spec` `env/`), so several take a read each. */
export const LAUNCHDARKLY: ProviderDescription = { read: readLaunchDarkly, environment: 'server', oneScope: true };
