import {
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  MetricFindValue,
  ScopedVars,
  TimeRange,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { merge, Observable, of } from 'rxjs';

import { createHttpClient, createLimiter, HttpClient } from '../events/http/createHttpClient';
import { readEvents } from '../events/readEvents';
import { EventSource, SCOPE_OPTIONAL } from '../events/types';
import { backendSrvTransport } from './backendSrvTransport';
import { eventsToFrame } from './eventsToFrame';
import { listVariableValues } from './listVariableValues';
import { testProviders } from './testProviders';
import {
  DEFAULT_QUERY,
  EventsJsonData,
  EventsQuery,
  EventsVariableQuery,
  PROVIDER_LABEL,
  PROVIDER_URL_KEY,
} from './types';

export class EventsDataSource extends DataSourceApi<EventsQuery, EventsJsonData> {
  readonly jsonData: EventsJsonData;
  private readonly clients = new Map<EventSource, HttpClient>();
  /** At most 4 requests in flight for the whole datasource, whichever providers they go to. */
  private readonly limiter = createLimiter();

  constructor(instanceSettings: DataSourceInstanceSettings<EventsJsonData>) {
    super(instanceSettings);
    this.jsonData = instanceSettings.jsonData ?? {};
    // Standard annotation support: the query editor doubles as the annotation editor, and the
    // frame's `time`/`timeEnd`/`title`/`text`/`tags`/`color` fields map without configuration.
    this.annotations = {};
  }

  getDefaultQuery(): Partial<EventsQuery> {
    return DEFAULT_QUERY;
  }

  /** One client per provider, all sharing the datasource's limit on requests in flight. */
  client(source: EventSource): HttpClient | null {
    const urlKey = PROVIDER_URL_KEY[source];
    // Grafana annotations: this Grafana's own API, with the viewer's session, no route.
    const upstream = urlKey === null ? '' : this.jsonData[urlKey];
    if (urlKey !== null && (typeof upstream !== 'string' || upstream.trim() === '')) {
      return null;
    }
    let client = this.clients.get(source);
    if (!client) {
      client = createHttpClient({
        baseUrl: urlKey === null ? '' : `/api/datasources/proxy/uid/${this.uid}/${source}`,
        upstreamUrl: typeof upstream === 'string' && upstream ? upstream : undefined,
        providerName: PROVIDER_LABEL[source],
        transport: backendSrvTransport,
        limiter: this.limiter,
      });
      this.clients.set(source, client);
    }
    return client;
  }

  /** The `github/graphql` route under the GitHub client's base; null (REST only) until the settings name the endpoint. */
  private githubGraphqlPath(): string | null {
    return this.jsonData.githubGraphqlUrl ? '/graphql' : null;
  }

  applyTemplateVariables(query: EventsQuery, scopedVars: ScopedVars): EventsQuery {
    const srv = getTemplateSrv();
    const replace = (value: string | undefined, format?: string) => (value ? srv.replace(value, scopedVars, format) : value);
    return {
      ...query,
      scope: replace(query.scope, 'csv') ?? '',
      environment: replace(query.environment),
      service: replace(query.service),
    };
  }

  query(request: DataQueryRequest<EventsQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide);
    if (targets.length === 0) {
      return of({ data: [], state: LoadingState.Done });
    }
    return merge(...targets.map((target) => this.runTarget(this.applyTemplateVariables(target, request.scopedVars), request.range)));
  }

  private runTarget(query: EventsQuery, range: TimeRange): Observable<DataQueryResponse> {
    const key = query.refId;
    const source = query.provider ?? EventSource.GitHub;
    const client = this.client(source);
    if (!client) {
      const text = `${PROVIDER_LABEL[source]} is not configured: set its URL in the data source settings.`;
      return of({ key, state: LoadingState.Done, data: [eventsToFrame([], key, [{ severity: 'error', text }])] });
    }
    if (!query.scope?.trim() && !SCOPE_OPTIONAL.has(source)) {
      const text = `Set the ${PROVIDER_LABEL[source]} scope in the query editor to read events.`;
      return of({ key, state: LoadingState.Done, data: [eventsToFrame([], key, [{ severity: 'info', text }])] });
    }
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      let done = false;
      readEvents({
        source,
        client,
        scope: query.scope,
        environment: query.environment,
        service: query.service,
        kinds: query.kinds,
        statuses: query.statuses,
        githubFeeds: query.provider === EventSource.GitHub ? query.feeds : undefined,
        githubGraphqlUrl: this.githubGraphqlPath(),
        range: { from: range.from.valueOf(), to: range.to.valueOf() },
        maxPages: this.jsonData.maxPages,
        signal: controller.signal,
        onProgress: (events) => {
          if (!done) {
            subscriber.next({ key, state: LoadingState.Streaming, data: [eventsToFrame(events, key)] });
          }
        },
      }).then(
        (batch) => {
          done = true;
          const frame: DataFrame = eventsToFrame(batch.events, key, batch.notices);
          subscriber.next({ key, state: LoadingState.Done, data: [frame] });
          subscriber.complete();
        },
        () => {
          done = true;
          const text = `Reading ${PROVIDER_LABEL[source]} events failed unexpectedly; the query was stopped.`;
          subscriber.next({ key, state: LoadingState.Done, data: [eventsToFrame([], key, [{ severity: 'error', text }])] });
          subscriber.complete();
        }
      );
      return () => {
        done = true;
        controller.abort();
      };
    });
  }

  async metricFindQuery(query: EventsVariableQuery, options?: { range?: TimeRange; scopedVars?: ScopedVars }): Promise<MetricFindValue[]> {
    if (!query?.query) {
      return [];
    }
    const resolved = this.applyTemplateVariables(query.query, options?.scopedVars ?? {});
    const client = this.client(resolved.provider ?? EventSource.GitHub);
    if (!client) {
      return [];
    }
    const range = options?.range;
    const now = Date.now();
    const values = await listVariableValues(
      query.kind,
      resolved,
      client,
      { from: range ? range.from.valueOf() : now - 7 * 86_400_000, to: range ? range.to.valueOf() : now },
      this.githubGraphqlPath()
    );
    return values.map((text) => ({ text, value: text }));
  }

  async testDatasource() {
    return testProviders((source) => this.client(source));
  }
}
