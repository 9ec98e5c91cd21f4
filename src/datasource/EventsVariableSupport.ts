import { CustomVariableSupport, DataFrame, DataQueryRequest, DataQueryResponse, FieldType, MetricFindValue, ScopedVars, TimeRange } from '@grafana/data';
import { from, map, Observable } from 'rxjs';

import { VariableQueryEditor } from './components/QueryEditor/VariableQueryEditor';
import { migrateVariableQuery } from './migrateVariableQuery';
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

  query(request: DataQueryRequest<EventsVariableQuery>): Observable<DataQueryResponse> {
    const query = migrateVariableQuery(request.targets[0]);
    return from(this.datasource.metricFindQuery(query, { range: request.range, scopedVars: request.scopedVars })).pipe(map((values) => ({ data: [toFrame(values)] })));
  }
}
