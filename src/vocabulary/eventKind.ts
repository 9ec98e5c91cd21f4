/** What kind of change an event is: read by the providers, judged by the engine. */
export enum EventKind {
  Deploy = 'deploy',
  Rollback = 'rollback',
  Release = 'release',
  Pipeline = 'pipeline',
  Config = 'config',
  Flag = 'flag',
  Incident = 'incident',
}

export const EVENT_KINDS: readonly EventKind[] = Object.values(EventKind);
