import { docsUrl } from './docsUrl';
import { EVENTS_SYNOPSIS } from './events/eventsUsage';
import { DURATION_HELP, TIME_HELP } from './flagHelp';
import { SCORE_SYNOPSIS } from './score/scoreUsage';
import { VERSION } from './version';

/** The gate's flags in brief; `safedeploy gate --help` has them in full. */
const GATE_SYNOPSIS = `  safedeploy gate   --prometheus URL --query PROMQL [--query PROMQL ...] [--total-query PROMQL ...]
                    (--deploy-time T --service S [--deploy-version V] | the events flags,
                    token from --provider-token-env) [--version-label version]
                    [--token-env VAR | --basic-auth-env VAR] [--wait 30m] [--interval 1m] [--step D]
                    [--history 7d] [--timeout 30s] [--direction up|down|either] [--now T] [--timezone TZ]
                    [--fail-on roll_back,...] [--grafana-url URL] [--format table|json|markdown]
                    exit: 0 pass, 2 usage, 3 metrics unreadable or partial, 4 no deploy, 10 watch,
                    11 fix_forward, 12 roll_back, 13 insufficient_data (verdicts in --fail-on only)
                    [--act [--dry-run] [--act-token-env VAR] [--flag KEY] [--rollout NS/NAME --rollout-url URL]]
                    exit with --act: 20 acted, 21 the action failed`;

/** guard in brief; `safedeploy guard --help` has it in full. */
const GUARD_SYNOPSIS = `  safedeploy guard  the gate's flags with --provider unleash|launchdarkly --environment E --service S
                    (--flag KEY | --change-time T): turns the flag off at the first turn_off verdict`;

/** `safedeploy --help`: every command in brief, and where each one's usage is in full. */
export const USAGE = `safedeploy ${VERSION}: read deploy events and score their impact, without Grafana.

${EVENTS_SYNOPSIS}
${SCORE_SYNOPSIS}
${GATE_SYNOPSIS}
${GUARD_SYNOPSIS}

${TIME_HELP}
${DURATION_HELP}

  safedeploy --version          prints the version
  safedeploy COMMAND --help     a command's flags, inputs and exit statuses in full (or -h)

Docs: ${docsUrl('README.md')}
`;
