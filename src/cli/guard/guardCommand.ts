import { docsUrl } from '../docsUrl';
import { GateIo, gateCommand } from '../gate/gateCommand';
import { UsageError } from '../readInputs';

const GUARD_USAGE = `safedeploy guard: watch a flag change and turn the flag off as soon as the verdict is turn_off.

  --prometheus URL --query PROMQL [--query PROMQL ...] [--total-query PROMQL ...]
  --provider unleash|launchdarkly --url URL --scope PROJECT --environment ENV --service S
  (--flag KEY | --change-time T | both) [--provider-token-env VAR] [--act-token-env VAR]
  [--dry-run] [--wait 30m] [--interval 1m] [--annotate --grafana-url URL --grafana-token-env VAR]
  and every other flag of safedeploy gate (safedeploy gate --help).

It judges the newest change of --flag that turned something on (or the newest at or before
--change-time) against the series of --service, read every --interval as the gate reads after a
deploy, and turns the flag off in its environment at the first turn_off verdict. The flag's
state is read first: a flag already off is left alone and said. --dry-run prints the requests,
secrets redacted, and sends none.

Exit: 20 turned off; 21 turning off failed (said once); 0 the window passed without harm;
otherwise the gate's statuses (2 usage, 3 metrics unreadable or partial, 4 no flag change, 12 turn_off
verdict not acted on, e.g. in a dry run). Details and CI snippets: ${docsUrl('docs/ci.md')}
`;

/** Providers whose changes are flags, which guard watches. */
const FLAG_PROVIDERS = ['unleash', 'launchdarkly'];

/** The value of `--name V` or `--name=V` in argv; undefined when absent. */
function valueOf(argv: readonly string[], name: string): string | undefined {
  const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) {
    return undefined;
  }
  return argv[at].includes('=') ? argv[at].slice(name.length + 3) : argv[at + 1];
}

/**
 * `safedeploy guard`: a guarded rollout for any Unleash or LaunchDarkly flag, judged on the
 * user's own Prometheus. It is the gate, watching one flag change, with --act on: it stops
 * reading at the first turn_off verdict and turns the flag off. Throws only UsageError.
 *
 * @example
 * const code = await guardCommand(['--prometheus', url, '--query', 'http_errors', '--provider', 'unleash', '--url', unleashUrl, '--scope', 'default', '--environment', 'production', '--service', 'search', '--flag', 'semantic-search'], io);
 */
export async function guardCommand(argv: string[], io: GateIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(GUARD_USAGE);
    return 0;
  }
  const provider = valueOf(argv, 'provider');
  if (!provider || !FLAG_PROVIDERS.includes(provider)) {
    throw new UsageError('guard watches a flag change: give --provider unleash or launchdarkly with --url, --scope and --environment');
  }
  if (valueOf(argv, 'deploy-time') !== undefined) {
    throw new UsageError('guard watches a flag change, not a deploy: use safedeploy gate for --deploy-time');
  }
  if (valueOf(argv, 'flag') === undefined && valueOf(argv, 'change-time') === undefined) {
    throw new UsageError('say which flag change to guard: --flag KEY (its newest change), --change-time T (the newest change at or before T), or both');
  }
  if (!valueOf(argv, 'environment')?.trim()) {
    throw new UsageError('--environment is required: guard turns the flag off in that environment only');
  }
  const act = argv.includes('--act') || argv.includes('--dry-run') ? [] : ['--act'];
  return gateCommand([...argv, ...act], { ...io, command: 'guard' });
}
