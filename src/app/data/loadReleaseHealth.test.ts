import { createDataFrame, FieldType } from '@grafana/data';
import { NEVER, of, throwError } from 'rxjs';

import { settledAfter } from '../../testing/settledAfter';
import { withAppDefaults } from '../withAppDefaults';
import { HISTORY_LIMIT, loadReleaseHealth, PAGER_TIMEOUT_MS, pagerLoadOf } from './loadReleaseHealth';

const mockRunQuery = jest.fn();
jest.mock('./runQuery', () => ({ ...jest.requireActual('./runQuery'), runQuery: (...args: unknown[]) => mockRunQuery(...args) }));
const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (...args: unknown[]) => mockFetch(...args) }),
}));

const MIN = 60_000;
const TO = Date.UTC(2026, 10, 30);
const range = { from: TO - 30 * 86_400_000, to: TO };
const settings = withAppDefaults({
  eventSources: [{ datasource: { uid: 'events', type: 'safedeploy-events-datasource' }, provider: 'github', scope: 'shop/checkout', environment: 'production' }],
});

/**
 * CONSTRUCTED state history in the shape of GET /api/v1/rules/history (Grafana's
 * pkg/services/ngalert/api/tooling/definitions/ruler_state_history.go: a data frame with
 * time, line, labels): `rows` transitions of checkout's alert, every other one into Alerting.
 */
const history = (rows: number) => ({
  schema: { fields: [{ name: 'time' }, { name: 'line' }, { name: 'labels' }] },
  data: {
    values: [
      Array.from({ length: rows }, (_, i) => TO - i * MIN),
      Array.from({ length: rows }, (_, i) => ({ previous: i % 2 ? 'Normal' : 'Alerting', current: i % 2 ? 'Alerting' : 'Normal', labels: { service: 'checkout' } })),
      Array.from({ length: rows }, () => ({ service: 'checkout' })),
    ],
  },
});

beforeEach(() => {
  mockRunQuery.mockReset().mockResolvedValue({ frames: [], error: null });
  mockFetch.mockReset();
});

describe('loadReleaseHealth: pager load', () => {
  it('counts firing alerts per service from a history under the limit, whole', async () => {
    mockFetch.mockReturnValue(of({ data: history(10) }));
    const health = await loadReleaseHealth(settings, range);
    expect(pagerLoadOf(health, 'checkout')).toStrictEqual({ state: 'ok', firing: 5, lowerBound: false });
    expect(health.notices).toStrictEqual([]);
  });

  // A history that filled the 10,000-row limit was taken as complete.
  it('marks the count a lower bound, with a notice, when the history answer fills the row limit', async () => {
    mockFetch.mockReturnValue(of({ data: history(HISTORY_LIMIT) }));
    const health = await loadReleaseHealth(settings, range);
    expect(mockFetch.mock.calls[0][0].params.limit).toBe(HISTORY_LIMIT);
    expect(pagerLoadOf(health, 'checkout')).toStrictEqual({ state: 'ok', firing: HISTORY_LIMIT / 2, lowerBound: true });
    expect(health.notices).toHaveLength(1);
    expect(health.notices[0]).toMatchObject({ severity: 'warning', text: expect.stringMatching(/limit of 10,000 transitions.*lower bound/) });
  });

  // Grafana's default state-history backend (annotations) answers 500 with this message to a
  // query without ruleUID (pkg/services/ngalert/state/historian/annotation.go, api_history.go).
  it('says the Loki backend is needed when Grafana keeps state history in annotations', async () => {
    mockFetch.mockReturnValue(throwError(() => ({ status: 500, data: { message: 'ruleUID is required to query annotations' } })));
    const pager = pagerLoadOf(await loadReleaseHealth(settings, range), 'checkout');
    expect(pager.state).toBe('unavailable');
    expect(pager.state === 'unavailable' && pager.reason).toMatch(/annotations.*needs the Loki state-history backend/);
  });

  describe('edge cases', () => {
    // The state history request had no deadline: a Grafana that never answered it left every page spinning.
    it('gives up on a state history that never answers, and the pages load with pager load unknown', async () => {
      mockFetch.mockReturnValue(NEVER);
      const health = await settledAfter(PAGER_TIMEOUT_MS + 1000, () => loadReleaseHealth(settings, range));
      expect(health).not.toBeNull();
      const pager = pagerLoadOf(health!, 'checkout');
      expect(pager.state === 'unavailable' && pager.reason).toMatch(/did not answer within 60 s/);
    });

    it('never claims annotations work when the history API is missing', async () => {
      mockFetch.mockReturnValue(throwError(() => ({ status: 404, data: { message: 'Not found' } })));
      const pager = pagerLoadOf(await loadReleaseHealth(settings, range), 'checkout');
      expect(pager.state === 'unavailable' && pager.reason).toMatch(/HTTP 404.*Loki/);
      expect(pager.state === 'unavailable' && pager.reason).not.toMatch(/or annotations/);
    });
  });
});

