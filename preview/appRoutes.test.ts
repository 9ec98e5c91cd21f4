/**
 * @jest-environment node
 */
import { execFileSync } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');

/** The host's answer to GET `query` with the given `alertHistory` option (an ES module, so run in its own process). */
function answer(query: string, alertHistory: 'left out' | 'loki' | 'null'): { status: number; body: unknown } {
  const option = { 'left out': '', loki: 'alertHistory: lokiStateHistory,', null: 'alertHistory: null,' }[alertHistory];
  const script = `import { createAppRoutes, lokiStateHistory } from './preview/appRoutes.mjs';
const out = {};
const handle = createAppRoutes({ plugins: {}, settings: {}, ${option} send: (_res, status, body) => Object.assign(out, { status, body: JSON.parse(body) }), renderPage: () => '' });
await handle({ method: 'GET', headers: {} }, {}, new URL(${JSON.stringify(`http://localhost${query}`)}));
console.log(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

describe('preview host: alerting state history', () => {
  // A host kinder than Grafana let the app's pager load pass where Grafana's default backend refuses the query.
  it("refuses a query over every rule as Grafana's default annotations backend does", () => {
    expect(answer('/api/v1/rules/history?from=1&to=2&limit=10000', 'left out')).toStrictEqual({
      status: 500,
      body: { message: 'ruleUID is required to query annotations' },
    });
  });

  it('answers a query over every rule with a frame when Loki-backed, by explicit option', () => {
    const { status, body } = answer('/api/v1/rules/history?from=1&to=2&limit=10000', 'loki');
    expect(status).toBe(200);
    expect(body).toMatchObject({ schema: { fields: [{ name: 'time' }, { name: 'line' }, { name: 'labels' }] } });
  });

  describe('edge cases', () => {
    it("answers one rule's history from the default backend, and 404 where the API is missing", () => {
      expect(answer('/api/v1/rules/history?ruleUID=abc&from=1&to=2', 'left out').status).toBe(200);
      expect(answer('/api/v1/rules/history?from=1&to=2', 'null').status).toBe(404);
    });
  });
});
