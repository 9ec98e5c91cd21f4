import { DURATION_HELP, TIME_HELP } from '../flagHelp';

/** The score command's flags in brief, as the top-level usage also lists them. */
export const SCORE_SYNOPSIS = `  safedeploy score  --series FILE [--series FILE ...] --events FILE
                    [--direction up|down|either] [--before DURATION] [--after DURATION]
                    [--total FILE ...] [--error-ratio] [--slo PERCENT --slo-window DURATION]
                    [--value-column NAME] [--timezone TZ] [--format json|table]`;

/** `safedeploy score --help`. */
export const SCORE_USAGE = `safedeploy score: score each event by the error spike that followed it, from metric files.

${SCORE_SYNOPSIS}

--series: CSV with a time column and a value column, such as Grafana's Inspect > Data > Download CSV
(any separator, with or without a byte-order mark), or JSON [{"time": ..., "value": ...}]; the
columns taken are named on stderr, and --value-column picks another.
--events: a JSON array of events, each with a "time" (epoch ms, epoch seconds, ISO 8601, or
YYYY-MM-DD HH:mm:ss in --timezone; not relative, such as now-1h), as safedeploy events prints them.
--before and --after: the windows compared around each event; an explicit --after also bounds
what is read after it. --direction: which way is bad (up: more errors; down: less throughput).
With --total (the requests, in the same order as --series) each series is judged as its error
ratio, errors / requests, so a traffic surge is not blamed on a deploy. With --slo (e.g. 99.9)
and --slo-window (e.g. 30d), each change reports the share of the error budget it burned: the
series are error ratios (--error-ratio), or counts with their totals.
--format json (default) prints one object with a result per event, table one row per event.

${TIME_HELP}
${DURATION_HELP}

Exit status: 0 scored; 2 bad usage or an unreadable input file (one line on stderr).
`;
