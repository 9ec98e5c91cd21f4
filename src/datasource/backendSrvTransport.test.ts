import { Observable, of, throwError } from 'rxjs';

import { TransportError } from '../http/types';
import { backendSrvTransport } from './backendSrvTransport';

const fetchMock = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: fetchMock }),
}));

afterEach(() => fetchMock.mockReset());

describe('backendSrvTransport', () => {
  it('resolves an answer with its status, headers and text body', async () => {
    fetchMock.mockReturnValue(of({ status: 200, headers: new Headers({ link: '<x>; rel="next"' }), data: '[1]' }));
    const response = await backendSrvTransport('/api/datasources/proxy/uid/a/github/x');
    expect(response.status).toBe(200);
    expect(response.header('link')).toBe('<x>; rel="next"');
    expect(response.body).toBe('[1]');
  });

  it('sends a POST with its JSON text as the body and a JSON content type', async () => {
    fetchMock.mockReturnValue(of({ status: 200, headers: new Headers(), data: '{"data":{}}' }));
    const response = await backendSrvTransport('/p/github/graphql', undefined, { method: 'POST', jsonBody: '{"query":"{ viewer { login } }"}' });
    expect(response.body).toBe('{"data":{}}');
    expect(fetchMock).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/p/github/graphql', method: 'POST', data: '{"query":"{ viewer { login } }"}', headers: { 'Content-Type': 'application/json' } })
    );
  });

  it("sends a PATCH with its body and the media type it names (LaunchDarkly's semantic patch)", async () => {
    fetchMock.mockReturnValue(of({ status: 200, headers: new Headers(), data: '{}' }));
    const type = 'application/json; domain-model=launchdarkly.semanticpatch';
    await backendSrvTransport('/p/act/launchdarkly/api/v2/flags/shop/x', undefined, { method: 'PATCH', jsonBody: '{"environmentKey":"production"}', contentType: type });
    expect(fetchMock).toHaveBeenCalledWith(
      expect.objectContaining({ method: 'PATCH', data: '{"environmentKey":"production"}', headers: { 'Content-Type': type } })
    );
  });

  it('sends a GET without a body or a content type', async () => {
    fetchMock.mockReturnValue(of({ status: 200, headers: new Headers(), data: '{}' }));
    await backendSrvTransport('/p/unleash/api/admin/projects/default/features/x');
    const sent = fetchMock.mock.calls[0][0];
    expect(sent.method).toBe('GET');
    expect(sent).not.toHaveProperty('data');
    expect(sent).not.toHaveProperty('headers');
  });

  it('resolves HTTP error statuses so the client can explain them', async () => {
    fetchMock.mockReturnValue(throwError(() => ({ status: 401, data: { message: 'Bad credentials' } })));
    const response = await backendSrvTransport('/p/x');
    expect(response.status).toBe(401);
    expect(response.body).toBe('{"message":"Bad credentials"}');
  });

  it('unsubscribes from the request in flight when the signal aborts, and rejects with its reason', async () => {
    let unsubscribed = false;
    fetchMock.mockReturnValue(new Observable(() => () => (unsubscribed = true)));
    const controller = new AbortController();
    const pending = backendSrvTransport('/p/slow', controller.signal);
    const reason = new Error('cancelled by the panel');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(unsubscribed).toBe(true);
  });

  it('starts no request when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(backendSrvTransport('/p/x', controller.signal)).rejects.toThrow('gone');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('turns a request that got no answer into a TransportError', async () => {
    fetchMock.mockReturnValue(throwError(() => ({ status: 0, data: null })));
    await expect(backendSrvTransport('/p/x')).rejects.toBeInstanceOf(TransportError);
  });
});
