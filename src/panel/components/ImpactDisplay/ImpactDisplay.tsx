import React, { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStyles2 } from '@grafana/ui';

import { ScoreOptions } from '../../../engine';
import { eventZoom } from '../../../engine/eventZoom';
import { PanelSeries } from '../../../frames/extractSeries';
import { eventsNotice, PanelNotice } from '../../data/eventsNotice';
import { useTimeZone } from '../../data/TimeZoneContext';
import { summaryText as rangeSummary } from '../../data/summarize';
import { panelLayout } from '../../layout/panelLayout';
import { ImpactScores } from '../../scoring/useImpactScores';
import { TEST_IDS } from '../../testIds';
import { ImpactOptions, ScoredEvent } from '../../types';
import { Banner, newestChange } from '../Banner';
import { ImpactGraph } from '../ImpactGraph';
import { RankedList } from '../RankedList';
import { getStyles } from './ImpactDisplay.styles';

/** The display options the view reads. */
export type DisplayOptions = Pick<
  ImpactOptions,
  'showBanner' | 'showRankedList' | 'listPlacement' | 'showWindowsOnHover'
>;

export interface ImpactDisplayProps extends ImpactScores {
  series: PanelSeries[];
  /** Events read before options and range filtered them: the notice says how many were left out. */
  eventsRead: number;
  /** What the event reads said they could not read (see readFailures); the notice says it when no event was read. */
  readFailures?: readonly string[];
  /** The time range shown, epoch ms. */
  from: number;
  to: number;
  width: number;
  height: number;
  display: DisplayOptions;
  /** The engine options the events were scored with: the banner and the zoom read their windows. */
  scoreOptions: ScoreOptions;
  onZoom: (from: number, to: number) => void;
  /**
   * The summary line when the caller has already measured the range (the app's release
   * health keys, so the line repeats its page's numbers); else the view summarizes the scored
   * events itself.
   */
  summaryText?: string;
  /** What the verdicts could not take into account, said beside the banner's (see requestsCaveat). */
  caveat?: string | null;
}

/** The range's changes, change failure rate and time to restore (the app's computation), with the ranked list's toggle. */
function SummaryRow({
  scored,
  pending,
  range,
  height,
  toggle,
  text,
}: {
  scored: ScoredEvent[];
  pending: number;
  range: { from: number; to: number };
  height: number;
  toggle: React.ReactNode;
  text?: string;
}) {
  const styles = useStyles2(getStyles);
  const { from, to } = range;
  const computed = useMemo(() => (text === undefined ? rangeSummary(scored, { from, to }, pending) : ''), [scored, from, to, pending, text]);
  return (
    <div className={styles.summary} style={{ height }} data-testid={TEST_IDS.summary}>
      <span>{text ?? computed}</span>
      {toggle}
    </div>
  );
}

/** The notice when there is one, else the newest change's decision. */
function TopRow({
  notice,
  scored,
  afterMs,
  caveat,
  height,
  onTopHeight,
}: {
  notice: PanelNotice | null;
  caveat?: string | null;
  scored: ScoredEvent[];
  afterMs: number;
  height: number;
  /** The notice's or banner's height as wrapped at this width, px: the layout gives the row that much. */
  onTopHeight: (px: number) => void;
}) {
  const styles = useStyles2(getStyles);
  const newest = newestChange(scored);
  const topRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // The row's own height does not bound its content's, so this settles after one layout.
    onTopHeight(topRef.current?.offsetHeight ?? 0);
  });
  return (
    <div style={{ height, overflow: 'hidden' }}>
      <div ref={topRef}>
        {notice ? (
          // Wraps in a narrow panel; the whole text is also its title, and read out in full.
          <div className={styles.notice} role="status" title={notice.text}>
            {notice.spoken !== notice.text ? (
              <>
                <span aria-hidden="true">{notice.text}</span>
                <span className={styles.spokenOnly}>{notice.spoken}</span>
              </>
            ) : (
              notice.text
            )}
          </div>
        ) : (
          newest && <Banner scored={newest} afterMs={afterMs} caveat={caveat} />
        )}
      </div>
    </div>
  );
}

/** No read failures: one array, so the notice is not worked out again at every render. */
const NO_FAILURES: readonly string[] = [];

/**
 * The Deploy Impact view from events already scored: banner or notice, summary, the graph
 * with the events over it, and the ranked list, laid out for the given size. The panel feeds
 * it from its query frames; the app's service page from the release health it loaded.
 */
export function ImpactDisplay({
  series,
  scored,
  pending,
  where,
  eventsRead,
  readFailures = NO_FAILURES,
  from,
  to,
  width,
  height,
  display,
  scoreOptions,
  onZoom,
  summaryText,
  caveat,
}: ImpactDisplayProps) {
  const styles = useStyles2(getStyles);
  const [listOpen, setListOpen] = useState(false);
  const zoomToEvent = useCallback(
    (s: ScoredEvent) => onZoom(...eventZoom(s.event.time, scoreOptions.beforeMs ?? 0, scoreOptions.afterMs ?? 0)),
    [onZoom, scoreOptions]
  );
  const timeZone = useTimeZone();
  const notice = useMemo(
    () => eventsNotice(eventsRead, scored, series, pending, readFailures, timeZone),
    [eventsRead, scored, series, pending, readFailures, timeZone]
  );
  // The notice's or banner's wrapped height, measured once rendered; one line's until then.
  const [topHeight, setTopHeight] = useState(0);
  const layout = panelLayout(width, height, display, listOpen, { notice: notice !== null, wrappedHeight: topHeight });
  const toggle = (layout.listCollapsed || listOpen) && (
    <button
      type="button"
      className={styles.toggle}
      data-testid={TEST_IDS.listToggle}
      onClick={() => setListOpen(!listOpen)}
      aria-pressed={listOpen}
    >
      {listOpen ? 'Hide ranked list' : `Ranked list (${scored.length})`}
    </button>
  );

  return (
    <div
      className={styles.panel}
      style={{ width, height }}
      data-testid={TEST_IDS.panel}
      data-scored-in={where ?? undefined}
      data-pending={pending}
    >
      {layout.bannerHeight > 0 && (
        <TopRow
          notice={notice}
          scored={scored}
          afterMs={scoreOptions.afterMs ?? 0}
          caveat={caveat}
          height={layout.bannerHeight}
          onTopHeight={setTopHeight}
        />
      )}
      {layout.summaryHeight > 0 && (
        <SummaryRow
          scored={scored}
          pending={pending}
          range={{ from, to }}
          height={layout.summaryHeight}
          toggle={toggle}
          text={summaryText}
        />
      )}
      <div className={layout.list?.placement === 'right' ? styles.row : styles.column}>
        <ImpactGraph
          series={series}
          scored={scored}
          from={from}
          to={to}
          width={layout.graph.width}
          height={layout.graph.height}
          showWindows={display.showWindowsOnHover}
          onZoom={onZoom}
        />
        {layout.list && (
          <div style={{ width: layout.list.width, height: layout.list.height }} className={styles.list}>
            <RankedList scored={scored} height={layout.list.height} onSelect={zoomToEvent} />
          </div>
        )}
      </div>
    </div>
  );
}
