const PLACEHOLDER = /\$\{service\}|\$service\b/g;

/** The quoting a placeholder sits in: PromQL (and LogQL) strings are "…", '…' or `…` (raw). */
type Quote = '"' | "'" | '`' | null;

/** RE2's metacharacters: inside a `=~` or `!~` matcher the name must match only itself. */
const REGEX_META = /[\\.+*?()|[\]{}^$]/g;

/** The quote open at each offset of `text` that starts a placeholder. O(n). */
function quotesAt(text: string): Map<number, { quote: Quote; regex: boolean }> {
  const at = new Map<number, { quote: Quote; regex: boolean }>();
  let quote: Quote = null;
  let regex = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$') {
      at.set(i, { quote, regex });
    }
    if (quote === null) {
      if (c === '"' || c === "'" || c === '`') {
        quote = c;
        regex = /[=!]~\s*$/.test(text.slice(Math.max(0, i - 8), i));
      }
    } else if (c === '\\' && quote !== '`') {
      i++; // an escaped character never closes the string
    } else if (c === quote) {
      quote = null;
      regex = false;
    }
  }
  return at;
}

/**
 * The service name as it must be written where the placeholder stands: inside a "…" or '…'
 * string, backslash and that quote are escaped (so a name from CI cannot close the string and
 * add to the query), and inside a regex matcher (`=~"…"`) regex metacharacters are escaped
 * first so the name matches only itself. A raw `…` string cannot escape a backtick, so one
 * there is dropped; outside any string the name goes in as written.
 */
function escapeFor(service: string, context: { quote: Quote; regex: boolean }): string {
  if (context.quote === null) {
    return service;
  }
  const literal = context.regex ? service.replace(REGEX_META, (m) => `\\${m}`) : service;
  if (context.quote === '`') {
    return literal.replace(/`/g, '');
  }
  const q = context.quote;
  return literal.replace(/\\/g, '\\\\').replace(q === '"' ? /"/g : /'/g, `\\${q}`);
}

/**
 * A copy of a query model with `$service` and `${service}` replaced by the service name in
 * every text field, nested ones included; other values are kept as they are. The name is
 * escaped for the string it lands in (see escapeFor) and put in as written otherwise: a
 * function replacer, so `$&` or `$'` in a name are not expanded.
 *
 * @example
 * interpolateService({ expr: 'rate(errors{service="$service"}[5m])' }, 'web') // { expr: 'rate(errors{service="web"}[5m])' }
 * interpolateService({ expr: 'errors{service="$service"}' }, 'a"b') // { expr: 'errors{service="a\\"b"}' }
 */
export function interpolateService<T>(value: T, service: string): T {
  if (typeof value === 'string') {
    if (value.search(PLACEHOLDER) === -1) {
      return value;
    }
    const quotes = quotesAt(value);
    return value.replace(PLACEHOLDER, (_match: string, offset: number) =>
      escapeFor(service, quotes.get(offset) ?? { quote: null, regex: false })
    ) as T;
  }
  if (Array.isArray(value)) {
    return value.map((v) => interpolateService(v, service)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateService(v, service)])) as T;
  }
  return value;
}
