import React from 'react';
import { dateTimeFormat } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { VERDICT_LABEL, verdictColor } from '../../verdictStyle';
import { getStyles } from './RankedList.styles';

interface Props {
  scored: ScoredEvent[];
  /** Zooms the dashboard to this event. */
  onSelect: (scored: ScoredEvent) => void;
}

/** Events ranked by score, worst first; activating a row zooms the dashboard to it. */
export function RankedList({ scored, onSelect }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const ranked = [...scored].sort((a, b) => b.impact.score - a.impact.score || b.event.time - a.event.time);
  return (
    <ol className={styles.list} data-testid={TEST_IDS.rankedList} aria-label="Events ranked by impact">
      {ranked.map((s) => {
        const color = verdictColor(theme, s.impact.verdict);
        return (
          <li key={s.event.id}>
            <button type="button" className={styles.row} data-testid={TEST_IDS.rankedRow} data-event-id={s.event.id} onClick={() => onSelect(s)}>
              <span className={styles.score}>{Math.round(s.impact.score)}</span>
              <span className={styles.badge} style={{ background: color, color: theme.colors.getContrastText(color) }}>
                {VERDICT_LABEL[s.impact.verdict]}
              </span>
              <span className={styles.what}>
                <span className={styles.title}>{s.event.title}</span>
                <span className={styles.meta}>
                  {[s.event.service, dateTimeFormat(s.event.time, { format: 'MM-DD HH:mm', timeZone: 'utc' })].filter(Boolean).join(' · ')}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
