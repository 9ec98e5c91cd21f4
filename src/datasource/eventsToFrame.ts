import { DataFrame, FieldConfig, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { EVENT_FRAME_FIELDS, EventFrameField } from '../events/frameFields';
import { DeployEvent, EventNotice, EventStatus } from '../events/types';

/** Per-status annotation colour (Grafana's classic palette), kept when events become annotations. */
export const STATUS_COLOR: Record<EventStatus, string> = {
  [EventStatus.Success]: '#73BF69',
  [EventStatus.Failure]: '#F2495C',
  [EventStatus.InProgress]: '#5794F2',
  [EventStatus.Cancelled]: '#8E8E8E',
  [EventStatus.Unknown]: '#B877D9',
};

/** Each declared field's value for one event: a field the list declares and this omits does not compile. */
const VALUE_OF: { [K in EventFrameField]: (e: DeployEvent) => unknown } = {
  time: (e) => e.time,
  timeEnd: (e) => e.timeEnd,
  title: (e) => e.title,
  service: (e) => e.service,
  environment: (e) => e.environment,
  kind: (e) => e.kind,
  status: (e) => e.status,
  version: (e) => e.version,
  commit: (e) => e.commit,
  author: (e) => e.author,
  source: (e) => e.source,
  text: (e) => e.text,
  url: (e) => e.url,
  tags: (e) => e.tags,
  id: (e) => e.id,
  flagKey: (e) => e.flagKey ?? '',
  fromState: (e) => e.fromState ?? '',
  toState: (e) => e.toState ?? '',
  gateVerdict: (e) => e.gateVerdict ?? '',
  mergedChanges: (e) => e.mergedChanges ?? null,
  mergeTimes: (e) => e.mergeTimes ?? null,
  mergedChangesLowerBound: (e) => (e.mergedChanges === undefined ? null : (e.mergedChangesLowerBound ?? false)),
  color: (e) => STATUS_COLOR[e.status],
};

function configOf(field: (typeof EVENT_FRAME_FIELDS)[number]): FieldConfig {
  if (field.name === 'url') {
    // Only http(s) URLs survive normalization, so the link can never run script.
    return { links: [{ title: 'Open in CI', url: '${__value.raw}', targetBlank: true }] };
  }
  return {
    ...('displayName' in field ? { displayName: field.displayName } : {}),
    ...('hidden' in field ? { custom: { hidden: true } } : {}),
  };
}

/**
 * One frame per query, its fields the declared list (EVENT_FRAME_FIELDS) in its order, so the
 * same frame serves a table, annotations on any panel, and the Deploy Impact panel.
 */
export function eventsToFrame(events: readonly DeployEvent[], refId: string, notices: readonly EventNotice[] = []): DataFrame {
  return {
    refId,
    name: refId,
    length: events.length,
    meta: {
      preferredVisualisationType: 'table',
      notices: notices.map((n): QueryResultMetaNotice => ({ severity: n.severity, text: n.text })),
    },
    fields: EVENT_FRAME_FIELDS.map((field) => ({
      name: field.name,
      type: field.type as FieldType,
      config: configOf(field),
      values: events.map(VALUE_OF[field.name]),
    })),
  };
}
