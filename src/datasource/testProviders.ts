import { HttpClient } from '../http/createHttpClient';
import { EVENT_SOURCES, EventSource, PROVIDER_LABEL } from '../events/types';

/** A cheap authenticated request per provider that proves URL, network and token. */
const PING: Record<EventSource, { path: string; hints: Partial<Record<number, string>> } | null> = {
  [EventSource.GitHub]: {
    path: '/rate_limit',
    hints: { 401: 'the GitHub token is missing, wrong or expired', 404: 'the URL should be the API base, e.g. https://api.github.com or https://github.example.com/api/v3' },
  },
  [EventSource.GitLab]: {
    path: '/api/v4/version',
    hints: { 401: 'the GitLab token is missing, wrong, expired, or lacks the read_api scope', 404: 'the URL should be the GitLab host, e.g. https://gitlab.com' },
  },
  [EventSource.Jenkins]: {
    path: '/api/json?tree=mode',
    hints: { 401: 'the Jenkins user or API token is wrong', 403: 'the Jenkins user lacks Overall/Read permission' },
  },
  [EventSource.ArgoCD]: {
    path: '/api/v1/session/userinfo',
    hints: { 401: 'the Argo CD token is missing, wrong or expired' },
  },
  [EventSource.CDEvents]: { path: '/', hints: {} },
  [EventSource.Unleash]: {
    path: '/api/admin/search/events?limit=1',
    hints: { 401: 'the Unleash token is missing or wrong', 403: 'the Unleash token needs admin (or event read) permission; client and frontend tokens cannot read events' },
  },
  [EventSource.LaunchDarkly]: {
    path: '/api/v2/auditlog?limit=1',
    hints: { 401: 'the LaunchDarkly access token is missing or wrong', 403: 'the LaunchDarkly token lacks read access to the audit log' },
  },
  [EventSource.Kubernetes]: {
    path: '/version',
    hints: { 401: 'the Kubernetes bearer token is missing, wrong or expired', 403: 'the service account lacks get/list on apps resources' },
  },
  // This Grafana's own annotations: nothing to configure, nothing to test.
  [EventSource.GrafanaAnnotations]: null,
};

export interface TestResult {
  status: 'success' | 'error';
  message: string;
}

/**
 * Checks every configured provider and says, per provider, what works and what to fix.
 * `clientFor` returns null for providers without a URL.
 */
export async function testProviders(clientFor: (source: EventSource) => HttpClient | null): Promise<TestResult> {
  const configured = EVENT_SOURCES.filter((source) => PING[source] !== null)
    .map((source) => ({ source, client: clientFor(source) }))
    .filter((p): p is { source: EventSource; client: HttpClient } => p.client !== null);
  if (configured.length === 0) {
    return { status: 'error', message: 'No provider is configured: set the URL (and token) of at least one of GitHub, GitLab, Jenkins, Argo CD, CDEvents, Unleash, LaunchDarkly or Kubernetes.' };
  }
  const results = await Promise.all(
    configured.map(async ({ source, client }) => {
      const ping = PING[source]!;
      const result = await client.getText(ping.path);
      if (result.ok) {
        return { ok: true, line: `${PROVIDER_LABEL[source]}: connected.` };
      }
      const hint = result.error.status !== null ? ping.hints[result.error.status] : undefined;
      return { ok: false, line: `${result.error.message}${hint ? ` Hint: ${hint}.` : ''}` };
    })
  );
  const failed = results.filter((r) => !r.ok);
  return {
    status: failed.length === 0 ? 'success' : 'error',
    message: results.map((r) => r.line).join(' '),
  };
}
