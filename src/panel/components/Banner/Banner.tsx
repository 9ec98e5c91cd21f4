import React from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { Verdict } from '../../../engine';
import { formatDuration } from '../../../engine/describe';
import { EventKind } from '../../../events/types';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { verdictTextColor } from '../../verdictContrast';
import { VERDICT_LABEL, verdictColor } from '../../verdictStyle';
import { getStyles } from './Banner.styles';

const CHANGE_KINDS = new Set<string>([EventKind.Deploy, EventKind.Rollback, EventKind.Release, EventKind.Config, EventKind.Flag]);

/** The newest change in range: what the person who just deployed wants to know first. */
export function newestChange(scored: ScoredEvent[]): ScoredEvent | null {
  const changes = scored.filter((s) => CHANGE_KINDS.has(s.event.kind));
  return changes.length ? changes.reduce((a, b) => (b.event.time > a.event.time ? b : a)) : null;
}

/** How much of the impact window is still to come, ms; null when the window is complete. */
export function dataLeftMs(scored: ScoredEvent, afterMs: number): number | null {
  const pending = scored.impact.series.filter((s) => s.incomplete);
  if (pending.length === 0) {
    return null;
  }
  const seen = Math.max(scored.event.time, ...pending.map((s) => s.impact?.to ?? scored.event.time));
  return Math.max(0, scored.event.time + afterMs - seen);
}

interface Props {
  scored: ScoredEvent;
  afterMs: number;
  /** What the verdict could not take into account, said beside it (see requestsCaveat). */
  caveat?: string | null;
}

/** "Roll back" / "Fix forward" / "Healthy" / "Watching: 12 min of data left", with the main reason. */
export function Banner({ scored, afterMs, caveat }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const { event, impact } = scored;
  const left = impact.verdict === Verdict.Watch ? dataLeftMs(scored, afterMs) : null;
  const heading = left !== null ? `Watching: ${formatDuration(left)} of data left` : VERDICT_LABEL[impact.verdict];
  const color = verdictColor(theme, impact.verdict);
  const what = [event.service, event.version].filter(Boolean).join(' ') || event.title;
  return (
    <div className={styles.banner} style={{ borderLeftColor: color }} data-testid={TEST_IDS.banner} data-verdict={impact.verdict} role="status">
      <strong className={styles.heading} style={{ color: verdictTextColor(theme, impact.verdict, theme.colors.background.secondary) }}>
        {heading}
      </strong>
      <span className={styles.what} dir="auto">
        {what}
      </span>
      <span className={styles.reason}>{impact.reasons[0] ?? ''}</span>
      {caveat && (
        <span className={styles.caveat} data-testid={TEST_IDS.bannerCaveat} title={caveat}>
          {caveat}
        </span>
      )}
    </div>
  );
}
