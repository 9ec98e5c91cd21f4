import React, { ChangeEvent, useEffect, useState } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { FieldSet, InlineField, Input, SecretInput } from '@grafana/ui';

import { githubGraphqlUrl } from '../../../events/providers/githubGraphqlUrl';
import { EventSource, PROVIDER_LABEL } from '../../../events/types';
import { EventsJsonData, EventsSecureJsonData, PROVIDER_URL_KEY } from '../../types';
import { TEST_IDS } from '../../testIds';

type Props = DataSourcePluginOptionsEditorProps<EventsJsonData, EventsSecureJsonData>;

/** Providers with a URL and a token; Grafana annotations come from this Grafana and need neither. */
type RemoteSource = Exclude<EventSource, EventSource.GrafanaAnnotations>;

/** The documented default of each provider's URL; GitHub Enterprise and self-hosted GitLab override it. */
const URL_PLACEHOLDER: Record<RemoteSource, string> = {
  [EventSource.GitHub]: 'https://api.github.com (GitHub Enterprise: https://github.example.com/api/v3)',
  [EventSource.GitLab]: 'https://gitlab.com or your GitLab host',
  [EventSource.Jenkins]: 'https://jenkins.example.com',
  [EventSource.ArgoCD]: 'https://argocd.example.com',
  [EventSource.CDEvents]: 'https://events.example.com (the endpoint that serves CDEvents)',
  [EventSource.Unleash]: 'https://unleash.example.com (the Unleash server, without /api)',
  [EventSource.LaunchDarkly]: 'https://app.launchdarkly.com',
  [EventSource.Kubernetes]: 'https://k8s.example.com:6443 (the API server)',
};

const TOKEN_KEY: Record<RemoteSource, keyof EventsSecureJsonData> = {
  [EventSource.GitHub]: 'githubToken',
  [EventSource.GitLab]: 'gitlabToken',
  [EventSource.Jenkins]: 'jenkinsBasicAuth',
  [EventSource.ArgoCD]: 'argocdToken',
  [EventSource.CDEvents]: 'cdeventsToken',
  [EventSource.Unleash]: 'unleashToken',
  [EventSource.LaunchDarkly]: 'launchdarklyToken',
  [EventSource.Kubernetes]: 'kubernetesToken',
};

const TOKEN_LABEL: Record<RemoteSource, string> = {
  [EventSource.GitHub]: 'Token',
  [EventSource.GitLab]: 'Access token',
  [EventSource.Jenkins]: 'API token',
  [EventSource.ArgoCD]: 'Token',
  [EventSource.CDEvents]: 'Token (optional)',
  [EventSource.Unleash]: 'Admin token',
  [EventSource.LaunchDarkly]: 'API access token',
  [EventSource.Kubernetes]: 'Bearer token',
};

const LABEL_WIDTH = 20;
const INPUT_WIDTH = 60;

/** base64 of `user:token` for HTTP basic auth; `btoa` needs Latin-1, so encode UTF-8 first. */
export function basicAuth(user: string, token: string): string {
  const bytes = new TextEncoder().encode(`${user}:${token}`);
  return btoa(String.fromCharCode(...Array.from(bytes)));
}

/** GitHub's REST URL and the GraphQL endpoint derived from it, which the `github/graphql` route reads. */
function githubUrls(githubUrl: string): Partial<EventsJsonData> {
  return { githubUrl, githubGraphqlUrl: githubGraphqlUrl(githubUrl) ?? '' };
}

