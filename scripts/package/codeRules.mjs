// The frontend code rules of Grafana's plugin validator (the `code-rules` analyzer, which runs
// semgrep with grafana/plugin-validator pkg/analysis/passes/coderules/semgrep-rules.yaml over
// the plugin's source), read here over every file under src/. Semgrep is not on every machine,
// so each rule is matched here: `pattern-regex` rules as regular expressions over the text,
// code `pattern` rules on TypeScript's syntax tree (comments and strings do not match them, as
// in semgrep). Rule names are the validator's: `code-rules-<semgrep id>`.
import path from 'node:path';

import ts from 'typescript';

const ERROR = 'error';
const WARNING = 'warning';

/** `paths.exclude` shared by most rules: tests and plain .js files. */
const TESTS_AND_JS = /\.(spec|test)\.tsx?$|\.js$/;
const TS_ONLY = { include: /^src\/.+\.tsx?$/, exclude: TESTS_AND_JS };

const CONSOLE_METHODS = new Set(['log', 'info', 'table', 'clear', 'count', 'countReset', 'dir', 'dirxml', 'group', 'groupEnd', 'time', 'timeEnd', 'timeLog', 'trace']);

/**
 * One entry per frontend rule of semgrep-rules.yaml: its id, severity, the files it reads
 * (`paths.include` / `paths.exclude`), the validator's message, and how it matches: `regex`
 * over the text, or `node` over each syntax node (returns true on a match).
 */
