import { UsageError } from '../readInputs';
import { guardCommand } from './guardCommand';

const io = () => {
  const out: string[] = [];
  return { out, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), env: {}, now: () => 0 } };
};

const BASE = ['--prometheus', 'http://prometheus:9090', '--query', 'http_errors', '--url', 'http://unleash:4242', '--scope', 'default', '--service', 'search'];

describe('guardCommand', () => {
  it('prints its usage with --help, naming acting and its exit statuses', async () => {
    const { out, io: sink } = io();
    expect(await guardCommand(['--help'], sink)).toBe(0);
    expect(out.join('')).toMatch(/turn the flag off as soon as the verdict is turn_off[\s\S]*Exit: 20 turned off; 21 turning off failed/);
  });

  it.each([
    [[...BASE, '--provider', 'github', '--environment', 'production', '--flag', 'x'], /guard watches a flag change: give --provider unleash or launchdarkly/],
    [[...BASE, '--provider', 'unleash', '--environment', 'production'], /say which flag change to guard: --flag KEY/],
    [[...BASE, '--provider', 'unleash', '--flag', 'x'], /--environment is required: guard turns the flag off in that environment only/],
    // An unset CI variable gives an empty value: without an environment the newest change of any would be judged and turned off.
    [[...BASE, '--provider', 'unleash', '--flag', 'x', '--environment', ''], /--environment is required: guard turns the flag off in that environment only/],
    [[...BASE, '--provider', 'unleash', '--flag', 'x', '--environment=  '], /--environment is required/],
    [[...BASE, '--provider=launchdarkly', '--environment', 'production', '--flag', 'x', '--deploy-time', 'now'], /guard watches a flag change, not a deploy/],
  ])('refuses %j with a usage error that says what to give', async (argv, message) => {
    await expect(guardCommand(argv, io().io)).rejects.toThrow(UsageError);
    await expect(guardCommand(argv, io().io)).rejects.toThrow(message);
  });
});