/**
 * Per provider: base URL and token. Tokens are write-only: once saved the browser only
 * learns that one is configured (`secureJsonFields`), never its value.
 */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData ?? {};
  const secureFields = options.secureJsonFields ?? {};
  const [jenkinsToken, setJenkinsToken] = useState('');

  // A new data source points GitHub at the public API, the documented default.
  useEffect(() => {
    if (jsonData.githubUrl === undefined && !options.version) {
      onOptionsChange({ ...options, jsonData: { ...jsonData, ...githubUrls('https://api.github.com') } });
    }
    // only on first render of a new data source
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setJson = (patch: Partial<EventsJsonData>) => onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const setSecret = (key: keyof EventsSecureJsonData, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...(options.secureJsonData ?? {}), [key]: value } });
  const resetSecret = (key: keyof EventsSecureJsonData) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureFields, [key]: false },
      secureJsonData: { ...(options.secureJsonData ?? {}), [key]: '' },
    });

  return (
    <>
      {Object.values(EventSource).map((source) => {
        const urlKey = PROVIDER_URL_KEY[source];
        if (source === EventSource.GrafanaAnnotations || urlKey === null) {
          return (
            <FieldSet key={source} label={PROVIDER_LABEL[source]} data-testid={TEST_IDS.configSection(source)}>
              <p>Read from this Grafana&apos;s own annotations with the viewer&apos;s permissions: nothing to set up.</p>
            </FieldSet>
          );
        }
        const tokenKey = TOKEN_KEY[source];
        return (
          <FieldSet key={source} label={PROVIDER_LABEL[source]} data-testid={TEST_IDS.configSection(source)}>
            <InlineField label="URL" labelWidth={LABEL_WIDTH} tooltip="Base URL of the API; requests go through Grafana's data proxy.">
              <Input
                width={INPUT_WIDTH}
                aria-label={`${PROVIDER_LABEL[source]} URL`}
                placeholder={URL_PLACEHOLDER[source]}
                value={(jsonData[urlKey] as string | undefined) ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) => {
                  const url = e.currentTarget.value.trim();
                  setJson(source === EventSource.GitHub ? githubUrls(url) : { [urlKey]: url });
                }}
              />
            </InlineField>
            {source === EventSource.Jenkins && (
              <InlineField label="User" labelWidth={LABEL_WIDTH} tooltip="Jenkins user that owns the API token. Enter it before the token.">
                <Input
                  width={INPUT_WIDTH}
                  aria-label="Jenkins user"
                  value={jsonData.jenkinsUser ?? ''}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => {
                    const user = e.currentTarget.value.trim();
                    const patch = { ...options, jsonData: { ...jsonData, jenkinsUser: user } };
                    onOptionsChange(
                      jenkinsToken
                        ? { ...patch, secureJsonData: { ...(options.secureJsonData ?? {}), jenkinsBasicAuth: basicAuth(user, jenkinsToken) } }
                        : patch
                    );
                  }}
                />
              </InlineField>
            )}
            <InlineField label={TOKEN_LABEL[source]} labelWidth={LABEL_WIDTH} tooltip="Stored encrypted in Grafana and added to requests by the data proxy; never sent back to the browser.">
              <SecretInput
                width={INPUT_WIDTH}
                aria-label={`${PROVIDER_LABEL[source]} token`}
                isConfigured={Boolean(secureFields[tokenKey])}
                value={source === EventSource.Jenkins ? jenkinsToken : ((options.secureJsonData?.[tokenKey] as string | undefined) ?? '')}
                onReset={() => {
                  if (source === EventSource.Jenkins) {
                    setJenkinsToken('');
                  }
                  resetSecret(tokenKey);
                }}
                onChange={(e: ChangeEvent<HTMLInputElement>) => {
                  const value = e.currentTarget.value;
                  if (source === EventSource.Jenkins) {
                    setJenkinsToken(value);
                    setSecret(tokenKey, value ? basicAuth(jsonData.jenkinsUser ?? '', value) : '');
                  } else {
                    setSecret(tokenKey, value);
                  }
                }}
              />
            </InlineField>
          </FieldSet>
        );
      })}
      <FieldSet label="Limits">
        <InlineField label="Max pages" labelWidth={LABEL_WIDTH} tooltip="Upper bound of API pages per query; the default reads 10,000 events at 100 per page.">
          <Input
            type="number"
            width={20}
            aria-label="Max pages"
            placeholder="110"
            value={jsonData.maxPages ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              const value = Number(e.currentTarget.value);
              setJson({ maxPages: Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined });
            }}
          />
        </InlineField>
      </FieldSet>
    </>
  );
}
