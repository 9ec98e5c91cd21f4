import React, { ChangeEvent, useEffect, useState } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { FieldSet, InlineField, Input, SecretInput } from '@grafana/ui';

import { hasUserInfo } from '../../../http/urls';
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

interface SectionProps extends Props {
  source: RemoteSource;
  /** The Jenkins API token as typed: stored only as basic auth of user and token, so kept here to re-encode when the user changes. */
  jenkinsToken: string;
  setJenkinsToken: (token: string) => void;
  /** The Jenkins user the saved basic auth was built with (the user when the editor opened). */
  savedJenkinsUser: string;
}

/**
 * Why the saved Jenkins token no longer matches the settings, or null: the basic auth holds the
 * user it was typed with, so a user changed without typing the token again would still be sent
 * as the old one while the settings show the new one.
 */
function jenkinsTokenStale({ options, jenkinsToken, savedJenkinsUser }: Pick<SectionProps, 'options' | 'jenkinsToken' | 'savedJenkinsUser'>): string | null {
  const user = options.jsonData?.jenkinsUser ?? '';
  if (!options.secureJsonFields?.jenkinsBasicAuth || jenkinsToken || user === savedJenkinsUser) {
    return null;
  }
  return `The saved API token is sent with the user "${savedJenkinsUser}": reset it and type the token of "${user}", or set the user back.`;
}

/** Why a URL with a user or password is refused, and where its credentials belong instead. */
function credentialsInUrlMessage(source: RemoteSource): string {
  const where =
    source === EventSource.Jenkins
      ? 'put the user in the User field and the API token in the API token field'
      : `put the token in the ${TOKEN_LABEL[source]} field`;
  return `Remove the user name and password from the URL (it is not saved): ${where}, which Grafana stores encrypted.`;
}

/**
 * The URL of one provider, in jsonData; GitHub's also sets the GraphQL endpoint its route reads.
 * jsonData is readable by every viewer of the organization, so a URL with credentials in it is
 * refused: it stays in the input with the reason, and the stored URL is cleared, since typing it
 * character by character may already have stored a prefix holding part of the secret.
 */
function UrlField({ options, onOptionsChange, source }: Pick<SectionProps, 'options' | 'onOptionsChange' | 'source'>) {
  const jsonData = options.jsonData ?? {};
  const urlKey = PROVIDER_URL_KEY[source]!;
  const [refused, setRefused] = useState<string | null>(null);
  const shown = refused ?? (jsonData[urlKey] as string | undefined) ?? '';
  const store = (url: string) => {
    const patch = source === EventSource.GitHub ? githubUrls(url) : { [urlKey]: url };
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  };
  return (
    <InlineField
      label="URL"
      labelWidth={LABEL_WIDTH}
      tooltip="Base URL of the API; requests go through Grafana's data proxy."
      invalid={hasUserInfo(shown)}
      error={credentialsInUrlMessage(source)}
    >
      <Input
        width={INPUT_WIDTH}
        aria-label={`${PROVIDER_LABEL[source]} URL`}
        placeholder={URL_PLACEHOLDER[source]}
        value={shown}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const url = e.currentTarget.value.trim();
          const withCredentials = hasUserInfo(url);
          setRefused(withCredentials ? e.currentTarget.value : null);
          store(withCredentials ? '' : url);
        }}
      />
    </InlineField>
  );
}

/** The Jenkins user; a token already typed is encoded again with the new user. */
function JenkinsUserField({ options, onOptionsChange, jenkinsToken }: Pick<SectionProps, 'options' | 'onOptionsChange' | 'jenkinsToken'>) {
  const jsonData = options.jsonData ?? {};
  return (
    <InlineField label="User" labelWidth={LABEL_WIDTH} tooltip="Jenkins user that owns the API token. Enter it before the token.">
      <Input
        width={INPUT_WIDTH}
        aria-label="Jenkins user"
        value={jsonData.jenkinsUser ?? ''}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const user = e.currentTarget.value.trim();
          const patch = { ...options, jsonData: { ...jsonData, jenkinsUser: user } };
          onOptionsChange(
            jenkinsToken ? { ...patch, secureJsonData: { ...(options.secureJsonData ?? {}), jenkinsBasicAuth: basicAuth(user, jenkinsToken) } } : patch
          );
        }}
      />
    </InlineField>
  );
}

