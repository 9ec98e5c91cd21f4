import datasourcePlugin from '../datasource/plugin.json';
import { EventSource } from '../events/types';

interface Route {
  path: string;
  headers?: Array<{ name: string; content: string }>;
}

/**
 * The headers Grafana's data proxy adds for a provider, read from the datasource's own
 * plugin.json routes so the command line authenticates exactly as the plugin does. The
 * token fills `{{ .SecureJsonData.x }}`; for Jenkins it is `user:api-token`, base64-encoded
 * here as the config editor does. No token: the authentication header is left out.
 */
export function routeHeaders(source: EventSource, token: string | undefined): Record<string, string> {
  // Grafana annotations have no route: in Grafana the viewer's session reads them; outside,
  // a Grafana service account token does.
  if (source === EventSource.GrafanaAnnotations) {
    return token ? { Authorization: `Bearer ${token}` } : {};
  }
  const route = (datasourcePlugin.routes as Route[]).find((r) => r.path === source);
  const headers: Record<string, string> = {};
  for (const header of route?.headers ?? []) {
    const needsSecret = /\.SecureJsonData\./.test(header.content);
    if (needsSecret && !token) {
      continue;
    }
    const secret = source === EventSource.Jenkins ? Buffer.from(token ?? '', 'utf8').toString('base64') : (token ?? '');
    headers[header.name] = header.content.replace(/\{\{\s*\.SecureJsonData\.\w+\s*\}\}/g, secret).replace(/\{\{\s*\.JsonData\.\w+\s*\}\}/g, '');
  }
  return headers;
}
