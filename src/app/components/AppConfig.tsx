import React, { useState } from 'react';
import { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker, getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, Input, TextArea, useStyles2 } from '@grafana/ui';

import { EVENT_SOURCES, EventSource, PROVIDER_LABEL } from '../../events/types';
import { APP_ID, TEST_IDS } from '../constants';
import { AppJsonData, AppSettings, MetricQueryConfig, ReadinessThresholds } from '../types';
import { withAppDefaults } from '../withAppDefaults';
import { getStyles } from './styles';

const EVENTS_TYPE = 'safedeploy-events-datasource';
const HOUR = 3_600_000;

interface MetricDraft {
  service: string;
  datasource: MetricQueryConfig['datasource'] | null;
  /** The query model as JSON text, parsed on save. */
  json: string;
}

const toDraft = (service: string, m: MetricQueryConfig | null): MetricDraft => ({
  service,
  datasource: m?.datasource ?? null,
  json: m ? JSON.stringify(m.query, null, 2) : '{}',
});

function parseQuery(json: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : 'must be a JSON object';
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : 'parse error'})`;
  }
}

/** Thresholds as shown in the form: percent and minutes are what people think in. */
const THRESHOLD_FIELDS: Array<{ key: keyof ReadinessThresholds; label: string; scale: number; unit: string }> = [
  { key: 'minDeploys', label: 'Minimum deploys in the range', scale: 1, unit: 'deploys' },
  { key: 'maxChangeFailureRate', label: 'Change failure rate under', scale: 100, unit: '%' },
  { key: 'maxMedianTimeToRestoreMs', label: 'Median time to restore under', scale: 60 / HOUR, unit: 'minutes' },
  { key: 'maxMedianChangesPerDeploy', label: 'Median changes per deploy at most', scale: 1, unit: 'changes' },
  { key: 'maxPagesPerWeek', label: 'Firing alerts per week at most', scale: 1, unit: 'alerts' },
  { key: 'warrantyDays', label: 'Warranty period', scale: 1, unit: 'days' },
];

function MetricEditor({
  draft,
  onChange,
  label,
}: {
  draft: MetricDraft;
  onChange: (d: MetricDraft) => void;
  label: string;
}) {
  const parsed = parseQuery(draft.json);
  return (
    <>
      <Field label={`${label}: data source`}>
        <DataSourcePicker
          metrics
          noDefault
          current={draft.datasource?.uid ?? null}
          onChange={(ds) => onChange({ ...draft, datasource: { uid: ds.uid, type: ds.type } })}
        />
      </Field>
      <Field
        label={`${label}: query (JSON, as the data source's query editor saves it)`}
        description='For example {"expr": "sum(rate(http_requests_total{service=\"$service\", code=~\"5..\"}[5m]))"}'
        invalid={typeof parsed === 'string'}
        error={typeof parsed === 'string' ? `The query is ${parsed}` : undefined}
      >
        <TextArea
          aria-label={`${label} query`}
          rows={3}
          value={draft.json}
          onChange={(e) => onChange({ ...draft, json: e.currentTarget.value })}
        />
      </Field>
    </>
  );
}

