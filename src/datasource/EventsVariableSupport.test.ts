import { dateTime, DataQueryRequest, LoadingState, MetricFindValue } from '@grafana/data';
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

  it('answers a failed listing with Grafana\'s query error, so the variable says why it is empty', async () => {
    const support = new EventsVariableSupport({
      metricFindQuery: async () => {
        throw new Error('GitLab is not configured: set its URL in the data source settings.');
      },
    });
    const target = { refId: 'V', kind: VariableKind.Services, query: { refId: 'q', provider: EventSource.GitLab, scope: 'g/p' } };
    const response = await lastValueFrom(support.query({ targets: [target], range, scopedVars: {} } as unknown as DataQueryRequest<EventsVariableQuery>));
    const message = 'GitLab is not configured: set its URL in the data source settings.';
    expect(response).toStrictEqual({ key: 'V', state: LoadingState.Error, data: [], error: { refId: 'V', message }, errors: [{ refId: 'V', message }] });
  });

  it('brings the datasource variable editor', () => {
    expect(new EventsVariableSupport({ metricFindQuery: async () => [] }).editor).toBeDefined();
  });
});
