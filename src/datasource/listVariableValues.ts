import { get, text } from '../events/normalize';
import { Connection, createEventsClient, planRead, providerOf } from '../events/planRead';
import { gitlabNextPage } from '../events/providers/readGitLab';
import { githubNextPage } from '../events/providers/readGitHub';
import { Page, PageRequest, readPages } from '../events/providers/readPages';
import { TimeRange } from '../events/providers/types';
import { readEvents } from '../events/readEvents';
import { EventSource } from '../events/types';
import { HttpClient } from '../http/createHttpClient';
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

/**
 * Pages of repositories a variable lists at most (100 each): an owner's or a member's
 * repositories past the first hundred are listed too, up to a size a dropdown still serves.
 */
const REPOSITORY_PAGES = 10;

/** The repositories or projects listed, or the failure's message. */
async function listRepositories(query: EventsQuery, client: HttpClient): Promise<string[] | string> {
  const scope = query.scope.trim();
  const source = providerOf(query);
  if (source === EventSource.GitHub && scope && !scope.includes('/')) {
    const owner = encodeURIComponent(scope);
    const linked = (page: Page, items: unknown[]) => githubNextPage(page, items, client);
    const what = `repositories of ${scope}`;
    const org = await listPaged(client, what, { url: `/orgs/${owner}/repos`, query: { per_page: 100, sort: 'pushed' } }, 'full_name', linked);
    return typeof org !== 'string' ? org : listPaged(client, what, { url: `/users/${owner}/repos`, query: { per_page: 100, sort: 'pushed' } }, 'full_name', linked);
  }
  if (source === EventSource.GitLab) {
    const first = { url: '/api/v4/projects', query: { membership: true, simple: true, per_page: 100, order_by: 'last_activity_at' } };
    return listPaged(client, 'projects', first, 'path_with_namespace', (page, items) => gitlabNextPage(page, items, first, client));
  }
  return scope.split(/[\s,]+/);
}

/**
 * One listing read page by page, each item's `field`; the failure's message when nothing was
 * read. A failure after some pages, or the page limit, keeps the pages read (the list is then
 * short, not empty). A page of names all read before ends the walk (a server ignoring the page).
 */
async function listPaged(client: HttpClient, what: string, first: PageRequest, field: string, nextPage: (page: Page, items: unknown[]) => PageRequest | null): Promise<string[] | string> {
  const names: string[] = [];
  const read = await readPages({
    client,
    what,
    first,
    maxPages: REPOSITORY_PAGES,
    items: (data) => (Array.isArray(data) ? data : 'the answer was not a list'),
    onItems: (items) => {
      for (const item of items) {
        names.push(text(get(item, field)));
      }
    },
    itemKey: (item) => text(get(item, field)),
    nextPage,
  });
  const errors = read.notices.filter((n) => n.severity === 'error').map((n) => n.text);
  return names.length === 0 && errors.length > 0 ? errors.join(' ') : names;
}

function distinct(values: string[]): string[] {
  return Array.from(new Set(values.filter((v) => v !== ''))).sort((a, b) => a.localeCompare(b));
}
