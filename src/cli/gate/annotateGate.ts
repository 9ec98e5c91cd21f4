import { Scrubber } from '../../http/createScrubber';
import { annotationForVerdict, ciRunUrl, deployTags } from './annotationForVerdict';
import { GateReport } from './formatGateReport';
import { GATE_EXIT } from './gateExitCode';
import { GateArgs } from './parseGateArgs';
import { writeAnnotation } from './writeAnnotation';

/**
 * `--annotate`: writes the verdict to Grafana and says what happened in one line. Returns
 * the exit status to use instead of the verdict's when annotating failed and
 * --annotate-required was given, else null (a failure to annotate is said, not fatal); never
 * over exit 3, lost metrics, which says more.
 */
export async function annotateGate(
  args: GateArgs,
  report: GateReport,
  env: Record<string, string | undefined>,
  redact: Scrubber,
  say: (line: string) => void
): Promise<number | null> {
  const annotate = args.annotate;
  if (!annotate) {
    return null;
  }
  // Lost metrics stay exit 3 whatever the annotation did: the verdict itself is in doubt (docs/ci.md).
  const required = annotate.required && report.exitCode !== GATE_EXIT.metricsUnreadable;
  const failed = (why: string) => {
    say(`could not annotate Grafana: ${why}${required ? ` (exit ${GATE_EXIT.annotateFailed}, --annotate-required)` : ''}`);
    return required ? GATE_EXIT.annotateFailed : null;
  };
  if (report.verdict === null) {
    // Nothing to write is no failure to write: the metrics' exit 3 stands, --annotate-required or not.
    say('no Grafana annotation written: there is no verdict, since the metrics could not be read');
    return null;
  }
  const environment = 'events' in args.deploy ? args.deploy.events.environment : undefined;
  const annotation = annotationForVerdict(report, { environment, ciRun: ciRunUrl(env), dashboardUid: annotate.dashboardUid });
  const written = await writeAnnotation({
    grafana: annotate.grafana,
    token: annotate.token,
    annotation,
    findTags: deployTags(report.deploy.service, environment),
    timeoutMs: args.timeoutMs,
    scrub: redact,
  });
  if (!written.ok) {
    return failed(written.message);
  }
  say(`${written.action} Grafana annotation ${written.id} with the verdict ${report.verdict}`);
  return null;
}
