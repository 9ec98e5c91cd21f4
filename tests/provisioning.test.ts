/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

import { expandEnv } from '../preview/provisioning.mjs';

// The provisioning files as Grafana reads them: each folder's keys, secrets only in
// secureJsonData, and the environment expansion Grafana applies to the values before a plugin
// sees them (Grafana's provisioning docs, "Using environment variables"; the rules below follow
// pkg/services/provisioning/values in grafana/grafana: `$$` is a literal `$`, `$NAME` and
// `${NAME}` are environment variables, unset ones empty, `$1` and the like single-character
// variables).
const ROOT = path.resolve(__dirname, '..');
const PROVISIONING = path.join(ROOT, 'provisioning');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(file) : /\.ya?ml$/.test(entry.name) ? [path.relative(ROOT, file)] : [];
  });
}

const FILES = yamlFiles(PROVISIONING);
const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
/** The folder Grafana reads a file from: datasources, plugins or dashboards. */
const kindOf = (file: string) => path.basename(path.dirname(file));

/** Every string of a YAML value, expanded as Grafana expands jsonData. */
function expandAll(value: unknown, env: Record<string, string> = {}): unknown {
  if (typeof value === 'string') {
    return expandEnv(value, env);
  }
  if (Array.isArray(value)) {
    return value.map((v) => expandAll(v, env));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandAll(v, env)]));
  }
  return value;
}

/** Keys Grafana reads, per folder (apiVersion 1); any other key is silently ignored. */
const TOP_KEYS: Record<string, string[]> = {
  datasources: ['apiVersion', 'datasources', 'deleteDatasources', 'prune'],
  plugins: ['apiVersion', 'apps'],
  dashboards: ['apiVersion', 'providers'],
};
const ITEM_KEYS: Record<string, string[]> = {
  datasources: [
    'orgId',
    'orgName',
    'version',
    'name',
    'type',
    'access',
    'url',
    'user',
    'database',
    'basicAuth',
    'basicAuthUser',
    'withCredentials',
    'isDefault',
    'correlations',
    'jsonData',
    'secureJsonData',
    'editable',
    'uid',
  ],
  plugins: ['org_id', 'org_name', 'type', 'disabled', 'jsonData', 'secureJsonData'],
  dashboards: [
    'name',
    'orgId',
    'folder',
    'folderUid',
    'type',
    'disableDeletion',
    'updateIntervalSeconds',
    'allowUiUpdates',
    'options',
  ],
};
const ITEMS: Record<string, string> = { datasources: 'datasources', plugins: 'apps', dashboards: 'providers' };
const SECRET_KEY = /token|password|secret|apikey|api_key|basicauth|credential/i;

