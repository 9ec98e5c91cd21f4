import React, { useEffect, useRef } from 'react';
import { LinkModel } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { PanelSeries } from '../../../frames/extractSeries';
import { SeriesDisplay } from '../../data/seriesDisplays';
import { formatTime, useTimeZone } from '../../data/TimeZoneContext';
import { TEST_IDS } from '../../testIds';
import { getStyles } from './SeriesTooltip.styles';

/** Width of the pinned tooltip, px: it flips left of the click near the right edge. */
export const SERIES_TOOLTIP_WIDTH = 260;

/** One series at the pinned time: its value in its unit and its data links for that row. */
export interface SeriesTooltipRow {
  id: string;
  name: string;
  color: string;
  value: string;
  links: LinkModel[];
}

/**
 * Each series' value and data links at `time`, read from the row of the series' own field at
 * that time (so a link's `${__value.raw}` and `${__field.labels.x}` are that row's); a series
 * with no sample there reads as its "No value". O(n) per series.
 *
 * @example
 * seriesAt([checkoutErrors], () => percentDisplay, (i) => colors[i], t) // [{ name: 'checkout errors', value: '1.3%', links: [...] }]
 */
export function seriesAt(
  series: PanelSeries[],
  displayOf: (id: string) => SeriesDisplay,
  colorOf: (index: number) => string,
  time: number
): SeriesTooltipRow[] {
  return series.map((s, i) => {
    const display = displayOf(s.id);
    const row = s.times.indexOf(time);
    return {
      id: s.id,
      name: s.name ?? s.id,
      color: colorOf(i),
      value: display.format(row >= 0 ? s.values[row] : null),
      links: row >= 0 ? display.links(row) : [],
    };
  });
}

interface Props {
  time: number;
  rows: SeriesTooltipRow[];
  /** Position inside the graph's box, px. */
  left: number;
  top: number;
  onClose: () => void;
  /** Opened from the keyboard: focus moves to its close button, so its links are next in the tab order. */
  takeFocus?: boolean;
}

/** A data link as Grafana's panels open it: its URL in the target it names, or its own click handler (internal links). */
function SeriesLink({ link, className }: { link: LinkModel; className: string }) {
  const onClick = link.onClick
    ? (e: React.MouseEvent<HTMLAnchorElement>) => {
        e.preventDefault();
        link.onClick?.(e, link.origin);
      }
    : undefined;
  return (
    <a
      className={className}
      href={link.href}
      target={link.target}
      rel={link.target === '_blank' ? 'noopener noreferrer' : undefined}
      onClick={onClick}
    >
      {link.title || link.href}
    </a>
  );
}

/**
 * The series tooltip a click on the graph pins: the time, each series' value in its unit,
 * and each series' data links, as Grafana's time series panel offers them in its pinned
 * tooltip. Escape or the close button unpins it.
 */
export function SeriesTooltip({ time, rows, left, top, onClose, takeFocus = false }: Props) {
  const styles = useStyles2(getStyles);
  const timeZone = useTimeZone();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus) {
      close.current?.focus();
    }
  }, [takeFocus, time]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div
      className={styles.tooltip}
      style={{ left, top, width: SERIES_TOOLTIP_WIDTH }}
      data-testid={TEST_IDS.seriesTooltip}
      role="dialog"
      aria-label="Series at this time"
    >
      <div className={styles.header}>
        <span>{formatTime(time, 'YYYY-MM-DD HH:mm', timeZone)}</span>
        <button ref={close} type="button" className={styles.close} aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {rows.map((row) => (
        <div key={row.id}>
          <div className={styles.row}>
            <span className={styles.swatch} style={{ background: row.color }} />
            <span>{row.name}</span>
            <span className={styles.value}>{row.value}</span>
          </div>
          {row.links.length > 0 && (
            <ul className={styles.links}>
              {row.links.map((link, i) => (
                <li key={i}>
                  <SeriesLink link={link} className={styles.link} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
