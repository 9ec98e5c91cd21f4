import React, { memo } from 'react';
import { useStyles2 } from '@grafana/ui';

import { describeSpike } from '../../../engine/describe';
import { ActionStatus } from '../../act/TurnOffNow';
import { describeComparisonShort } from '../../../engine/judgeVersions';
import { levelText } from '../../data/levelText';
import { useSeriesDisplay } from '../../data/SeriesDisplayContext';
import { formatTime, useTimeZone } from '../../data/TimeZoneContext';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { VERDICT_LABEL } from '../../verdictStyle';
import { getStyles } from './RankedList.styles';

/** "after 2 samples" where the verdict was reached; empty when nothing was scored. */
function decidedAfterShort(samples: number | null | undefined): string {
  return samples != null && samples > 0 ? `after ${samples} sample${samples === 1 ? '' : 's'}` : '';
}

/** Height of every row, px: the list positions rows by it, so row content must fit it. */
export const ROW_HEIGHT = 44;

interface Props {
  scored: ScoredEvent;
  /** 0-based rank. */
  index: number;
  total: number;
  active: boolean;
  /** Badge background and text colours of the row's verdict. */
  badge: { background: string; color: string };
  onSelect: (scored: ScoredEvent) => void;
  /** The option's id, for the row's action button outside the listbox to name its row. */
  id: string;
}

/**
 * One ranked event: score, verdict badge, title, service, time and, when it moved a series, the series' level
 * before and after in its unit and the spike's size. Rendered only while on
 * screen, and memoised, so the date is formatted once per row shown. An option's content is
 * presentational to assistive technology, so the row holds no control: what acting on it came
 * to is text here, and its button (`TurnOffNow`) is drawn over the row from outside the list.
 */
export const RankedRow = memo(function RankedRow({ scored, index, total, active, badge, onSelect, id }: Props) {
  const styles = useStyles2(getStyles);
  const displayOf = useSeriesDisplay();
  const timeZone = useTimeZone();
  const { event, impact, pending } = scored;
  const moved = !pending && impact.moved.length > 0;
  return (
    <div
      role="option"
      id={id}
      aria-selected={active}
      aria-setsize={total}
      aria-posinset={index + 1}
      tabIndex={active ? 0 : -1}
      className={styles.row}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      data-testid={TEST_IDS.rankedRow}
      data-event-id={event.id}
      data-index={index}
      onClick={() => onSelect(scored)}
    >
      <span className={styles.score}>{pending ? '…' : Math.round(impact.score)}</span>
      <span className={styles.badge} style={badge}>
        {pending ? 'Scoring' : VERDICT_LABEL[impact.verdict]}
      </span>
      <span className={styles.what}>
        <span className={styles.title} dir="auto">
          {event.title}
        </span>
        <span className={styles.meta}>
          {[event.service, formatTime(event.time, 'MM-DD HH:mm', timeZone), moved ? levelText(impact, (id) => displayOf(id).format) : '', moved ? describeSpike(impact.spike) : '', !pending && impact.comparison ? describeComparisonShort(impact) : '', !pending ? decidedAfterShort(impact.decidedAfterSamples) : '']
            .filter(Boolean)
            .join(' · ')}
        </span>
      </span>
      <ActionStatus scored={scored} />
    </div>
  );
});
