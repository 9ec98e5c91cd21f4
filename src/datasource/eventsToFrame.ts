import { DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { DeployEvent, EventNotice, EventStatus } from '../events/types';

/** Per-status annotation colour (Grafana's classic palette), kept when events become annotations. */
export const STATUS_COLOR: Record<EventStatus, string> = {
  [EventStatus.Success]: '#73BF69',
  [EventStatus.Failure]: '#F2495C',
  [EventStatus.InProgress]: '#5794F2',
  [EventStatus.Cancelled]: '#8E8E8E',
  [EventStatus.Unknown]: '#B877D9',
};

/**
 * One frame per query. Field names match the event model and Grafana's default annotation
 * mapping (`time`, `timeEnd`, `title`, `text`, `tags`, `id`, `color`), so the same frame
 * serves a table, annotations on any panel, and the Deploy Impact panel.
 */
export function eventsToFrame(events: readonly DeployEvent[], refId: string, notices: readonly EventNotice[] = []): DataFrame {
  const column = <K extends keyof DeployEvent>(key: K) => events.map((e) => e[key]);
  const string = (name: keyof DeployEvent) => ({ name, type: FieldType.string, config: {}, values: column(name) });
  return {
    refId,
    name: refId,
    length: events.length,
    meta: {
      preferredVisualisationType: 'table',
      notices: notices.map((n): QueryResultMetaNotice => ({ severity: n.severity, text: n.text })),
    },
    fields: [
      { name: 'time', type: FieldType.time, config: { displayName: 'Time' }, values: column('time') },
      { name: 'timeEnd', type: FieldType.time, config: { displayName: 'End' }, values: column('timeEnd') },
      string('title'),
      string('service'),
      string('environment'),
      string('kind'),
      string('status'),
      string('version'),
      string('commit'),
      string('author'),
      string('source'),
      string('text'),
      {
        name: 'url',
        type: FieldType.string,
        // Only http(s) URLs survive normalization, so the link can never run script.
        config: { links: [{ title: 'Open in CI', url: '${__value.raw}', targetBlank: true }] },
        values: column('url'),
      },
      { name: 'tags', type: FieldType.other, config: {}, values: column('tags') },
      string('id'),
      // Flag and config changes: what was switched, and its state before and after.
      { name: 'flagKey', type: FieldType.string, config: {}, values: events.map((e) => e.flagKey ?? '') },
      { name: 'fromState', type: FieldType.string, config: {}, values: events.map((e) => e.fromState ?? '') },
      { name: 'toState', type: FieldType.string, config: {}, values: events.map((e) => e.toState ?? '') },
      // The release gate's verdict, on deploys read back from its Grafana annotations.
      { name: 'gateVerdict', type: FieldType.string, config: {}, values: events.map((e) => e.gateVerdict ?? '') },
      // Deploys: the changes they shipped (null where the source did not say, which is not 0).
      { name: 'mergedChanges', type: FieldType.number, config: { displayName: 'Changes' }, values: events.map((e) => e.mergedChanges ?? null) },
      { name: 'mergeTimes', type: FieldType.other, config: { custom: { hidden: true } }, values: events.map((e) => e.mergeTimes ?? null) },
      {
        name: 'mergedChangesLowerBound',
        type: FieldType.boolean,
        config: { custom: { hidden: true } },
        values: events.map((e) => (e.mergedChanges === undefined ? null : (e.mergedChangesLowerBound ?? false))),
      },
      { name: 'color', type: FieldType.string, config: { custom: { hidden: true } }, values: events.map((e) => STATUS_COLOR[e.status]) },
    ],
  };
}
