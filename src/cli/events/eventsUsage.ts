import { DURATION_HELP, TIME_HELP } from '../flagHelp';

/** The events command's flags in brief, as the top-level usage also lists them. */
export const EVENTS_SYNOPSIS = `  safedeploy events --provider github|gitlab|jenkins|argocd|cdevents|unleash|launchdarkly|kubernetes|grafana
                    --url BASE --scope SCOPE
                    [--environment E] [--service S] [--from T] [--to T] [--timezone TZ] [--token-env VAR]
                    [--max-pages N] [--timeout DURATION] [--deadline DURATION]
                    [--shipped-changes] [--format json|ndjson] [--envelope]`;

/** `safedeploy events --help`. */
export const EVENTS_USAGE = `safedeploy events: read deploy and change events from a CI/CD or feature-flag API, sorted by time.

${EVENTS_SYNOPSIS}

${TIME_HELP}
${DURATION_HELP}
The token is read from the environment variable named by --token-env (Jenkins: "user:api-token")
and sent only to the origin of --url. --timeout bounds each request (default 30s), --deadline
the whole read (default 2m). --from defaults to now-7d, --to to now. --shipped-changes also looks
up the pull or merge requests each GitHub or GitLab deploy shipped (mergedChanges, mergeTimes):
one request per deploy, newest 50. --format json (default) prints one array, ndjson one event a line.
--envelope (with --format json) prints {"events": [...], "partial": true|false, "lost": [...]}
instead: whether events were lost, and why, in the JSON itself.

Exit status: 0 all read; 1 nothing could be read; 2 bad usage;
3 partial: some pages were lost (error on stderr), the events that were read are on stdout.
`;