/** The app's configuration: event sources, error metric queries and readiness thresholds, saved in jsonData. */
export function AppConfig({ plugin }: PluginConfigPageProps<AppPluginMeta<AppJsonData>>) {
  const styles = useStyles2(getStyles);
  const initial: AppSettings = withAppDefaults(plugin.meta.jsonData);
  const [sources, setSources] = useState(initial.eventSources);
  const [template, setTemplate] = useState<MetricDraft>(toDraft('', initial.metricTemplate));
  const [perService, setPerService] = useState<MetricDraft[]>(initial.serviceMetrics.map((m) => toDraft(m.service, m)));
  const [thresholds, setThresholds] = useState(initial.thresholds);
  const [label, setLabel] = useState(initial.alertServiceLabel);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);

  const drafts = [template, ...perService];
  const invalid = drafts.some((d) => d.datasource && typeof parseQuery(d.json) === 'string');

  const save = async () => {
    const metric = (d: MetricDraft) =>
      d.datasource ? { datasource: d.datasource, query: parseQuery(d.json) as Record<string, unknown> } : undefined;
    const jsonData: AppJsonData = {
      eventSources: sources,
      metricTemplate: metric(template),
      serviceMetrics: perService
        .filter((d) => d.service.trim() && d.datasource)
        .map((d) => ({ service: d.service.trim(), ...metric(d)! })),
      thresholds,
      alertServiceLabel: label,
    };
    try {
      await getBackendSrv().post(`/api/plugins/${APP_ID}/settings`, {
        enabled: plugin.meta.enabled ?? true,
        pinned: plugin.meta.pinned ?? true,
        jsonData,
      });
      setStatus({ error: false, text: 'Saved. Reloading to apply…' });
      // Grafana hands app pages their settings at load; a reload applies the saved ones.
      window.location.reload();
    } catch (err) {
      const message =
        typeof err === 'object' && err !== null && 'status' in err
          ? `HTTP ${(err as { status: unknown }).status}`
          : 'network error';
      setStatus({ error: true, text: `Saving failed (${message}): your changes are still in the form; try again.` });
    }
  };

  return (
    <div className={styles.page} data-testid={TEST_IDS.config}>
      <section className={styles.section}>
        <h3>Event sources</h3>
        <p className={styles.secondary}>
          The SafeDeploy Events data sources the Release health pages read deploys from, and what each reads.
        </p>
        {sources.map((source, i) => {
          const update = (patch: Partial<typeof source>) =>
            setSources(sources.map((s, j) => (j === i ? { ...s, ...patch } : s)));
          return (
            <div key={i} className={styles.toolbar} data-testid={`${TEST_IDS.config}-source-${i}`}>
              <Field label="Data source">
                <DataSourcePicker
                  type={EVENTS_TYPE}
                  noDefault
                  current={source.datasource.uid ?? null}
                  onChange={(ds) => update({ datasource: { uid: ds.uid, type: ds.type } })}
                />
              </Field>
              <Field label="Provider">
                <select
                  aria-label="Provider"
                  value={source.provider}
                  onChange={(e) => update({ provider: e.currentTarget.value as EventSource })}
                >
                  {EVENT_SOURCES.map((p) => (
                    <option key={p} value={p}>
                      {PROVIDER_LABEL[p]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Scope">
                <Input
                  aria-label="Scope"
                  width={40}
                  value={source.scope}
                  onChange={(e) => update({ scope: e.currentTarget.value })}
                />
              </Field>
              <Field label="Environment">
                <Input
                  aria-label="Environment"
                  width={20}
                  value={source.environment ?? ''}
                  onChange={(e) => update({ environment: e.currentTarget.value || undefined })}
                />
              </Field>
              <Button
                variant="secondary"
                icon="trash-alt"
                aria-label="Remove event source"
                onClick={() => setSources(sources.filter((_, j) => j !== i))}
              />
            </div>
          );
        })}
        <div>
          <Button
            variant="secondary"
            icon="plus"
            onClick={() =>
              setSources([
                ...sources,
                { datasource: { uid: '', type: EVENTS_TYPE }, provider: EventSource.GitHub, scope: '' },
              ])
            }
          >
            Add event source
          </Button>
        </div>
      </section>
      <section className={styles.section}>
        <h3>Error metric</h3>
        <p className={styles.secondary}>
          Any data source. The template serves every service without its own query; <code>$service</code> in it is
          replaced by the service name. Queries run through Grafana&apos;s query API.
        </p>
        <MetricEditor label="Template" draft={template} onChange={setTemplate} />
        {perService.map((d, i) => (
          <div key={i} className={styles.card}>
            <Field label="Service">
              <Input
                aria-label="Service"
                value={d.service}
                onChange={(e) =>
                  setPerService(perService.map((x, j) => (j === i ? { ...x, service: e.currentTarget.value } : x)))
                }
              />
            </Field>
            <MetricEditor
              label={d.service || 'Service'}
              draft={d}
              onChange={(next) => setPerService(perService.map((x, j) => (j === i ? next : x)))}
            />
            <Button
              variant="secondary"
              icon="trash-alt"
              onClick={() => setPerService(perService.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button variant="secondary" icon="plus" onClick={() => setPerService([...perService, toDraft('', null)])}>
            Add a service&apos;s own query
          </Button>
        </div>
      </section>
      <section className={styles.section}>
        <h3>Readiness thresholds</h3>
        {THRESHOLD_FIELDS.map((f) => (
          <Field key={f.key} label={`${f.label} (${f.unit})`}>
            <Input
              type="number"
              min={0}
              aria-label={f.label}
              width={16}
              value={Math.round(thresholds[f.key] * f.scale * 100) / 100}
              onChange={(e) => {
                const v = Number(e.currentTarget.value);
                if (Number.isFinite(v) && v >= 0) {
                  setThresholds({ ...thresholds, [f.key]: v / f.scale });
                }
              }}
            />
          </Field>
        ))}
        <Field
          label="Alert label naming the service"
          description="Pager load counts alerts from Grafana alerting's state history carrying this label."
        >
          <Input
            aria-label="Alert service label"
            width={20}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
        </Field>
      </section>
      {status && (
        <div data-testid={TEST_IDS.configStatus}>
          <Alert severity={status.error ? 'error' : 'success'} title={status.text} />
        </div>
      )}
      <div>
        <Button data-testid={TEST_IDS.configSave} disabled={invalid} onClick={save}>
          Save settings
        </Button>
      </div>
    </div>
  );
}
