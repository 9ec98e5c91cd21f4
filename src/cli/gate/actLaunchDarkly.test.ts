/**
 * @jest-environment node
 */
// gate --act with LaunchDarkly through the built command line: a flag turned on in the audit
// log, the errors of the service it touches tripled from then (real Prometheus), and the gate
// turns the flag off with the semantic patch, on a server shaped from LaunchDarkly's
// description. The audit log is read with the reader token (--provider-token-env), the flag
// changed with the writer token (--act-token-env): each goes only where it is needed.
import fs from 'fs';
import path from 'path';

import { launchDarklyApi } from '../../act/testing/describedApis';
import { ActionApi, SeenRequest, startActionApi } from '../../act/testing/startActionApi';
import { RunningPrometheus, startPrometheus } from '../../metrics/testing/startPrometheus';
import { ACT_EXIT } from './act';
import { assertBuilt, runCli } from './testing/runCli';
import { gateScenarios, MINUTE } from './testing/gateScenarios';

jest.setTimeout(60_000);

const READER = 'ld-reader-31ac';
const WRITER = 'ld-writer-8e20';
let prometheus: RunningPrometheus;
let launchDarkly: ActionApi;
let flag: Record<string, unknown>;
let turnedOnAt: number;

/** CONSTRUCTED: one audit log entry (AuditLogEntryListingRep's fields the provider reads) turning semantic-search on in production. */
const turnedOn = (date: number) => ({
  _links: {},
  _id: '6666a1f0c0ffee0000000042',
  _accountId: '5f0000000000000000000001',
  date,
  accesses: [{ action: 'updateOn', resource: 'proj/shop:env/production:flag/semantic-search' }],
  kind: 'flag',
  name: 'Semantic search',
  description: '- Turned on the flag',
  shortDescription: '',
  titleVerb: 'turned on the flag',
  member: { _links: {}, _id: '1', email: 'dev@example.com', firstName: 'Ana', lastName: 'Ruiz' },
});

beforeAll(async () => {
  assertBuilt();
  const scenarios = gateScenarios(Date.now());
  turnedOnAt = scenarios.deployAt;
  // checkout's errors triple at that minute: here they are search's, touched by the flag.
  const checkout = scenarios.series.find((s) => s.metric === 'http_errors' && s.labels.service === 'checkout')!;
  prometheus = await startPrometheus([{ ...checkout, labels: { service: 'search', job: 'api' } }]);
  const { _comment, ...fixture } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'act', 'testing', 'fixtures', 'launchdarkly_flag_CONSTRUCTED.json'), 'utf8'));
  const flagApi = launchDarklyApi('shop', fixture);
  flag = flagApi.flag;
  const answer = (req: SeenRequest) =>
    req.url.startsWith('/api/v2/auditlog')
      ? req.authorization === READER
        ? { status: 200, body: { _links: {}, items: [turnedOn(turnedOnAt)] } }
        : { status: 403, body: { message: 'Access to the requested resource was denied' } }
      : req.authorization === WRITER
        ? flagApi.handle(req)
        : { status: 403, body: { message: 'Access to the requested resource was denied' } };
  launchDarkly = await startActionApi({ authorization: [READER, WRITER] }, answer);
});

afterAll(async () => {
  await prometheus?.stop();
  await launchDarkly?.close();
});

it('turns the flag off with the writer token, reads the audit log with the reader token, and a second run sends nothing', async () => {
  const args = [
    'gate', '--prometheus', prometheus.url, '--query', 'http_errors',
    '--provider', 'launchdarkly', '--url', launchDarkly.url, '--scope', 'shop', '--environment', 'production', '--service', 'search',
    '--provider-token-env', 'LD_READER', '--act', '--act-token-env', 'LD_WRITER',
    '--now', new Date(turnedOnAt + 31 * MINUTE).toISOString(), '--wait', '0', '--format', 'json',
  ];
  const run = await runCli(args, { LD_READER: READER, LD_WRITER: WRITER });
  expect(JSON.parse(run.stdout).verdict).toBe('turn_off');
  expect(run.stderr).toMatch(/acted: turned flag semantic-search off in production \(project shop\); LaunchDarkly confirms it/);
  expect(run.code).toBe(ACT_EXIT.acted);
  expect((flag.environments as Record<string, { on: boolean }>).production.on).toBe(false);
  const byToken = (token: string) => [...new Set(launchDarkly.requests.filter((r) => r.authorization === token).map((r) => `${r.method} ${r.url.split('?')[0]}`))];
  expect(byToken(READER)).toStrictEqual(['GET /api/v2/auditlog']);
  expect(byToken(WRITER)).toStrictEqual(['GET /api/v2/flags/shop/semantic-search', 'PATCH /api/v2/flags/shop/semantic-search']);
  expect(run.stdout + run.stderr).not.toMatch(new RegExp(`${READER}|${WRITER}`));

  const again = await runCli(args, { LD_READER: READER, LD_WRITER: WRITER });
  expect(again.stderr).toContain('no action: flag semantic-search is already off in production (project shop); nothing to do.');
  expect(launchDarkly.writes()).toHaveLength(1);
});
