/**
 * The `rel="next"` target of an RFC 8288 `Link` header (GitHub's pages, and GitLab's), or null
 * on the last page.
 *
 * @example
 * nextLink('<https://api.github.com/repositories/1/deployments?page=2>; rel="next"') // 'https://api.github.com/repositories/1/deployments?page=2'
 */
export function nextLink(header: string | null): string | null {
  if (!header) {
    return null;
  }
  for (const part of header.split(',')) {
    const match = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (match) {
      return match[1];
    }
  }
  return null;
}
