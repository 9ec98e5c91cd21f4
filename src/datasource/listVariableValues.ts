import { HttpClient } from '../events/http/createHttpClient';
import { get, text } from '../events/normalize';
import { TimeRange } from '../events/providers/types';
import { readEvents } from '../events/readEvents';
import { EventSource } from '../events/types';
import { EventsQuery, VariableKind } from './types';

/**
 * Values for a dashboard variable: services or environments seen in the events of the range,
 * or repositories (GitHub: of the owner named in the scope; GitLab: projects the token is a
 * member of; other providers: the scope's own entries). Sorted, distinct, never empty strings.
 */
export async function listVariableValues(
  kind: VariableKind,
  query: EventsQuery,
  client: HttpClient,
  range: TimeRange,
  /** As `readEvents`' option: the `github/graphql` route's path, or null for REST only. */
  githubGraphqlUrl: string | null = null
): Promise<string[]> {
  if (kind === VariableKind.Repositories) {
    return distinct(await listRepositories(query, client));
  }
  const batch = await readEvents({
    source: query.provider,
    client,
    scope: query.scope,
    environment: kind === VariableKind.Environments ? undefined : query.environment,
    service: query.service,
    range,
    githubGraphqlUrl,
  });
  return distinct(batch.events.map((e) => (kind === VariableKind.Services ? e.service : e.environment)));
}

async function listRepositories(query: EventsQuery, client: HttpClient): Promise<string[]> {
  const scope = query.scope.trim();
  if (query.provider === EventSource.GitHub && scope && !scope.includes('/')) {
    const org = await client.getJson(`/orgs/${encodeURIComponent(scope)}/repos`, { per_page: 100, sort: 'pushed' });
    const result = org.ok ? org : await client.getJson(`/users/${encodeURIComponent(scope)}/repos`, { per_page: 100, sort: 'pushed' });
    return result.ok && Array.isArray(result.data) ? result.data.map((r) => text(get(r, 'full_name'))) : [];
  }
  if (query.provider === EventSource.GitLab) {
    const result = await client.getJson('/api/v4/projects', { membership: true, simple: true, per_page: 100, order_by: 'last_activity_at' });
    return result.ok && Array.isArray(result.data) ? result.data.map((p) => text(get(p, 'path_with_namespace'))) : [];
  }
  return scope.split(/[\s,]+/);
}

function distinct(values: string[]): string[] {
  return Array.from(new Set(values.filter((v) => v !== ''))).sort((a, b) => a.localeCompare(b));
}
