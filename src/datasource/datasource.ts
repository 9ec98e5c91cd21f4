import {
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

import { Connection, createEventsClient, planRead, providerOf, scopeMissing } from '../events/planRead';
import { readEvents } from '../events/readEvents';
import { EventBatch, EventSource, PROVIDER_LABEL } from '../events/types';
import { ActionResult, FlagTarget } from '../act/types';
import { createLimiter } from '../http/createLimiter';
import { hasUserInfo } from '../http/urls';
import { backendSrvTransport } from './backendSrvTransport';
import { eventsToAnnotations } from './eventsToAnnotations';
import { eventsToFrame } from './eventsToFrame';
import { fillInVariables } from '../events/fillInVariables';
import { EventsVariableSupport } from './EventsVariableSupport';
import { listVariableValues } from './listVariableValues';
import { testProviders } from './testProviders';
import { turnFlagOff } from './turnFlagOff';
import { queryError, toQueryResponse, withEveryFailure } from './toQueryResponse';
import {
  DEFAULT_QUERY,
  EventsJsonData,
  EventsQuery,
  EventsVariableQuery,
  PROVIDER_URL_KEY,
} from './types';

/** A variable asked for outside a dashboard (no time range) lists what the last week's events name. */
const DEFAULT_VARIABLE_RANGE_MS = 7 * 86_400_000;

/** What a query or variable over a provider without URL says. */
function notConfigured(source: EventSource): string {
  return `${PROVIDER_LABEL[source]} is not configured: set its URL in the data source settings.`;
}

/** A saved URL with a user name or password (from before the editor refused one, or provisioned): not used. */
function credentialsInUrl(source: EventSource): string {
  return `${PROVIDER_LABEL[source]}'s URL holds a user name or password, which every viewer can read in the data source's settings: remove it there and put the token in the provider's token field. Nothing was read.`;
}

export class EventsDataSource extends DataSourceApi<EventsQuery, EventsJsonData> {
  readonly jsonData: EventsJsonData;
  /** At most 4 requests in flight for the whole datasource, whichever providers they go to. */
  private readonly limiter = createLimiter();

  constructor(instanceSettings: DataSourceInstanceSettings<EventsJsonData>) {
    super(instanceSettings);
    this.jsonData = instanceSettings.jsonData ?? {};
    // The query editor doubles as the annotation editor; the frames become annotations with
    // their CI text escaped, since Grafana's tooltip renders title and text as HTML.
    this.annotations = { processEvents: (_annotation, frames) => of(eventsToAnnotations(frames)) };
    this.variables = new EventsVariableSupport(this);
  }

  /** Hidden queries (the eye in the query editor) are not run. */
  filterQuery(query: EventsQuery): boolean {
    return !query.hide;
  }

  /** How a query reads in a collapsed query row and in query history. */
  getQueryDisplayText(query: EventsQuery): string {
    const source = providerOf(query);
    const parts = [PROVIDER_LABEL[source], query.scope?.trim(), query.environment?.trim() && `in ${query.environment.trim()}`, query.service?.trim() && `service ${query.service.trim()}`];
    return parts.filter(Boolean).join(' ');
  }

  /** Queries with the dashboard's variables filled in, as Explore and "Mixed" copies need them. */
  interpolateVariablesInQueries(queries: EventsQuery[], scopedVars: ScopedVars): EventsQuery[] {
    return queries.map((query) => ({ ...this.applyTemplateVariables(query, scopedVars), datasource: this.getRef() }));
  }

  getDefaultQuery(): Partial<EventsQuery> {
    return DEFAULT_QUERY;
  }

  /**
   * How a provider is reached through this datasource's route; null until its URL is set
   * (Grafana annotations need none: they are this Grafana's own).
   */
  private connection(source: EventSource): Connection | string {
    const urlKey = PROVIDER_URL_KEY[source];
    const upstream = urlKey === null ? '' : this.jsonData[urlKey];
    if (urlKey !== null && (typeof upstream !== 'string' || upstream.trim() === '')) {
      return notConfigured(source);
    }
    if (typeof upstream === 'string' && hasUserInfo(upstream)) {
      return credentialsInUrl(source);
    }
    return {
      endpoint: {
        via: 'proxy',
        datasourceUid: this.uid,
        upstreamUrl: typeof upstream === 'string' ? upstream : undefined,
        githubGraphql: Boolean(this.jsonData.githubGraphqlUrl),
      },
      transport: backendSrvTransport,
      limiter: this.limiter,
    };
  }

  /**
   * Variables filled in as comma-separated values (see `fillInVariables`): `readEvents` reads
   * each; an environment or service at a custom "All" value reads every one.
   */
  applyTemplateVariables(query: EventsQuery, scopedVars: ScopedVars): EventsQuery {
    const srv = getTemplateSrv();
    return {
      ...query,
      scope: fillInVariables(srv, query.scope, scopedVars, { filter: false }) ?? '',
      environment: fillInVariables(srv, query.environment, scopedVars, { filter: true }),
      service: fillInVariables(srv, query.service, scopedVars, { filter: true }),
    };
  }

  query(request: DataQueryRequest<EventsQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.filter((t) => this.filterQuery(t));
    if (targets.length === 0) {
      return of({ data: [], state: LoadingState.Done });
    }
    return withEveryFailure(merge(...targets.map((target) => this.runTarget(this.applyTemplateVariables(target, request.scopedVars), request.range))));
  }

  private runTarget(query: EventsQuery, range: TimeRange): Observable<DataQueryResponse> {
    const key = query.refId;
    const source = providerOf(query);
    const connection = this.connection(source);
    const readTo = range.to.valueOf();
    if (typeof connection === 'string') {
      return of(queryError(key, [connection], readTo));
    }
    if (scopeMissing(source, query.scope)) {
      const text = `Set the ${PROVIDER_LABEL[source]} scope in the query editor to read events.`;
      return of({ key, state: LoadingState.Done, data: [eventsToFrame([], key, [{ severity: 'info', text }])] });
    }
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      let done = false;
      readEvents(
        planRead(query, connection, {
          range: { from: range.from.valueOf(), to: range.to.valueOf() },
          maxPages: this.jsonData.maxPages,
          signal: controller.signal,
          onProgress: (events) => {
            if (!done) {
              subscriber.next({ key, state: LoadingState.Streaming, data: [eventsToFrame(events, key)] });
            }
          },
        })
      ).then(
        (batch) => {
          done = true;
          subscriber.next(toQueryResponse(batch, key, readTo));
          subscriber.complete();
        },
        () => {
          done = true;
          subscriber.next(queryError(key, [`Reading ${PROVIDER_LABEL[source]} events failed unexpectedly; the query was stopped.`], readTo));
          subscriber.complete();
        }
      );
      return () => {
        done = true;
        controller.abort();
      };
    });
  }

  /**
   * The values of a variable query; CustomVariableSupport (`this.variables`) runs it. Rejects
   * with a message a user can act on (a provider without URL, a failed read), which Grafana
   * shows under the variable instead of an empty list.
   */
  async metricFindQuery(query: EventsVariableQuery, options?: { range?: TimeRange; scopedVars?: ScopedVars }): Promise<MetricFindValue[]> {
    if (!query?.query) {
      return [];
    }
    const resolved = this.applyTemplateVariables(query.query, options?.scopedVars ?? {});
    const source = providerOf(resolved);
    const connection = this.connection(source);
    if (typeof connection === 'string') {
      throw new Error(connection);
    }
    const range = options?.range;
    const now = Date.now();
    const from = range ? range.from.valueOf() : now - DEFAULT_VARIABLE_RANGE_MS;
    const listed = await listVariableValues(query.kind, resolved, connection, { from, to: range ? range.to.valueOf() : now });
    if ('error' in listed) {
      throw new Error(listed.error);
    }
    return listed.values.map((text) => ({ text, value: text }));
  }

  /**
   * Turns a flag off in one environment, through the acting data-proxy route that Grafana
   * serves only to Editors and above. Not a query: `query` only reads.
   */
  turnFlagOff(target: FlagTarget, signal?: AbortSignal): Promise<ActionResult> {
    const upstreamUrl = this.jsonData[target.provider === 'unleash' ? 'unleashUrl' : 'launchdarklyUrl'];
    const source = target.provider === 'unleash' ? EventSource.Unleash : EventSource.LaunchDarkly;
    // The panel's data may be minutes old: the flag's changes since the one judged are read again.
    const changesSince = (from: number, read?: AbortSignal): Promise<EventBatch> => {
      const connection = this.connection(source);
      if (typeof connection === 'string') {
        return Promise.resolve({ events: [], notices: [{ severity: 'error', text: connection }] });
      }
      const query = { provider: source, scope: target.project, environment: target.environment };
      return readEvents(planRead(query, connection, { range: { from, to: Date.now() }, maxPages: this.jsonData.maxPages, signal: read }));
    };
    return turnFlagOff(target, { datasourceUid: this.uid, upstreamUrl: typeof upstreamUrl === 'string' ? upstreamUrl : undefined, transport: backendSrvTransport, signal, changesSince });
  }

  async testDatasource() {
    return testProviders((source) => {
      const connection = this.connection(source);
      if (typeof connection !== 'string') {
        return createEventsClient(source, connection);
      }
      // A provider without a URL is not configured; one whose URL holds credentials fails the test.
      return connection === notConfigured(source) ? null : connection;
    });
  }
}