describe('provisioning files, as Grafana reads them', () => {
  it('finds the files of every folder, examples included', () => {
    expect(FILES.map(kindOf).sort()).toStrictEqual([
      'dashboards',
      'dashboards',
      'datasources',
      'datasources',
      'datasources',
      'plugins',
    ]);
  });

  it.each(FILES)('%s: apiVersion 1 and only keys Grafana reads', (file) => {
    const kind = kindOf(file);
    const doc = read(file);
    expect(doc.apiVersion).toBe(1);
    expect(Object.keys(doc).filter((k) => !TOP_KEYS[kind].includes(k))).toStrictEqual([]);
    const items: Array<Record<string, unknown>> = doc[ITEMS[kind]];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(Object.keys(item).filter((k) => !ITEM_KEYS[kind].includes(k))).toStrictEqual([]);
      expect(typeof item.type).toBe('string');
    }
  });

  it.each(FILES.filter((f) => kindOf(f) !== 'dashboards'))(
    '%s: secrets only in secureJsonData, and only from the environment',
    (file) => {
      const items: Array<{ jsonData?: Record<string, unknown>; secureJsonData?: Record<string, string> }> =
        read(file)[ITEMS[kindOf(file)]];
      for (const item of items) {
        const keys = JSON.stringify(item.jsonData ?? {}).match(/"[^"]+":/g) ?? [];
        expect(keys.filter((k) => SECRET_KEY.test(k))).toStrictEqual([]);
        for (const value of Object.values(item.secureJsonData ?? {})) {
          expect(value).toMatch(/^\$\{?[A-Z][A-Z0-9_]*\}?$/);
        }
      }
    }
  );

  // Grafana upserts a provisioned data source by org and name: one name in two files is one data
  // source that each file rewrites (uid, URL, settings), and an example entry named like a data
  // source the reader already has (a type's plain name) takes that one over.
  it('every provisioned data source has a name of its own, and the examples none a type already goes by', () => {
    const entries = FILES.filter((f) => kindOf(f) === 'datasources').flatMap((file) =>
      read(file).datasources.map((d: { name: string; type: string }) => ({ file, name: d.name, type: d.type }))
    );
    const names = entries.map((e) => e.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toStrictEqual([]);
    const pluginNames: Record<string, string> = {
      prometheus: 'Prometheus',
      'safedeploy-events-datasource': JSON.parse(
        fs.readFileSync(path.join(ROOT, 'src', 'datasource', 'plugin.json'), 'utf8')
      ).name,
    };
    const taken = entries.filter(
      (e) => e.file.includes('examples') && e.name.toLowerCase() === pluginNames[e.type]?.toLowerCase()
    );
    expect(taken).toStrictEqual([]);
  });

  it("the app's query templates still name $service after Grafana's expansion", () => {
    const app = read('provisioning/plugins/app.yaml').apps[0];
    const jsonData = expandAll(app.jsonData) as {
      metricTemplate?: { query: unknown };
      requestsTemplate?: { query: unknown };
    };
    const templates = [jsonData.metricTemplate, jsonData.requestsTemplate].filter(Boolean);
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) {
      expect(JSON.stringify(template!.query)).toMatch(/\$\{?service\b/);
    }
  });

  it("the app's data sources are the ones provisioned beside it", () => {
    const provisioned = new Set(
      FILES.filter((f) => kindOf(f) === 'datasources' && !f.includes('examples')).flatMap((f) =>
        read(f).datasources.map((d: { uid: string }) => d.uid)
      )
    );
    const jsonData = read('provisioning/plugins/app.yaml').apps[0].jsonData;
    const refs = [...jsonData.eventSources, jsonData.metricTemplate, jsonData.requestsTemplate].map(
      (s: { datasource: { uid: string } }) => s.datasource.uid
    );
    expect(refs.filter((uid) => !provisioned.has(uid))).toStrictEqual([]);
  });

  it.each(FILES.filter((f) => kindOf(f) === 'dashboards'))('%s: reads a dashboard the installed app ships', (file) => {
    for (const provider of read(file).providers) {
      expect(provider.type).toBe('file');
      const match = /^\/var\/lib\/grafana\/plugins\/safedeploy-deploys-app\/(dashboards\/[\w-]+\.json)$/.exec(
        provider.options.path
      );
      expect(match).not.toBeNull();
      expect(fs.existsSync(path.join(ROOT, 'src', match![1]))).toBe(true);
    }
  });

  describe("Grafana's expansion", () => {
    it('reads $NAME and ${NAME} from the environment, unset as empty, and $$ as a literal $', () => {
      expect(expandEnv('{service="$service"}')).toBe('{service=""}');
      expect(expandEnv('[$__rate_interval]')).toBe('[]');
      expect(expandEnv('$$service and $${service}')).toBe('$service and ${service}');
      expect(expandEnv('${URL}/api', { URL: 'https://x' })).toBe('https://x/api');
      expect(expandEnv('$1abc')).toBe('abc');
      expect(expandEnv('price $')).toBe('price $');
    });

    it("reads names as Go's os.Expand does: one special character, a braced name of any characters, a brace left open eaten", () => {
      expect(expandEnv('${a-b}z')).toBe('z');
      expect(expandEnv('$*x')).toBe('x');
      expect(expandEnv('${*}y')).toBe('y');
      expect(expandEnv('${abc')).toBe('abc');
      expect(expandEnv('${}x')).toBe('x');
      expect(expandEnv('100$%')).toBe('100$%');
    });
  });
});
