import React, { useLayoutEffect, useRef } from 'react';
import { DataSourcePicker } from '@grafana/runtime';
import { Button, CodeEditor, Field, Input, Text, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { credentialIn } from '../credentialIn';
import { MetricQueryConfig } from '../types';
import { getStyles } from './styles';

/** A metric query as the form edits it. */
export interface MetricDraft {
  service: string;
  datasource: MetricQueryConfig['datasource'] | null;
  /** The query model as JSON text, parsed on save. */
  json: string;
}

/** The form's draft of a saved query, or of a new one (`{}`). */
export const toDraft = (service: string, m: MetricQueryConfig | null): MetricDraft => ({
  service,
  datasource: m?.datasource ?? null,
  json: m ? JSON.stringify(m.query, null, 2) : '{}',
});

/** The query model from its JSON text, or what is wrong with the text. */
export function parseQuery(json: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'not a JSON object';
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : 'parse error'})`;
  }
}

/**
 * What is wrong with a query's text itself, or null: not a JSON object, or a credential in it
 * (app settings are jsonData, which Grafana hands to every signed-in user).
 */
export function queryTextProblem(json: string): string | null {
  const parsed = parseQuery(json);
  if (typeof parsed === 'string') {
    return `The query is ${parsed}`;
  }
  const credential = credentialIn(parsed);
  return credential === null
    ? null
    : `The query holds what looks like a credential (${credential}): app settings are readable by every Grafana user, so keep credentials in the data source's own secure settings`;
}

/**
 * What keeps a draft from being saved as written, or null. Saving keeps only queries with a
 * data source (and a service's own, a service name): a draft the user filled in without one
 * would vanish on save, so it is said instead. An untouched draft (`{}`, no name) is no problem.
 *
 * @example
 * draftProblem({ service: 'web', datasource: null, json: '{"expr": "errors"}' }, true) // 'Pick a data source: without one this query is not saved'
 */
export function draftProblem(d: MetricDraft, ownQuery: boolean): string | null {
  if (!d.datasource) {
    const parsed = parseQuery(d.json);
    const touched = (typeof parsed === 'string' || Object.keys(parsed).length > 0) || (ownQuery && d.service.trim() !== '');
    return touched ? 'Pick a data source: without one this query is not saved' : null;
  }
  return queryTextProblem(d.json) ?? (ownQuery && !d.service.trim() ? 'Name the service: without a name this query is not saved' : null);
}

/** Enough for a query model of a few keys without scrolling; longer ones scroll. */
const QUERY_EDITOR_HEIGHT = 96;

const ERRORS_EXAMPLE = '{"expr": "sum(rate(http_requests_total{service=\\"$service\\", code=~\\"5..\\"}[5m]))"}';
const REQUESTS_EXAMPLE = '{"expr": "sum(rate(http_requests_total{service=\\"$service\\"}[5m]))"}';

/** One metric query: its data source and its query model as JSON, checked as it is typed. */
function MetricEditor({ draft, onChange, label, example = ERRORS_EXAMPLE, ownQuery = false }: { draft: MetricDraft; onChange: (d: MetricDraft) => void; label: string; example?: string; ownQuery?: boolean }) {
  const textProblem = queryTextProblem(draft.json);
  const missingSource = !draft.datasource ? draftProblem(draft, ownQuery) : null;
  // CodeEditor binds its change handler once, when Monaco mounts: read the newest draft through a
  // ref, or a data source picked after mounting would be lost at the next keystroke.
  const latest = useRef({ draft, onChange });
  useLayoutEffect(() => {
    latest.current = { draft, onChange };
  });
  return (
    <>
      <Field label={`${label}: data source`} invalid={missingSource !== null} error={missingSource ?? undefined}>
        <DataSourcePicker metrics noDefault current={draft.datasource?.uid ?? null} onChange={(ds) => onChange({ ...draft, datasource: { uid: ds.uid, type: ds.type } })} />
      </Field>
      <Field
        label={`${label}: query (JSON, as the data source's query editor saves it)`}
        description={`For example ${example}`}
        invalid={textProblem !== null}
        error={textProblem ?? undefined}
      >
        <div data-testid={`${TEST_IDS.configQuery}-${label}`}>
          <CodeEditor
            language="json"
            value={draft.json}
            height={QUERY_EDITOR_HEIGHT}
            showLineNumbers={false}
            showMiniMap={false}
            monacoOptions={{ ariaLabel: `${label} query`, scrollBeyondLastLine: false, wordWrap: 'on' }}
            onChange={(json) => latest.current.onChange({ ...latest.current.draft, json })}
          />
        </div>
      </Field>
    </>
  );
}

/** A service's own query, which overrides the template for that service. */
function ServiceMetric({ draft, onChange, onRemove }: { draft: MetricDraft; onChange: (d: MetricDraft) => void; onRemove: () => void }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.card}>
      <Field label="Service" invalid={!!draft.datasource && !draft.service.trim()} error={draft.datasource && !draft.service.trim() ? draftProblem(draft, true) ?? undefined : undefined}>
        <Input aria-label="Service" value={draft.service} onChange={(e) => onChange({ ...draft, service: e.currentTarget.value })} />
      </Field>
      <MetricEditor label={draft.service || 'Service'} draft={draft} onChange={onChange} ownQuery />
      <Button variant="secondary" icon="trash-alt" onClick={onRemove}>
        Remove
      </Button>
    </div>
  );
}

interface Props {
  template: MetricDraft;
  onTemplateChange: (d: MetricDraft) => void;
  requests: MetricDraft;
  onRequestsChange: (d: MetricDraft) => void;
  perService: MetricDraft[];
  onPerServiceChange: (d: MetricDraft[]) => void;
}

/** The error metric: a `$service` template, any service's own query, and the requests template. */
export function MetricConfig({ template, onTemplateChange, requests, onRequestsChange, perService, onPerServiceChange }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.section}>
      <Text element="h3">Error metric</Text>
      <p className={styles.secondary}>
        Any data source. The template serves every service without its own query; <code>$service</code> in it is replaced by the service name. Queries
        run through Grafana&apos;s query API.
      </p>
      <MetricEditor label="Template" draft={template} onChange={onTemplateChange} />
      {perService.map((d, i) => (
        <ServiceMetric
          key={i}
          draft={d}
          onChange={(next) => onPerServiceChange(perService.map((x, j) => (j === i ? next : x)))}
          onRemove={() => onPerServiceChange(perService.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <Button variant="secondary" icon="plus" onClick={() => onPerServiceChange([...perService, toDraft('', null)])}>
          Add a service&apos;s own query
        </Button>
      </div>
      <h4>Requests (optional)</h4>
      <p className={styles.secondary}>
        A <code>$service</code> template for every service&apos;s requests, in the error metric&apos;s unit. When set, errors are judged as error ratios
        (paired by service), so a deploy during a traffic surge is not blamed for the errors the extra traffic brought. Leave the data source empty to
        judge error counts.
      </p>
      <MetricEditor label="Requests" draft={requests} onChange={onRequestsChange} example={REQUESTS_EXAMPLE} />
    </section>
  );
}
