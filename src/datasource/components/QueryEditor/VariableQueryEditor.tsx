import React from 'react';
import { DataQuery } from '@grafana/schema';
import { InlineField, Select } from '@grafana/ui';

import { EventSource } from '../../../events/types';
import type { EventsDataSource } from '../../datasource';
import { TEST_IDS } from '../../testIds';
import { EventsQuery, EventsVariableQuery, VariableKind } from '../../types';
import { QueryEditor } from './QueryEditor';

interface Props {
  query: EventsVariableQuery;
  onChange: (query: EventsVariableQuery, definition: string) => void;
  datasource: EventsDataSource;
}

const kindOptions = Object.values(VariableKind).map((value) => ({ value, label: value }));

/** Picks what to list (services, environments, repositories) and the events query to list it from. */
export function VariableQueryEditor({ query, onChange, datasource }: Props) {
  const kind = query?.kind ?? VariableKind.Services;
  const inner: EventsQuery = query?.query ?? { refId: 'variable', provider: EventSource.GitHub, scope: '' };
  const emit = (next: EventsVariableQuery) => onChange(next, `${next.kind} of ${next.query.provider} ${next.query.scope}`.trim());
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
