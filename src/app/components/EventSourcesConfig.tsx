import React from 'react';
import { DataSourcePicker } from '@grafana/runtime';
import { Button, Field, Input, Select, Text, useStyles2 } from '@grafana/ui';

import { EVENT_SOURCES, EventSource, PROVIDER_LABEL } from '../../events/types';
import { TEST_IDS } from '../constants';
import { EventSourceConfig } from '../types';
import { getStyles } from './styles';

/** The type id of the SafeDeploy Events datasource, the only one the source pickers offer. */
export const EVENTS_TYPE = 'safedeploy-events-datasource';

interface Props {
  sources: EventSourceConfig[];
  onChange: (sources: EventSourceConfig[]) => void;
}

/** The providers as Grafana's Select lists them. */
const PROVIDER_OPTIONS = EVENT_SOURCES.map((p) => ({ label: PROVIDER_LABEL[p], value: p }));

/** One event source: which SafeDeploy Events data source, and the provider, scope and environment it reads. */
function EventSourceRow({ source, index, onChange, onRemove }: { source: EventSourceConfig; index: number; onChange: (patch: Partial<EventSourceConfig>) => void; onRemove: () => void }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.toolbar} data-testid={`${TEST_IDS.config}-source-${index}`}>
      <Field label="Data source">
        <DataSourcePicker type={EVENTS_TYPE} noDefault current={source.datasource.uid ?? null} onChange={(ds) => onChange({ datasource: { uid: ds.uid, type: ds.type } })} />
      </Field>
      <Field label="Provider">
        <Select<EventSource>
          aria-label="Provider"
          width={24}
          options={PROVIDER_OPTIONS}
          value={source.provider}
          onChange={(option) => option.value && onChange({ provider: option.value })}
        />
      </Field>
      <Field label="Scope">
        <Input aria-label="Scope" width={40} value={source.scope} onChange={(e) => onChange({ scope: e.currentTarget.value })} />
      </Field>
      <Field label="Environment">
        <Input aria-label="Environment" width={20} value={source.environment ?? ''} onChange={(e) => onChange({ environment: e.currentTarget.value || undefined })} />
      </Field>
      <Field label="Service" description="For events that name none, such as flag changes">
        <Input
          aria-label="Service"
          width={20}
          value={source.service ?? ''}
          onChange={(e) => onChange({ service: e.currentTarget.value || undefined })}
        />
      </Field>
      <Button variant="secondary" icon="trash-alt" aria-label="Remove event source" onClick={onRemove} />
    </div>
  );
}

/** The SafeDeploy Events data sources the Release health pages read deploys from, and what each reads. */
export function EventSourcesConfig({ sources, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const add = () => onChange([...sources, { datasource: { uid: '', type: EVENTS_TYPE }, provider: EventSource.GitHub, scope: '' }]);
  return (
    <section className={styles.section}>
      <Text element="h3">Event sources</Text>
      <p className={styles.secondary}>The SafeDeploy Events data sources the Release health pages read deploys from, and what each reads.</p>
      {sources.map((source, i) => (
        <EventSourceRow
          key={i}
          source={source}
          index={i}
          onChange={(patch) => onChange(sources.map((s, j) => (j === i ? { ...s, ...patch } : s)))}
          onRemove={() => onChange(sources.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <Button variant="secondary" icon="plus" onClick={add}>
          Add event source
        </Button>
      </div>
    </section>
  );
}
