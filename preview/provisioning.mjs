// Reads Grafana provisioning files the way Grafana does, for the preview host.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** Characters that name a variable on their own after `$` (Go's shell-special names and digits). */
const SPECIAL_NAME = '*#$@!?-0123456789';

/**
 * The variable name after a `$` in `rest` and how many characters it takes, as Go's os.Expand
 * reads it: `{name}` (a brace left open eats `${`, and `${}` is eaten), one special character,
 * or a run of letters, digits and `_` (none: the `$` stays).
 */
function shellName(rest) {
  if (rest[0] === '{') {
    if (rest.length > 2 && SPECIAL_NAME.includes(rest[1]) && rest[2] === '}') {
      return [rest[1], 3];
    }
    const close = rest.indexOf('}', 1);
    return close < 0 ? ['', 1] : close === 1 ? ['', 2] : [rest.slice(1, close), close + 1];
  }
  if (rest.length > 0 && SPECIAL_NAME.includes(rest[0])) {
    return [rest[0], 1];
  }
  const run = /^\w*/.exec(rest)[0];
  return [run, run.length];
}

/** One part between `$$` expanded as Go's os.Expand does, an unset variable empty. */
function expandPart(text, env) {
  let out = '';
  let from = 0;
  for (let at = 0; at < text.length - 1; at++) {
    if (text[at] === '$') {
      const [name, width] = shellName(text.slice(at + 1));
      out += text.slice(from, at) + (name ? (env[name] ?? '') : width === 0 ? '$' : '');
      at += width;
      from = at + 1;
    }
  }
  return out + text.slice(from);
}

/**
 * A provisioning value as Grafana expands it from the environment: split at `$$` (a literal
 * dollar), each part through Go's os.Expand (`pkg/services/provisioning/values`: `$VAR`,
 * `${VAR}`, `$1` and the like one-character names, unset variables empty).
 *
 * @example
 * expandEnv('{service="$$service"} ${URL}/api $1abc', { URL: 'https://x' }) // '{service="$service"} https://x/api abc'
 */
export function expandEnv(text, env = {}) {
  return text
    .split('$$')
    .map((part) => expandPart(part, env))
    .join('$');
}

/**
 * A provisioning file as Grafana reads it: the YAML parsed first, then each string value
 * expanded (Grafana's provisioning value types expand on unmarshal, `pkg/services/provisioning/values`),
 * so a variable's value is never read as YAML (`abc #x` stays whole, `*x` is no alias) and keys
 * and comments are left alone.
 */
export function parseProvisioning(text, env) {
  const expand = (value) => {
    if (typeof value === 'string') {
      return expandEnv(value, env);
    }
    if (Array.isArray(value)) {
      return value.map(expand);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
    }
    return value;
  };
  return expand(YAML.parse(text) ?? {});
}

function readYamlFiles(dir, env) {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: f, doc: parseProvisioning(fs.readFileSync(path.join(dir, f), 'utf8'), env) }));
}

/** Datasource instances from `provisioning/datasources/*.yaml`, secrets kept server-side. */
export function loadDatasources(provisioningDir, env) {
  const datasources = [];
  let id = 1;
  for (const { file, doc } of readYamlFiles(path.join(provisioningDir, 'datasources'), env)) {
    for (const ds of doc.datasources ?? []) {
      if (!ds.uid || !ds.type || !ds.name) {
        throw new Error(`provisioning/datasources/${file}: every datasource needs name, type and uid`);
      }
      datasources.push({
        id: id++,
        uid: String(ds.uid),
        name: String(ds.name),
        type: String(ds.type),
        url: ds.url ?? '',
        isDefault: Boolean(ds.isDefault),
        jsonData: ds.jsonData ?? {},
        secureJsonData: Object.fromEntries(Object.entries(ds.secureJsonData ?? {}).map(([k, v]) => [k, v == null ? '' : String(v)])),
      });
    }
  }
  return datasources;
}

/**
 * Where Grafana's container sees this repository's folders (.config/docker-compose-base.yaml
 * mounts dist/ as the app plugin and provisioning/ as Grafana's provisioning folder).
 */
const CONTAINER_PATHS = [
  ['/var/lib/grafana/plugins/safedeploy-deploys-app', 'dist'],
  ['/etc/grafana/provisioning', 'provisioning'],
];

/**
 * Dashboards from the folders (or files) that `provisioning/dashboards/*.yaml` file providers name, read
 * from the repository folder each container path is mounted from, as Grafana reads them.
 */
export function loadDashboards(provisioningDir, env = {}, root = path.dirname(provisioningDir)) {
  const folders = readYamlFiles(path.join(provisioningDir, 'dashboards'), env)
    .flatMap(({ doc }) => doc.providers ?? [])
    .filter((p) => (p.type ?? 'file') === 'file' && p.options?.path)
    .map((p) => {
      const mount = CONTAINER_PATHS.find(([container]) => p.options.path.startsWith(container));
      return mount ? path.join(root, mount[1], p.options.path.slice(mount[0].length)) : p.options.path;
    });
  // A provider's path is a folder of dashboards or one dashboard file, as Grafana walks it.
  const files = (where) =>
    fs.statSync(where).isDirectory()
      ? fs
          .readdirSync(where)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => path.join(where, f))
      : [where];
  return folders
    .filter((where) => fs.existsSync(where))
    .flatMap(files)
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** What the browser may know of a datasource: everything but secrets, which become booleans. */
export function publicSettings(ds, meta) {
  return {
    id: ds.id,
    uid: ds.uid,
    name: ds.name,
    type: ds.type,
    url: `/api/datasources/proxy/uid/${ds.uid}`,
    isDefault: ds.isDefault,
    access: 'proxy',
    jsonData: ds.jsonData,
    secureJsonFields: Object.fromEntries(Object.entries(ds.secureJsonData).map(([k, v]) => [k, v !== ''])),
    meta,
    readOnly: true,
  };
}
