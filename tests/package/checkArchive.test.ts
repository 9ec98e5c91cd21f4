/**
 * @jest-environment node
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import { checkArchive, readSourceTree, readZip } from '../../scripts/package/checkArchive.mjs';
import { APP_ID, assertPackaged, ROOT, VERSION, ZIP, ZIP_NAME } from './release';

type Files = Map<string, Uint8Array>;
/** Every file under src/ by repository path: what the code rules and the source map checks read. */
type Sources = Map<string, string>;
/** What `npm run package` checks: the archive and the sources it was built from. */
interface Release {
  files: Files;
  sources: Sources;
}
interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const at = (relative: string) => `${APP_ID}/${relative}`;

let real: Files;
let realSources: Sources;

beforeAll(() => {
  assertPackaged();
  real = readZip(new Uint8Array(fs.readFileSync(ZIP)));
  realSources = readSourceTree(path.join(ROOT, 'src'));
});

function check(files: Files, zipName = ZIP_NAME, sources: Sources = realSources): Finding[] {
  return checkArchive(files, { zipName, version: VERSION, sources }) as Finding[];
}

/** A defect made in the archive alone. */
const inArchive = (edit: (files: Files) => Files) => (release: Release): Release => ({ ...release, files: edit(release.files) });

/** A defect made in one file under src/, and in the source maps as a build from it would carry it. */
const inSource = (file: string, edit: (source: string) => string) => (release: Release): Release => {
  let files = release.files;
  for (const map of [...files.keys()].filter((name) => name.endsWith('/module.js.map'))) {
    files = editJson(files, map.slice(APP_ID.length + 1), (json) => {
      json.sources.forEach((source: string, i: number) => {
        if (source === `webpack://${APP_ID}/./${file.slice('src/'.length)}`) {
          json.sourcesContent[i] = edit(json.sourcesContent[i]);
        }
      });
    });
  }
  return { files, sources: new Map(release.sources).set(file, edit(release.sources.get(file) ?? '')) };
};

/** A copy of the real archive with one file's JSON changed. */
function editJson(files: Files, relative: string, edit: (json: any) => void): Files {
  const json = JSON.parse(decode(files.get(at(relative))!));
  edit(json);
  return new Map(files).set(at(relative), encode(JSON.stringify(json)));
}

function rename(files: Files, top: string): Files {
  return new Map([...files].map(([name, bytes]) => [name.replace(`${APP_ID}/`, `${top}/`), bytes]));
}

function without(files: Files, relative: string): Files {
  const copy = new Map(files);
  copy.delete(at(relative));
  return copy;
}

