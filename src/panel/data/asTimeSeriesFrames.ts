import { DataFrame, Field, FieldType, sortDataFrame } from '@grafana/data';

import { carriesEvents } from '../../frames/extractEvents';

/** True when the times never go back (equal neighbours allowed); nulls are skipped. O(n). */
function ascending(values: ArrayLike<unknown>): boolean {
  let last = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const t = values[i];
    if (typeof t === 'number') {
      if (t < last) {
        return false;
      }
      last = t;
    }
  }
  return true;
}

/**
 * A field of a reshaped frame: its rows picked in `rows` order. What Grafana attached for the
 * frame as it was (the cached display name, the data links bound to its row numbers) is left
 * behind, so the name and links are worked out again on the new frame.
 */
function pick(field: Field, rows: number[], labels?: Record<string, string>): Field {
  return {
    ...uncached(field),
    values: rows.map((row) => field.values[row]),
    ...(labels ? { labels: { ...field.labels, ...labels } } : {}),
  };
}

/** The field without what Grafana attached for the frame it came from (see pick); its values as they are. */
function uncached(field: Field): Field {
  const { state: _state, getLinks: _getLinks, ...rest } = field;
  return rest;
}

/**
 * One frame per combination of the string fields' values (the long format's dimensions, which
 * become labels of the numeric fields), each in time order. Groups keep the order in which
 * their first row appears.
 */
function partition(frame: DataFrame, time: Field, dimensions: Field[]): DataFrame[] {
  const groups = new Map<string, { labels: Record<string, string>; rows: number[] }>();
  for (let row = 0; row < frame.length; row++) {
    const labels = Object.fromEntries(dimensions.map((d) => [d.name, String(d.values[row] ?? '')]));
    const key = JSON.stringify(dimensions.map((d) => labels[d.name]));
    const group = groups.get(key) ?? { labels, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  const kept = frame.fields.filter((f) => f === time || f.type === FieldType.number);
  return [...groups.values()].map(({ labels, rows }) => {
    const ordered = [...rows].sort((a, b) => Number(time.values[a]) - Number(time.values[b]) || a - b);
    return {
      ...frame,
      fields: kept.map((f) => (f === time ? pick(f, ordered) : pick(f, ordered, labels))),
      length: ordered.length,
    };
  });
}

/** `frame` as time series: split by its string fields when it has any, else sorted by time when it is not. */
function asTimeSeries(frame: DataFrame): DataFrame[] {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  if (!time || carriesEvents(frame) || !frame.fields.some((f) => f.type === FieldType.number)) {
    return [frame];
  }
  const dimensions = frame.fields.filter((f) => f.type === FieldType.string);
  if (dimensions.length > 0) {
    return partition(frame, time, dimensions);
  }
  if (ascending(time.values)) {
    return [frame];
  }
  const sorted = sortDataFrame(frame, frame.fields.indexOf(time));
  // sortDataFrame has already copied the values into time order.
  return [{ ...sorted, fields: sorted.fields.map(uncached) }];
}

/**
 * The panel's metric frames as wide time series, in time order, however the panel's
 * transformations shaped them: a long frame (a time field, string fields, numeric fields, as
 * "Series to rows" or a SQL query gives it) is split into one frame per combination of its
 * string fields, whose values become labels, as Grafana's "Prepare time series" (multi-frame)
 * transformation does; a frame whose times go back ("Sort by" time descending, "Series to
 * rows", which puts the newest row first) is sorted, as Grafana's time series panel sorts
 * before it draws. Frames that carry events and frames already in shape are returned as they
 * are. O(n log n) in the rows reshaped.
 *
 * @example
 * asTimeSeriesFrames([seriesToRowsFrame]) // [checkout errors frame, search errors frame], each oldest row first
 */
export function asTimeSeriesFrames(frames: DataFrame[]): DataFrame[] {
  const out = frames.flatMap(asTimeSeries);
  // The same array when nothing needed reshaping, so what is computed from it is not redone.
  return out.length === frames.length && out.every((frame, i) => frame === frames[i]) ? frames : out;
}
