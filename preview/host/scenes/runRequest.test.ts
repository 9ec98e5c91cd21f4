import { DataQueryRequest, DataSourceApi, dateTime } from '@grafana/data';
import { lastValueFrom, of } from 'rxjs';

import { runRequest } from './runRequest';

// As Grafana 12.4's runRequest (public/app/features/query/state/runRequest.ts, processResponsePacket).
describe('runRequest merges packets as Grafana 12.4 does', () => {
  const range = { from: dateTime(0), to: dateTime(1000), raw: { from: 'now-1h', to: 'now' } };
  const request = { targets: [{ refId: 'E' }, { refId: 'F' }], range } as unknown as DataQueryRequest;
  const run = (packets: object[]) => lastValueFrom(runRequest({ query: () => of(...packets) } as unknown as DataSourceApi, request));

  it('lists only the errors of the last failing packet', async () => {
    const data = await run([
      { key: 'E', data: [], state: 'Error', error: { refId: 'E', message: 'e' }, errors: [{ refId: 'E', message: 'e' }] },
      { key: 'F', data: [], state: 'Error', error: { refId: 'F', message: 'f' }, errors: [{ refId: 'F', message: 'f' }] },
    ]);
    expect([data.state, data.errors, data.error]).toStrictEqual(['Error', [{ refId: 'F', message: 'f' }], { refId: 'F', message: 'f' }]);
  });

  it("takes the latest packet's state, and an error of an earlier one over it", async () => {
    expect((await run([{ key: 'E', data: [], state: 'Streaming' }, { key: 'F', data: [] }])).state).toBe('Done');
    expect((await run([{ key: 'E', data: [], error: { message: 'e' } }, { key: 'F', data: [], state: 'Done' }])).state).toBe('Error');
  });
});
