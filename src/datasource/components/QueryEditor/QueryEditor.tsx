import React, { ChangeEvent } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, MultiSelect, Select } from '@grafana/ui';

import { EVENT_KINDS, EVENT_STATUSES, EventKind, EventSource, EventStatus, GitHubFeed, PROVIDER_LABEL } from '../../../events/types';
import { DEFAULT_PROVIDER, providerOf } from '../../../events/planRead';
import { TEST_IDS } from '../../testIds';
import { EventsJsonData, EventsQuery, EventsSource } from '../../types';

type Props = QueryEditorProps<EventsSource, EventsQuery, EventsJsonData>;

const SCOPE_HELP: Record<EventSource, { label: string; placeholder: string }> = {
  [EventSource.GitHub]: { label: 'Repositories', placeholder: 'owner/repo, owner/other' },
  [EventSource.GitLab]: { label: 'Project', placeholder: 'group/project or id' },
  [EventSource.Jenkins]: { label: 'Job', placeholder: 'folder/deploy-job' },
  [EventSource.ArgoCD]: { label: 'Application', placeholder: 'checkout or namespace/checkout' },
  [EventSource.CDEvents]: { label: 'Endpoint path', placeholder: '/events' },
  [EventSource.Unleash]: { label: 'Project', placeholder: 'default (empty for all projects)' },
  [EventSource.LaunchDarkly]: { label: 'Project', placeholder: 'default (empty for all projects)' },
  [EventSource.Kubernetes]: { label: 'Namespace', placeholder: 'prod or prod/app=checkout,tier=web' },
  [EventSource.GrafanaAnnotations]: { label: 'Tags', placeholder: 'incident, change (empty for all)' },
};

const providerOptions: Array<SelectableValue<EventSource>> = Object.values(EventSource).map((value) => ({
  value,
  label: PROVIDER_LABEL[value],
}));
const kindOptions = EVENT_KINDS.map((value) => ({ value, label: value }));
const statusOptions = EVENT_STATUSES.map((value) => ({ value, label: value.replace('_', ' ') }));
const feedOptions = Object.values(GitHubFeed).map((value) => ({ value, label: value.replace('_', ' ') }));

const LABEL_WIDTH = 16;

/** Edits one events query; text fields accept template variables and apply on blur. */
export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  // A query saved without a provider (provisioned by hand) reads GitHub, as planRead does.
  const provider = providerOf(query);
  const update = (patch: Partial<EventsQuery>, run = true) => {
    onChange({ ...query, ...patch } as EventsQuery);
    if (run) {
      onRunQuery();
    }
  };
  // Uncontrolled until blur; keyed by the stored text, so a query replaced from outside (query
  // history, another variable) shows anew instead of keeping, and later writing back, the former.
  const fieldKey = (key: 'scope' | 'environment' | 'service') => `${key}:${provider}:${(query[key] as string | undefined) ?? ''}`;
  const textField = (key: 'scope' | 'environment' | 'service') => ({
    defaultValue: (query[key] as string | undefined) ?? '',
    onBlur: (e: ChangeEvent<HTMLInputElement>) => {
      if (e.currentTarget.value !== (query[key] ?? '')) {
        update({ [key]: e.currentTarget.value });
      }
    },
  });

  return (
    <div data-testid={TEST_IDS.queryEditor}>
      <InlineFieldRow>
        <InlineField label="Provider" labelWidth={LABEL_WIDTH}>
          <Select
            aria-label="Provider"
            width={20}
            options={providerOptions}
            value={provider}
            onChange={(v) => update({ provider: v.value ?? DEFAULT_PROVIDER, scope: '' })}
          />
        </InlineField>
        <InlineField label={SCOPE_HELP[provider].label} labelWidth={LABEL_WIDTH} grow>
          <Input aria-label="Scope" placeholder={SCOPE_HELP[provider].placeholder} key={fieldKey('scope')} {...textField('scope')} />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Environment" labelWidth={LABEL_WIDTH} tooltip="Only events of this environment; empty for all.">
          <Input aria-label="Environment" width={24} placeholder="production" key={fieldKey('environment')} {...textField('environment')} />
        </InlineField>
        <InlineField label="Service" labelWidth={LABEL_WIDTH} tooltip="Stamped on events whose payload names no service.">
          <Input aria-label="Service" width={24} placeholder="checkout" key={fieldKey('service')} {...textField('service')} />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Kinds" labelWidth={LABEL_WIDTH} tooltip="Empty for all kinds.">
          <MultiSelect<EventKind>
            aria-label="Kinds"
            width={40}
            options={kindOptions}
            value={query.kinds ?? []}
            onChange={(v) => update({ kinds: v.map((o) => o.value!).filter(Boolean) })}
          />
        </InlineField>
        <InlineField label="Status" labelWidth={LABEL_WIDTH} tooltip="Empty for all statuses.">
          <MultiSelect<EventStatus>
            aria-label="Status"
            width={40}
            options={statusOptions}
            value={query.statuses ?? []}
            onChange={(v) => update({ statuses: v.map((o) => o.value!).filter(Boolean) })}
          />
        </InlineField>
      </InlineFieldRow>
      {provider === EventSource.GitHub && (
        <InlineFieldRow>
          <InlineField label="Read" labelWidth={LABEL_WIDTH} tooltip="Deployments (default), workflow runs, releases.">
            <MultiSelect<GitHubFeed>
              aria-label="GitHub feeds"
              width={40}
              options={feedOptions}
              value={('feeds' in query ? query.feeds : undefined) ?? [GitHubFeed.Deployments]}
              onChange={(v) => update({ feeds: v.map((o) => o.value!).filter(Boolean) })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </div>
  );
}
