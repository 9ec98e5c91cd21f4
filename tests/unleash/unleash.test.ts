/**
 * @jest-environment node
 */
// Contract test against the real Unleash server (unleash-server 8.2.0 from npm, pinned in
// tests/unleash/package-lock.json, on a PostgreSQL cluster started here): flag changes made
// through its admin API must come back from `safedeploy events --provider unleash` with the
// right states and times.
import { assertBuilt, runCli } from '../../src/cli/gate/testing/runCli';
import { adminCall } from './actScenario';
import { RealUnleash, startUnleash } from './startUnleash';

/** First start installs the server (minutes on a fresh machine); later ones take seconds. */
jest.setTimeout(300_000);

interface Window {
  before: number;
  after: number;
}

describe('the Unleash provider against a real Unleash server', () => {
  let unleash: RealUnleash;
  const windows: Record<string, Window> = {};

  /** Calls the admin API and records the wall-clock window the change was made in. */
  async function admin(step: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const before = Date.now();
    const answer = await adminCall(unleash, method, path, body);
    windows[step] = { before, after: Date.now() };
    return answer;
  }

  beforeAll(async () => {
    assertBuilt();
    unleash = await startUnleash();
    const flags = '/api/admin/projects/default/features';
    const production = `${flags}/new-checkout/environments/production`;
    await admin('create', 'POST', flags, { name: 'new-checkout', type: 'release' });
    const strategy = await admin('strategy-add', 'POST', `${production}/strategies`, {
      name: 'flexibleRollout',
      parameters: { rollout: '25', stickiness: 'default', groupId: 'new-checkout' },
    });
    await admin('enable', 'POST', `${production}/on`);
    await admin('strategy-update', 'PUT', `${production}/strategies/${strategy.id}`, {
      name: 'flexibleRollout',
      parameters: { rollout: '100', stickiness: 'default', groupId: 'new-checkout' },
    });
    await admin('disable', 'POST', `${production}/off`);
  });

  afterAll(async () => {
    await unleash?.stop();
  });

  it('returns the strategy, enable, rollout change and disable, oldest first, each at the time it was made', async () => {
    const { code, stdout, stderr } = await runCli(
      ['events', '--provider', 'unleash', '--url', unleash.url, '--scope', 'default', '--token-env', 'UNLEASH_TOKEN', '--from', 'now-1h'],
      { UNLEASH_TOKEN: unleash.token }
    );
    expect({ code, stderr }).toStrictEqual({ code: 0, stderr: '' });
    const events = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(events.map((e) => [e.title, e.fromState, e.toState, e.environment, e.flagKey, e.source, e.kind])).toStrictEqual([
      ['Flag new-checkout strategy added in production', '', 'on for 25%', 'production', 'new-checkout', 'unleash', 'flag'],
      ['Flag new-checkout turned on in production', 'off', 'on', 'production', 'new-checkout', 'unleash', 'flag'],
      ['Flag new-checkout strategy changed in production', 'on for 25%', 'on for 100%', 'production', 'new-checkout', 'unleash', 'flag'],
      ['Flag new-checkout turned off in production', 'on', 'off', 'production', 'new-checkout', 'unleash', 'flag'],
    ]);
    const steps = ['strategy-add', 'enable', 'strategy-update', 'disable'];
    events.forEach((event, i) => {
      // Unleash stamps each event with its own clock when the admin call is handled.
      expect(event.time).toBeGreaterThanOrEqual(windows[steps[i]].before);
      expect(event.time).toBeLessThanOrEqual(windows[steps[i]].after);
    });
  });

  it('reads only the environment asked for, and nothing from a project with no changes', async () => {
    const run = (scope: string, environment: string) =>
      runCli(
        ['events', '--provider', 'unleash', '--url', unleash.url, '--scope', scope, '--environment', environment, '--token-env', 'UNLEASH_TOKEN', '--from', 'now-1h'],
        { UNLEASH_TOKEN: unleash.token }
      );
    const development = await run('default', 'development');
    expect(development.code).toBe(0);
    expect(JSON.parse(development.stdout)).toStrictEqual([]);
    const production = await run('default', 'production');
    expect(JSON.parse(production.stdout)).toHaveLength(4);
  });

  it('says the token is refused, and exits 1, when the server answers 401', async () => {
    const { code, stdout, stderr } = await runCli(
      ['events', '--provider', 'unleash', '--url', unleash.url, '--scope', 'default', '--token-env', 'UNLEASH_TOKEN', '--from', 'now-1h'],
      { UNLEASH_TOKEN: '*:*.not-a-token' }
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/401/);
    expect(stderr).not.toContain('not-a-token');
  });
});
