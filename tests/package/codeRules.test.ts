/**
 * @jest-environment node
 */
import { checkCodeRules } from '../../scripts/package/codeRules.mjs';

interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

const rulesOf = (file: string, text: string) => (checkCodeRules(new Map([[file, text]])) as Finding[]).map((f) => f.rule);

// The bad and good inputs of grafana/plugin-validator's own tests
// (pkg/analysis/passes/coderules/testdata/<rule>-bad|good), one row per rule.
describe("the validator's code rules, read over src/", () => {
  it.each([
    ['window-open-without-noopener', 'window.open("https://example.com");\nwindow.open("https://example.com", "_blank");\nwindow.open("https://example.com", "_blank", "width=800,height=600");'],
    ['no-direct-css-imports', "import './App.css';\nimport '../styles.scss';\nimport './theme.less';"],
    ['no-direct-css-imports', "import { Global } from '@emotion/react';"],
    ['console-logging', 'function test() {\n  console.log("test");\n}'],
    ['topnav-toggle', 'const featureToggles = { topnav: true };\nif (featureToggles.topnav) {}'],
    ['window-properties', 'const boot = window.grafanaBootData;'],
    ['native-browser-dialogs', "window.confirm('sure?');"],
    ['deprecated-gf-form-css-classes', 'const c = "gf-form-label";'],
    ['direct-window-location-access', 'const q = new URLSearchParams(window.location.search);'],
    ['ts-ignore-suppress', '// @ts-ignore\nconst x: number = "a";'],
    ['no-api-ds-query-endpoint', "fetch('/api/ds/query');"],
    ['access-old-react-internals', 'React.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED;'],
  ])('code-rules-%s catches its bad example', (id, text) => {
    expect(rulesOf('src/index.tsx', text)).toStrictEqual([`code-rules-${id}`]);
  });

  it.each([
    ['window.open with noopener and noreferrer', 'window.open("https://example.com", "_blank", "noopener,noreferrer");\nwindow.open(u, "_blank", "noreferrer,noopener,width=800");'],
    ["emotion's css function", "import { css } from '@emotion/react';\nconst s = css`margin: 0;`;"],
    ['console.error, which the rule allows', "console.error('failed');"],
    ['console.log named in a comment or a string', "// console.log('x')\nconst help = 'call console.log(x) to debug';"],
    ['locationService instead of window.location', "import { locationService } from '@grafana/runtime';\nlocationService.getSearch();"],
  ])('passes %s', (_, text) => {
    expect(rulesOf('src/index.ts', text)).toStrictEqual([]);
  });

  describe('edge cases', () => {
    it('reads tests and plain .js files as the rules say: excluded, except where a rule includes them', () => {
      expect(rulesOf('src/index.test.ts', "console.log('x');\nalert('x');")).toStrictEqual([]);
      expect(rulesOf('src/legacy.js', "console.log('x');")).toStrictEqual([]);
      expect(rulesOf('src/legacy.js', "fetch('/api/ds/query');")).toStrictEqual(['code-rules-no-api-ds-query-endpoint']);
      expect(rulesOf('src/index.test.ts', "fetch('/api/ds/query');")).toStrictEqual([]);
    });

    it('names the file and every line of a finding, once per rule', () => {
      const findings = checkCodeRules(new Map([['src/a.ts', "console.log(1);\nconst x = 2;\nconsole.info(3);"]])) as Finding[];
      expect(findings).toStrictEqual([
        { rule: 'code-rules-console-logging', severity: 'warning', message: 'src/a.ts:1,3: Console logging detected. Plugins should not log to the console.' },
      ]);
    });

    it('a backend datasource that implements testDatasource is caught only in datasource.ts', () => {
      const source = 'class DS extends DataSourceWithBackend<Q> {\n  testDatasource() {}\n}';
      expect(rulesOf('src/datasource.ts', source)).toStrictEqual(['code-rules-backend-datasource-should-not-implement-testdatasource']);
      expect(rulesOf('src/other.ts', source)).toStrictEqual([]);
    });
  });
});
