/**
 * @jest-environment node
 */
// The flag changes the gate judges are read before it waits for the metrics; the flag can be
// changed again meanwhile. Against the real Unleash server (tests/unleash) and the real
// Prometheus: a person turns the flag off and on again while the gate reads the metrics, and
// `gate --act` leaves that later change alone instead of turning it off.
import http from 'http';
import { AddressInfo } from 'net';

import { RunningPrometheus, startPrometheus } from '../../src/metrics/testing/startPrometheus';
import { assertBuilt, runCli } from '../../src/cli/gate/testing/runCli';
import { adminCall, enabledInEnvironments, errors, MINUTE } from './actScenario';
import { RealUnleash, startUnleash } from './startUnleash';

jest.setTimeout(300_000);

const FLAG = 'semantic-search';
/** The flag in production, where it is turned on, judged, and turned off and on again by a person. */
const PRODUCTION = `/api/admin/projects/default/features/${FLAG}/environments/production`;

let unleash: RealUnleash;
let prometheus: RunningPrometheus;
let turnedOnAt: number;

/** Prometheus behind a proxy that runs `meanwhile` once, before it forwards the first query. */
async function prometheusWhile(meanwhile: () => Promise<void>): Promise<{ url: string; close: () => Promise<unknown> }> {
  let ran: Promise<void> | null = null;
  const proxy = http.createServer((req, res) => {
    ran ??= meanwhile();
    ran.then(() => fetch(`${prometheus.url}${req.url}`)).then(async (answer) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, close: () => new Promise((resolve) => proxy.close(resolve)) };
}

beforeAll(async () => {
  assertBuilt();
  unleash = await startUnleash();
  await adminCall(unleash, 'POST', '/api/admin/projects/default/features', { name: FLAG, type: 'release' });
  await adminCall(unleash, 'POST', `${PRODUCTION}/strategies`, { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'default', groupId: FLAG } });
  await adminCall(unleash, 'POST', `${PRODUCTION}/on`);
  turnedOnAt = Date.now();
  prometheus = await startPrometheus([errors('search', turnedOnAt, 3, 1)]);
});

afterAll(async () => {
  await prometheus?.stop();
  await unleash?.stop();
});

it('a flag turned off and on again while the gate read the metrics is left alone: that later change is what is live', async () => {
  const proxy = await prometheusWhile(async () => {
    await adminCall(unleash, 'POST', `${PRODUCTION}/off`);
    await adminCall(unleash, 'POST', `${PRODUCTION}/on`);
  });
  try {
    const run = await runCli(
      [
        'gate',
        '--prometheus', proxy.url,
        '--query', 'http_errors',
        '--provider', 'unleash', '--url', unleash.url, '--scope', 'default', '--environment', 'production',
        '--service', 'search',
        '--provider-token-env', 'UNLEASH_TOKEN',
        '--now', new Date(turnedOnAt + 15 * MINUTE).toISOString(),
        '--wait', '0',
        '--format', 'json',
        '--act',
      ],
      { UNLEASH_TOKEN: unleash.token }
    );
    expect(JSON.parse(run.stdout).verdict).toBe('turn_off');
    expect(run.stderr).toMatch(/no action: semantic-search was changed again in production at .* \(on\), after the change judged/);
    expect(JSON.parse(run.stdout).action.outcome).toBe('none');
    expect(run.code).toBe(12);
    expect((await enabledInEnvironments(unleash, FLAG)).production).toBe(true);
  } finally {
    await proxy.close();
  }
});
