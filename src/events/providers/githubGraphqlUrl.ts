/**
 * GitHub's GraphQL endpoint for a REST base URL. github.com serves REST at
 * `https://api.github.com` and GraphQL at `https://api.github.com/graphql`; GitHub Enterprise
 * Server serves REST at `https://HOST/api/v3` and GraphQL at `https://HOST/api/graphql`
 * (not under `/v3`). Any other base gets `/graphql` appended. Returns null for a URL that
 * cannot be parsed.
 *
 * @example
 * githubGraphqlUrl('https://api.github.com') // 'https://api.github.com/graphql'
 * githubGraphqlUrl('https://ghe.example.com/api/v3/') // 'https://ghe.example.com/api/graphql'
 */
export function githubGraphqlUrl(restBaseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(restBaseUrl.trim());
  } catch {
    return null;
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = /\/api\/v3$/i.test(path) ? path.replace(/\/v3$/i, '/graphql') : `${path}/graphql`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
