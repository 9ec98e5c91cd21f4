import { BackendSrvRequest } from '@grafana/runtime';
import { of } from 'rxjs';

import { ActionOutcome, FlagTarget } from '../act/types';
import { readFixture } from '../events/testing/fixtures';
import { EventsDataSource } from './datasource';

// The panel's data may be minutes or hours old when "Turn off now" is confirmed: the datasource
// reads the flag's changes since the one judged, through the read-only route, before it sends
// anything, and leaves alone a flag changed again since.

const fetchMock = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: fetchMock }),
}));

/** Unleash's event search (tests/fixtures/ci/unleash, CONSTRUCTED from its schemas): id 41 turned new-checkout off, 42 on again. */
const search = readFixture('unleash/events_search_CONSTRUCTED.json') as { events: Array<Record<string, unknown>> };
/** The change judged: new-checkout turned on in production, an hour before the fixture's two later changes. */
const JUDGED_AT = Date.parse('2022-06-29T11:00:00Z');
const TARGET: FlagTarget = { provider: 'unleash', project: 'default', flag: 'new-checkout', environment: 'production', judged: { id: 'unleash:40', at: JUDGED_AT } };

function datasource() {
  return new EventsDataSource({ id: 1, uid: 'events', type: 'safedeploy-events-datasource', name: 'SafeDeploy Events', jsonData: { unleashUrl: 'http://unleash:4242' }, meta: {} as never, access: 'proxy', readOnly: false });
}

/** The data proxy: the event search answers `events`; the flag reads on in production until a turn-off, which is recorded. */
function serve(events: Array<Record<string, unknown>>, searchStatus = 200) {
  const sent: string[] = [];
  let enabled = true;
  fetchMock.mockImplementation((request: BackendSrvRequest) => {
    sent.push(`${request.method ?? 'GET'} ${request.url}`);
    if (String(request.url).includes('/api/admin/search/events')) {
      return of({ status: searchStatus, data: JSON.stringify(searchStatus === 200 ? { events, total: events.length } : { message: 'down' }), headers: new Headers(), ok: searchStatus === 200 });
    }
    enabled = enabled && request.method !== 'POST';
    const feature = { name: 'new-checkout', environments: [{ name: 'production', enabled }] };
    return of({ status: 200, data: request.method === 'POST' ? '' : JSON.stringify(feature), headers: new Headers(), ok: true });
  });
  return sent;
}

beforeEach(() => fetchMock.mockReset());

describe('EventsDataSource.turnFlagOff reads the flag\'s changes since the one judged first', () => {
  it('leaves alone a flag turned off and on again since: that later change is what is live, and nothing is sent', async () => {
    const sent = serve(search.events);
    const result = await datasource().turnFlagOff(TARGET);
    expect(result).toStrictEqual({
      outcome: ActionOutcome.Refused,
      message:
        'flag new-checkout was changed again in production at 2022-06-29T13:29:48.000Z (on), after the change judged: what is live now is that change, so nothing was changed. Refresh the panel to judge it, or turn the flag off in Unleash.',
    });
    expect(sent.filter((s) => !s.startsWith('GET'))).toStrictEqual([]);
    // Read through the read-only route, in the flag's project and environment, from the change judged.
    expect(sent[0]).toMatch(/^GET \/api\/datasources\/proxy\/uid\/events\/unleash\/api\/admin\/search\/events\?.*project=IS%3Adefault.*environment=IS%3Aproduction/);
  });

  it('says a flag turned off since is already off, and sends nothing', async () => {
    const sent = serve(search.events.filter((e) => e.id === 41));
    const result = await datasource().turnFlagOff(TARGET);
    expect(result.outcome).toBe(ActionOutcome.AlreadyDone);
    expect(result.message).toBe('flag new-checkout was already turned off in production at 2022-06-29T12:02:11.000Z, after the change judged; nothing to do.');
    expect(sent.filter((s) => !s.startsWith('GET'))).toStrictEqual([]);
  });

  it('turns the flag off when nothing changed since', async () => {
    const sent = serve([]);
    const result = await datasource().turnFlagOff(TARGET);
    expect(sent.filter((s) => s.startsWith('POST'))).toStrictEqual(['POST /api/datasources/proxy/uid/events/act/unleash/api/admin/projects/default/features/new-checkout/environments/production/off']);
    expect(result.outcome).toBe(ActionOutcome.Acted);
  });

  it('sends nothing when the changes cannot be read, and says why', async () => {
    const sent = serve([], 503);
    const result = await datasource().turnFlagOff(TARGET);
    expect(result.outcome).toBe(ActionOutcome.Failed);
    expect(result.message).toMatch(/^the changes of flag new-checkout since the one judged could not be read \(.*503.*\), so nothing was changed: try again, or turn it off in Unleash\.$/);
    expect(sent.filter((s) => !s.startsWith('GET'))).toStrictEqual([]);
  });
});
