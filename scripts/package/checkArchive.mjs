// Offline checks of a plugin archive, one per rule of Grafana's plugin validator
// (grafana/plugin-validator, pkg/analysis/passes/) that needs no network: its binary cannot
// be fetched on every machine, and a release should not wait for the catalog's review to learn
// of a relative link. Rule names are the validator's; the checks are our own reading of its
// rules, stricter where noted. Input: the archive's files by path (directories implied) and,
// for the analyzers that read the source code (`code-rules`, `jsMap`), the files under src/.
// `npm run package` refuses to write an archive with an error; tests/package/ holds one test
// per rule. docs/validator.md lists the validator's rules that cannot run offline, and why.
import fs from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import semver from 'semver';

import { checkCodeRules } from './codeRules.mjs';
import SCHEMA from './vendor/pluginSchema.cjs';
import { MANIFEST, manifestProblems } from './sign.mjs';

const ERROR = 'error';
const WARNING = 'warning';
const decoder = new TextDecoder();
const text = (bytes) => decoder.decode(bytes);

/** Angular plugins no longer load in Grafana 11+; these are the markers Grafana's loader looks for in module.js. */
const ANGULAR_MARKERS = ['PanelCtrl', 'ConfigCtrl', 'app/plugins/sdk', 'angular.isNumber(', 'editor.html', 'ctrl.annotation', 'getLegacyAngularInjector'];
const ANGULAR_QUERY_CTRL = /["']QueryCtrl["']/;
/**
 * Hosts of widely used analytics and tracking services. The validator matches URLs in
 * module.js against a public block list of about 15,000 hosts; this short list covers the
 * services a plugin is likely to pull in, which is what a pre-release check needs.
 */
const TRACKING_HOSTS = [
  'google-analytics.com', 'googletagmanager.com', 'doubleclick.net', 'segment.io', 'segment.com/analytics',
  'cdn.mxpnl.com', 'mixpanel.com', 'amplitude.com', 'hotjar.com', 'fullstory.com', 'heapanalytics.com',
  'intercom.io', 'intercomcdn.com', 'hubspot.com', 'hs-analytics.net', 'newrelic.com', 'nr-data.net',
  'matomo.cloud', 'clarity.ms', 'logrocket.com', 'mouseflow.com', 'quantserve.com', 'scorecardresearch.com',
];
/** The validator only accepts these licences (license.go); we recognise them by their text. */
const LICENSE_TEXTS = [/Apache License[\s\S]*Version 2\.0/, /Permission is hereby granted, free of charge/, /BSD|Redistribution and use in source and binary forms/, /GNU (AFFERO |LESSER )?GENERAL PUBLIC LICENSE[\s\S]*Version 3/];
/**
 * The validator's plugin.json schema (`metadatavalid`), vendored: scripts/package/vendor/README.md
 * says from where. Compiled once; Go's regular expressions, which the validator's schema
 * library uses, are not Unicode-mode JavaScript ones.
 */
let validateSchema;
/** Sources in a source map that the validator does not compare with src/ (pkg/sourcemap). */
const MAP_IGNORED_PREFIXES = ['external ', 'webpack/', '../node_modules', './node_modules/'];
const MAP_IGNORED_EXTENSIONS = ['.css', '.scss', '.sass', '.less', '.svg', '.svg$', '.json'];
/** Elements the validator refuses in an SVG (pkg/svgvalidate). */
const SVG_FORBIDDEN_ELEMENTS = new Set(['annotation-xml', 'audio', 'colgroup', 'iframe', 'math', 'mi', 'mn', 'mo', 'ms', 'mtext', 'noembed', 'noframes', 'noscript', 'plaintext', 'script', 'template', 'thead', 'xmp']);

/** The archive's single top folder, or the layout findings that prevent one. */
function checkLayout(paths) {
  if (paths.length === 0) {
    return { findings: [finding('empty-archive', ERROR, 'the archive is empty')] };
  }
  if (paths.some((p) => !p.includes('/'))) {
    return { findings: [finding('no-root-dir', ERROR, `files at the top of the archive (${paths.filter((p) => !p.includes('/')).join(', ')}): put everything in one folder named by the plugin id`)] };
  }
  const tops = [...new Set(paths.map((p) => p.split('/')[0]))];
  if (tops.length !== 1) {
    return { findings: [finding('more-than-one-dir', ERROR, `the archive has ${tops.length} top folders (${tops.join(', ')}); it must have one, named by the plugin id`)] };
  }
  if (tops[0] === 'dist') {
    return { findings: [finding('dist', ERROR, 'the top folder is dist/: rename it to the plugin id')] };
  }
  return { top: tops[0], findings: [] };
}

function finding(rule, severity, message) {
  return { rule, severity, message };
}

function parseJson(files, file) {
  try {
    return { json: JSON.parse(text(files.get(file))) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** plugin.json against the validator's schema (`invalid-metadata`), plus an author the catalog shows. */
function checkMetadataFields(file, json) {
  if (!validateSchema) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validateSchema = ajv.compile(SCHEMA);
  }
  const problems = validateSchema(json) ? [] : validateSchema.errors.map((e) => `${e.instancePath.slice(1).replaceAll('/', '.') || '(root)'}: ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
  // Stricter than the validator: the schema allows a plugin without an author or with an empty name.
  if (typeof json.info?.author?.name !== 'string') {
    problems.push('info.author.name is missing');
  }
  if (typeof json.name === 'string' && json.name.trim() === '') {
    problems.push('name is empty');
  }
  return problems.map((p) => finding('invalid-metadata', ERROR, `${file}: ${p}`));
}

function checkVersions(file, json, options) {
  const findings = [];
  const version = json.info?.version;
  if (!semver.valid(version)) {
    findings.push(finding('wrong-plugin-version', ERROR, `${file}: version "${version}" is not a valid semver version`));
  } else if (options.version && version !== options.version) {
    findings.push(finding('wrong-plugin-version', ERROR, `${file}: version ${version} differs from the release's ${options.version}`));
  }
  const dependency = json.dependencies?.grafanaDependency;
  if (file.split('/').length === 2 && (typeof dependency !== 'string' || !semver.validRange(dependency))) {
    findings.push(finding('invalid-grafana-dependency', ERROR, `${file}: dependencies.grafanaDependency "${dependency}" is not a version range such as ">=10.4.0"`));
  }
  return findings;
}

/**
 * The root plugin.json's catalog fields, as the validator's `discoverability`, `pluginname`,
 * `typesuffix`, `restrictivedep` and `circulardependencies` (its offline half: a plugin that
 * depends on itself) analyzers read them.
 */
function checkCatalogFields(file, json) {
  const findings = [];
  if (!json.info?.description) {
    findings.push(finding('empty-description', WARNING, `${file}: info.description is empty; the catalog's search uses it`));
  }
  if (!Array.isArray(json.info?.keywords) || json.info.keywords.length === 0) {
    findings.push(finding('empty-keywords', WARNING, `${file}: info.keywords is empty; the catalog's search uses them`));
  }
  if (json.id && json.name && json.id === json.name) {
    findings.push(finding('human-friendly-name', ERROR, `${file}: the name should be human-friendly, not the plugin id`));
  }
  const idParts = String(json.id ?? '').split('-');
  if (idParts.length < 3) {
    findings.push(finding('invalid-id-format', WARNING, `${file}: plugin id should follow the format org-name-type`));
  }
  if (json.type && idParts.at(-1) !== json.type) {
    findings.push(finding('plugin-type-suffix', ERROR, `${file}: the id "${json.id}" must end with its type "${json.type}"`));
  }
  const dependency = String(json.dependencies?.grafanaDependency ?? '');
  if (/^[0-9]+.[0-9]+.x$/.test(dependency)) {
    findings.push(finding('depends-on-patch-releases', WARNING, `${file}: grafanaDependency only targets patch releases of Grafana ${dependency.slice(0, -2)}`));
  } else if (/^[0-9]+.[0-9]+.[0-9]+$/.test(dependency)) {
    findings.push(finding('depends-on-single-release', WARNING, `${file}: grafanaDependency only targets Grafana ${dependency}`));
  }
  if ((json.dependencies?.plugins ?? []).some((d) => d?.id === json.id)) {
    findings.push(finding('circular-dependency', ERROR, `${file}: Circular dependency detected: ${json.id} -> ${json.id}`));
  }
  return findings;
}

/** Logos and screenshots: relative to their plugin.json, present, and images of their stated type. */
function checkPaths(files, file, json) {
  const findings = [];
  const dir = path.posix.dirname(file);
  const logos = json.info?.logos ?? {};
  for (const size of ['small', 'large']) {
    if (typeof logos[size] !== 'string' || logos[size].trim() === '') {
      findings.push(finding('logos', ERROR, `${file}: info.logos.${size} is empty`));
    }
  }
  const screenshots = json.info?.screenshots ?? [];
  if (screenshots.length === 0) {
    findings.push(finding('screenshots', WARNING, `${file}: info.screenshots is empty; the catalog shows none`));
  }
  const paths = [...Object.values(logos).filter((p) => typeof p === 'string' && p.trim() !== ''), ...screenshots.map((s) => s.path)];
  for (const target of paths) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      findings.push(finding('path-relative-to-metadata', ERROR, `${file}: "${target}" is a URL; give a path relative to plugin.json`));
    } else if (target.startsWith('.') || target.startsWith('/')) {
      findings.push(finding('invalid-relative-path', ERROR, `${file}: "${target}" must be a path relative to the plugin's folder, without ./ or /`));
    } else if (!files.has(`${dir}/${target}`)) {
      findings.push(finding('path-not-exists', ERROR, `${file}: "${target}" is not in the archive (${dir}/${target})`));
    }
  }
  for (const shot of screenshots) {
    const bytes = files.get(`${dir}/${shot.path}`);
    const type = bytes && imageType(bytes);
    const expected = { '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png', '.gif': 'gif', '.svg': 'svg' }[path.posix.extname(shot.path).toLowerCase()];
    if (bytes && type !== expected) {
      findings.push(finding('screenshots-image-type', ERROR, `${file}: screenshot "${shot.path}" is ${type ?? 'not an image'}, not ${expected ?? 'an accepted image type (jpeg, png, gif, svg)'}`));
    }
  }
  return findings;
}

function imageType(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  if (bytes[0] === 0x89 && text(bytes.subarray(1, 4)) === 'PNG') {
    return 'png';
  }
  if (text(bytes.subarray(0, 4)) === 'GIF8') {
    return 'gif';
  }
  return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(text(bytes.subarray(0, 512))) ? 'svg' : null;
}

/** Every nested plugin.json is declared in the app's includes with its type, and every declared one exists. */
function checkNested(files, top, root, manifests) {
  const findings = [];
  const includes = (root.includes ?? []).filter((i) => i.type !== 'page' && i.type !== 'dashboard');
  for (const [file, json] of manifests) {
    const relative = file.slice(top.length + 1);
    if (relative === 'plugin.json') {
      continue;
    }
    const include = includes.find((i) => i.path === relative);
    if (root.type !== 'app') {
      findings.push(finding('nested-plugin-id-in-non-app', ERROR, `${file}: only an app can nest plugins`));
    } else if (!include) {
      findings.push(finding('nested-plugins-not-declared', ERROR, `${file} is not listed in plugin.json's includes`));
    } else if (!include.type) {
      findings.push(finding('nested-plugin-missing-type', ERROR, `plugin.json: the include of ${relative} has no type`));
    } else if (include.type !== json.type) {
      findings.push(finding('nested-plugin-type-missmatch', ERROR, `plugin.json: ${relative} is included as ${include.type} but is a ${json.type}`));
    }
  }
  for (const include of includes.filter((i) => i.path?.endsWith('plugin.json'))) {
    if (!files.has(`${top}/${include.path}`)) {
      findings.push(finding('missing-metadata', ERROR, `plugin.json includes ${include.path}, which is not in the archive`));
    }
  }
  return findings;
}

function checkReadme(files, top) {
  const readme = files.get(`${top}/README.md`);
  if (!readme || text(readme).trim() === '') {
    return [finding('missing-readme', ERROR, 'README.md is missing or empty: the plugin page shows it')];
  }
  const markdown = text(readme);
  const findings = [];
  if (/Grafana (Panel|Data Source|Datasource|App|Data Source Backend) Plugin Template/i.test(markdown)) {
    findings.push(finding('template-readme', ERROR, "README.md is create-plugin's template: describe the plugin"));
  }
  if (/<!--[\s\S]*?-->/.test(markdown)) {
    findings.push(finding('readme-comment', WARNING, 'README.md has HTML comments, which the catalog shows'));
  }
  for (const [, target] of markdown.matchAll(/\[.+?\]\((.+?)\)/g)) {
    const link = target.trim().split(/\s+/)[0];
    if (!link.startsWith('#') && !link.startsWith('mailto:') && !/^https?:\/\//.test(link)) {
      findings.push(finding('relative-link', ERROR, `README.md: convert relative link to absolute: ${link}`));
    }
  }
  const jargon = ['yarn', 'nodejs'].filter((word) => markdown.includes(word));
  if (jargon.length > 0) {
    findings.push(finding('developer-jargon', WARNING, `README.md contains developer jargon: ${jargon.join(', ')}`));
  }
  return findings;
}

function checkLicenseAndChangelog(files, top) {
  const findings = [];
  const license = files.get(`${top}/LICENSE`);
  if (!license) {
    findings.push(finding('license-not-provided', ERROR, 'LICENSE is missing from the archive'));
  } else {
    const body = text(license);
    if (!LICENSE_TEXTS.some((pattern) => pattern.test(body))) {
      findings.push(finding('license-not-valid', ERROR, 'LICENSE is not one the catalog accepts (Apache-2.0, MIT, BSD, GPL-3.0, LGPL-3, AGPL-3.0)'));
    }
    // The validator warns; we refuse to ship a licence whose copyright line was never filled in.
    if (body.includes('{name of copyright owner}') || body.includes('{yyyy}')) {
      findings.push(finding('license-with-generic-text', ERROR, 'LICENSE still has the template placeholders {yyyy} / {name of copyright owner}'));
    }
  }
  const changelog = files.get(`${top}/CHANGELOG.md`);
  if (!changelog || text(changelog).trim() === '') {
    findings.push(finding('missing-changelog', WARNING, 'CHANGELOG.md is missing or empty'));
  }
  return findings;
}

/** module.js per plugin folder, with a source map that carries its sources, no Angular and no trackers. */
function checkModules(files, manifests, pluginId, sources) {
  const findings = [];
  for (const [file] of manifests) {
    const dir = path.posix.dirname(file);
    const module = files.get(`${dir}/module.js`);
    if (!module) {
      findings.push(finding('missing-modulejs', ERROR, `${dir}/module.js is missing`));
      continue;
    }
    const source = text(module);
    const marker = ANGULAR_MARKERS.find((m) => source.includes(m)) ?? (ANGULAR_QUERY_CTRL.test(source) ? 'QueryCtrl' : null);
    if (marker) {
      findings.push(finding('legacy-platform', ERROR, `${dir}/module.js uses Angular ("${marker}"), which Grafana 11 and later do not load`));
    }
    for (const [url] of source.matchAll(/https?:\/\/[^\s"'`)]+/g)) {
      const host = TRACKING_HOSTS.find((h) => url.includes(h));
      if (host) {
        findings.push(finding('tracking-scripts', ERROR, `${dir}/module.js loads a tracking service: ${url}`));
      }
    }
    findings.push(...checkSourceMap(files, `${dir}/module.js.map`, pluginId, sources));
  }
  return findings;
}

/** A source's name in a map, as the validator reads it: without `webpack://<id>/`, or null when it is not compared with src/. */
function mappedSourceName(source, pluginId) {
  const name = source.replace(new RegExp(`^webpack://${pluginId}/*|^webpack:/*`), '');
  const bare = name.split('?')[0];
  if (name.includes('/node_modules/.pnpm/') || MAP_IGNORED_EXTENSIONS.some((ext) => bare.endsWith(ext)) || MAP_IGNORED_PREFIXES.some((p) => name.length > p.length && name.startsWith(p))) {
    return null;
  }
  return name;
}

/**
 * The validator's `jsMap` analyzer: a version 3 map whose sources and sourcesContent pair up
 * (`js-map-invalid`), and whose own sources are the files under src/ as committed
 * (`js-map-no-match`). Stricter: a mapped source outside src/ fails even if that file exists.
 */
function checkSourceMap(files, mapFile, pluginId, sources) {
  if (!files.has(mapFile)) {
    return [finding('js-map-not-found', ERROR, `${mapFile} is missing: the catalog's review compares the bundle with its sources`)];
  }
  const { json, error } = parseJson(files, mapFile);
  if (error || json.version !== 3 || !Array.isArray(json.sources) || !Array.isArray(json.sourcesContent) || json.sources.length === 0) {
    return [finding('js-map-invalid', ERROR, `${mapFile} is not a version 3 source map with sources and sourcesContent${error ? ` (${error})` : ''}`)];
  }
  if (json.sources.length !== json.sourcesContent.length) {
    return [finding('js-map-invalid', ERROR, `${mapFile} has ${json.sources.length} sources but ${json.sourcesContent.length} sourcesContent: each source needs its content`)];
  }
  const findings = [];
  json.sources.forEach((source, i) => {
    const name = mappedSourceName(source, pluginId);
    if (name === null) {
      return;
    }
    const file = path.posix.normalize(`src/${name}`);
    const content = String(json.sourcesContent[i] ?? '').replaceAll('\r\n', '\n');
    if (!file.startsWith('src/')) {
      findings.push(finding('js-map-no-match', ERROR, `${mapFile}: source "${source}" lies outside src/ (${file})`));
    } else if (sources && !sources.has(file)) {
      findings.push(finding('js-map-no-match', ERROR, `${mapFile}: source "${source}" has no file ${file}`));
    } else if (sources && sources.get(file).replaceAll('\r\n', '\n') !== content) {
      findings.push(finding('js-map-no-match', ERROR, `${mapFile}: the content of ${file} differs from the committed file: rebuild from this checkout`));
    }
  });
  return findings;
}

/** Why an SVG is refused: not well-formed XML, or an element or attribute the validator refuses. */
function svgProblem(svg) {
  // Without namespace checks: Go's XML decoder, which the validator uses, accepts an undeclared prefix.
  const parser = new SaxesParser({ position: true });
  let problem = null;
  parser.on('error', (err) => {
    problem ??= `is not well-formed XML (${err.message})`;
  });
  parser.on('opentag', (tag) => {
    const local = tag.name.split(':').pop();
    if (SVG_FORBIDDEN_ELEMENTS.has(local)) {
      problem ??= `has the element <${local}>`;
    }
    const handler = Object.keys(tag.attributes).find((name) => !name.includes(':') && name.toLowerCase().startsWith('on'));
    if (handler) {
      problem ??= `has the event handler attribute ${handler}`;
    }
  });
  try {
    parser.write(svg).close();
  } catch (err) {
    problem ??= `is not well-formed XML (${err instanceof Error ? err.message : String(err)})`;
  }
  return problem;
}

/** SVGs are shown inline: well-formed, no scripts, event handlers, foreign content or outside references. */
function checkSvgs(files) {
  const findings = [];
  for (const [file, bytes] of files) {
    if (!file.endsWith('.svg')) {
      continue;
    }
    const svg = text(bytes);
    // Stricter than the validator, which lets javascript: URLs, foreignObject and outside references through.
    const unsafe = [
      [/javascript:/i, 'has a javascript: URL'],
      [/<foreignObject[\s>]/i, 'has a <foreignObject> element'],
      [/(xlink:)?href\s*=\s*["']\s*(https?:|\/\/|data:)/i, 'has a reference outside the file'],
    ].find(([pattern]) => pattern.test(svg));
    const problem = svgProblem(svg) ?? unsafe?.[1];
    if (problem) {
      findings.push(finding('unsafe-svg-file', ERROR, `${file} ${problem}`));
    }
  }
  return findings;
}

/** A signed archive's MANIFEST.txt fits its files (the validator's `manifest` analyzer, less the PGP signature's check). */
function checkManifest(files, top) {
  const manifest = files.get(`${top}/${MANIFEST}`);
  if (!manifest) {
    return [];
  }
  const inFolder = new Map([...files].map(([file, bytes]) => [file.slice(top.length + 1), bytes]));
  return manifestProblems(text(manifest), inFolder).map((p) => finding(p.rule, ERROR, p.message));
}

/** The files under `dir` (src/) with a source extension, by repository path (`src/...`): what the code rules and source map checks read. */
export function readSourceTree(dir, prefix = 'src') {
  const sources = new Map();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      for (const [file, content] of readSourceTree(full, `${prefix}/${entry.name}`)) {
        sources.set(file, content);
      }
    } else if (entry.isFile() && /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name)) {
      sources.set(`${prefix}/${entry.name}`, fs.readFileSync(full, 'utf8'));
    }
  }
  return sources;
}

/**
 * Applies the checks to an archive's files (path → bytes, directories implied).
 * `zipName` is checked against `<id>-<version>.zip`, `version` against every plugin.json;
 * `sources` (repository path → text of every file under src/, from `readSourceTree`) are
 * read by the code rules and compared with the source maps.
 *
 * @example
 * checkArchive(new Map([['x-y-app/plugin.json', bytes]]), { zipName: 'x-y-app-1.0.0.zip', version: '1.0.0' });
 */
export function checkArchive(files, options = {}) {
  const { top, findings } = checkLayout([...files.keys()]);
  if (!top) {
    return findings;
  }
  const rootFile = `${top}/plugin.json`;
  if (!files.has(rootFile)) {
    return [finding('missing-metadata', ERROR, `${rootFile} is missing`)];
  }
  const manifests = new Map();
  for (const file of [...files.keys()].filter((f) => f.endsWith('/plugin.json')).sort()) {
    const { json, error } = parseJson(files, file);
    if (error) {
      findings.push(finding('invalid-metadata', ERROR, `${file} is not valid JSON: ${error}`));
    } else {
      manifests.set(file, json);
    }
  }
  const root = manifests.get(rootFile);
  if (!root) {
    return findings;
  }
  if (top !== root.id) {
    findings.push(finding('no-ident-root-dir', ERROR, `the top folder is "${top}" but the plugin id is "${root.id}"`));
  }
  if (options.zipName && options.zipName !== `${root.id}-${root.info?.version}.zip`) {
    findings.push(finding('archive-name', ERROR, `the archive is named ${options.zipName}, expected ${root.id}-${root.info?.version}.zip`));
  }
  for (const [file, json] of manifests) {
    findings.push(...checkMetadataFields(file, json), ...checkVersions(file, json, options), ...checkPaths(files, file, json));
  }
  findings.push(...checkCatalogFields(rootFile, root), ...checkNested(files, top, root, manifests), ...checkReadme(files, top), ...checkLicenseAndChangelog(files, top));
  findings.push(...checkModules(files, manifests, root.id, options.sources), ...checkSvgs(files), ...checkManifest(files, top));
  if (options.sources) {
    findings.push(...checkCodeRules(options.sources));
  }
  return findings;
}

/** A zip's files by path, without directory entries. */
export function readZip(bytes) {
  return new Map(Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/')));
}

export function formatFindings(findings) {
  return findings.map((f) => `  ${f.severity} ${f.rule}: ${f.message}`).join('\n');
}
