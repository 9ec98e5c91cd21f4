import React, { useCallback, useMemo } from 'react';
import { LoadingState, PanelProps } from '@grafana/data';
import { UPlotChart, UPlotConfigBuilder, useStyles2, useTheme2 } from '@grafana/ui';

import { fillInVariables } from '../../../events/fillInVariables';
import { extractEvents, readFailures } from '../../../frames/extractEvents';
import { judgeInputs } from '../../../frames/extractSeries';
import { toEngineOptions } from '../../../frames/toEngineOptions';
import { ActingProvider } from '../../act/ActingContext';
import { asTimeSeriesFrames } from '../../data/asTimeSeriesFrames';
import { filterEvents } from '../../data/filterEvents';
import { noSeriesText } from '../../data/noSeriesText';
import { requestsCaveat } from '../../data/requestsCaveat';
import { SeriesDisplayContext } from '../../data/SeriesDisplayContext';
import { TimeZoneContext } from '../../data/TimeZoneContext';
import { PLAIN_DISPLAY, seriesDisplays } from '../../data/seriesDisplays';
import { normalizeOptions } from '../../migrateOptions';
import { useImpactScores } from '../../scoring/useImpactScores';
import { TEST_IDS } from '../../testIds';
import { ImpactOptions } from '../../types';
import { ImpactDisplay } from '../ImpactDisplay';
import { getStyles } from '../ImpactDisplay/ImpactDisplay.styles';
import { EmptyState } from '../EmptyState';

type Props = PanelProps<ImpactOptions>;

/**
 * The chart pieces come from the running Grafana's @grafana/ui. They are public in 10.4 to
 * 12.x; should a later release drop them, the panel says so instead of crashing.
 */
function chartAvailable(): boolean {
  return typeof UPlotChart === 'function' && typeof UPlotConfigBuilder === 'function';
}

/** Saved options over the defaults; text options accept dashboard variables (multi-value ones become comma lists). */
function useInterpolatedOptions(saved: ImpactOptions, replaceVariables: Props['replaceVariables']): ImpactOptions {
  return useMemo(() => {
    // Whether or not Grafana ran the migration handler, each option in its default's shape.
    const merged = normalizeOptions(saved as unknown as Record<string, unknown>);
    const interpolate = (text: string) => (text ? replaceVariables(text, undefined, 'csv') : text);
    // The filters as the datasource fills its own: a variable at "All" with a custom all value
    // (`.*`, written as is) counts every event, where `.*` would name no service.
    const filter = (text: string) => fillInVariables({ replace: replaceVariables }, text, undefined, { filter: true }) ?? '';
    return {
      ...merged,
      seriesMatch: interpolate(merged.seriesMatch),
      // Matched the same way as Error series, so filled the same way ($service requests).
      requestsMatch: interpolate(merged.requestsMatch),
      versionLabel: interpolate(merged.versionLabel),
      services: filter(merged.services),
      environments: filter(merged.environments),
      sources: filter(merged.sources),
    };
  }, [saved, replaceVariables]);
}

/** Why the panel shows no graph, and what to do about it. */
function PanelEmpty({
  width,
  height,
  title,
  children,
}: {
  width: number;
  height: number;
  title: string;
  children: React.ReactNode;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.panel} style={{ width, height }} data-testid={TEST_IDS.panel}>
      <EmptyState title={title}>{children}</EmptyState>
    </div>
  );
}

/** Each failed query's message, as "Query A: ...", from the errors Grafana hands the panel (every line from 10.4 on sets `errors`). */
export function queryErrorLines(data: Props['data']): string[] {
  const lines = (data.errors ?? []).map((e) => {
    const message = e.message || e.data?.message || 'it failed without a message';
    return e.refId ? `Query ${e.refId}: ${message}` : message;
  });
  return lines.length > 0 ? lines : ['A query failed without a message.'];
}

