import React, { FocusEvent, KeyboardEvent } from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { MarkerCluster, MIN_MARKER_SPACING } from '../../layout/clusterMarkers';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { verdictBadge, verdictOutline } from '../../verdictContrast';
import { KIND_PATH, VERDICT_LABEL, verdictColor } from '../../verdictStyle';
import { getStyles } from './Markers.styles';

/** Size of a single event's kind symbol, px. */
const SYMBOL_SIZE = 16;

/** What a screen reader says for one event: what it is and its verdict, or that it is being scored. */
export function markerLabel({ event, impact, pending }: ScoredEvent): string {
  const what = [event.kind, event.service, event.version].filter(Boolean).join(' ');
  return pending ? `${what || event.title}: being scored` : `${what || event.title}: ${VERDICT_LABEL[impact.verdict]}, score ${Math.round(impact.score)}`;
}

/**
 * A cluster's count in at most three digits (and a k), so it fits its marker's 24 px and never runs
 * into the next cluster's: 302, then 2k for 2,000 to 2,999, 20k, 99k+. The marker's accessible
 * name and the tooltip give the exact count.
 *
 * @example
 * shortCount(2_345) // '2k'
 */
export function shortCount(count: number): string {
  if (count < 1_000) {
    return String(count);
  }
  return count < 100_000 ? `${Math.floor(count / 1_000)}k` : '99k+';
}

interface Props {
  cluster: MarkerCluster<ScoredEvent>;
  /** The cluster's highest-scored event: its verdict colours the marker. */
  worst: ScoredEvent;
  /** Vertical centre of the marker row, px. */
  rowTop: number;
  expanded: boolean;
  buttonRef: (el: HTMLButtonElement | null) => void;
  onShow: () => void;
  onHide: () => void;
  /** The marker took focus (it shows its tooltip, as on hover). */
  onFocus: (button: HTMLButtonElement) => void;
  /** Focus left the marker: its tooltip stays open while focus moves into it. */
  onBlur: (e: FocusEvent<HTMLButtonElement>) => void;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void;
  onClick: () => void;
}

/** One marker: a single event's kind symbol, or a cluster's count, as a button on the time axis. */
export function MarkerButton({ cluster, worst, rowTop, expanded, buttonRef, onShow, onHide, onFocus, onBlur, onKeyDown, onClick }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const color = verdictColor(theme, worst.impact.verdict);
  const many = cluster.items.length > 1;
  return (
    <button
      ref={buttonRef}
      type="button"
      className={styles.marker}
      style={{ left: cluster.x - MIN_MARKER_SPACING / 2, top: rowTop - MIN_MARKER_SPACING / 2 }}
      data-testid={many ? TEST_IDS.cluster : TEST_IDS.marker}
      data-event-id={many ? undefined : worst.event.id}
      data-verdict={worst.impact.verdict}
      data-pending={cluster.items.some((s) => s.pending) || undefined}
      data-kind={many ? undefined : worst.event.kind}
      aria-label={many ? `${cluster.items.length} events, worst: ${markerLabel(worst)}` : markerLabel(worst)}
      aria-expanded={expanded}
      onMouseEnter={onShow}
      onMouseLeave={onHide}
      onFocus={(e) => onFocus(e.currentTarget)}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      {many ? (
        <span className={styles.count} style={verdictBadge(theme, worst.impact.verdict, theme.colors.background.primary)}>
          {shortCount(cluster.items.length)}
        </span>
      ) : (
        <svg width={SYMBOL_SIZE} height={SYMBOL_SIZE} viewBox="0 0 16 16" aria-hidden="true">
          <path d={KIND_PATH[worst.event.kind]} fill={color} stroke={verdictOutline(theme, worst.impact.verdict)} strokeWidth={1} />
        </svg>
      )}
    </button>
  );
}
