import React, { KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { clusterMarkers, MarkerCluster, MIN_MARKER_SPACING } from '../../layout/clusterMarkers';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { KIND_PATH, VERDICT_LABEL, verdictColor } from '../../verdictStyle';
import { EventTooltip } from '../EventTooltip';
import type { PlotGeometry } from '../ImpactGraph';
import { getStyles } from './Markers.styles';

interface Props {
  scored: ScoredEvent[];
  geometry: PlotGeometry;
  boxWidth: number;
  boxHeight: number;
  onActivate: (scored: ScoredEvent | null) => void;
  onZoom: (from: number, to: number) => void;
}

/** Width of the tooltip, px; it flips to stay inside the panel. */
export const TOOLTIP_WIDTH = 340;
/** Events shown in a cluster's tooltip before "and N more". */
const CLUSTER_TOOLTIP_ITEMS = 4;

/** Tooltip x so that it stays within the panel: centred on the marker when it fits. */
export function tooltipLeft(markerX: number, boxWidth: number, width = TOOLTIP_WIDTH): number {
  const wanted = markerX - width / 2;
  return Math.max(0, Math.min(wanted, boxWidth - width));
}

function label({ event, impact, pending }: ScoredEvent): string {
  const what = [event.kind, event.service, event.version].filter(Boolean).join(' ');
  return pending ? `${what || event.title}: being scored` : `${what || event.title}: ${VERDICT_LABEL[impact.verdict]}, score ${Math.round(impact.score)}`;
}

/** The cluster's highest-scored event (the first of equals). O(k). */
function worstOf(items: ScoredEvent[]): ScoredEvent {
  let worst = items[0];
  for (const s of items) {
    if (s.impact.score > worst.impact.score) {
      worst = s;
    }
  }
  return worst;
}

/** Until its score arrives, an event's tooltip names it and says so. */
function PendingTooltip({ scored: { event } }: { scored: ScoredEvent }) {
  return (
    <div>
      <strong>{event.title || [event.kind, event.service, event.version].filter(Boolean).join(' ')}</strong>
      <div>Being scored…</div>
    </div>
  );
}

/**
 * Deploy markers as buttons on the time axis: hover or keyboard focus shows the tooltip and
 * the windows; arrow keys move between markers; markers closer than the minimum spacing
 * cluster into one with a count (Enter zooms into it).
 */
export function Markers({ scored, geometry, boxWidth, boxHeight, onActivate, onZoom }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  // The open marker by the id of an event it holds, not by its position: new events or
  // scores re-cluster the markers, and a position would then name another marker (a focused
  // flag's tooltip showed the first deploy of the range, still being scored).
  const [openId, setOpenId] = useState<string | null>(null);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (closeTimer.current) {
        clearTimeout(closeTimer.current);
      }
    },
    []
  );

  const clusters = useMemo(() => {
    const span = Math.max(1, geometry.max - geometry.min);
    const toX = (t: number) => geometry.left + ((t - geometry.min) / span) * geometry.width;
    const visible = scored.filter((s) => s.event.time >= geometry.min && s.event.time <= geometry.max);
    return clusterMarkers(visible, (s) => toX(s.event.time), MIN_MARKER_SPACING);
  }, [scored, geometry]);
  const tops = useMemo(() => clusters.map((c) => worstOf(c.items)), [clusters]);
  const open = openId === null ? -1 : clusters.findIndex((c) => c.items.some((s) => s.event.id === openId));
  const activated = open >= 0 ? tops[open] : null;
  const onActivateRef = useRef(onActivate);
  useEffect(() => {
    onActivateRef.current = onActivate;
  });
  // The graph's windows follow the open marker, also when its score arrives while it is open.
  useEffect(() => onActivateRef.current(activated), [activated]);

  const show = (index: number) => {
    if (closeTimer.current) {
      clearTimeout(closeTimer.current);
    }
    setOpenId(clusters[index]?.items[0].event.id ?? null);
  };
  const hide = () => {
    // A short grace period lets the pointer travel from the marker into the tooltip's links.
    closeTimer.current = setTimeout(() => setOpenId(null), 150);
  };
  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = Math.max(0, Math.min(clusters.length - 1, index + (e.key === 'ArrowRight' ? 1 : -1)));
      buttons.current[next]?.focus();
    } else if (e.key === 'Escape') {
      setOpenId(null);
    } else if (e.key === 'Enter' && clusters[index].items.length > 1) {
      zoomTo(clusters[index]);
    }
  };
  const zoomTo = (cluster: MarkerCluster<ScoredEvent>) => {
    // A loop, not Math.min(...times): a cluster can hold more events than a call has arguments.
    let first = Infinity;
    let last = -Infinity;
    for (const item of cluster.items) {
      first = Math.min(first, item.event.time);
      last = Math.max(last, item.event.time);
    }
    const pad = Math.max(5 * 60_000, (last - first) * 0.5);
    onZoom(first - pad, last + pad);
  };

  const nameOf = (id: string) => {
    const found = scored.find((s) => s.event.id === id)?.event;
    return found ? [found.service, found.version].filter(Boolean).join(' ') || found.title : id;
  };
  const markerTop = geometry.top + geometry.height - MIN_MARKER_SPACING / 2;
  const openCluster = open >= 0 ? clusters[open] : undefined;

  return (
    <>
      {clusters.map((cluster, index) => {
        const top = tops[index];
        const color = verdictColor(theme, top.impact.verdict);
        const many = cluster.items.length > 1;
        return (
          <button
            key={cluster.items[0].event.id}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            className={styles.marker}
            style={{ left: cluster.x - MIN_MARKER_SPACING / 2, top: markerTop - MIN_MARKER_SPACING / 2 }}
            data-testid={many ? TEST_IDS.cluster : TEST_IDS.marker}
            data-event-id={many ? undefined : top.event.id}
            data-verdict={top.impact.verdict}
            data-pending={cluster.items.some((s) => s.pending) || undefined}
            data-kind={many ? undefined : top.event.kind}
            aria-label={many ? `${cluster.items.length} events, worst: ${label(top)}` : label(top)}
            aria-expanded={open === index}
            onMouseEnter={() => show(index)}
            onMouseLeave={hide}
            onFocus={() => show(index)}
            onBlur={hide}
            onKeyDown={onKeyDown(index)}
            onClick={() => (many ? zoomTo(cluster) : show(index))}
          >
            {many ? (
              <span className={styles.count} style={{ background: color, color: theme.colors.getContrastText(color) }}>
                {cluster.items.length}
              </span>
            ) : (
              <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true">
                <path d={KIND_PATH[top.event.kind]} fill={color} stroke={theme.colors.background.primary} strokeWidth={1} />
              </svg>
            )}
          </button>
        );
      })}
      {openCluster && (
        <div
          className={styles.tooltip}
          data-testid={TEST_IDS.tooltip}
          role="tooltip"
          style={{ left: tooltipLeft(openCluster.x, boxWidth), bottom: Math.max(0, boxHeight - markerTop + MIN_MARKER_SPACING / 2 + 4), width: TOOLTIP_WIDTH }}
          onMouseEnter={() => open >= 0 && show(open)}
          onMouseLeave={hide}
        >
          {openCluster.items.length === 1 ? (
            openCluster.items[0].pending ? (
              <PendingTooltip scored={openCluster.items[0]} />
            ) : (
              <EventTooltip scored={openCluster.items[0]} nameOf={nameOf} />
            )
          ) : (
            <>
              <div className={styles.clusterTitle}>
                {openCluster.items.length} events here; click or press Enter to zoom in
                {openCluster.items.some((s) => s.pending) && ` (${openCluster.items.filter((s) => s.pending).length} still being scored)`}
              </div>
              {openCluster.items
                .filter((s) => !s.pending)
                .sort((a, b) => b.impact.score - a.impact.score)
                .slice(0, CLUSTER_TOOLTIP_ITEMS)
                .map((s) => (
                  <EventTooltip key={s.event.id} scored={s} compact />
                ))}
              {openCluster.items.length > CLUSTER_TOOLTIP_ITEMS && (
                <div className={styles.more}>and {openCluster.items.length - CLUSTER_TOOLTIP_ITEMS} more</div>
              )}
            </>
          )}
        </div>
      )}
    </>
  );
}
