/**
 * @jest-environment node
 */
// A change whose answer never comes back (the server took it, then the connection stalled or
// dropped) may or may not have been made: the action reads the state again and says which.
import http from 'http';
import { AddressInfo } from 'net';

import { fetchTransport } from '../cli/fetchTransport';
import { createHttpClient } from '../http/createHttpClient';
import { planAction } from './planAction';
import { runAction } from './runAction';
import { ActionOutcome, ActionTarget } from './types';

const FLAG: ActionTarget = { kind: 'unleash_flag', project: 'default', flag: 'semantic-search', environment: 'production' };
/** CONSTRUCTED: a feature as Unleash's featureSchema shapes it, only the fields the plan reads. */
const feature = (enabled: boolean) => ({ name: 'semantic-search', environments: [{ name: 'production', enabled }] });

/** An Unleash-shaped server whose turn-off is made (`applies`) or not, and whose answer to it stalls or drops. */
async function serve(applies: boolean, answer: 'stall' | 'drop') {
  let enabled = true;
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.method === 'POST') {
      enabled = applies ? false : enabled;
      if (answer === 'drop') {
        req.socket.destroy();
      }
      return; // stall: never answered
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(feature(enabled)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

function run(url: string) {
  const client = createHttpClient({ baseUrl: url, providerName: 'Unleash', transport: fetchTransport({ Authorization: 't' }), timeoutMs: 300, sleep: async () => undefined });
  return runAction({ client, plan: planAction(FLAG), now: () => 1_000 });
}

describe('runAction when the answer to the change is lost', () => {
  it.each(['stall', 'drop'] as const)('a change the server made (answer: %s) is acted, said so, and sent once', async (answer) => {
    const api = await serve(true, answer);
    try {
      const result = await run(api.url);
      expect(result.outcome).toBe(ActionOutcome.Acted);
      expect(result.message).toMatch(/^turned flag semantic-search off in production \(project default\); the answer to the change was lost \(.+\), but Unleash now reports it done$/);
      expect(api.seen.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it('a change the server did not make stays a failure, which says the state was read again', async () => {
    const api = await serve(false, 'stall');
    try {
      const result = await run(api.url);
      expect(result.outcome).toBe(ActionOutcome.Failed);
      expect(result.message).toMatch(/did not answer .*; reading the state again shows it unchanged; run again, or check it by hand\.$/);
      expect(api.seen.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