describe('the offline plugin validator checks', () => {
  it('pass on the archive npm run package writes and the sources it was built from: no errors, no warnings', () => {
    expect(realSources.size).toBeGreaterThan(100);
    expect(check(real)).toStrictEqual([]);
  });

  it('the archive holds the nested plugins, source maps, README, CHANGELOG, LICENSE and images under one folder named by the id', () => {
    const names = [...real.keys()];
    expect(names.every((n) => n.startsWith(`${APP_ID}/`))).toBe(true);
    for (const file of ['plugin.json', 'module.js', 'module.js.map', 'README.md', 'CHANGELOG.md', 'LICENSE', 'img/logo.svg',
      'datasource/plugin.json', 'datasource/module.js', 'datasource/module.js.map', 'panel/plugin.json', 'panel/module.js', 'panel/module.js.map',
      'docs/img/deploy-impact-demo.jpg', 'panel/img/screenshot-deploy-impact.jpg']) {
      expect({ file, shipped: real.has(at(file)) }).toStrictEqual({ file, shipped: true });
    }
    expect(names.filter((n) => /\.test\.|fixtures|\.ts$/.test(n))).toStrictEqual([]);
  });

  it('checksums beside the zip are the hex digests Grafana packaging writes', () => {
    const bytes = fs.readFileSync(ZIP);
    for (const algorithm of ['sha1', 'md5', 'sha256']) {
      const written = fs.readFileSync(`${ZIP}.${algorithm}`, 'utf8');
      expect(written).toBe(crypto.createHash(algorithm).update(bytes).digest('hex') + '\n');
    }
  });

  it('ships the README written for Grafana users, with the version filled in', () => {
    const readme = decode(real.get(at('README.md'))!);
    const source = fs.readFileSync(path.join(ROOT, 'src', 'README.md'), 'utf8');
    expect(readme).toBe(source.replaceAll('%VERSION%', VERSION));
    expect(readme).toContain(`grafana cli --pluginUrl`);
    expect(readme).toContain('GF_INSTALL_PLUGINS=');
    expect(readme).not.toContain('npm ci');
  });

  // One row per rule: the defect, made in a copy of the real archive, the rule that must catch
  // it, its severity and a part of the message.
  const defects: Array<[string, (files: Files) => Files, string, 'error' | 'warning', string]> = [
    ['an empty archive', () => new Map(), 'empty-archive', 'error', ''],
    ['files at the top of the archive', (f) => new Map(f).set('plugin.json', f.get(at('plugin.json'))!), 'no-root-dir', 'error', ''],
    ['two top folders', (f) => new Map(f).set('other/notes.txt', encode('x')), 'more-than-one-dir', 'error', ''],
    ['a dist/ top folder', (f) => rename(f, 'dist'), 'dist', 'error', ''],
    ['a top folder not named by the id', (f) => rename(f, 'safedeploy'), 'no-ident-root-dir', 'error', ''],
    ['no plugin.json', (f) => without(f, 'plugin.json'), 'missing-metadata', 'error', ''],
    ['plugin.json that is not JSON', (f) => new Map(f).set(at('plugin.json'), encode('{ "id": ')), 'invalid-metadata', 'error', ''],
    ['plugin.json without info.updated', (f) => editJson(f, 'plugin.json', (j) => delete j.info.updated), 'invalid-metadata', 'error', ''],
    ['a nested plugin.json not in includes', (f) => editJson(f, 'plugin.json', (j) => (j.includes = j.includes.filter((i: any) => i.type !== 'panel'))), 'nested-plugins-not-declared', 'error', ''],
    ['a nested plugin included with another type', (f) => editJson(f, 'plugin.json', (j) => (j.includes.find((i: any) => i.type === 'panel').type = 'datasource')), 'nested-plugin-type-missmatch', 'error', ''],
    ['an include whose plugin.json is missing', (f) => without(f, 'panel/plugin.json'), 'missing-metadata', 'error', ''],
    ['a logo path starting with ./', (f) => editJson(f, 'panel/plugin.json', (j) => (j.info.logos.small = './img/logo.svg')), 'invalid-relative-path', 'error', ''],
    ['a logo given as a URL', (f) => editJson(f, 'panel/plugin.json', (j) => (j.info.logos.small = 'https://example.com/logo.svg')), 'path-relative-to-metadata', 'error', 'https://example.com/logo.svg'],
    ['a logo that is not shipped', (f) => without(f, 'panel/img/logo.svg'), 'path-not-exists', 'error', ''],
    ['an empty logo', (f) => editJson(f, 'datasource/plugin.json', (j) => (j.info.logos.large = '')), 'logos', 'error', ''],
    ['a screenshot that is not an image', (f) => new Map(f).set(at('docs/img/release-health.jpg'), encode('not an image')), 'screenshots-image-type', 'error', ''],
    ['no screenshots', (f) => editJson(f, 'plugin.json', (j) => (j.info.screenshots = [])), 'screenshots', 'warning', ''],
    ['a version left as the template placeholder', (f) => editJson(f, 'panel/plugin.json', (j) => (j.info.version = '%VERSION%')), 'wrong-plugin-version', 'error', ''],
    ['a version other than the release', (f) => editJson(f, 'datasource/plugin.json', (j) => (j.info.version = '0.1.0')), 'wrong-plugin-version', 'error', ''],
    ['a grafanaDependency that is no range', (f) => editJson(f, 'plugin.json', (j) => (j.dependencies.grafanaDependency = 'ten point four')), 'invalid-grafana-dependency', 'error', ''],
    ['no README', (f) => without(f, 'README.md'), 'missing-readme', 'error', ''],
    ["create-plugin's template README", (f) => new Map(f).set(at('README.md'), encode('# Grafana App Plugin Template\n')), 'template-readme', 'error', ''],
    ["the repository's README, with its relative links", (f) => new Map(f).set(at('README.md'), fs.readFileSync(path.join(ROOT, 'README.md'))), 'relative-link', 'error', 'docs/img/deploy-impact-demo.jpg'],
    ['an HTML comment in the README', (f) => new Map(f).set(at('README.md'), encode('# SafeDeploy\n<!-- todo -->\n')), 'readme-comment', 'warning', ''],
    ['developer jargon in the README', (f) => new Map(f).set(at('README.md'), encode('# SafeDeploy\nRun yarn install.\n')), 'developer-jargon', 'warning', ''],
    ['no LICENSE', (f) => without(f, 'LICENSE'), 'license-not-provided', 'error', ''],
    ["a LICENSE with the template's copyright line", (f) => new Map(f).set(at('LICENSE'), encode(decode(f.get(at('LICENSE'))!).replace(/Copyright \d{4} SafeDeploy/, 'Copyright {yyyy} {name of copyright owner}'))), 'license-with-generic-text', 'error', ''],
    ['a LICENSE the catalog does not accept', (f) => new Map(f).set(at('LICENSE'), encode('All rights reserved.')), 'license-not-valid', 'error', ''],
    ['no CHANGELOG', (f) => without(f, 'CHANGELOG.md'), 'missing-changelog', 'warning', ''],
    ['a module.js without its source map', (f) => without(f, 'panel/module.js.map'), 'js-map-not-found', 'error', ''],
    ['a source map without its sources', (f) => editJson(f, 'datasource/module.js.map', (j) => delete j.sourcesContent), 'js-map-invalid', 'error', ''],
    ['a plugin folder without module.js', (f) => without(f, 'panel/module.js'), 'missing-modulejs', 'error', ''],
    ['Angular in module.js', (f) => new Map(f).set(at('panel/module.js'), encode(`define(["app/plugins/sdk"], function (sdk) { return sdk; });`)), 'legacy-platform', 'error', ''],
    ['a tracking script in module.js', (f) => new Map(f).set(at('module.js'), encode(decode(f.get(at('module.js'))!) + '\n"https://www.googletagmanager.com/gtag/js?id=G-1";')), 'tracking-scripts', 'error', ''],
    ['a script in an SVG', (f) => new Map(f).set(at('img/logo.svg'), encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), 'unsafe-svg-file', 'error', ''],
    ['an event handler in an SVG', (f) => new Map(f).set(at('panel/img/logo.svg'), encode('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')), 'unsafe-svg-file', 'error', ''],
    ['an SVG with an <iframe>', (f) => new Map(f).set(at('img/logo.svg'), encode('<svg xmlns="http://www.w3.org/2000/svg"><iframe/></svg>')), 'unsafe-svg-file', 'error', '<iframe>'],
    ['a source map one of whose sources is not as committed', (f) => editJson(f, 'panel/module.js.map', (j) => {
      const i = j.sources.findIndex((s: string) => s.endsWith('/panel/module.ts'));
      j.sourcesContent[i] += '\n// edited after the build\n';
    }), 'js-map-no-match', 'error', 'src/panel/module.ts'],
    ['no description', (f) => editJson(f, 'plugin.json', (j) => (j.info.description = '')), 'empty-description', 'warning', ''],
    ['a name that is the id', (f) => editJson(f, 'plugin.json', (j) => (j.name = j.id)), 'human-friendly-name', 'error', ''],
    ['an id whose suffix is not the type', (f) => editJson(f, 'plugin.json', (j) => (j.id = 'safedeploy-deploys-panel')), 'plugin-type-suffix', 'error', ''],
    ['a grafanaDependency of one release', (f) => editJson(f, 'plugin.json', (j) => (j.dependencies.grafanaDependency = '10.4.0')), 'depends-on-single-release', 'warning', ''],
    ['a grafanaDependency of one minor line', (f) => editJson(f, 'plugin.json', (j) => (j.dependencies.grafanaDependency = '10.4.x')), 'depends-on-patch-releases', 'warning', ''],
    ['a plugin that depends on itself', (f) => editJson(f, 'plugin.json', (j) => (j.dependencies.plugins = [{ id: j.id, type: 'app', name: 'SafeDeploy', version: '>=0.1.0' }])), 'circular-dependency', 'error', ''],
    ['the plugin.json of a nested plugin that breaks the schema', (f) => editJson(f, 'panel/plugin.json', (j) => (j.info.keywords = 'panel')), 'invalid-metadata', 'error', 'info.keywords'],
  ];
  /** Defects made in the sources under src/ (and in the source maps as a build from them would carry them). */
  const sourceDefects: Array<[string, (release: Release) => Release, string, 'error' | 'warning', string]> = [
    ["the runQuery comment that named Grafana's query endpoint", inSource('src/app/data/runQuery.ts', (s) => s + "\n// backend datasources go through Grafana's `/api/ds/query`\n"), 'code-rules-no-api-ds-query-endpoint', 'error', 'src/app/data/runQuery.ts'],
    ['a read of window.grafanaBootData', inSource('src/app/data/runQuery.ts', (s) => s + '\nconst boot = window.grafanaBootData;\n'), 'code-rules-window-properties', 'error', ''],
    ['a native alert()', inSource('src/app/data/runQuery.ts', (s) => s + "\nalert('done');\n"), 'code-rules-native-browser-dialogs', 'error', ''],
    ['a native alert() in a file no bundle maps (the command line, src/cli)', inSource('src/cli/fakeHelper.ts', () => "alert('x');\n"), 'code-rules-native-browser-dialogs', 'error', 'src/cli/fakeHelper.ts'],
  ];
  /** The seven mutations of the real archive that Grafana's plugin validator 0.45 reports and our checks once let through. */
  const sevenMutations: Array<[string, (release: Release) => Release, string, 'error' | 'warning', string]> = [
    ['window.open without noopener', inSource('src/app/data/runQuery.ts', (s) => s + "\nexport const openDocs = () => window.open('https://grafana.com', '_blank');\n"), 'code-rules-window-open-without-noopener', 'error', 'src/app/data/runQuery.ts'],
    ['a direct CSS import', inSource('src/panel/module.ts', (s) => "import './panel.css';\n" + s), 'code-rules-no-direct-css-imports', 'error', 'src/panel/module.ts:1'],
    ['console.log', inSource('src/datasource/datasource.ts', (s) => s + "\nconsole.log('query done');\n"), 'code-rules-console-logging', 'warning', 'src/datasource/datasource.ts'],
    ['a source map whose sourcesContent is one shorter than sources', inArchive((f) => editJson(f, 'module.js.map', (j) => j.sourcesContent.pop())), 'js-map-invalid', 'error', 'sourcesContent'],
    ['a mapped source outside src/', inArchive((f) => editJson(f, 'datasource/module.js.map', (j) => {
      const i = j.sources.findIndex((s: string) => s.endsWith('/datasource/module.ts'));
      j.sources[i] = 'webpack://safedeploy-deploys-app/../scripts/module.ts';
    })), 'js-map-no-match', 'error', 'outside src/'],
    ['a malformed SVG', inArchive((f) => new Map(f).set(at('img/logo.svg'), encode('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"></svg>'))), 'unsafe-svg-file', 'error', 'well-formed'],
    ['an includes role of Superuser', inArchive((f) => editJson(f, 'plugin.json', (j) => (j.includes.find((i: any) => i.type === 'page').role = 'Superuser'))), 'invalid-metadata', 'error', 'includes.3.role'],
  ];
  const rows = [
    ...defects.map(([defect, makeDefect, rule, severity, inMessage]) => ({ defect, makeDefect: inArchive(makeDefect), rule, severity, inMessage })),
    ...sourceDefects.map(([defect, makeDefect, rule, severity, inMessage]) => ({ defect, makeDefect, rule, severity, inMessage })),
  ];

  function caught(makeDefect: (release: Release) => Release) {
    const { files, sources } = makeDefect({ files: real, sources: realSources });
    return check(files, ZIP_NAME, sources);
  }

  it.each(rows)('$defect is caught by $rule', ({ makeDefect, rule, severity, inMessage }) => {
    const found = caught(makeDefect).filter((f) => f.rule === rule);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.severity === severity)).toBe(true);
    expect(found.map((f) => f.message).join('\n')).toContain(inMessage);
  });

  it.each(sevenMutations.map(([defect, makeDefect, rule, severity, inMessage]) => ({ defect, makeDefect, rule, severity, inMessage })))(
    "$defect fails with the validator's rule $rule, and with nothing else",
    ({ makeDefect, rule, severity, inMessage }) => {
      const found = caught(makeDefect);
      expect(found.map((f) => [f.rule, f.severity])).toStrictEqual([[rule, severity]]);
      expect(found[0].message).toContain(inMessage);
    }
  );

  it('an archive named other than id-version.zip is caught by archive-name', () => {
    expect(check(real, 'plugin.zip').map((f) => f.rule)).toStrictEqual(['archive-name']);
  });

  it('reports each relative link of a README once, and no anchor, mailto or https link', () => {
    // CONSTRUCTED: the five relative links the 0.1.0 README carried, beside links that are allowed.
    const markdown = [
      '![panel](docs/img/deploy-impact-demo.jpg) ![pages](docs/img/release-health.jpg "Release health")',
      'See [the CI guide](docs/ci.md), [the evaluation](docs/EVALUATION.md) and [the benchmarks](docs/BENCHMARKS.md).',
      '[Top](#safedeploy), [mail](mailto:team@example.com), [Grafana](https://grafana.com/docs/grafana/latest/).',
    ].join('\n');
    const files = new Map(real).set(at('README.md'), encode(markdown));
    expect(check(files).map((f) => f.message)).toStrictEqual(
      ['docs/img/deploy-impact-demo.jpg', 'docs/img/release-health.jpg', 'docs/ci.md', 'docs/EVALUATION.md', 'docs/BENCHMARKS.md'].map(
        (link) => `README.md: convert relative link to absolute: ${link}`
      )
    );
  });
});
