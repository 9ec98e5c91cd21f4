import { ActionOutcome, FlagTarget } from '../act/types';
import { RawResponse, Transport, TransportOptions } from '../http/types';
import { turnFlagOff } from './turnFlagOff';

interface Seen {
  url: string;
  method: string;
  body?: string;
  contentType?: string;
}

const answer = (status: number, body: unknown): RawResponse => ({ status, header: () => null, body: typeof body === 'string' ? body : JSON.stringify(body) });

/**
 * A data proxy in miniature: answers by route and method, and records what the browser sent.
 * Bodies are CONSTRUCTED from Unleash's featureSchema and LaunchDarkly's FeatureFlag (the fields the plans read).
 */
function proxy(handle: (seen: Seen) => RawResponse): { transport: Transport; seen: Seen[] } {
  const seen: Seen[] = [];
  const transport: Transport = async (url: string, _signal?: AbortSignal, options?: TransportOptions) => {
    const request = { url, method: options?.method ?? 'GET', body: options?.jsonBody, contentType: options?.contentType };
    seen.push(request);
    return handle(request);
  };
  return { transport, seen };
}

const UNLEASH: FlagTarget = { provider: 'unleash', project: 'default', flag: 'semantic-search', environment: 'production' };
const LD: FlagTarget = { provider: 'launchdarkly', project: 'shop', flag: 'new-checkout', environment: 'production' };
const base = '/api/datasources/proxy/uid/ds1';

describe('turnFlagOff', () => {
  it('reads through the read-only Unleash route and turns the flag off through the acting route, then sees it off', async () => {
    let enabled = true;
    const { transport, seen } = proxy(({ url, method }) => {
      if (method === 'POST') {
        enabled = false;
        return answer(200, '');
      }
      return answer(200, { name: 'semantic-search', environments: [{ name: 'production', enabled }] });
    });
    const result = await turnFlagOff(UNLEASH, { datasourceUid: 'ds1', upstreamUrl: 'http://unleash:4242', transport, now: () => 5 });
    expect(result).toMatchObject({ outcome: ActionOutcome.Acted, actedAt: 5 });
    expect(result.message).toContain('turned flag semantic-search off in production');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toStrictEqual([
      `GET ${base}/unleash/api/admin/projects/default/features/semantic-search`,
      `POST ${base}/act/unleash/api/admin/projects/default/features/semantic-search/environments/production/off`,
      `GET ${base}/unleash/api/admin/projects/default/features/semantic-search`,
    ]);
  });

  it('sends nothing when the flag is already off', async () => {
    const { transport, seen } = proxy(() => answer(200, { environments: [{ name: 'production', enabled: false }] }));
    const result = await turnFlagOff(UNLEASH, { datasourceUid: 'ds1', upstreamUrl: 'http://unleash:4242', transport });
    expect(result.outcome).toBe(ActionOutcome.AlreadyDone);
    expect(seen.map((s) => s.method)).toStrictEqual(['GET']);
  });

  it("sends LaunchDarkly's semantic patch as a PATCH with its media type through the acting route", async () => {
    let on = true;
    const { transport, seen } = proxy(({ method }) => {
      if (method === 'PATCH') {
        on = false;
      }
      return answer(200, { key: 'new-checkout', environments: { production: { on } } });
    });
    const result = await turnFlagOff(LD, { datasourceUid: 'ds1', upstreamUrl: 'https://app.launchdarkly.com', transport });
    expect(result.outcome).toBe(ActionOutcome.Acted);
    const patch = seen.find((s) => s.method === 'PATCH')!;
    expect(patch.url).toBe(`${base}/act/launchdarkly/api/v2/flags/shop/new-checkout`);
    expect(patch.contentType).toBe('application/json; domain-model=launchdarkly.semanticpatch');
    expect(JSON.parse(patch.body!)).toMatchObject({ environmentKey: 'production', instructions: [{ kind: 'turnFlagOff' }] });
    expect(seen.filter((s) => s.method === 'GET').every((s) => s.url.startsWith(`${base}/launchdarkly/`))).toBe(true);
  });

  it("says a 403 from Grafana's role check is about roles, and sends the change only once", async () => {
    const { transport, seen } = proxy(({ method }) =>
      method === 'POST' ? answer(403, { message: 'plugin proxy route access denied' }) : answer(200, { environments: [{ name: 'production', enabled: true }] })
    );
    const result = await turnFlagOff(UNLEASH, { datasourceUid: 'ds1', upstreamUrl: 'http://unleash:4242', transport });
    expect(result.outcome).toBe(ActionOutcome.Failed);
    expect(result.message).toMatch(/Editors and Admins/);
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('refuses, sending nothing, when the provider has no URL in the settings', async () => {
    const { transport, seen } = proxy(() => answer(200, {}));
    const result = await turnFlagOff(UNLEASH, { datasourceUid: 'ds1', upstreamUrl: ' ', transport });
    expect(result.outcome).toBe(ActionOutcome.Failed);
    expect(result.message).toMatch(/set its URL/);
    expect(seen).toHaveLength(0);
  });
});
