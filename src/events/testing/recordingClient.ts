import { createHttpClient, HttpClient } from '../../http/createHttpClient';
import { RawResponse } from '../../http/types';

/**
 * An HTTP client over a transport that records every URL asked for and answers each with
 * `answer(pathname)`: a body to serve with 200, or null for 404. For contract tests, which
 * check what a provider requests.
 */
export function recordingClient(baseUrl: string, answer: (pathname: string) => unknown): { client: HttpClient; requested: string[] } {
  const requested: string[] = [];
  const transport = async (url: string): Promise<RawResponse> => {
    requested.push(url);
    const body = answer(new URL(url).pathname);
    return { status: body === null ? 404 : 200, header: () => null, body: body === null ? '{}' : JSON.stringify(body) };
  };
  const client = createHttpClient({ baseUrl, upstreamUrl: baseUrl, providerName: 'contract', transport });
  return { client, requested };
}
