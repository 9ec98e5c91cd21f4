import { EngineEvent } from '../engine';
import { PanelEvent } from './types';

/**
 * What the engine needs of an event read from frames. The flag key and the state it moved
 * to are part of it: the engine's turn-off decision and its fix read them.
 *
 * @example
 * toEngineEvent(extractEvents(frames)[0]) // { time, id, service, kind, …, flagKey, toState }
 */
export function toEngineEvent(event: PanelEvent): EngineEvent {
  const { time, id, service, kind, version, environment, title, flagKey, toState } = event;
  return { time, id, service, kind, version, environment, title, flagKey, toState };
}
