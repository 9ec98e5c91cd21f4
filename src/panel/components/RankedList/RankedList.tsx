import React, { KeyboardEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { Verdict } from '../../../engine';
import { TurnOffNow } from '../../act/TurnOffNow';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { fillBadge, verdictBadge } from '../../verdictContrast';
import { getStyles } from './RankedList.styles';
import { RankedRow, ROW_HEIGHT } from './RankedRow';

interface Props {
  scored: ScoredEvent[];
  /** Height of the list's box, px: rows outside it are not rendered. */
  height: number;
  /** Zooms the dashboard to this event. */
  onSelect: (scored: ScoredEvent) => void;
}

/** Rows rendered beyond each edge of the box, so a fast scroll shows no blank band. */
const OVERSCAN = 6;
/** Keys that move the active row, and by how many rows (a page is the box's height). */
const STEPS: Record<string, (page: number, total: number) => number> = {
  ArrowDown: () => 1,
  ArrowUp: () => -1,
  PageDown: (page) => page,
  PageUp: (page) => -page,
  Home: (_, total) => -total,
  End: (_, total) => total,
};

/** Worst first; events still being scored last; newer first at equal scores. */
function byRank(a: ScoredEvent, b: ScoredEvent): number {
  return Number(Boolean(a.pending)) - Number(Boolean(b.pending)) || b.impact.score - a.impact.score || b.event.time - a.event.time;
}

/**
 * The rows to render: those in view and OVERSCAN beyond each edge, plus the active row
 * wherever it is, so Tab always finds the list's one tab stop. O(rows in view).
 */
export function renderedRows(scrollTop: number, height: number, total: number, active: number): number[] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const indices: number[] = [];
  if (total > 0 && (active < first || active >= last)) {
    indices.push(active);
  }
  for (let i = first; i < last; i++) {
    indices.push(i);
  }
  return indices;
}

/** Scrolls the list just enough to show row `index` whole. */
function scrollToRow(list: HTMLElement, index: number, height: number): void {
  if (index * ROW_HEIGHT < list.scrollTop) {
    list.scrollTop = index * ROW_HEIGHT;
  } else if ((index + 1) * ROW_HEIGHT > list.scrollTop + height) {
    list.scrollTop = (index + 1) * ROW_HEIGHT - height;
  }
}

/** Badge colours per verdict and for pending rows: a contrast computation per verdict, not per row. */
function useBadges() {
  const theme = useTheme2();
  return useMemo(() => {
    const page = theme.colors.background.primary;
    const byVerdict = new Map(Object.values(Verdict).map((v) => [v, verdictBadge(theme, v, page)]));
    return { byVerdict, pending: fillBadge(theme.colors.background.secondary, page) };
  }, [theme]);
}

/**
 * Events ranked by score, worst first, as a listbox: only the rows in view (and a few
 * beyond) are in the DOM, each with its position in the whole list for screen readers.
 * One tab stop: arrow keys, Page Up/Down, Home and End move the active row, Enter or Space
 * zooms the dashboard to it, as does a click. A row's button (Turn off now) is no part of its
 * option, whose content assistive technology reads as presentational: it follows the listbox,
 * drawn over its row, and is the next tab stop.
 */
export function RankedList({ scored, height, onSelect }: Props) {
  const styles = useStyles2(getStyles);
  const badges = useBadges();
  const idPrefix = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const focusActive = useRef(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [activeId, setActiveId] = useState<string | null>(null);

  const ranked = useMemo(() => [...scored].sort(byRank), [scored]);
  const found = useMemo(() => (activeId === null ? -1 : ranked.findIndex((s) => s.event.id === activeId)), [ranked, activeId]);
  const active = Math.max(0, found);

  useEffect(() => {
    if (focusActive.current) {
      focusActive.current = false;
      listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus({ preventScroll: true });
    }
  }, [active]);

  const moveTo = useCallback(
    (index: number) => {
      const list = listRef.current;
      const row = ranked[index];
      if (!row) {
        return;
      }
      if (list) {
        scrollToRow(list, index, height);
        setScrollTop(list.scrollTop);
      }
      focusActive.current = true;
      setActiveId(row.event.id);
    },
    [ranked, height]
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = STEPS[e.key];
    if (step) {
      e.preventDefault();
      const page = Math.max(1, Math.floor(height / ROW_HEIGHT));
      moveTo(Math.max(0, Math.min(ranked.length - 1, active + step(page, ranked.length))));
    } else if ((e.key === 'Enter' || e.key === ' ') && ranked[active]) {
      e.preventDefault();
      onSelect(ranked[active]);
    }
  };
  const select = useCallback(
    (s: ScoredEvent) => {
      setActiveId(s.event.id);
      onSelect(s);
    },
    [onSelect]
  );

  const indices = renderedRows(scrollTop, height, ranked.length, active);

  return (
    <div
      ref={listRef}
      className={styles.list}
      style={{ height }}
      data-testid={TEST_IDS.rankedList}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div role="listbox" aria-label="Events ranked by impact" style={{ position: 'relative', height: ranked.length * ROW_HEIGHT }} onKeyDown={onKeyDown}>
        {indices.map((i) => {
          const s = ranked[i];
          return (
            <RankedRow
              key={s.event.id}
              id={`${idPrefix}-${i}`}
              scored={s}
              index={i}
              total={ranked.length}
              active={i === active}
              badge={s.pending ? badges.pending : badges.byVerdict.get(s.impact.verdict)!}
              onSelect={select}
            />
          );
        })}
      </div>
      {/* Controls of a row, outside the listbox (which owns only options), drawn over their row; next in Tab order after the list. */}
      {indices.map((i) => (
        <div key={ranked[i].event.id} className={styles.action} style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}>
          <TurnOffNow scored={ranked[i]} describedBy={`${idPrefix}-${i}`} />
        </div>
      ))}
    </div>
  );
}
