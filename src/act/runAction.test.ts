/**
 * @jest-environment node
 */
import { fetchTransport } from '../cli/fetchTransport';
import { createHttpClient } from '../http/createHttpClient';
import { planAction } from './planAction';
import { runAction } from './runAction';
import { ActionApi, SeenRequest, startActionApi } from './testing/startActionApi';
import { ActionOutcome, ActionTarget } from './types';

const TOKEN = 'unleash-admin-1f3a';
const FLAG: ActionTarget = { kind: 'unleash_flag', project: 'default', flag: 'semantic-search', environment: 'production' };
const servers: ActionApi[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(answer: (req: SeenRequest) => { status: number; body: unknown }, redirectTo?: string): Promise<ActionApi> {
  const api = await startActionApi({ authorization: TOKEN, redirectTo }, answer);
  servers.push(api);
  return api;
}

function run(api: ActionApi, target: ActionTarget = FLAG) {
  const client = createHttpClient({ baseUrl: api.url, providerName: 'Unleash', transport: fetchTransport({ Authorization: TOKEN }), sleep: async () => undefined });
  return runAction({ client, plan: planAction(target), now: () => 1_000 });
}

/** CONSTRUCTED: a feature as Unleash's featureSchema shapes it, only the fields the plan reads. */
const feature = (enabled: boolean) => ({ name: 'semantic-search', environments: [{ name: 'development', enabled: true }, { name: 'production', enabled }] });

describe('runAction', () => {
  it('reads, turns the flag off, reads again and says it took, with the time it was accepted', async () => {
    let enabled = true;
    const api = await serve((req) => {
      if (req.method === 'POST') {
        enabled = false;
        return { status: 200, body: '' };
      }
      return { status: 200, body: feature(enabled) };
    });
    const result = await run(api);
    expect(result).toStrictEqual({
      outcome: ActionOutcome.Acted,
      message: 'turned flag semantic-search off in production (project default); Unleash confirms it',
      actedAt: 1_000,
    });
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toStrictEqual([
      'GET /api/admin/projects/default/features/semantic-search',
      'POST /api/admin/projects/default/features/semantic-search/environments/production/off',
      'GET /api/admin/projects/default/features/semantic-search',
    ]);
  });

  it('a change the server accepts but that does not show on the read after it is a failure that says to check by hand', async () => {
    const api = await serve((req) => ({ status: 200, body: req.method === 'POST' ? '' : feature(true) }));
    const result = await run(api);
    expect(result.outcome).toBe(ActionOutcome.Failed);
    expect(result.message).toMatch(/accepted the request, but reading the state again shows it unchanged; check it by hand/);
  });

  it('sends a change once: a 503 on the write is not retried', async () => {
    const api = await serve((req) => (req.method === 'POST' ? { status: 503, body: { message: 'busy' } } : { status: 200, body: feature(true) }));
    const result = await run(api);
    expect(result.outcome).toBe(ActionOutcome.Failed);
    expect(api.writes()).toHaveLength(1);
    expect(result.message).toMatch(/^could not turn flag semantic-search off in production \(project default\): Unleash returned 503/);
  });

  it('a server that redirects the action to another origin never gets it there, and the token stays home', async () => {
    const elsewhere = await serve(() => ({ status: 200, body: feature(true) }));
    const hostile = await serve(() => ({ status: 200, body: {} }), elsewhere.url);
    const result = await run(hostile);
    expect(result.outcome).toBe(ActionOutcome.Failed);
    expect(result.message).toMatch(/redirected to another origin .*the token stays with/);
    expect(elsewhere.requests).toStrictEqual([]);
  });

  describe('edge cases', () => {
    it('a flag without the environment is refused, nothing sent', async () => {
      const api = await serve(() => ({ status: 200, body: feature(true) }));
      const result = await run(api, { ...FLAG, environment: 'prod' });
      expect(result.outcome).toBe(ActionOutcome.Refused);
      expect(api.writes()).toStrictEqual([]);
    });

    it('a refused token is a failure naming the status, and the token is not in it', async () => {
      const api = await serve(() => ({ status: 200, body: feature(true) }));
      const client = createHttpClient({ baseUrl: api.url, providerName: 'Unleash', transport: fetchTransport({ Authorization: 'wrong-token' }) });
      const result = await runAction({ client, plan: planAction(FLAG), now: () => 0 });
      expect(result.outcome).toBe(ActionOutcome.Failed);
      expect(result.message).toMatch(/401/);
      expect(result.message).not.toContain('wrong-token');
    });
  });
});
