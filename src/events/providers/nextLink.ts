/**
 * The `rel="next"` target of an RFC 8288 `Link` header (GitHub's pages, and GitLab's), or null
 * on the last page. Read link by link in one pass: the URL between `<` and `>` (commas inside
 * it are part of it), then its parameters in any order, `rel` holding one or several relation
 * types (`rel="last next"`), compared without case. A header of any size takes time in
 * proportion to its length.
 *
 * @example
 * nextLink('<https://api.github.com/repositories/1/deployments?page=2>; rel="next"') // 'https://api.github.com/repositories/1/deployments?page=2'
 */
export function nextLink(header: string | null): string | null {
  if (!header) {
    return null;
  }
  let at = 0;
  while (at < header.length) {
    const open = header.indexOf('<', at);
    const close = open < 0 ? -1 : header.indexOf('>', open + 1);
    if (close < 0) {
      return null;
    }
    // The link's parameters run to the next link's `<` (a `<` cannot stand in a parameter unquoted).
    const nextOpen = header.indexOf('<', close + 1);
    const params = header.slice(close + 1, nextOpen < 0 ? header.length : nextOpen);
    if (relationTypes(params).includes('next')) {
      return header.slice(open + 1, close);
    }
    at = nextOpen < 0 ? header.length : nextOpen;
  }
  return null;
}

/** The relation types of one link's parameters (`; type="x"; rel="prev next"`), lower case. */
function relationTypes(params: string): string[] {
  for (const param of params.split(';')) {
    const eq = param.indexOf('=');
    if (eq > 0 && param.slice(0, eq).trim().toLowerCase() === 'rel') {
      return param
        .slice(eq + 1)
        .replace(/,\s*$/, '')
        .trim()
        .replace(/^"|"$/g, '')
        .toLowerCase()
        .split(/\s+/);
    }
  }
  return [];
}
