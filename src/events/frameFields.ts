/**
 * The fields an event carries in a query frame, in column order: the one list the frame
 * writer (datasource/eventsToFrame) writes and the reader (frames/extractEvents) reads. Names
 * follow the event model and Grafana's default annotation mapping (`time`, `timeEnd`,
 * `title`, `text`, `tags`, `id`, `color`), so one frame serves a table, annotations on any
 * panel and the Deploy Impact panel. Types are Grafana's field type names; `hidden` fields
 * are kept out of tables.
 */
export const EVENT_FRAME_FIELDS = [
  { name: 'time', type: 'time', displayName: 'Time' },
  { name: 'timeEnd', type: 'time', displayName: 'End' },
  { name: 'title', type: 'string' },
  { name: 'service', type: 'string' },
  { name: 'environment', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'commit', type: 'string' },
  { name: 'author', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'text', type: 'string' },
  { name: 'url', type: 'string' },
  { name: 'tags', type: 'other' },
  { name: 'id', type: 'string' },
  // Flag and config changes: what was switched, and its state before and after.
  { name: 'flagKey', type: 'string' },
  { name: 'fromState', type: 'string' },
  { name: 'toState', type: 'string' },
  // The release gate's verdict, on deploys read back from its Grafana annotations.
  { name: 'gateVerdict', type: 'string' },
  // Deploys: the changes they shipped (null where the source did not say, which is not 0).
  { name: 'mergedChanges', type: 'number', displayName: 'Changes' },
  { name: 'mergeTimes', type: 'other', hidden: true },
  { name: 'mergedChangesLowerBound', type: 'boolean', hidden: true },
  // The annotation colour of the event's status.
  { name: 'color', type: 'string', hidden: true },
] as const satisfies ReadonlyArray<{ name: string; type: 'time' | 'string' | 'number' | 'boolean' | 'other'; displayName?: string; hidden?: boolean }>;

/** The name of a field an event carries in a frame. */
export type EventFrameField = (typeof EVENT_FRAME_FIELDS)[number]['name'];

/**
 * The tag of the one annotation a SafeDeploy Events layer adds when its read got nothing or only
 * part (Grafana shows no error of an annotation query): the Deploy Impact panel says why from it.
 */
export const READ_FAILURE_TAG = 'safedeploy-error';
