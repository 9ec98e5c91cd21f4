import { UsageError } from '../readInputs';
import { secretFromEnv } from '../secretFromEnv';

/** Where and how the gate writes its verdict as a Grafana annotation (`--annotate`). */
export interface AnnotateArgs {
  /** Grafana's base URL: --grafana-url up to its dashboard path (`/d/...`), without query. */
  grafana: string;
  /** Service account token with annotation write; sent only to `grafana`'s origin, never printed. */
  token: string;
  /** --dashboard-uid: pins the annotation to one dashboard; without it, an organisation annotation. */
  dashboardUid?: string;
  /** --annotate-required: a failure to annotate fails the gate (exit 5). */
  required: boolean;
}

export const ANNOTATE_FLAGS = {
  annotate: { type: 'boolean' },
  'grafana-token-env': { type: 'string' },
  'dashboard-uid': { type: 'string' },
  'annotate-required': { type: 'boolean' },
} as const;

/**
 * Grafana's base URL from --grafana-url, which may be the server or a dashboard link
 * template: everything before `/d/`, without query or fragment, so a Grafana served under a
 * sub-path (`https://host/grafana/d/...`) keeps it.
 *
 * @example
 * grafanaBase('https://grafana.example.com/d/abc/svc?from={from}') // 'https://grafana.example.com'
 */
export function grafanaBase(url: string): string {
  const withoutQuery = url.split(/[?#]/)[0];
  const dashboard = withoutQuery.search(/\/d\//);
  return (dashboard >= 0 ? withoutQuery.slice(0, dashboard) : withoutQuery).replace(/\/+$/, '');
}

type Values = Record<string, string | string[] | boolean | undefined>;

/** The --annotate flags, checked; undefined without --annotate. Throws a UsageError naming the flag to fix. */
export function parseAnnotateArgs(values: Values, env: Record<string, string | undefined>, grafanaUrl: string | undefined): AnnotateArgs | undefined {
  if (!values.annotate) {
    for (const flag of ['grafana-token-env', 'dashboard-uid', 'annotate-required']) {
      if (values[flag] !== undefined) {
        throw new UsageError(`--${flag} only applies with --annotate`);
      }
    }
    return undefined;
  }
  if (!grafanaUrl) {
    throw new UsageError('--annotate needs --grafana-url: the Grafana server (or a dashboard link on it) to write the verdict to');
  }
  const tokenEnv = values['grafana-token-env'] as string | undefined;
  if (!tokenEnv) {
    throw new UsageError('--annotate needs --grafana-token-env VAR: the environment variable holding a service account token with annotation write');
  }
  const token = secretFromEnv(env, 'grafana-token-env', tokenEnv);
  const dashboardUid = (values['dashboard-uid'] as string | undefined)?.trim();
  if (dashboardUid !== undefined && !/^[\w-]{1,40}$/.test(dashboardUid)) {
    throw new UsageError('--dashboard-uid must be a dashboard UID (letters, digits, - and _; at most 40)');
  }
  return { grafana: grafanaBase(grafanaUrl), token, dashboardUid, required: values['annotate-required'] === true };
}