/** Why there is no metric series: a failed query, queries still running, or what the answers lacked (noSeriesText). */
function NoSeries({ data, frames, options, width, height }: { data: Props['data']; frames: Props['data']['series']; options: ImpactOptions; width: number; height: number }) {
  if (data.state === LoadingState.Error) {
    const lines = queryErrorLines(data);
    return (
      <PanelEmpty width={width} height={height} title={lines.length === 1 ? 'The query failed' : 'Queries failed'}>
        {lines.map((line) => (
          <div key={line}>{line}</div>
        ))}
      </PanelEmpty>
    );
  }
  if (data.state === LoadingState.Loading || data.state === LoadingState.NotStarted) {
    return (
      <PanelEmpty width={width} height={height} title="Loading">
        Reading the panel&apos;s queries.
      </PanelEmpty>
    );
  }
  return (
    <PanelEmpty width={width} height={height} title="No metric series">
      {noSeriesText(data, frames, options.seriesMatch, options.requestsMatch)}
    </PanelEmpty>
  );
}

/**
 * The Deploy Impact panel: reads the metric series and the deploy events from the query
 * frames and annotations, scores the events with the impact engine, and shows them (see
 * `ImpactDisplay`).
 */
export function ImpactPanel({
  data,
  timeRange,
  timeZone,
  width,
  height,
  options: saved,
  onChangeTimeRange,
  replaceVariables,
}: Props) {
  const options = useInterpolatedOptions(saved, replaceVariables);
  const theme = useTheme2();
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();

  // Metric frames as wide time series in time order, whatever the panel's transformations did.
  const frames = useMemo(() => asTimeSeriesFrames(data.series), [data.series]);
  const judged = useMemo(() => judgeInputs(frames, options), [frames, options]);
  const series = judged.series;
  const allEvents = useMemo(() => extractEvents(data.series, data.annotations ?? []), [data.series, data.annotations]);
  // Why events may be missing: an annotation layer that could not read, or a failed query (the
  // events query under -- Mixed -- fails alone while the metrics arrive, state Error).
  const errorLines = useMemo(
    () => (data.errors?.length ? queryErrorLines(data) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- queryErrorLines reads data.errors only
    [data.errors]
  );
  const failures = useMemo(() => [...readFailures(data.annotations ?? []), ...errorLines], [data.annotations, errorLines]);
  // Requests series set but matching none (its query failed), or none of some series' service: those verdicts judged counts, and say so.
  const caveat = useMemo(
    () => requestsCaveat(options.requestsMatch, judged.requestsFound, errorLines, judged.asCounts, judged.ambiguous),
    [options.requestsMatch, judged, errorLines]
  );
  const events = useMemo(
    () => filterEvents(allEvents, options).filter((e) => e.time >= from && e.time <= to),
    [allEvents, options, from, to]
  );
  // The field config (unit, bounds, links) shapes only what is shown: the engine reads the raw values.
  const displayOf = useMemo(() => {
    const displays = seriesDisplays(frames, theme, replaceVariables, timeZone);
    return (id: string) => displays.get(id) ?? PLAIN_DISPLAY;
  }, [frames, theme, replaceVariables, timeZone]);
  const engineOptions = useMemo(() => toEngineOptions(options), [options]);
  // Markers and rows appear at once; each takes its colour when its score arrives.
  const scores = useImpactScores(series, events, engineOptions);
  const zoom = useCallback(
    (start: number, end: number) => onChangeTimeRange({ from: Math.round(start), to: Math.round(end) }),
    [onChangeTimeRange]
  );

  if (!chartAvailable()) {
    return (
      <PanelEmpty width={width} height={height} title="This Grafana version does not provide the chart component">
        The Deploy Impact panel draws with @grafana/ui&apos;s UPlotChart, which this Grafana does not export. Use a
        Grafana between 10.4 and 12.x, or a SafeDeploy release that supports this one.
      </PanelEmpty>
    );
  }
  if (series.length === 0) {
    return <NoSeries data={data} frames={frames} options={options} width={width} height={height} />;
  }
  return (
    <ActingProvider targets={data.request?.targets} events={scores.scored} wanted={events.some((e) => e.flagKey)} timeZone={timeZone}>
      <SeriesDisplayContext.Provider value={displayOf}>
        <TimeZoneContext.Provider value={timeZone}>
          <ImpactDisplay
            {...scores}
            series={series}
            eventsRead={allEvents.length}
            readFailures={failures}
            from={from}
            to={to}
            width={width}
            height={height}
            display={options}
            scoreOptions={engineOptions}
            onZoom={zoom}
            caveat={caveat}
          />
        </TimeZoneContext.Provider>
      </SeriesDisplayContext.Provider>
    </ActingProvider>
  );
}
