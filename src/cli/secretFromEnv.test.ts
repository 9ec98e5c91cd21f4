import { main } from './main';

// CONSTRUCTED: a Grafana service account token's shape, pasted where a variable's name belongs.
const TOKEN = 'glsa_AbCdEf0123456789AbCdEf0123456789_0a1b2c3d';

function run(args: string[]) {
  const lines: string[] = [];
  return main(args, { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t), env: { PROM_TOKEN: ' s3cret ' }, now: () => Date.UTC(2026, 0, 5) }).then((code) => ({ code, output: lines.join('') }));
}

const GATE = ['gate', '--prometheus', 'http://prometheus.invalid', '--query', 'errors', '--deploy-time', '2026-01-05T00:00:00Z', '--service', 'web'];

describe('a secret passed where the name of its environment variable belongs', () => {
  it.each([
    ['gate --token-env', [...GATE, '--token-env', TOKEN], 'token-env'],
    ['gate --basic-auth-env', [...GATE, '--basic-auth-env', `user:${TOKEN}`], 'basic-auth-env'],
    ['gate --grafana-token-env', [...GATE, '--annotate', '--grafana-url', 'http://grafana.invalid', '--grafana-token-env', TOKEN], 'grafana-token-env'],
    ['gate --act-token-env', [...GATE, '--act', '--rollout', 'shop/web', '--rollout-url', 'http://k8s.invalid', '--act-token-env', TOKEN], 'act-token-env'],
    ['events --token-env', ['events', '--provider', 'github', '--url', 'http://x', '--scope', 'a', '--token-env', TOKEN], 'token-env'],
  ])('%s: refused as a usage error that never shows it', async (_name, args, flag) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(2);
    expect(result.output).toContain(`--${flag} takes the NAME of a variable`);
    expect(result.output).not.toContain(TOKEN.slice(5, 20));
  });
});
