import { DEFAULT_IMPACT_OPTIONS } from '../../engine';
import { GATE_TAG, VERDICT_TAG_PREFIX } from '../../events/gateVerdict';
import { textToAnnotationHtml } from '../../events/annotationHtml';
import { GateReport } from './formatGateReport';

/** A Grafana annotation as `POST /api/annotations` takes it (Grafana's `PostAnnotationsCmd`). */
export interface GateAnnotation {
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
  dashboardUID?: string;
}

/**
 * The link to the CI run the gate runs in, from the variables GitHub Actions, GitLab CI and
 * Jenkins set; null elsewhere, or when it is not an http(s) URL.
 *
 * @example
 * ciRunUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'shop/web', GITHUB_RUN_ID: '42' }) // 'https://github.com/shop/web/actions/runs/42'
 */
export function ciRunUrl(env: Record<string, string | undefined>): string | null {
  const github =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : null;
  const url = github ?? env.CI_JOB_URL ?? env.CI_PIPELINE_URL ?? env.BUILD_URL ?? null;
  return url && /^https?:\/\/[^\s"<>]+$/.test(url) ? url : null;
}

/** Three significant digits, as the gate's report writes numbers. */
function short(n: number): string {
  return String(Number(n.toPrecision(3)));
}

/** The tags that name one deploy's annotation whatever its verdict: found again by these and its time. */
export function deployTags(service: string | null, environment: string | undefined): string[] {
  return [GATE_TAG, service ? `service:${service}` : null, environment ? `env:${environment}` : null].filter((t): t is string => t !== null);
}

/**
 * The annotation for a judged deploy: a region over the impact window, tagged with the
 * service, the environment and the verdict, its text the verdict, the main reason, the size
 * of the spike and the CI run when known. Grafana shows the text as HTML in its tooltip, so it is
 * escaped to show as written (series names and reasons carry quotes and braces from queries).
 *
 * @example
 * annotationForVerdict(report, { environment: 'production', ciRun: 'https://ci.example.com/run/7' })
 * // { time, timeEnd: time + 30 min, tags: ['safedeploy', 'service:checkout', 'env:production', 'verdict:roll_back'], text: 'SafeDeploy gate: roll_back ...' }
 */
export function annotationForVerdict(
  report: Pick<GateReport, 'verdict' | 'deploy' | 'reasons' | 'spike'> & Partial<Pick<GateReport, 'metricsError'>>,
  where: { environment?: string; ciRun: string | null; dashboardUid?: string }
): GateAnnotation {
  const verdict = report.verdict ?? 'unknown';
  const spike = report.spike;
  const size = spike
    ? `spike ${spike.ratio !== null ? `${short(spike.ratio)}x` : `${short(spike.change)} more`} on ${spike.series} (${short(spike.before)} before, ${short(spike.after)} after)`
    : 'no spike measured';
  const lines = [
    `SafeDeploy gate: ${verdict} for ${report.deploy.service ?? 'the deploy'}${where.environment ? ` in ${where.environment}` : ''}`,
    // A verdict from data read in part (exit 3) says so where the dashboard shows it.
    report.metricsError ? `from metrics read in part or not at all: ${report.metricsError}` : null,
    report.reasons[0] ?? 'no reason given',
    size,
    where.ciRun ? `CI run: ${where.ciRun}` : null,
  ].filter((line): line is string => line !== null);
  return {
    time: report.deploy.time,
    timeEnd: report.deploy.time + DEFAULT_IMPACT_OPTIONS.afterMs,
    tags: [...deployTags(report.deploy.service, where.environment), `${VERDICT_TAG_PREFIX}${verdict}`],
    text: textToAnnotationHtml(lines.join('\n')),
    ...(where.dashboardUid ? { dashboardUID: where.dashboardUid } : {}),
  };
}
