import { get, text } from '../events/normalize';
import { Connection, createEventsClient, planRead, providerOf } from '../events/planRead';
import { TimeRange } from '../events/providers/types';
import { readEvents } from '../events/readEvents';
import { EventSource } from '../events/types';
import { HttpClient, HttpResult } from '../http/createHttpClient';
import { EventsQuery, VariableKind } from './types';

/** A variable's values, or why there are none: the message Grafana shows under the variable. */
export type VariableValues = { values: string[] } | { error: string };

/**
 * Values for a dashboard variable: services or environments seen in the events of the range,
 * or repositories (GitHub: of the owner named in the scope; GitLab: projects the token is a
 * member of; other providers: the scope's own entries). Sorted, distinct, never empty strings.
 * A read that got nothing and failed (a wrong token, an unknown repository) is the error, so
 * the variable says why it is empty; one that got some events keeps their values.
 */
export async function listVariableValues(kind: VariableKind, query: EventsQuery, connection: Connection, range: TimeRange): Promise<VariableValues> {
  if (kind === VariableKind.Repositories) {
    const listed = await listRepositories(query, createEventsClient(providerOf(query), connection));
    return typeof listed === 'string' ? { error: listed } : { values: distinct(listed) };
  }
  // Every kind and status of event names services and environments; the query's filters are for panels.
  const listed = { ...query, kinds: undefined, statuses: undefined, environment: kind === VariableKind.Environments ? undefined : query.environment };
  // Values need the events only, not the changes each deploy shipped (a request each).
  const batch = await readEvents(planRead(listed, connection, { range, shippedChanges: false }));
  const errors = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text);
  if (batch.events.length === 0 && errors.length > 0) {
    return { error: errors.join(' ') };
  }
  return { values: distinct(batch.events.map((e) => (kind === VariableKind.Services ? e.service : e.environment))) };
}

/** The repositories or projects listed, or the failure's message. */
async function listRepositories(query: EventsQuery, client: HttpClient): Promise<string[] | string> {
  const scope = query.scope.trim();
  const source = providerOf(query);
  const names = (result: HttpResult<unknown>, field: string) =>
    !result.ok ? result.error.message : Array.isArray(result.data) ? result.data.map((r) => text(get(r, field))) : `${client.providerName} did not answer with a list.`;
  if (source === EventSource.GitHub && scope && !scope.includes('/')) {
    const org = await client.getJson(`/orgs/${encodeURIComponent(scope)}/repos`, { per_page: 100, sort: 'pushed' });
    const result = org.ok ? org : await client.getJson(`/users/${encodeURIComponent(scope)}/repos`, { per_page: 100, sort: 'pushed' });
    return names(result, 'full_name');
  }
  if (source === EventSource.GitLab) {
    const result = await client.getJson('/api/v4/projects', { membership: true, simple: true, per_page: 100, order_by: 'last_activity_at' });
    return names(result, 'path_with_namespace');
  }
  return scope.split(/[\s,]+/);
}

function distinct(values: string[]): string[] {
  return Array.from(new Set(values.filter((v) => v !== ''))).sort((a, b) => a.localeCompare(b));
}
