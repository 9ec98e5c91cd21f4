import React from 'react';
import { DataQuery } from '@grafana/schema';
import { InlineField, Select } from '@grafana/ui';

import { providerOf } from '../../../events/planRead';
import { migrateVariableQuery } from '../../migrateVariableQuery';
import { TEST_IDS } from '../../testIds';
import { EventsQuery, EventsSource, EventsVariableQuery, VariableKind } from '../../types';
import { QueryEditor } from './QueryEditor';

interface Props {
  /** As saved: migrated here, since older dashboards hold other shapes. */
  query: EventsVariableQuery | string | undefined;
  onChange: (query: EventsVariableQuery, definition: string) => void;
  datasource: EventsSource;
}

const kindOptions = Object.values(VariableKind).map((value) => ({ value, label: value }));

/** Picks what to list (services, environments, repositories) and the events query to list it from. */
export function VariableQueryEditor({ query, onChange, datasource }: Props) {
  // A query saved before variables ran through CustomVariableSupport is shown migrated.
  const current = migrateVariableQuery(query);
  const { kind, refId } = current;
  const inner: EventsQuery = current.query;
  const emit = (next: Omit<EventsVariableQuery, 'refId'>) =>
    onChange({ ...next, refId }, `${next.kind} of ${providerOf(next.query)} ${next.query.scope ?? ''}`.trim());
  return (
    <div data-testid={TEST_IDS.variableEditor}>
      <InlineField label="List" labelWidth={16}>
        <Select aria-label="Variable values" width={24} options={kindOptions} value={kind} onChange={(v) => emit({ kind: v.value ?? VariableKind.Services, query: inner })} />
      </InlineField>
      <QueryEditor
        datasource={datasource}
        query={inner}
        onChange={(q: DataQuery) => emit({ kind, query: q as EventsQuery })}
        onRunQuery={() => undefined}
      />
    </div>
  );
}