export const CODE_RULES = [
  {
    id: 'console-logging',
    severity: WARNING,
    ...TS_ONLY,
    message: 'Console logging detected. Plugins should not log to the console.',
    node: (n) => ts.isCallExpression(n) && isMember(n.expression, 'console', CONSOLE_METHODS),
  },
  {
    id: 'topnav-toggle',
    severity: ERROR,
    ...TS_ONLY,
    message: 'The `topnav` toggle is deprecated and will be removed in a future version of Grafana.',
    node: (n) => ts.isPropertyAccessExpression(n) && n.name.text === 'topnav' && lastName(n.expression) === 'featureToggles',
  },
  {
    id: 'window-properties',
    severity: ERROR,
    ...TS_ONLY,
    message: 'Detected access to a restricted window property (grafanaBootData, grafanaRuntime, __grafanaSceneContext).',
    regex: /window\.(grafanaBootData|grafanaRuntime|__grafanaSceneContext)/,
  },
  {
    id: 'access-old-react-internals',
    severity: WARNING,
    include: /\.(ts|tsx|js|jsx)$/,
    exclude: null,
    message: "Detected usage of React internal API '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED'.",
    regex: /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED/,
  },
  {
    id: 'native-browser-dialogs',
    severity: ERROR,
    ...TS_ONLY,
    message: 'Native browser dialogs (alert, confirm, prompt) are not permitted. Use Grafana UI components (Modal, ConfirmModal) instead.',
    node: (n) => ts.isCallExpression(n) && ((ts.isIdentifier(n.expression) && n.expression.text === 'alert') || isMember(n.expression, 'window', new Set(['alert', 'confirm', 'prompt']))),
  },
  {
    id: 'window-open-without-noopener',
    severity: ERROR,
    ...TS_ONLY,
    message: "window.open() called without 'noopener,noreferrer' in the features parameter. Use window.open(url, target, 'noopener,noreferrer').",
    node: (n) => ts.isCallExpression(n) && isMember(n.expression, 'window', new Set(['open'])) && !hasNoopener(n.arguments),
  },
  {
    id: 'deprecated-gf-form-css-classes',
    severity: WARNING,
    ...TS_ONLY,
    message: 'Deprecated Grafana CSS class name detected (gf-form*). Use @grafana/ui components instead of legacy CSS classes.',
    regex: /gf-form/,
  },
  {
    id: 'direct-window-location-access',
    severity: WARNING,
    ...TS_ONLY,
    message: 'Direct access to window.location is not permitted. Use locationService from @grafana/runtime instead.',
    node: (n) => ts.isPropertyAccessExpression(n) && ['search', 'href'].includes(n.name.text) && isMember(n.expression, 'window', new Set(['location'])),
  },
  {
    id: 'ts-ignore-suppress',
    severity: WARNING,
    ...TS_ONLY,
    message: 'Avoid using @ts-ignore or @ts-expect-error to suppress TypeScript errors.',
    regex: /@ts-ignore|@ts-expect-error/,
  },
  {
    id: 'no-direct-css-imports',
    severity: ERROR,
    include: /^src\/.+\.(tsx?|jsx)$/,
    exclude: TESTS_AND_JS,
    message: "Direct CSS imports and Emotion UI Global components are not permitted. Use emotion's css function instead.",
    regex: /import\s+['"].*\.(css|scss|less)['"]/,
    node: (n) =>
      (ts.isImportDeclaration(n) && n.moduleSpecifier.text === '@emotion/react' && namedImports(n).includes('Global')) ||
      ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && n.tagName.getText() === 'Global'),
  },
  {
    id: 'no-api-ds-query-endpoint',
    severity: ERROR,
    include: /^src\/.+\.(tsx?|jsx?)$/,
    exclude: /\.(spec|test)\.[jt]sx?$/,
    message: "Direct frontend usage of '/api/ds/query' is not permitted. Use getDataSourceSrv().get(...) and then query(...).",
    regex: /\/api\/ds\/query/,
  },
  {
    id: 'backend-datasource-should-not-implement-testdatasource',
    severity: ERROR,
    include: /(^|\/)datasource\.ts$/,
    exclude: null,
    message: 'Backend datasources (classes extending DataSourceWithBackend) must not implement testDatasource().',
    regex: /class\s+\w+\s+extends\s+DataSourceWithBackend(?:<[^>]+>)?\s*\{[\s\S]*?\btestDatasource\s*\(/,
  },
];

/** `object.name` with `name` in `names` (whitespace and optional chaining aside). */
function isMember(expression, object, names) {
  return ts.isPropertyAccessExpression(expression) && names.has(expression.name.text) && ts.isIdentifier(expression.expression) && expression.expression.text === object;
}

function lastName(expression) {
  if (ts.isIdentifier(expression)) {
    return expression.text;
  }
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : null;
}

/** The rule's metavariable-regex: a third argument whose text names both noopener and noreferrer. */
function hasNoopener(args) {
  return args.length === 3 && /noopener.*noreferrer|noreferrer.*noopener/.test(args[2].getText());
}

function namedImports(declaration) {
  const bindings = declaration.importClause?.namedBindings;
  return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : [];
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

/** Lines where one rule matches one file. */
function matchRule(rule, file, text, sourceFile) {
  const lines = [];
  if (rule.regex) {
    for (const match of text.matchAll(new RegExp(rule.regex.source, 'g'))) {
      lines.push(lineOf(text, match.index));
    }
  }
  if (rule.node) {
    const visit = (node) => {
      if (rule.node(node)) {
        lines.push(sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return [...new Set(lines)].sort((a, b) => a - b);
}

function scriptKind(file) {
  return { '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX, '.js': ts.ScriptKind.JS }[path.posix.extname(file)] ?? ts.ScriptKind.TS;
}

/**
 * The findings of every code rule over the sources (repository path such as `src/app/x.ts` →
 * text), one per rule and file, naming the lines.
 *
 * @example
 * checkCodeRules(new Map([['src/a.ts', 'window.open(url);']])); // → [{ rule: 'code-rules-window-open-without-noopener', ... }]
 */
export function checkCodeRules(sources) {
  const findings = [];
  for (const [file, text] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    const rules = CODE_RULES.filter((r) => r.include.test(file) && !(r.exclude && r.exclude.test(path.posix.basename(file))));
    if (rules.length === 0) {
      continue;
    }
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
    for (const rule of rules) {
      const lines = matchRule(rule, file, text, sourceFile);
      if (lines.length > 0) {
        findings.push({ rule: `code-rules-${rule.id}`, severity: rule.severity, message: `${file}:${lines.join(',')}: ${rule.message}` });
      }
    }
  }
  return findings;
}
