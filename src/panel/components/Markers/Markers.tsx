import React, { FocusEvent, Fragment, KeyboardEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStyles2 } from '@grafana/ui';

import { clusterMarkers, MarkerCluster, MIN_MARKER_SPACING } from '../../layout/clusterMarkers';
import { PlotGeometry, toX } from '../../layout/plotGeometry';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { MarkerButton, markerLabel } from './MarkerButton';
import { MarkerTooltip } from './MarkerTooltip';
import { getStyles } from './Markers.styles';

interface Props {
  scored: ScoredEvent[];
  geometry: PlotGeometry;
  boxWidth: number;
  boxHeight: number;
  onActivate: (scored: ScoredEvent | null) => void;
  onZoom: (from: number, to: number) => void;
}

/** Width of the tooltip, px; it flips to stay inside the panel, and narrows to a panel narrower than it. */
export const TOOLTIP_WIDTH = 340;
/** Lets the pointer travel from a marker into its tooltip's links before the tooltip closes, ms. */
const CLOSE_GRACE_MS = 150;
/** Gap between the marker row and the tooltip above it, px. */
const TOOLTIP_GAP = 4;
/** Zooming into a cluster shows at least this much time on each side of it, ms. */
const CLUSTER_MIN_PAD_MS = 5 * 60_000;
/** ... or half the cluster's own span on each side, whichever is wider. */
const CLUSTER_PAD_SHARE = 0.5;

