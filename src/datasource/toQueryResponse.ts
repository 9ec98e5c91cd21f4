import { DataQueryError, DataQueryResponse, LoadingState } from '@grafana/data';

import { EventBatch, EventNotice } from '../events/types';
import { eventsToFrame } from './eventsToFrame';

/**
 * One query's finished read as Grafana expects it: a read that got no event and met an error
 * (bad token, unreachable host) is the response's `error`/`errors` with `LoadingState.Error`,
 * so a panel shows its error corner and an annotation layer its toast; a read that got events
 * and lost some keeps them, each loss a warning notice saying what is missing.
 *
 * @example
 * toQueryResponse({ events: [], notices: [{ severity: 'error', text: 'GitHub returned 401: ...' }] }, 'A')
 * // => { key: 'A', state: LoadingState.Error, data: [], error: { refId: 'A', message: 'GitHub returned 401: ...' }, errors: [...] }
 */
export function toQueryResponse(batch: EventBatch, refId: string): DataQueryResponse {
  const failures = batch.notices.filter((n) => n.severity === 'error');
  if (batch.events.length === 0 && failures.length > 0) {
    return queryError(refId, failures.map((n) => n.text));
  }
  const notices = batch.notices.map(
    (n): EventNotice => (n.severity === 'error' ? { severity: 'warning', text: `Partial result, not everything was read: ${n.text}` } : n)
  );
  return { key: refId, state: LoadingState.Done, data: [eventsToFrame(batch.events, refId, notices)] };
}

/** A query that read nothing: Grafana's error path, one error per cause. */
export function queryError(refId: string, messages: readonly string[]): DataQueryResponse {
  const errors: DataQueryError[] = messages.map((message) => ({ refId, message }));
  return { key: refId, state: LoadingState.Error, data: [], error: { refId, message: messages.join(' ') }, errors };
}
