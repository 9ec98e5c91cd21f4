/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';

import { parseProvisioning } from '../../preview/provisioning.mjs';
import { EVENT_SOURCES, EventSource, PROVIDER_LABEL } from '../events/types';
import { PROVIDER_URL_KEY } from './types';

// An admin provisions this data source from docs/datasource.md: its table of settings keys and
// its provisioning example must name the keys the data source reads, as the data-proxy routes
// of plugin.json read them, with the header each token is sent as.
const ROOT = path.resolve(__dirname, '..', '..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'datasource.md'), 'utf8');

interface Route {
  path: string;
  method: string;
  url: string;
  headers?: Array<{ name: string; content: string }>;
}
const ROUTES: Route[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'plugin.json'), 'utf8')).routes;

/** jsonData keys the config editor writes besides the routes' URLs (the Jenkins user the token was encoded with). */
const EDITOR_KEYS = ['jenkinsUser'];

/** What a route reads from the settings, and how it sends the token. */
function routeSettings(route: Route): { urlKey: string; tokenKey: string; sentAs: string } {
  const urlKey = /\.JsonData\.(\w+)/.exec(route.url)![1];
  const header = route.headers!.find((h) => h.content.includes('.SecureJsonData.'))!;
  const tokenKey = /\.SecureJsonData\.(\w+)/.exec(header.content)![1];
  const scheme = header.content.slice(0, header.content.indexOf('{{')).trim();
  return { urlKey, tokenKey, sentAs: scheme ? `${header.name}: ${scheme}` : header.name };
}

/** The rows of the Settings section's key table, by provider label: the backticked names of each cell. */
function keyTable(): Map<string, { jsonData: string[]; secureJsonData: string[]; sentAs: string }> {
  const section = DOC.split(/^## /m).find((s) => s.startsWith('Settings\n')) ?? '';
  const rows = new Map<string, { jsonData: string[]; secureJsonData: string[]; sentAs: string }>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| provider'))) {
    const [label, jsonData, secure, sentAs] = line.split('|').slice(1, -1).map((c) => c.trim());
    const names = (cell: string) => [...cell.matchAll(/`(\w+)`/g)].map((m) => m[1]);
    rows.set(label, { jsonData: names(jsonData), secureJsonData: names(secure), sentAs });
  }
  return rows;
}

/** The data sources of this type in the doc's YAML examples, as Grafana's provisioning reads them. */
function provisionedExamples(): Array<{ jsonData: Record<string, unknown>; secureJsonData: Record<string, unknown> }> {
  const env = new Proxy({}, { get: (_, name) => `value-of-${String(name)}`, has: () => true });
  return [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .flatMap(([, yaml]) => (parseProvisioning(yaml, env).datasources ?? []) as Array<Record<string, any>>)
    .filter((ds) => ds.type === 'safedeploy-events-datasource')
    .map((ds) => ({ jsonData: ds.jsonData ?? {}, secureJsonData: ds.secureJsonData ?? {} }));
}

const READING = EVENT_SOURCES.filter((s) => PROVIDER_URL_KEY[s] !== null).map((source) => ({
  source,
  route: ROUTES.find((r) => r.path === source)!,
}));

describe("docs/datasource.md's settings keys, against the data source's routes", () => {
  it.each(READING.map(({ source, route }) => ({ label: PROVIDER_LABEL[source], route })))(
    '$label: the table names its URL key, its token key and the header the token is sent as',
    ({ label, route }) => {
      const row = keyTable().get(label);
      const { urlKey, tokenKey, sentAs } = routeSettings(route);
      expect(row?.jsonData).toContain(urlKey);
      expect(row?.secureJsonData).toStrictEqual([tokenKey]);
      expect(row?.sentAs.startsWith(`\`${sentAs}\``)).toBe(true);
    }
  );

  it('the table names no key the data source does not read, and every row is a provider', () => {
    const read = new Set([...ROUTES.flatMap((r) => {
      const { urlKey, tokenKey } = routeSettings(r);
      return [urlKey, tokenKey];
    }), ...EDITOR_KEYS]);
    const table = keyTable();
    expect([...table.keys()].sort()).toStrictEqual(READING.map(({ source }) => PROVIDER_LABEL[source]).sort());
    const named = [...table.values()].flatMap((row) => [...row.jsonData, ...row.secureJsonData]);
    expect(named.filter((key) => !read.has(key))).toStrictEqual([]);
  });

  it('the provisioning example sets only keys of the table, and the URL of every token it sets', () => {
    const examples = provisionedExamples();
    expect(examples.length).toBeGreaterThan(0);
    const table = [...keyTable().values()];
    const jsonKeys = new Set([...table.flatMap((row) => row.jsonData), 'maxPages']);
    const tokenKeys = new Set(table.flatMap((row) => row.secureJsonData));
    for (const { jsonData, secureJsonData } of examples) {
      expect(Object.keys(jsonData).filter((key) => !jsonKeys.has(key))).toStrictEqual([]);
      expect(Object.keys(secureJsonData).filter((key) => !tokenKeys.has(key))).toStrictEqual([]);
      const urlOf = (token: string) => routeSettings(READING.find(({ route }) => routeSettings(route).tokenKey === token)!.route).urlKey;
      const withoutUrl = Object.keys(secureJsonData).filter((token) => !jsonData[urlOf(token)]);
      expect(withoutUrl).toStrictEqual([]);
    }
  });

  describe('edge cases', () => {
    it('reads a route as the data proxy sends it: a bare token, a scheme, another header', () => {
      const route = (content: string, name = 'Authorization') => ({ path: 'x', method: 'GET', url: '{{ .JsonData.xUrl }}', headers: [{ name, content }] });
      expect(routeSettings(route('{{ .SecureJsonData.xToken }}'))).toStrictEqual({ urlKey: 'xUrl', tokenKey: 'xToken', sentAs: 'Authorization' });
      expect(routeSettings(route('Bearer {{ .SecureJsonData.xToken }}')).sentAs).toBe('Authorization: Bearer');
      expect(routeSettings(route('{{ .SecureJsonData.xToken }}', 'PRIVATE-TOKEN')).sentAs).toBe('PRIVATE-TOKEN');
    });

    it('every provider but Grafana annotations has a reading route', () => {
      expect(READING.map(({ source }) => source)).not.toContain(EventSource.GrafanaAnnotations);
      expect(READING.every(({ route }) => route?.method === 'GET')).toBe(true);
    });
  });
});
