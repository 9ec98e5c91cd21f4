import { DeployEvent, EventKind, EventSource, EventStatus } from './types';

/** Earliest and latest timestamps we accept: anything outside is an impossible value, not an event. */
const MIN_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
const MAX_PLAUSIBLE_MS = Date.UTC(2200, 0, 1);

/**
 * Returns the URL when it is http or https, else null: CI data never becomes a script link.
 * A user or password in the link (`https://ci-bot:token@jenkins.example.com/job/1`) is dropped
 * and the rest kept, so credentials in CI data never reach frames, tooltips or the command line.
 * @example safeUrl('https://u:p@ci.example.com/job/1') // 'https://ci.example.com/job/1'
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') {
    return null;
  }
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return null;
    }
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return null;
  }
}

/**
 * `scheme://user:password@` in free text, up to the `@` that ends the user-info. A scheme starts
 * where no scheme character stands before it (not at every word boundary: in `a.a.a.…` each
 * character would start a scan to the end of the text, minutes on a long CI message).
 */
const URL_USER_INFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/**
 * Text with the user-info (user, password, token) removed from every URL in it, as `safeUrl`
 * removes it from a link: providers quote repository URLs as configured, credentials included.
 *
 * @example withoutUrlCredentials('fetch https://oauth2:glpat-x@gitlab.example.com/a.git failed')
 * // 'fetch https://gitlab.example.com/a.git failed'
 */
export function withoutUrlCredentials(value: string): string {
  return value.replace(URL_USER_INFO, '$1');
}

/** An ISO 8601 date and time that names no zone: `2024-05-14T10:20`, `2024-05-14 10:20:00.123456` (Python's `isoformat()`). */
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/i;
/** A date alone (`2024-05-14`): ECMAScript reads it as UTC already. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Text that ends by naming its zone: `Z`, `+01:00`, `-0500`, `GMT`, `UTC`. */
const NAMED_ZONE = /(?:z|\b(?:gmt|utc|ut)|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch ms of a time as text, the same wherever it is read. `Date.parse` reads a time that names
 * no zone in the zone of the machine reading it (the viewer's browser, the CI runner), so one
 * deploy would stand at different times for different people: an ISO time without a zone is read
 * as UTC (as the command line reads --from and --to), and any other text must name its zone.
 */
export function parseTimeText(value: string): number {
  const trimmed = value.trim();
  if (ISO_WITHOUT_ZONE.test(trimmed)) {
    return Date.parse(`${trimmed.replace(' ', 'T')}Z`);
  }
  return ISO_DATE.test(trimmed) || NAMED_ZONE.test(trimmed) ? Date.parse(trimmed) : NaN;
}

/**
 * Epoch ms from an ISO 8601 string or epoch ms number; null for missing, unparsable or
 * impossible values (before 2000 or after 2200). An ISO time without a zone is UTC; other text
 * without a zone is unparsable (see `parseTimeText`).
 *
 * @example toEpochMs('2024-01-01T10:00:00') // 1704103200000 in every time zone
 */
export function toEpochMs(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'number') {
    ms = value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    ms = parseTimeText(value);
  } else {
    return null;
  }
  return Number.isFinite(ms) && ms >= MIN_PLAUSIBLE_MS && ms <= MAX_PLAUSIBLE_MS ? ms : null;
}

/** A trimmed string for display, or '' when the value is not a string or number. */
export function text(value: unknown): string {
  if (typeof value === 'string') {
    return value.trim();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return '';
}

/** A plain object (not null, not an array): the shape every payload is narrowed to before reading a field. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a nested property without throwing: `get(run, 'actor', 'login')`. */
export function get(value: unknown, ...path: Array<string | number>): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') {
      current = current[key];
    } else if (isRecord(current) && typeof key === 'string') {
      current = current[key];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Builds an event with every field present and typed; unknown optional fields become ''. URL credentials in the title and text are dropped, as `safeUrl` drops them from the link. */
export function makeEvent(
  fields: Pick<DeployEvent, 'time' | 'id' | 'source' | 'kind'> & Partial<Omit<DeployEvent, 'time' | 'id' | 'source' | 'kind'>>
): DeployEvent {
  const tags = (fields.tags ?? []).filter((tag) => typeof tag === 'string' && tag !== '');
  return {
    time: fields.time,
    timeEnd: fields.timeEnd != null && fields.timeEnd >= fields.time ? fields.timeEnd : null,
    id: fields.id,
    source: fields.source,
    kind: fields.kind,
    status: fields.status ?? EventStatus.Unknown,
    service: fields.service ?? '',
    environment: fields.environment ?? '',
    version: fields.version ?? '',
    commit: fields.commit ?? '',
    author: fields.author ?? '',
    // CI tools quote remotes as configured (`https://oauth2:<token>@gitlab...`): never shown.
    title: withoutUrlCredentials(fields.title ?? ''),
    text: withoutUrlCredentials(fields.text ?? ''),
    url: safeUrl(fields.url),
    tags: Array.from(new Set(tags)),
    // Flag and config details only where there are some, so deploys keep their shape.
    ...(fields.flagKey !== undefined ? { flagKey: fields.flagKey, fromState: fields.fromState ?? '', toState: fields.toState ?? '' } : {}),
    ...(fields.gateVerdict ? { gateVerdict: fields.gateVerdict } : {}),
    ...(fields.mergedChanges !== undefined
      ? { mergedChanges: fields.mergedChanges, mergeTimes: fields.mergeTimes ?? [], mergedChangesLowerBound: fields.mergedChangesLowerBound ?? false }
      : {}),
  };
}

/** Tags that let a stock annotation query filter by source, kind, status, service and environment. */
export function standardTags(source: EventSource, kind: EventKind, status: EventStatus, service: string, environment: string): string[] {
  return [source, kind, status, service && `service:${service}`, environment && `env:${environment}`].filter(Boolean);
}
