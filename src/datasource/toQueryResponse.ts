import { DataFrame, DataQueryError, DataQueryResponse, LoadingState } from '@grafana/data';
import { Observable } from 'rxjs';

import { EventBatch, EventNotice } from '../events/types';
import { eventsToFrame } from './eventsToFrame';

/**
 * One query's finished read as Grafana expects it: a read that got no event and met an error
 * (bad token, unreachable host) is the response's `error`/`errors` with `LoadingState.Error`,
 * so a panel shows its error corner; a read that got events and lost some keeps them, each loss
 * a warning notice saying what is missing. `readTo` (the end of the range read, epoch ms) puts
 * the failure, whole or partial, in the frame too (see `queryError`), for an annotation layer.
 *
 * @example
 * toQueryResponse({ events: [], notices: [{ severity: 'error', text: 'GitHub returned 401: ...' }] }, 'A')
 * // => { key: 'A', state: LoadingState.Error, data: [], error: { refId: 'A', message: 'GitHub returned 401: ...' }, errors: [...] }
 */
export function toQueryResponse(batch: EventBatch, refId: string, readTo?: number): DataQueryResponse {
  const failures = batch.notices.filter((n) => n.severity === 'error');
  if (batch.events.length === 0 && failures.length > 0) {
    return queryError(refId, failures.map((n) => n.text), readTo);
  }
  const notices = batch.notices.map(
    (n): EventNotice => (n.severity === 'error' ? { severity: 'warning', text: `Partial result, not everything was read: ${n.text}` } : n)
  );
  const frame = eventsToFrame(batch.events, refId, notices);
  const partial = readTo !== undefined && failures.length > 0;
  return { key: refId, state: LoadingState.Done, data: [partial ? withFailure(frame, { at: readTo, messages: failures.map((n) => n.text), partial }) : frame] };
}

/** Why a read got nothing or only part, and the end of its range: carried in its frame's `meta.custom`. */
export interface ReadFailure {
  /** Epoch ms: the end of the range that was read. */
  at: number;
  messages: string[];
  /** True when the read kept the events it got (the frame holds them); false when it got none. */
  partial: boolean;
}

/**
 * A query that read nothing: Grafana's error path, one error per cause. Given the end of the
 * range read, the answer also holds an empty frame that carries the failure: Grafana keeps only
 * the events of an annotation query (its runRequest absorbs the error, and no line shows it),
 * so `eventsToAnnotations` turns that frame into a marker that says why nothing was read.
 */
export function queryError(refId: string, messages: readonly string[], readTo?: number): DataQueryResponse {
  const errors: DataQueryError[] = messages.map((message) => ({ refId, message }));
  const data = readTo === undefined ? [] : [withFailure(eventsToFrame([], refId), { at: readTo, messages: [...messages], partial: false })];
  return { key: refId, state: LoadingState.Error, data, error: { refId, message: messages.join(' ') }, errors };
}

function withFailure(frame: DataFrame, failure: ReadFailure): DataFrame {
  return { ...frame, meta: { ...frame.meta, custom: { ...frame.meta?.custom, readFailure: failure } } };
}

/** The failure an empty frame of ours carries, or null. */
export function readFailureOf(frame: DataFrame): ReadFailure | null {
  const failure: unknown = frame.meta?.custom?.readFailure;
  if (typeof failure !== 'object' || failure === null) {
    return null;
  }
  const { at, messages, partial } = failure as Partial<ReadFailure>;
  return typeof at === 'number' && Number.isFinite(at) && Array.isArray(messages) ? { at, messages: messages.map(String), partial: partial === true } : null;
}

/** The key of the packet that lists every failed query: no refId, so no query's own packet. */
export const EVERY_FAILURE_KEY = 'SafeDeploy: every failed query';

/**
 * The datasource's packets, and at the end, when several queries read nothing, one more that
 * lists all their errors. Grafana merges packets by key and shows only the errors of the last
 * failing one (runRequest's `processResponsePacket`, v10.4.0 to v12.4.0), so without it a panel
 * with two failing queries would name one, and the other would surface only once that is fixed.
 */
export function withEveryFailure(packets: Observable<DataQueryResponse>): Observable<DataQueryResponse> {
  return new Observable<DataQueryResponse>((subscriber) => {
    const failed = new Map<string, DataQueryError[]>();
    const subscription = packets.subscribe({
      next: (packet) => {
        const errors = packet.errors ?? (packet.error ? [packet.error] : []);
        if (errors.length > 0) {
          failed.set(packet.key ?? '', errors);
        } else {
          failed.delete(packet.key ?? '');
        }
        subscriber.next(packet);
      },
      error: (err: unknown) => subscriber.error(err),
      complete: () => {
        if (failed.size > 1) {
          const errors = Array.from(failed.values()).flat();
          subscriber.next({ key: EVERY_FAILURE_KEY, state: LoadingState.Error, data: [], error: { message: errors.map((e) => e.message).join(' ') }, errors });
        }
        subscriber.complete();
      },
    });
    return () => subscription.unsubscribe();
  });
}
