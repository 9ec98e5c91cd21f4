import { DataFrame, FieldType, PanelData } from '@grafana/data';

import { carriesEvents } from '../../frames/extractEvents';

const ADD_A_QUERY =
  'Add a query that returns error counts or rates (for example a Prometheus rate of 5xx responses), and one that returns deploy events (SafeDeploy Events) or an annotation query.';

/** A frame with rows: Prometheus answers a query with no result with a frame of no fields, carrying only its meta. */
const hasRows = (frame: DataFrame) => frame.fields.length > 0 && frame.length > 0;

const isTimeSeries = (frame: DataFrame) =>
  frame.fields.some((f) => f.type === FieldType.time) && frame.fields.some((f) => f.type === FieldType.number);

/** "A", "A and B", "A, B and C". */
function list(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Why a panel whose queries have answered (not failed, not loading) has no metric series to
 * judge, and what to do: the error series option matches none, or the requests series option
 * takes them all; the queries answered with
 * tables, not time series; some queries returned nothing in the range (named, so nobody adds
 * a query that is already there); or there is no metric query at all. `frames` are the series
 * the panel reads (after reshaping, see asTimeSeriesFrames). O(frames + targets).
 *
 * @example
 * noSeriesText({ series: [eventsFrame], request: { targets: [{ refId: 'A' }, { refId: 'E' }] } }, '') // 'Query A returned no data in this time range: ...'
 */
export function noSeriesText(data: Pick<PanelData, 'series' | 'request'>, frames: DataFrame[], seriesMatch: string, requestsMatch = ''): string {
  const metricFrames = frames.filter((frame) => hasRows(frame) && !carriesEvents(frame));
  if (metricFrames.some(isTimeSeries)) {
    return seriesMatch
      ? `No numeric series matches "${seriesMatch}". Change "Error series" in the panel options, or clear it to use every series.`
      : `Every numeric series matches "Requests series" ("${requestsMatch}"), so none is left to judge: narrow "Requests series" or set "Error series" in the panel options.`;
  }
  if (metricFrames.length > 0) {
    const n = metricFrames.length;
    return `The queries returned ${n} ${n === 1 ? 'table' : 'tables'} but no time series (a time field and a number field). Set the query's format to Time series, or add a transformation that gives one.`;
  }
  const answered = new Set(data.series.filter(hasRows).map((frame) => frame.refId));
  const silent = (data.request?.targets ?? []).filter((t) => !t.hide && !answered.has(t.refId)).map((t) => t.refId);
  if (silent.length > 0) {
    const which = `${silent.length === 1 ? 'Query' : 'Queries'} ${list(silent)}`;
    return `${which} returned no data in this time range: widen the time range, or check ${silent.length === 1 ? 'the query' : 'them'} in Explore.`;
  }
  return ADD_A_QUERY;
}
