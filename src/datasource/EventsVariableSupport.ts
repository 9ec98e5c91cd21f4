import { CustomVariableSupport, DataFrame, DataQueryRequest, DataQueryResponse, FieldType, LoadingState, MetricFindValue, ScopedVars, TimeRange } from '@grafana/data';
import { catchError, from, map, Observable, of } from 'rxjs';

import { VariableQueryEditor } from './components/QueryEditor/VariableQueryEditor';
import { migrateVariableQuery } from './migrateVariableQuery';
import { queryError } from './toQueryResponse';
import { EventsVariableQuery } from './types';

/** What the variable support needs of the datasource: listing values for one variable query. */
interface ListsValues {
  metricFindQuery(query: EventsVariableQuery, options?: { range?: TimeRange; scopedVars?: ScopedVars }): Promise<MetricFindValue[]>;
}

/** Values as the frame Grafana's variable runner reads (`text` and `value` fields). */
function toFrame(values: MetricFindValue[]): DataFrame {
  return {
    length: values.length,
    fields: [
      { name: 'text', type: FieldType.string, config: {}, values: values.map((v) => String(v.text)) },
      { name: 'value', type: FieldType.string, config: {}, values: values.map((v) => String(v.value ?? v.text)) },
    ],
  } as DataFrame;
}

/**
 * Dashboard variables through Grafana's CustomVariableSupport (10.4 has it), with the
 * datasource's own variable editor; saved queries of the former metricFindQuery variables are
 * migrated when they run.
 */
export class EventsVariableSupport extends CustomVariableSupport<never, EventsVariableQuery> {
  editor = VariableQueryEditor as unknown as CustomVariableSupport<never, EventsVariableQuery>['editor'];

  constructor(private readonly datasource: ListsValues) {
    super();
  }

  /**
   * The values as one frame; a failure is Grafana's query error (state Error with the
   * message), which the variable shows instead of an empty dropdown.
   */
  query(request: DataQueryRequest<EventsVariableQuery>): Observable<DataQueryResponse> {
    const query = migrateVariableQuery(request.targets[0]);
    return from(this.datasource.metricFindQuery(query, { range: request.range, scopedVars: request.scopedVars })).pipe(
      map((values): DataQueryResponse => ({ data: [toFrame(values)], state: LoadingState.Done })),
      catchError((err: unknown) => of(queryError(query.refId, [err instanceof Error && err.message ? err.message : 'Listing the variable values failed unexpectedly.'])))
    );
  }
}
