import { NEVER, throwError } from 'rxjs';

import { settledAfter } from '../../testing/settledAfter';
import { QUERY_TIMEOUT_MS, runQuery } from './runQuery';

const mockQuery = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => ({ get: async () => ({ query: (...args: unknown[]) => mockQuery(...args) }) }),
}));

const ref = { uid: 'prom', type: 'prometheus' };
const range = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 10, 30) };

describe('runQuery', () => {
  it('answers at its deadline when the data source never does, and says it timed out', async () => {
    mockQuery.mockReturnValue(NEVER);
    expect(await settledAfter(QUERY_TIMEOUT_MS + 1, () => runQuery(ref, [{ refId: 'A' }], range))).toStrictEqual({
      frames: [],
      error: 'no answer within 60 s',
      timedOut: true,
    });
  });

  it('tells a failed query from one that timed out', async () => {
    mockQuery.mockReturnValue(throwError(() => ({ status: 502, data: { message: 'Bad Gateway' } })));
    expect(await runQuery(ref, [{ refId: 'A' }], range)).toStrictEqual({ frames: [], error: 'Bad Gateway (HTTP 502)', timedOut: false });
  });
});