/** Tooltip x so that it stays within the panel: centred on the marker when it fits. */
export function tooltipLeft(markerX: number, boxWidth: number, width = TOOLTIP_WIDTH): number {
  const wanted = markerX - width / 2;
  return Math.max(0, Math.min(wanted, boxWidth - width));
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

/** The span to zoom to for a cluster: its first to last event, padded on both sides. */
function clusterSpan(cluster: MarkerCluster<ScoredEvent>): [number, number] {
  // A loop, not Math.min(...times): a cluster can hold more events than a call has arguments.
  let first = Infinity;
  let last = -Infinity;
  for (const item of cluster.items) {
    first = Math.min(first, item.event.time);
    last = Math.max(last, item.event.time);
  }
  const pad = Math.max(CLUSTER_MIN_PAD_MS, (last - first) * CLUSTER_PAD_SHARE);
  return [first - pad, last + pad];
}

/**
 * Which marker's tooltip is open, kept by the event it was opened on, not by position: when
 * scores arrive or the plot resizes, clusters regroup and their indices shift, and the open
 * tooltip must stay on the marker that holds that event. Opening is immediate, closing waits
 * a grace period (the pointer may be on its way into the tooltip); `onActivate` hears of each
 * change.
 */
function useOpenMarker(clusters: Array<MarkerCluster<ScoredEvent>>, worst: ScoredEvent[], onActivate: (scored: ScoredEvent | null) => void) {
  const [openId, setOpenId] = useState<string | null>(null);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelClose = () => {
    if (closeTimer.current) {
      clearTimeout(closeTimer.current);
    }
  };
  useEffect(
    () => () => {
      if (closeTimer.current) {
        clearTimeout(closeTimer.current);
      }
    },
    []
  );
  const open = useMemo(() => (openId === null ? null : clusters.findIndex((c) => c.items.some((s) => s.event.id === openId))), [clusters, openId]);
  // A new range without the open marker's event closes its tooltip (adjusted while rendering, as
  // React advises for state that follows props), and the graph drops the windows it shaded.
  if (open !== null && open < 0) {
    setOpenId(null);
  }
  useEffect(() => {
    if (openId === null) {
      onActivate(null);
    }
  }, [openId, onActivate]);
  const show = (index: number) => {
    cancelClose();
    setOpenId(clusters[index]?.items[0].event.id ?? null);
    onActivate(worst[index] ?? null);
  };
  const close = () => {
    setOpenId(null);
    onActivate(null);
  };
  const hide = () => {
    closeTimer.current = setTimeout(close, CLOSE_GRACE_MS);
  };
  return { open: open === null || open < 0 ? null : open, show, hide, close };
}

/**
 * Keeps keyboard focus on an event's marker when regrouping replaces its button: a zoom into a
 * cluster (Enter), a refresh or a resize groups the markers anew, each keyed by its first event,
 * and the focused button was removed, dropping focus to the page. Focus then moves to the marker
 * that now holds the event the focused one showed. A blur the user makes (Tab, a click away)
 * leaves the button in the page, and the marker is forgotten.
 */
function useKeptFocus(clusters: Array<MarkerCluster<ScoredEvent>>, buttons: React.MutableRefObject<Array<HTMLButtonElement | null>>) {
  const focused = useRef<{ id: string; button: HTMLButtonElement } | null>(null);
  useLayoutEffect(() => {
    const last = focused.current;
    if (!last || last.button.isConnected) {
      return;
    }
    focused.current = null;
    const index = clusters.findIndex((c) => c.items.some((s) => s.event.id === last.id));
    const active = document.activeElement;
    if (index >= 0 && (active === null || active === document.body)) {
      buttons.current[index]?.focus();
    }
  }, [clusters, buttons]);
  const onFocus = (id: string, button: HTMLButtonElement) => {
    focused.current = { id, button };
  };
  const onBlur = (button: HTMLButtonElement) => {
    // Removal blurs too; the layout effect above runs first and still sees the marker.
    queueMicrotask(() => button.isConnected && focused.current?.button === button && (focused.current = null));
  };
  return { onFocus, onBlur };
}

/** Whether focus is moving to a place inside `container` (a blur's or focus' related target). */
function movesInto(container: HTMLElement | null, target: EventTarget | null): boolean {
  return Boolean(container && target instanceof Node && container.contains(target));
}

/**
 * Deploy markers as buttons on the time axis: hover or keyboard focus shows the tooltip and
 * the windows; arrow keys move between markers; markers closer than the minimum spacing
 * cluster into one with a count (Enter zooms into it). The tooltip follows its marker in the
 * tab order, so Tab reaches its links ("Open CI run"); it stays open while focus is in it and
 * closes when focus leaves both (Escape closes it and returns to the marker).
 */
export function Markers({ scored, geometry, boxWidth, boxHeight, onActivate, onZoom }: Props) {
  const styles = useStyles2(getStyles);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const clusters = useMemo(() => {
    const visible = scored.filter((s) => s.event.time >= geometry.min && s.event.time <= geometry.max);
    return clusterMarkers(visible, (s) => toX(geometry, s.event.time), MIN_MARKER_SPACING);
  }, [scored, geometry]);
  const worst = useMemo(() => clusters.map((c) => worstOf(c.items)), [clusters]);
  const { open, show, hide, close } = useOpenMarker(clusters, worst, onActivate);
  const kept = useKeptFocus(clusters, buttons);
  const tooltip = useRef<HTMLDivElement | null>(null);
  const leaveMarker = (e: FocusEvent<HTMLButtonElement>) => {
    kept.onBlur(e.currentTarget);
    return !movesInto(tooltip.current, e.relatedTarget) && hide();
  };
  const leaveTooltip = (e: FocusEvent<HTMLDivElement>) =>
    !movesInto(e.currentTarget, e.relatedTarget) && (open === null || e.relatedTarget !== buttons.current[open]) && hide();
  const tooltipKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && open !== null) {
      buttons.current[open]?.focus();
      close();
    }
  };

  const zoomTo = (cluster: MarkerCluster<ScoredEvent>) => onZoom(...clusterSpan(cluster));
  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = Math.max(0, Math.min(clusters.length - 1, index + (e.key === 'ArrowRight' ? 1 : -1)));
      buttons.current[next]?.focus();
    } else if (e.key === 'Escape') {
      close();
    } else if (e.key === 'Enter' && clusters[index].items.length > 1) {
      zoomTo(clusters[index]);
    }
  };
  const nameOf = useCallback(
    (id: string) => {
      const found = scored.find((s) => s.event.id === id)?.event;
      return found ? [found.service, found.version].filter(Boolean).join(' ') || found.title : id;
    },
    [scored]
  );
  const rowTop = geometry.top + geometry.height - MIN_MARKER_SPACING / 2;
  // The panel clips what overflows it: in a narrow one the tooltip takes the panel's width.
  const tooltipWidth = Math.min(TOOLTIP_WIDTH, boxWidth);
  const openCluster = open !== null ? clusters[open] : undefined;

  return (
    <>
      {clusters.map((cluster, index) => (
        <Fragment key={cluster.items[0].event.id}>
          <MarkerButton
            cluster={cluster}
            worst={worst[index]}
            rowTop={rowTop}
            expanded={open === index}
            buttonRef={(el) => {
              buttons.current[index] = el;
            }}
            onShow={() => show(index)}
            onFocus={(button) => {
              kept.onFocus(worst[index].event.id, button);
              show(index);
            }}
            onHide={hide}
            onBlur={leaveMarker}
            onKeyDown={onKeyDown(index)}
            onClick={() => (cluster.items.length > 1 ? zoomTo(cluster) : show(index))}
          />
          {/* Right after its marker: the next tab stop is the tooltip's first link. */}
          {openCluster && open === index && (
            <div
              ref={tooltip}
              className={styles.tooltip}
              data-testid={TEST_IDS.tooltip}
              role="dialog"
              aria-label={`Details of ${markerLabel(worst[index])}`}
              style={{ left: tooltipLeft(openCluster.x, boxWidth, tooltipWidth), bottom: Math.max(0, boxHeight - rowTop + MIN_MARKER_SPACING / 2 + TOOLTIP_GAP), width: tooltipWidth }}
              onMouseEnter={() => show(index)}
              onMouseLeave={hide}
              onFocus={() => show(index)}
              onBlur={leaveTooltip}
              onKeyDown={tooltipKey}
            >
              <MarkerTooltip cluster={openCluster} nameOf={nameOf} />
            </div>
          )}
        </Fragment>
      ))}
    </>
  );
}
