import React, { useState } from 'react';
import { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { ACT_ROLES, ActRole } from '../../act/roles';
import { APP_ID, TEST_IDS } from '../constants';
import { AppJsonData, AppSettings } from '../types';
import { withAppDefaults } from '../withAppDefaults';
import { EventSourcesConfig } from './EventSourcesConfig';
import { draftProblem, MetricConfig, MetricDraft, parseQuery, toDraft } from './MetricConfig';
import { getStyles } from './styles';
import { thresholdProblem, ThresholdsConfig } from './ThresholdsConfig';

type Meta = AppPluginMeta<AppJsonData>;

const ACT_ROLE_LABEL: Record<ActRole, string> = { Editor: 'Editors and Admins', Admin: 'Admins only' };
const ACT_ROLE_OPTIONS = ACT_ROLES.map((role) => ({ label: ACT_ROLE_LABEL[role], value: role }));

/** A draft's saved form; none without a data source. Call only with a query that parses. */
function toMetric(d: MetricDraft) {
  return d.datasource ? { datasource: d.datasource, query: parseQuery(d.json) as Record<string, unknown> } : undefined;
}

/** Why saving failed and what to do: a refusal (401, 403) needs an organisation Admin, and trying again will not help. */
function saveError(err: unknown): string {
  const e = typeof err === 'object' && err !== null ? (err as { status?: unknown; data?: { message?: unknown } }) : {};
  if (typeof e.status !== 'number') {
    return 'Saving failed (network error): your changes are still in the form; try again.';
  }
  const said = typeof e.data?.message === 'string' && e.data.message ? `: ${e.data.message}` : '';
  const next =
    e.status === 401 || e.status === 403
      ? 'app settings are saved by an organisation Admin. Your changes are still in the form.'
      : 'your changes are still in the form; try again.';
  return `Saving failed (HTTP ${e.status}${said}): ${next}`;
}

/** Saves the app's jsonData through Grafana's plugin settings API; the error says what to do. */
export async function saveSettings(meta: Meta, jsonData: AppJsonData): Promise<{ error: boolean; text: string }> {
  try {
    await getBackendSrv().post(`/api/plugins/${APP_ID}/settings`, { enabled: meta.enabled ?? true, pinned: meta.pinned ?? true, jsonData });
    return { error: false, text: 'Saved. Reloading to apply…' };
  } catch (err) {
    return { error: true, text: saveError(err) };
  }
}

/** The app's configuration: event sources, error metric queries and readiness thresholds, saved in jsonData. */
export function AppConfig({ plugin }: PluginConfigPageProps<Meta>) {
  const styles = useStyles2(getStyles);
  const initial: AppSettings = withAppDefaults(plugin.meta.jsonData);
  const [sources, setSources] = useState(initial.eventSources);
  const [template, setTemplate] = useState<MetricDraft>(toDraft('', initial.metricTemplate));
  const [requests, setRequests] = useState<MetricDraft>(toDraft('', initial.requestsTemplate));
  const [perService, setPerService] = useState<MetricDraft[]>(initial.serviceMetrics.map((m) => toDraft(m.service, m)));
  const [thresholds, setThresholds] = useState(initial.thresholds);
  const [label, setLabel] = useState(initial.alertServiceLabel);
  const [actRole, setActRole] = useState<ActRole>(initial.actRole);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  // What the form shows but saving would drop, leak or make meaningless: Save waits until each is fixed or removed.
  const problems = [
    ...[template, requests].map((d) => draftProblem(d, false)),
    ...perService.map((d) => draftProblem(d, true)),
    ...(Object.keys(thresholds) as Array<keyof typeof thresholds>).map((key) => thresholdProblem(key, thresholds[key])),
  ].filter((p): p is string => p !== null).length;

  const save = async () => {
    const result = await saveSettings(plugin.meta, {
      eventSources: sources,
      metricTemplate: toMetric(template),
      requestsTemplate: toMetric(requests),
      serviceMetrics: perService.filter((d) => d.service.trim() && d.datasource).map((d) => ({ service: d.service.trim(), ...toMetric(d)! })),
      thresholds,
      alertServiceLabel: label,
      actRole,
    });
    setStatus(result);
    if (!result.error) {
      // Grafana hands app pages their settings at load; a reload applies the saved ones.
      window.location.reload();
    }
  };

  return (
    <div className={styles.page} data-testid={TEST_IDS.config}>
      <EventSourcesConfig sources={sources} onChange={setSources} />
      <MetricConfig template={template} onTemplateChange={setTemplate} requests={requests} onRequestsChange={setRequests} perService={perService} onPerServiceChange={setPerService} />
      <ThresholdsConfig thresholds={thresholds} onThresholdsChange={setThresholds} alertLabel={label} onAlertLabelChange={setLabel} />
      <Field
        label="Who may turn a flag off from the Deploy Impact panel"
        description="The lowest role that sees Turn off now on a flag judged Turn flag off. Grafana's data proxy refuses the change to Viewers whatever this says."
      >
        <RadioButtonGroup options={ACT_ROLE_OPTIONS} value={actRole} onChange={setActRole} />
      </Field>
      {status && (
        <div data-testid={TEST_IDS.configStatus}>
          <Alert severity={status.error ? 'error' : 'success'} title={status.text} />
        </div>
      )}
      <div>
        <Button data-testid={TEST_IDS.configSave} disabled={problems > 0} onClick={save}>
          Save settings
        </Button>
        {problems > 0 && (
          <span role="status" className={styles.secondary}>
            {` Not saved yet: ${problems === 1 ? 'one field needs' : `${problems} fields need`} fixing above.`}
          </span>
        )}
      </div>
    </div>
  );
}
