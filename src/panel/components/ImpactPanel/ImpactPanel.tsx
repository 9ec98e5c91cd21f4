import React, { useCallback, useMemo, useState } from 'react';
import { PanelProps } from '@grafana/data';
import { UPlotChart, UPlotConfigBuilder, useStyles2 } from '@grafana/ui';

import { formatDuration } from '../../../engine/describe';
import { eventZoom } from '../../../engine/eventZoom';
import { extractEvents } from '../../data/extractEvents';
import { extractSeries } from '../../data/extractSeries';
import { filterEvents } from '../../data/filterEvents';
import { summarize } from '../../data/summarize';
import { panelLayout } from '../../layout/panelLayout';
import { DEFAULT_OPTIONS, toEngineOptions } from '../../options';
import { TEST_IDS } from '../../testIds';
import { useImpactScores } from '../../scoring/useImpactScores';
import { ImpactOptions, ScoredEvent } from '../../types';
import { Banner, newestChange } from '../Banner';
import { EmptyState } from '../EmptyState';
import { ImpactGraph } from '../ImpactGraph';
import { RankedList } from '../RankedList';
import { getStyles } from './ImpactPanel.styles';

type Props = PanelProps<ImpactOptions>;

/**
 * The chart pieces come from the running Grafana's @grafana/ui. They are public in 10.4 to
 * 12.x; should a later release drop them, the panel says so instead of crashing.
 */
function chartAvailable(): boolean {
  return typeof UPlotChart === 'function' && typeof UPlotConfigBuilder === 'function';
}

/**
 * The Deploy Impact panel: metric series with the deploy events over them, each event scored
 * by the impact engine, ranked, and the newest one's decision in a banner.
 */
export function ImpactPanel({ data, timeRange, width, height, options: saved, onChangeTimeRange, replaceVariables }: Props) {
  const styles = useStyles2(getStyles);
  // Text options accept dashboard variables; multi-value variables become comma lists.
  const options = useMemo(() => {
    const merged = { ...DEFAULT_OPTIONS, ...saved };
    const interpolate = (text: string) => (text ? replaceVariables(text, undefined, 'csv') : text);
    return { ...merged, seriesMatch: interpolate(merged.seriesMatch), services: interpolate(merged.services), environments: interpolate(merged.environments), sources: interpolate(merged.sources) };
  }, [saved, replaceVariables]);
  const [listOpen, setListOpen] = useState(false);
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();

  const series = useMemo(() => extractSeries(data.series, options.seriesMatch), [data.series, options.seriesMatch]);
  const allEvents = useMemo(() => extractEvents(data.series, data.annotations ?? []), [data.series, data.annotations]);
  const events = useMemo(
    () => filterEvents(allEvents, options).filter((e) => e.time >= from && e.time <= to),
    [allEvents, options, from, to]
  );
  const engineOptions = useMemo(() => toEngineOptions(options), [options]);
  // Markers and rows appear at once; each takes its colour when its score arrives.
  const { scored, pending, where } = useImpactScores(series, events, engineOptions);
  const summary = useMemo(() => summarize(scored), [scored]);

  const zoom = useCallback((start: number, end: number) => onChangeTimeRange({ from: Math.round(start), to: Math.round(end) }), [onChangeTimeRange]);
  const zoomToEvent = useCallback(
    (s: ScoredEvent) => zoom(...eventZoom(s.event.time, engineOptions.beforeMs ?? 0, engineOptions.afterMs ?? 0)),
    [zoom, engineOptions]
  );

  if (!chartAvailable()) {
    return (
      <div className={styles.panel} style={{ width, height }} data-testid={TEST_IDS.panel}>
        <EmptyState title="This Grafana version does not provide the chart component">
          The Deploy Impact panel draws with @grafana/ui&apos;s UPlotChart, which this Grafana does not export. Use a Grafana between 10.4 and
          12.x, or a SafeDeploy release that supports this one.
        </EmptyState>
      </div>
    );
  }

  if (series.length === 0) {
    return (
      <div className={styles.panel} style={{ width, height }} data-testid={TEST_IDS.panel}>
        <EmptyState title="No metric series">
          {options.seriesMatch && data.series.length > 0
            ? `No numeric series matches "${options.seriesMatch}". Change "Error series" in the panel options, or clear it to use every series.`
            : 'Add a query that returns error counts or rates (for example a Prometheus rate of 5xx responses), and one that returns deploy events (SafeDeploy Events) or an annotation query.'}
        </EmptyState>
      </div>
    );
  }

  const layout = panelLayout(width, height, options, listOpen);
  const newest = newestChange(scored);
  const seriesStart = Math.min(...series.map((s) => s.times[0] ?? Infinity));
  const seriesEnd = Math.max(...series.map((s) => s.times[s.times.length - 1] ?? -Infinity));
  const overlapping = scored.filter((s) => s.event.time >= seriesStart && s.event.time <= seriesEnd);

  let notice: string | null = null;
  if (allEvents.length === 0) {
    notice = 'No deploy events in this time range: add a SafeDeploy Events query or an annotation query with deploys.';
  } else if (events.length === 0) {
    notice = `${allEvents.length} events, none in this time range that the panel options let count (kinds, services, environments, sources).`;
  } else if (overlapping.length === 0) {
    notice = `${events.length} events, but none falls inside the metric series (${new Date(seriesStart).toISOString()} to ${new Date(seriesEnd).toISOString()}).`;
  } else if (pending > 0) {
    notice = `Scoring ${events.length.toLocaleString('en')} events: ${(events.length - pending).toLocaleString('en')} done.`;
  }

  const cfr = summary.changeFailureRate === null ? 'n/a' : `${Math.round(summary.changeFailureRate * 100)}%`;
  const ttr = summary.medianTimeToRestoreMs === null ? 'n/a' : formatDuration(summary.medianTimeToRestoreMs);

  return (
    <div className={styles.panel} style={{ width, height }} data-testid={TEST_IDS.panel} data-scored-in={where ?? undefined} data-pending={pending}>
      {layout.bannerHeight > 0 && (
        <div style={{ height: layout.bannerHeight }}>
          {notice ? (
            <div className={styles.notice} role="status">
              {notice}
            </div>
          ) : (
            newest && <Banner scored={newest} afterMs={engineOptions.afterMs ?? 0} />
          )}
        </div>
      )}
      {layout.summaryHeight > 0 && (
        <div className={styles.summary} style={{ height: layout.summaryHeight }} data-testid={TEST_IDS.summary}>
          <span>
            {summary.deploys} deploys · change failure rate {pending > 0 ? '…' : cfr} · median time to restore {pending > 0 ? '…' : ttr}
          </span>
          {(layout.listCollapsed || listOpen) && (
            <button type="button" className={styles.toggle} data-testid={TEST_IDS.listToggle} onClick={() => setListOpen(!listOpen)} aria-pressed={listOpen}>
              {listOpen ? 'Hide ranked list' : `Ranked list (${scored.length})`}
            </button>
          )}
        </div>
      )}
      <div className={layout.list?.placement === 'right' ? styles.row : styles.column}>
        <ImpactGraph
          series={series}
          scored={scored}
          timeRange={timeRange}
          width={layout.graph.width}
          height={layout.graph.height}
          showWindows={options.showWindowsOnHover}
          onZoom={zoom}
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
