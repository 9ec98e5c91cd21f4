import { dateTime, DataQueryRequest, MetricFindValue } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { EventSource } from '../events/types';
import { EventsVariableSupport } from './EventsVariableSupport';
import { EventsVariableQuery, VariableKind } from './types';

const range = { from: dateTime(0), to: dateTime(86_400_000), raw: { from: '', to: '' } };

describe('EventsVariableSupport', () => {
  it('runs a saved variable query, migrated, and answers with the text and value fields Grafana reads', async () => {
    const seen: EventsVariableQuery[] = [];
    const support = new EventsVariableSupport({
      metricFindQuery: async (query: EventsVariableQuery): Promise<MetricFindValue[]> => {
        seen.push(query);
        return [{ text: 'checkout' }, { text: 'web', value: 'web-svc' }];
      },
    });
    // Saved by the former metricFindQuery variables: no refId.
    const saved = { kind: VariableKind.Services, query: { refId: 'variable', provider: EventSource.GitHub, scope: 'shop/checkout' } };
    const request = { targets: [saved], range, scopedVars: {} } as unknown as DataQueryRequest<EventsVariableQuery>;
    const response = await lastValueFrom(support.query(request));
    expect(seen[0]).toStrictEqual({ ...saved, refId: 'SafeDeployVariableQuery' });
    const [frame] = response.data;
    expect(frame.fields.map((f: { name: string; values: string[] }) => [f.name, f.values])).toStrictEqual([
      ['text', ['checkout', 'web']],
      ['value', ['checkout', 'web-svc']],
    ]);
  });

  it('brings the datasource variable editor', () => {
    expect(new EventsVariableSupport({ metricFindQuery: async () => [] }).editor).toBeDefined();
  });
});
