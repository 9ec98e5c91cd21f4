import { ActionRequest } from './types';

/**
 * One request as --dry-run prints it: method and URL, the headers (values already redacted
 * by the caller), and the JSON body. Nothing here is sent.
 *
 * @example
 * formatRequest({ method: 'POST', path: '/api/x/off' }, 'https://unleash.example.com', ['Authorization: [redacted]'])
 * // ['POST https://unleash.example.com/api/x/off', '  Authorization: [redacted]', '  Content-Type: application/json']
 */
export function formatRequest(request: ActionRequest, baseUrl: string, headers: readonly string[]): string[] {
  const lines = [`${request.method} ${baseUrl.replace(/\/+$/, '')}${request.path}`, ...headers.map((h) => `  ${h}`)];
  if (request.method !== 'GET') {
    lines.push(`  Content-Type: ${request.contentType ?? 'application/json'}`);
    if (request.body !== undefined) {
      lines.push(`  ${JSON.stringify(request.body)}`);
    }
  }
  return lines;
}
