import { FetchResponse, getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { RawResponse, Transport, TransportError } from '../events/http/types';

function toRaw(status: number, headers: Headers | undefined, data: unknown): RawResponse {
  return {
    status,
    header: (name) => headers?.get(name) ?? null,
    body: typeof data === 'string' ? data : data === undefined || data === null ? '' : JSON.stringify(data),
  };
}

/**
 * Carries SafeDeploy's GETs through Grafana's backendSrv to the data proxy, which adds the
 * token from secureJsonData. Error statuses resolve like any other answer so the HTTP
 * client can explain them; Grafana's own error toasts are off.
 */
export const backendSrvTransport: Transport = async (url) => {
  try {
    const response: FetchResponse<unknown> = await lastValueFrom(
      getBackendSrv().fetch<unknown>({
        url,
        method: 'GET',
        responseType: 'text',
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    return toRaw(response.status, response.headers, response.data);
  } catch (err) {
    if (isFetchError(err)) {
      if (err.status > 0) {
        return toRaw(err.status, undefined, err.data);
      }
      throw new TransportError('the Grafana server did not answer');
    }
    throw new TransportError('the request could not be sent');
  }
};
