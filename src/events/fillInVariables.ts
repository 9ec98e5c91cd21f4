/** Variables scoped to one panel or repeat, as Grafana passes them (`ScopedVars`): read only by `replace`. */
export type Scoped = Record<string, unknown> | undefined;

/**
 * What of Grafana's template service this needs: its `replace`, as `getTemplateSrv().replace`
 * or a panel's `replaceVariables` offers it. Structural, so the events layer names no Grafana type.
 */
export interface VariableFiller {
  replace(text: string, scopedVars?: Scoped, format?: string | ((value: unknown) => string)): string;
}

/** What Grafana writes for a variable at "All" in the `text` format, on every line. */
const ALL_TEXT = 'All';

/** A variable reference as Grafana's template service finds them: `$name`, `[[name]]`, `${name}`, `${name.path:format}`. */
const REFERENCE = /\$(\w+)|\[\[(\w+?)(?::\w+)?\]\]|\$\{(\w+)(?:\.[^:}]+)?(?::[^}]+)?\}/g;

/** The names of the variables a text refers to, each once. */
function referencedNames(text: string): string[] {
  return Array.from(new Set(Array.from(text.matchAll(REFERENCE), (m) => m[1] ?? m[2] ?? m[3])));
}

/**
 * True when the variable is at "All" and the dashboard gave it a custom all value (such as
 * `.*` or `*`, for data sources that read a pattern). Grafana then fills in that value as
 * written in every format but `text` (where it writes "All") and `percentencode`, and never
 * calls a format function for it (template_srv.ts before scenes; scenes' `CustomAllValue`).
 */
function atCustomAll(srv: VariableFiller, name: string, scopedVars: Scoped): boolean {
  const whole = `\${${name}}`;
  if (srv.replace(whole, scopedVars, 'text') !== ALL_TEXT) {
    return false;
  }
  let formatted = false;
  srv.replace(whole, scopedVars, (value: unknown) => {
    formatted = true;
    return Array.isArray(value) ? value.join(',') : String(value);
  });
  return !formatted;
}

/**
 * A query field with the dashboard's variables filled in as comma-separated values (Grafana's
 * default for several values is a glob, `{production,staging}`, which names nothing). A field
 * that filters (environment, service) and refers to a variable at "All" with a custom all value
 * reads every value: it comes back empty, where `.*` would match no environment by its name.
 *
 * @example
 * fillInVariables(getTemplateSrv(), '$env', {}, { filter: true }) // 'production,staging'; '' when $env is at a custom "All"
 */
export function fillInVariables(srv: VariableFiller, text: string | undefined, scopedVars: Scoped, options: { filter: boolean }): string | undefined {
  if (!text) {
    return text;
  }
  if (options.filter && referencedNames(text).some((name) => atCustomAll(srv, name, scopedVars))) {
    return '';
  }
  return srv.replace(text, scopedVars, 'csv');
}
