import { ItemStatus, ReadinessReport, ReviewResult } from './types';

const STATUS_TEXT: Record<ItemStatus, string> = {
  [ItemStatus.Pass]: 'pass',
  [ItemStatus.Fail]: 'FAIL',
  [ItemStatus.Unknown]: 'unknown',
};

/**
 * CI text is data: Markdown syntax in it must not format, link or break the table, and an
 * entity reference (`&lt;`) must read as written, not as the character it names. Every
 * CommonMark line ending (\r\n, \n, and a lone \r) becomes a space, so no CI text starts a line.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');
}

/**
 * A link destination as Markdown reads it whole: parentheses (which a service name may hold,
 * and encodeURIComponent leaves) and spaces would end or cut it.
 */
function linkDestination(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}

function verdict(result: ReviewResult, report: ReadinessReport): string {
  if (result.status === ItemStatus.Pass) {
    return 'passes';
  }
  const titles = (ids: string[]) => ids.map((id) => report.items.find((i) => i.id === id)?.title ?? id).join(', ');
  const parts = [
    result.failing.length ? `fails on ${titles(result.failing)}` : '',
    result.unknown.length ? `cannot tell on ${titles(result.unknown)}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * The readiness review as Markdown for a review meeting: both reviews' outcome, then every
 * item with its status, evidence, threshold and links to the deploys behind it (http/https
 * only). `deployUrl` builds the app's link to a deploy.
 *
 * @example
 * toMarkdown(report, (d) => `https://grafana.example.com/a/safedeploy-deploys-app/services/web#${d.id}`)
 */
export function toMarkdown(report: ReadinessReport, deployUrl: (deployId: string) => string): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const lines = [
    `# Readiness review: ${escapeMarkdown(report.service)}`,
    '',
    `Range: ${iso(report.range.from)} to ${iso(report.range.to)}`,
    '',
    `- Launch readiness: ${verdict(report.launch, report)}`,
    `- Hand-off readiness: ${verdict(report.handoff, report)}`,
    '',
    '| Item | Status | Evidence | Threshold |',
    '| --- | --- | --- | --- |',
    ...report.items.map(
      (i) =>
        `| ${escapeMarkdown(i.title)} | ${STATUS_TEXT[i.status]} | ${escapeMarkdown(i.evidence)} | ${escapeMarkdown(i.threshold)} |`
    ),
  ];
  const behind = report.items.filter((i) => i.status !== ItemStatus.Pass && i.deploys.length);
  if (behind.length) {
    lines.push('', '## Deploys behind the failing items', '');
    for (const item of behind) {
      for (const d of item.deploys) {
        const url = deployUrl(d.id);
        const name = escapeMarkdown(`${d.version || d.title} (${iso(d.time)})`);
        lines.push(`- ${escapeMarkdown(item.title)}: ${/^https?:\/\//.test(url) ? `[${name}](${linkDestination(url)})` : name}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