describe('loadReleaseHealth: error metrics', () => {
  // Each query waited out its own 60 s deadline: a metric data source that never answered held
  // the pages for a minute per four services, over an hour for a few hundred.
  it('stops querying a data source that did not answer within the deadline, and says which services were not read', async () => {
    const many = withAppDefaults({
      eventSources: [{ datasource: { uid: 'events', type: 'safedeploy-events-datasource' }, provider: 'github', scope: 'shop/checkout' }],
      serviceMetrics: Array.from({ length: 12 }, (_, i) => ({ service: `svc-${i}`, datasource: { uid: 'prom', type: 'prometheus' }, query: { expr: 'errors' } })),
    });
    mockFetch.mockReturnValue(of({ data: history(0) }));
    mockRunQuery.mockImplementation((ref: { uid: string }) =>
      ref.uid === 'prom'
        ? new Promise((resolve) => setTimeout(() => resolve({ frames: [], error: 'no answer within 60 s', timedOut: true }), 60_000))
        : Promise.resolve({ frames: [], error: null })
    );
    const health = await settledAfter(61_000, () => loadReleaseHealth(many, range));
    expect(health).not.toBeNull();
    expect(mockRunQuery.mock.calls.filter(([ref]) => ref.uid === 'prom')).toHaveLength(4);
    const states = health!.services.map((s) => s.metric);
    expect(states.every((m) => m.state === 'error')).toBe(true);
    expect(states.filter((m) => m.state === 'error' && /not queried/.test(m.message))).toHaveLength(8);
    expect(health!.notices.filter((n) => /did not answer/.test(n.text))).toStrictEqual([
      { severity: 'warning', text: expect.stringMatching(/prom did not answer within 60 s: the error metrics of 8 services were not queried/) },
    ]);
  });

  it('says when a service\'s errors stay counts because its requests cannot be told apart, instead of saying nothing', async () => {
    // CONSTRUCTED: `sum by (service, instance)` on both queries, frames as Grafana's Prometheus data source returns them.
    const perInstance = (name: string, instance: string) =>
      createDataFrame({
        fields: [
          { name: 'Time', type: FieldType.time, values: [TO - 2 * MIN, TO - MIN] },
          { name, type: FieldType.number, values: [5, 6], labels: { service: 'checkout', instance } },
        ],
      });
    const split = withAppDefaults({
      eventSources: [{ datasource: { uid: 'events', type: 'safedeploy-events-datasource' }, provider: 'github', scope: 'shop/checkout' }],
      serviceMetrics: [{ service: 'checkout', datasource: { uid: 'prom', type: 'prometheus' }, query: { expr: 'errors' } }],
      requestsTemplate: { datasource: { uid: 'prom', type: 'prometheus' }, query: { expr: 'requests' } },
    });
    mockFetch.mockReturnValue(of({ data: history(0) }));
    mockRunQuery.mockImplementation((ref: { uid: string }, targets: Array<{ expr?: string }>) =>
      Promise.resolve({
        frames: ref.uid === 'prom' ? ['a', 'b'].map((instance) => perInstance(targets[0].expr === 'requests' ? 'requests' : 'errors', instance)) : [],
        error: null,
      })
    );
    const health = await loadReleaseHealth(split, range);
    expect(health.notices.filter((n) => n.text.startsWith('Requests of checkout'))).toHaveLength(2);
    expect(health.notices.find((n) => n.text.startsWith('Requests of checkout'))).toMatchObject({
      severity: 'warning',
      text: expect.stringMatching(/^Requests of checkout: 2 requests series and 2 error series share the service and version of .*: judged as a count; sum both queries by the same labels\.$/),
    });
  });
});
