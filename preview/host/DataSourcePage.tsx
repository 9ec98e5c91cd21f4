// The preview host's stand-in for Grafana's data source settings page (/datasources/edit/<uid>):
// the plugin's ConfigEditor over the provisioned settings, and "Save & test", which (as in
// Grafana) tests a fresh instance built from the edited settings and shows the result in an
// alert. Nothing is persisted: the proxy keeps reading the provisioned secrets.
import React, { useEffect, useState } from 'react';
import { DataSourceApi, DataSourceInstanceSettings, DataSourcePlugin, DataSourceSettings } from '@grafana/data';
import { Alert, Button } from '@grafana/ui';

import { PageShell } from './PageShell';

interface TestResult {
  status: string;
  message: string;
  details?: { message?: string; verboseMessage?: string };
}

/** Grafana's test result alert: success, warning or error, with the details below the title. */
const SEVERITY: Record<string, 'success' | 'warning' | 'error'> = { success: 'success', warning: 'warning' };

function toEditable(settings: DataSourceInstanceSettings): DataSourceSettings {
  return { ...settings, secureJsonFields: (settings as unknown as DataSourceSettings).secureJsonFields ?? {}, version: 1 } as unknown as DataSourceSettings;
}

async function loadPlugin(settings: DataSourceInstanceSettings): Promise<DataSourcePlugin<DataSourceApi>> {
  const exports = (await window.System.import(`/${settings.meta.module}`)) as { plugin?: unknown };
  if (!(exports.plugin instanceof DataSourcePlugin)) {
    throw new Error(`${settings.type} did not export a data source plugin`);
  }
  return exports.plugin as DataSourcePlugin<DataSourceApi>;
}

export function DataSourcePage({ settings }: { settings: DataSourceInstanceSettings }) {
  const [plugin, setPlugin] = useState<DataSourcePlugin<DataSourceApi> | null>(null);
  const [options, setOptions] = useState(() => toEditable(settings));
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TestResult | null>(null);
  const [testing, setTesting] = useState(false);
  useEffect(() => {
    loadPlugin(settings).then(setPlugin, (err: Error) => setError(err.message));
  }, [settings]);

  const saveAndTest = async () => {
    if (!plugin?.DataSourceClass) {
      return;
    }
    setTesting(true);
    setResult(null);
    try {
      const instance = new plugin.DataSourceClass({ ...settings, jsonData: options.jsonData });
      setResult((await instance.testDatasource()) as TestResult);
    } catch (err) {
      const message = (err as { data?: { message?: string } })?.data?.message ?? (err instanceof Error ? err.message : String(err));
      setResult({ status: 'error', message });
    } finally {
      setTesting(false);
    }
  };

  const ConfigEditor = plugin?.components.ConfigEditor;
  const details = result?.details?.message ?? result?.details?.verboseMessage;
  return (
    <PageShell title={`${settings.name}: settings`} what="the data source settings page as Grafana shows it.">
      {error && <div role="alert">{error}</div>}
      {ConfigEditor && <ConfigEditor options={options} onOptionsChange={setOptions} />}
      {result && (
        <Alert severity={SEVERITY[result.status] ?? 'error'} title={result.message} aria-label="Data source settings page Alert">
          {details}
        </Alert>
      )}
      <Button type="button" disabled={!plugin || testing} onClick={saveAndTest} data-testid="data-testid Data source settings page Save and Test button">
        {testing ? 'Testing...' : 'Save & test'}
      </Button>
    </PageShell>
  );
}
