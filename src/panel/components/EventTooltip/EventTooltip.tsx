import React from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { describeDecidedAfter, describeSpike, formatDuration } from '../../../engine/describe';
import { describeComparison } from '../../../engine/judgeVersions';
import { Verdict } from '../../../engine/types';
import { safeUrl } from '../../../events/normalize';
import { levelText } from '../../data/levelText';
import { useSeriesDisplay } from '../../data/SeriesDisplayContext';
import { formatTime, useTimeZone } from '../../data/TimeZoneContext';
import { ScoredEvent } from '../../types';
import { verdictBadge } from '../../verdictContrast';
import { VERDICT_LABEL } from '../../verdictStyle';
import { TEST_IDS } from '../../testIds';
import { getStyles } from './EventTooltip.styles';

interface Props {
  scored: ScoredEvent;
  /** In a cluster's list: title, verdict and main reason only. */
  compact?: boolean;
  /** Names another event (the fix) for people, from its id. */
  nameOf?: (id: string) => string;
}

/**
 * The release gate's verdict (written to Grafana by `safedeploy gate --annotate`) beside the
 * panel's own, saying when they differ: the gate judged with the data of its run, the panel
 * with all the data now in view.
 *
 * @example
 * describeGateVerdict('watch', Verdict.RollBack) // 'Release gate: Watch (differs from this panel: Roll back)'
 */
export function describeGateVerdict(gate: string, panel: Verdict): string {
  const label = VERDICT_LABEL[gate as Verdict] ?? gate;
  return gate === panel ? `Release gate: ${label} (same as this panel)` : `Release gate: ${label} (differs from this panel: ${VERDICT_LABEL[panel]})`;
}

/**
 * What one event did: who, what, where, the verdict and its reasons. Everything from CI
 * is rendered as text; a link appears only for an http(s) URL. While the event is being
 * scored (`pending`, as after a refresh) it says so in place of the verdict, and keeps its
 * link where it was, so a link that has keyboard focus keeps it.
 */
export function EventTooltip({ scored, compact, nameOf = (id) => id }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const displayOf = useSeriesDisplay();
  const timeZone = useTimeZone();
  const { event, impact, pending } = scored;
  const url = safeUrl(event.url);
  const rows: Array<[string, string]> = [
    ['Service', event.service],
    ['Environment', event.environment],
    ['Version', event.flagKey ? '' : event.version],
    ['Flag', event.flagKey ? `${event.flagKey}: ${[event.fromState, event.toState].filter(Boolean).join(' → ')}` : ''],
    ['Author', event.author],
    ['Commit', event.commit ? event.commit.slice(0, 12) : ''],
    ['Status', event.status],
    ['Level', levelText(impact, (id) => displayOf(id).format)],
    ['Size', impact.moved.length > 0 ? describeSpike(impact.spike) : ''],
    ['Judged by', impact.comparison ? describeComparison(impact) : ''],
    // How soon the verdict could be given: a sequential roll_back can come before the window ends.
    ['Verdict after', describeDecidedAfter(impact)],
  ];
  return (
    <div className={styles.container}>
      <div className={styles.header}>
        <span className={styles.badge} style={pending ? undefined : verdictBadge(theme, impact.verdict, theme.components.tooltip.background)}>
          {pending ? 'Being scored…' : VERDICT_LABEL[impact.verdict]}
        </span>
        <span className={styles.score}>{pending ? '' : `score ${Math.round(impact.score)}`}</span>
        <span className={styles.time}>{formatTime(event.time, 'YYYY-MM-DD HH:mm', timeZone)}</span>
      </div>
      {/* CI text in any script: its own first strong letter sets its direction (right-to-left titles read so). */}
      <div className={styles.title} dir="auto">
        {event.title}
      </div>
      {event.gateVerdict && !pending && <div data-testid={TEST_IDS.gateVerdict}>{describeGateVerdict(event.gateVerdict, impact.verdict)}</div>}
      {!compact && (
        <dl className={styles.rows}>
          {rows
            .filter(([, value]) => value)
            .map(([name, value]) => (
              <React.Fragment key={name}>
                <dt>{name}</dt>
                <dd dir="auto">{value}</dd>
              </React.Fragment>
            ))}
        </dl>
      )}
      <ul className={styles.reasons}>
        {(pending ? [] : compact ? impact.reasons.slice(0, 1) : impact.reasons).map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
      {!compact && impact.fixedBy && (
        <div className={styles.fix}>
          Fixed by {nameOf(impact.fixedBy)}
          {impact.timeToRestoreMs !== null ? `; restored after ${formatDuration(impact.timeToRestoreMs)}` : ''}
        </div>
      )}
      {!compact && impact.fixedBy === null && impact.timeToRestoreMs !== null && (
        <div className={styles.fix}>Restored after {formatDuration(impact.timeToRestoreMs)}</div>
      )}
      {!compact && url && (
        <a className={styles.link} href={url} target="_blank" rel="noopener noreferrer">
          Open CI run
        </a>
      )}
    </div>
  );
}
