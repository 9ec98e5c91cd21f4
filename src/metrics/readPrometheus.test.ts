/**
 * @jest-environment node
 */
import { fetchTransport } from '../cli/fetchTransport';
import { prometheusMatrix, serveLoopback } from '../cli/testing/serveLoopback';
import { createHttpClient } from '../http/createHttpClient';
import { readPrometheus } from './readPrometheus';
import { RunningPrometheus, startPrometheus } from './testing/startPrometheus';

jest.setTimeout(30_000);

const MINUTE = 60_000;
// Four hours ago and older: served from backfilled blocks.
const END = Math.floor((Date.now() - 4 * 60 * MINUTE) / MINUTE) * MINUTE;
const START = END - 60 * MINUTE;
const times = Array.from({ length: 61 }, (_, i) => START + i * MINUTE);

let prometheus: RunningPrometheus;

beforeAll(async () => {
  const gauge = (labels: Record<string, string>, value: (i: number) => number) => ({
    metric: 'latency_seconds',
    labels,
    times,
    values: times.map((_, i) => value(i)),
  });
  prometheus = await startPrometheus([
    gauge({ service: 'web', app: 'ignored', job: 'api' }, () => 0.2),
    gauge({ app: 'cart', job: 'api' }, () => 0.3),
    gauge({ job: 'batch' }, (i) => (i === 5 ? NaN : i === 6 ? -Infinity : 0.4)),
  ]);
});

afterAll(() => prometheus?.stop());

function read(queries: string[], stepMs = MINUTE, maxSeries?: number, role?: string) {
  const client = createHttpClient({
    baseUrl: prometheus.url,
    providerName: 'Prometheus',
    transport: fetchTransport({}),
  });
  return readPrometheus({ client, queries, start: START, end: END, stepMs, maxSeries, role });
}

describe('readPrometheus', () => {
  it("names each series' service by its service, app or job label, in that order", async () => {
    const result = await read(['latency_seconds']);
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    expect(result.series.map((s) => s.service).sort()).toStrictEqual(['batch', 'cart', 'web']);
    const web = result.series.find((s) => s.service === 'web')!;
    expect(web.name).toBe('latency_seconds{app="ignored",job="api",service="web"}');
    expect(Array.from(web.times)).toStrictEqual(times);
    expect(result.samples).toBe(3 * 61 - 2);
  });

  it('reads NaN and -Inf as gaps and counts them in one notice naming the query', async () => {
    const result = await read(['latency_seconds{job="batch"}']);
    expect(result.ok && result.series[0].values[5]).toBeNull();
    expect(result.ok && result.series[0].values[6]).toBeNull();
    expect(result.ok && result.notices).toStrictEqual([
      'query latency_seconds{job="batch"}: 2 NaN or infinite samples were read as gaps (a ratio divided by zero?)',
    ]);
    // A second read of the same query (the gate's requests) is told apart by its role.
    const requests = await read(['latency_seconds{job="batch"}'], MINUTE, undefined, 'requests');
    expect(requests.ok && requests.notices).toStrictEqual(['requests query latency_seconds{job="batch"}: 2 NaN or infinite samples were read as gaps (a ratio divided by zero?)']);
  });

  it('keeps series of several queries apart by the query number', async () => {
    const result = await read(['latency_seconds{job="batch"}', 'sum by (job) (latency_seconds)']);
    expect(result.ok && result.series.map((s) => s.id)).toStrictEqual([
      '1:latency_seconds{job="batch"}',
      '2:{job="api"}',
      '2:{job="batch"}',
    ]);
  });

  describe('edge cases', () => {
    it('refuses more series than the bound before converting any', async () => {
      const result = await read(['latency_seconds'], MINUTE, 2);
      expect(result).toStrictEqual({
        ok: false,
        status: null,
        message:
          'query latency_seconds returned 3 series, more than the 2 the gate reads: aggregate it, e.g. sum by (service) (...)',
      });
    });

    it('refuses a step that would need more points than Prometheus allows, without asking it', async () => {
      const result = await read(['latency_seconds'], 100);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(
        /^the range needs 36001 points per series .*: raise --step or shorten --history$/
      );
    });

    it("passes on Prometheus's own error message for a query it cannot run", async () => {
      const result = await read(['latency_seconds', 'sum(']);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(
        /^query 2 \(sum\(\): Prometheus returned 400 for \/api\/v1\/query_range \(.*parse error.*\)/
      );
      expect(!result.ok && result.status).toBe(400);
    });
  });

  describe("VictoriaMetrics' isPartial", () => {
    // vmselect writes `"status":"success","isPartial":true` at the top level when a vmstorage node
    // did not answer, and no warning (app/vmselect/prometheus/query_range_response.qtpl); CONSTRUCTED in that shape.
    it.each([
      [true, 'query errors may lack data: the server marked its answer as partial (isPartial)'],
      [false, null],
    ])('reads an answer marked isPartial: %s as read in part only when true, in one notice', async (isPartial, partial) => {
      const server = await serveLoopback(prometheusMatrix((t) => [t, '1'], { isPartial }));
      try {
        const client = createHttpClient({ baseUrl: server.url, providerName: 'Prometheus', transport: fetchTransport({}) });
        const result = await readPrometheus({ client, queries: ['errors'], start: START, end: END, stepMs: MINUTE });
        expect(result.ok && result.partial).toBe(partial);
        expect(result.ok && result.notices).toStrictEqual(
          isPartial ? ['the server marked its answer to query errors as partial (isPartial: a storage node did not answer), so it counts as read in part'] : []
        );
      } finally {
        await server.close();
      }
    });
  });
});