/**
 * The token of one provider, write-only: once saved the browser only learns that one is
 * configured (`secureJsonFields`), never its value. Jenkins' is stored as basic auth.
 */
function TokenField({ options, onOptionsChange, source, jenkinsToken, setJenkinsToken, savedJenkinsUser }: SectionProps) {
  const tokenKey = TOKEN_KEY[source];
  const jenkins = source === EventSource.Jenkins;
  const secureJsonData = options.secureJsonData ?? {};
  const setSecret = (value: string) => onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, [tokenKey]: value } });
  const stale = jenkins ? jenkinsTokenStale({ options, jenkinsToken, savedJenkinsUser }) : null;
  return (
    <InlineField
      label={TOKEN_LABEL[source]}
      labelWidth={LABEL_WIDTH}
      tooltip="Stored encrypted in Grafana and added to requests by the data proxy; never sent back to the browser."
      invalid={stale !== null}
      error={stale}
    >
      <SecretInput
        width={INPUT_WIDTH}
        aria-label={`${PROVIDER_LABEL[source]} token`}
        isConfigured={Boolean(options.secureJsonFields?.[tokenKey])}
        value={jenkins ? jenkinsToken : ((secureJsonData[tokenKey] as string | undefined) ?? '')}
        onReset={() => {
          if (jenkins) {
            setJenkinsToken('');
          }
          onOptionsChange({ ...options, secureJsonFields: { ...options.secureJsonFields, [tokenKey]: false }, secureJsonData: { ...secureJsonData, [tokenKey]: '' } });
        }}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const value = e.currentTarget.value;
          if (jenkins) {
            setJenkinsToken(value);
          }
          setSecret(jenkins && value ? basicAuth(options.jsonData?.jenkinsUser ?? '', value) : value);
        }}
      />
    </InlineField>
  );
}

/** The upper bound of pages per query. */
function LimitsSection({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData ?? {};
  return (
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
            onOptionsChange({ ...options, jsonData: { ...jsonData, maxPages: Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined } });
          }}
        />
      </InlineField>
    </FieldSet>
  );
}

/** Per provider: base URL and token (see `TokenField`); Grafana annotations need neither. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const [jenkinsToken, setJenkinsToken] = useState('');
  const [savedJenkinsUser] = useState(() => options.jsonData?.jenkinsUser ?? '');

  // A new data source points GitHub at the public API, the documented default.
  useEffect(() => {
    if (options.jsonData?.githubUrl === undefined && !options.version) {
      onOptionsChange({ ...options, jsonData: { ...options.jsonData, ...githubUrls('https://api.github.com') } });
    }
    // only on first render of a new data source
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const fields = { options, onOptionsChange, jenkinsToken, setJenkinsToken, savedJenkinsUser };
  return (
    <>
      {Object.values(EventSource).map((source) =>
        source === EventSource.GrafanaAnnotations || PROVIDER_URL_KEY[source] === null ? (
          <FieldSet key={source} label={PROVIDER_LABEL[source]} data-testid={TEST_IDS.configSection(source)}>
            <p>Read from this Grafana&apos;s own annotations with the viewer&apos;s permissions: nothing to set up.</p>
          </FieldSet>
        ) : (
          <FieldSet key={source} label={PROVIDER_LABEL[source]} data-testid={TEST_IDS.configSection(source)}>
            <UrlField {...fields} source={source} />
            {source === EventSource.Jenkins && <JenkinsUserField {...fields} />}
            <TokenField {...fields} source={source} />
          </FieldSet>
        )
      )}
      <LimitsSection options={options} onOptionsChange={onOptionsChange} />
    </>
  );
}
