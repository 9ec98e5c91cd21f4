import { get, text } from '../events/normalize';
import { Connection, createEventsClient, planRead, providerOf } from '../events/planRead';
import { TimeRange } from '../events/providers/types';
import { readMultiValue } from '../events/readMultiValue';
import { EventSource } from '../events/types';
import { HttpClient } from '../http/createHttpClient';
import { EventsQuery, VariableKind } from './types';

/**
 * Values for a dashboard variable: services or environments seen in the events of the range,
 * or repositories (GitHub: of the owner named in the scope; GitLab: projects the token is a
 * member of; other providers: the scope's own entries). Sorted, distinct, never empty strings.
 */
export async function listVariableValues(kind: VariableKind, query: EventsQuery, connection: Connection, range: TimeRange): Promise<string[]> {
  if (kind === VariableKind.Repositories) {
    return distinct(await listRepositories(query, createEventsClient(providerOf(query), connection)));
  }
  // Every kind and status of event names services and environments; the query's filters are for panels.
  const listed = { ...query, kinds: undefined, statuses: undefined, environment: kind === VariableKind.Environments ? undefined : query.environment };
  // Values need the events only, not the changes each deploy shipped (a request each).
  const batch = await readMultiValue(planRead(listed, connection, { range, shippedChanges: false }));
  return distinct(batch.events.map((e) => (kind === VariableKind.Services ? e.service : e.environment)));
}

async function listRepositories(query: EventsQuery, client: HttpClient): Promise<string[]> {
  const scope = query.scope.trim();
  const source = providerOf(query);
  if (source === EventSource.GitHub && scope && !scope.includes('/')) {
    const org = await client.getJson(`/orgs/${encodeURIComponent(scope)}/repos`, { per_page: 100, sort: 'pushed' });
    const result = org.ok ? org : await client.getJson(`/users/${encodeURIComponent(scope)}/repos`, { per_page: 100, sort: 'pushed' });
    return result.ok && Array.isArray(result.data) ? result.data.map((r) => text(get(r, 'full_name'))) : [];
  }
  if (source === EventSource.GitLab) {
    const result = await client.getJson('/api/v4/projects', { membership: true, simple: true, per_page: 100, order_by: 'last_activity_at' });
    return result.ok && Array.isArray(result.data) ? result.data.map((p) => text(get(p, 'path_with_namespace'))) : [];
  }
  return scope.split(/[\s,]+/);
}

function distinct(values: string[]): string[] {
  return Array.from(new Set(values.filter((v) => v !== ''))).sort((a, b) => a.localeCompare(b));
}
