import { HttpClient } from '../http/createHttpClient';
import { EVENT_SOURCES, EventSource, PROVIDER_LABEL } from '../events/types';

/** A cheap authenticated request per provider that proves URL, network and token. */
const PING: Record<EventSource, { path: string; hints: Partial<Record<number, string>> }> = {
  [EventSource.GitHub]: {
    path: '/rate_limit',
    hints: { 401: 'the GitHub token is missing, wrong or expired', 404: 'the URL should be the API base, e.g. https://api.github.com or https://github.example.com/api/v3' },
  },
  [EventSource.GitLab]: {
    // Projects, not /version: a read_user token may read the version but no project's deployments.
    path: '/api/v4/projects?membership=true&simple=true&per_page=1',
    hints: {
      401: 'the GitLab token is missing, wrong or expired',
      403: 'the GitLab token lacks the read_api scope (read_user alone cannot read projects or their deployments)',
      404: 'the URL should be the GitLab host, e.g. https://gitlab.com',
    },
  },
  [EventSource.Jenkins]: {
    path: '/api/json?tree=mode',
    hints: { 401: 'the Jenkins user or API token is wrong', 403: 'the Jenkins user lacks Overall/Read permission' },
  },
  [EventSource.ArgoCD]: {
    path: '/api/v1/session/userinfo',
    hints: { 401: 'the Argo CD token is missing, wrong or expired' },
  },
  // The endpoint itself, as configured (no trailing slash added).
  [EventSource.CDEvents]: { path: '', hints: {} },
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
  // This Grafana's own annotations, read with the viewer's permissions: checked only when no
  // other provider is configured (then they are all the datasource reads).
  [EventSource.GrafanaAnnotations]: {
    path: '/api/annotations?limit=1',
    hints: { 401: 'sign in to Grafana again', 403: 'your Grafana role cannot read annotations (annotations:read)' },
  },
};

export interface TestResult {
  status: 'success' | 'error';
  message: string;
}

/**
 * Checks every configured provider and says, per provider, what works and what to fix.
 * `clientFor` returns null for providers without a URL. With none configured, the datasource
 * reads only this Grafana's annotations: those are checked, and the result says so.
 */
export async function testProviders(clientFor: (source: EventSource) => HttpClient | string | null): Promise<TestResult> {
  const withUrl: Array<{ source: EventSource; client: HttpClient }> = [];
  // A provider whose settings cannot be used (a URL with credentials): the reason, as a failed line.
  const refused: string[] = [];
  for (const source of EVENT_SOURCES.filter((s) => s !== EventSource.GrafanaAnnotations)) {
    const client = clientFor(source);
    if (typeof client === 'string') {
      refused.push(client);
    } else if (client) {
      withUrl.push({ source, client });
    }
  }
  const annotationsClient = clientFor(EventSource.GrafanaAnnotations);
  const annotations = typeof annotationsClient === 'string' ? null : annotationsClient;
  const configured = withUrl.length > 0 || refused.length > 0 || !annotations ? withUrl : [{ source: EventSource.GrafanaAnnotations, client: annotations }];
  if (configured.length === 0 && refused.length > 0) {
    return { status: 'error', message: refused.join(' ') };
  }
  if (configured.length === 0) {
    return { status: 'error', message: 'No provider is configured: set the URL (and token) of at least one of GitHub, GitLab, Jenkins, Argo CD, CDEvents, Unleash, LaunchDarkly or Kubernetes.' };
  }
  const results = await Promise.all(
    configured.map(async ({ source, client }) => {
      const ping = PING[source];
      const result = await client.getText(ping.path);
      if (result.ok) {
        return { ok: true, line: source === EventSource.GrafanaAnnotations ? ANNOTATIONS_ONLY : `${PROVIDER_LABEL[source]}: connected.` };
      }
      const hint = result.error.status !== null ? ping.hints[result.error.status] : undefined;
      return { ok: false, line: `${result.error.message}${hint ? ` Hint: ${hint}.` : ''}` };
    })
  );
  const lines = [...refused.map((line) => ({ ok: false, line })), ...results];
  const failed = lines.filter((r) => !r.ok);
  return {
    status: failed.length === 0 ? 'success' : 'error',
    message: lines.map((r) => r.line).join(' '),
  };
}

const ANNOTATIONS_ONLY =
  "Grafana annotations: this Grafana's annotation API answered with your permissions (GET /api/annotations). " +
  'No CI/CD provider is configured, so only annotations are read; set the URL (and token) of GitHub, GitLab, Jenkins, Argo CD, CDEvents, Unleash, LaunchDarkly or Kubernetes to read their deploys too.';
