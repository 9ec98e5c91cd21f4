import { FetchResponse, getBackendSrv, isFetchError } from '@grafana/runtime';
import { Subscription } from 'rxjs';

import { RawResponse, Transport, TransportError } from '../http/types';

function toRaw(status: number, headers: Headers | undefined, data: unknown): RawResponse {
  return {
    status,
    header: (name) => headers?.get(name) ?? null,
    body: typeof data === 'string' ? data : data === undefined || data === null ? '' : JSON.stringify(data),
  };
}

function toTransportFailure(err: unknown): RawResponse {
  if (isFetchError(err)) {
    if (err.status > 0) {
      return toRaw(err.status, undefined, err.data);
    }
    throw new TransportError('the Grafana server did not answer');
  }
  throw new TransportError('the request could not be sent');
}

/**
 * Carries SafeDeploy's requests (GETs, POSTs of GraphQL queries, and the POST or PATCH of an action on a flag, with its media type) through Grafana's backendSrv to the data proxy, which adds the
 * token from secureJsonData. Error statuses resolve like any other answer so the HTTP
 * client can explain them; Grafana's own error toasts are off. An aborted signal (a
 * cancelled panel query, a timeout) unsubscribes from backendSrv's Observable, which
 * cancels the request in flight; no request starts after the abort.
 */
export const backendSrvTransport: Transport = (url, signal, options) =>
  new Promise<RawResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    let subscription: Subscription | undefined;
    const finish = () => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (!settled) {
        finish();
        subscription?.unsubscribe();
        reject(signal?.reason);
      }
    };
    signal?.addEventListener('abort', onAbort);
    subscription = getBackendSrv()
      .fetch<unknown>({
        url,
        method: options?.method ?? 'GET',
        // The JSON text as is: backendSrv only encodes objects, and a string stays the body.
        ...(options?.method === 'POST' || options?.method === 'PATCH'
          ? { data: options.jsonBody ?? '', headers: { 'Content-Type': options.contentType ?? 'application/json' } }
          : {}),
        responseType: 'text',
        showErrorAlert: false,
        showSuccessAlert: false,
      })
      .subscribe({
        next: (response: FetchResponse<unknown>) => {
          finish();
          resolve(toRaw(response.status, response.headers, response.data));
        },
        error: (err: unknown) => {
          finish();
          try {
            resolve(toTransportFailure(err));
          } catch (failure) {
            reject(failure);
          }
        },
        complete: () => {
          if (!settled) {
            finish();
            reject(new TransportError('the Grafana server closed the answer without data'));
          }
        },
      });
  });
