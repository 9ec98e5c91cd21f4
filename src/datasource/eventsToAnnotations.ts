import { AnnotationEvent, DataFrame } from '@grafana/data';

import { textToAnnotationHtml } from '../events/annotationHtml';
import { READ_FAILURE_TAG } from '../events/frameFields';
import { ReadFailure, readFailureOf } from './toQueryResponse';

/**
 * The datasource's frames as Grafana annotations. Grafana's default mapping would hand
 * `title` and `text` from CI to its tooltip as HTML, so both are escaped here to show as
 * written; every other field of the row is kept (the Deploy Impact panel reads `service`,
 * `kind`, `version`... from the dashboard's annotations), and an event with an end is a region.
 * A read that got nothing or only part is one marker at the end of the range saying why (see
 * `queryError`): Grafana drops the notices of an annotation query.
 */
export function eventsToAnnotations(frames: readonly DataFrame[]): AnnotationEvent[] {
  const annotations: AnnotationEvent[] = [];
  // Last: Grafana before scenes builds the annotations' frame from the first one's keys, and
  // the marker has none of the events' own (service, kind...).
  const markers: AnnotationEvent[] = [];
  for (const frame of frames) {
    const failure = readFailureOf(frame);
    if (failure) {
      markers.push(failureAnnotation(failure));
    }
    // Its own frames (eventsToFrame): every one has a time field; an empty answer has none.
    if (!frame.fields.some((f) => f.name === 'time')) {
      continue;
    }
    for (let i = 0; i < frame.length; i++) {
      const row: Record<string, unknown> = {};
      for (const field of frame.fields) {
        row[field.name] = field.values[i];
      }
      const time = Number(row.time);
      if (!Number.isFinite(time)) {
        continue;
      }
      const end = row.timeEnd == null ? NaN : Number(row.timeEnd);
      annotations.push({
        ...row,
        time,
        timeEnd: Number.isFinite(end) && end > time ? end : undefined,
        isRegion: Number.isFinite(end) && end > time,
        title: textToAnnotationHtml(typeof row.title === 'string' ? row.title : ''),
        text: textToAnnotationHtml(typeof row.text === 'string' ? row.text : ''),
        tags: Array.isArray(row.tags) ? row.tags.filter((t): t is string => typeof t === 'string') : [],
      });
    }
  }
  return [...annotations, ...markers];
}

/**
 * The marker of a read that got nothing or only part: Grafana shows no error or notice of an
 * annotation query, so without it a layer whose token expired looks like a range without
 * deploys, and one that lost a repository like a complete one. It names no kind, so the Deploy
 * Impact panel leaves it out of the events it scores.
 */
function failureAnnotation(failure: ReadFailure): AnnotationEvent {
  return {
    time: failure.at,
    isRegion: false,
    title: textToAnnotationHtml(failure.partial ? 'SafeDeploy Events read part of the events' : 'SafeDeploy Events read nothing'),
    text: textToAnnotationHtml(failure.messages.join('\n')),
    tags: [READ_FAILURE_TAG],
  };
}
