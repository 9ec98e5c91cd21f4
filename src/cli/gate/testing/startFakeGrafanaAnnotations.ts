import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';

import { createAjv, errorLines } from '../../../events/testing/openApi';

// A Grafana-shaped annotations API on loopback for the gate's --annotate tests:
// GET /api/annotations (from, to, tags (all must match), type, limit, dashboardUID),
// POST /api/annotations and PATCH /api/annotations/{id}. Request bodies are validated against
// Grafana's published description (PostAnnotationsCmd, PatchAnnotationsCmd in
// src/events/contracts/grafana/api_extract.json, taken from grafana/grafana's
// public/api-merged.json) and refused with 400 when they do not fit; answers follow its
// getAnnotationsResponse / postAnnotationResponse shapes.

const EXTRACT = path.resolve(__dirname, '..', '..', '..', 'events', 'contracts', 'grafana', 'api_extract.json');
const EXTRACT_ID = 'grafana-api-extract';

export interface StoredAnnotation {
  id: number;
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
  dashboardUID: string;
  created: number;
  updated: number;
}

export interface FakeGrafana {
  url: string;
  annotations: StoredAnnotation[];
  requests: Array<{ method: string; url: string; authorization: string; body: unknown }>;
  close: () => Promise<void>;
}

/**
 * Starts the server; `token` is the only Authorization accepted (as `Bearer <token>`),
 * `failWith` makes every request answer that status, `redirectTo` answers every request
 * with a 307 to the same path on that origin.
 */
export async function startFakeGrafanaAnnotations(options: { token: string; failWith?: number; redirectTo?: string }): Promise<FakeGrafana> {
  const ajv = createAjv();
  ajv.addSchema(require(EXTRACT), EXTRACT_ID);
  const postCmd = ajv.getSchema(`${EXTRACT_ID}#/definitions/PostAnnotationsCmd`)!;
  const patchCmd = ajv.getSchema(`${EXTRACT_ID}#/definitions/PatchAnnotationsCmd`)!;
  const annotations: StoredAnnotation[] = [];
  const requests: FakeGrafana['requests'] = [];
  let nextId = 1;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += String(chunk)));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? '', body });
      const json = (status: number, answer: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      };
      if (options.redirectTo) {
        res.writeHead(307, { location: `${options.redirectTo}${req.url ?? '/'}` });
        return res.end();
      }
      if (options.failWith) {
        return json(options.failWith, { message: 'Internal Server Error' });
      }
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        return json(401, { message: 'Unauthorized' });
      }
      const url = new URL(req.url ?? '/', 'http://grafana.invalid');
      const one = /^\/api\/annotations\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && url.pathname === '/api/annotations') {
        const q = url.searchParams;
        const from = Number(q.get('from') ?? -Infinity);
        const to = Number(q.get('to') ?? Infinity);
        const tags = q.getAll('tags');
        const dashboardUID = q.get('dashboardUID');
        const found = annotations
          // A region matches when it overlaps [from, to], as Grafana's annotation search does.
          .filter((a) => a.time <= to && a.timeEnd >= from)
          .filter((a) => tags.every((t) => a.tags.includes(t)))
          .filter((a) => dashboardUID === null || a.dashboardUID === dashboardUID)
          .sort((a, b) => b.time - a.time)
          .slice(0, Number(q.get('limit') ?? 100));
        return json(200, found.map((a) => ({ ...a, dashboardId: 0, panelId: 0, userId: 1, login: 'sa-safedeploy', alertId: 0 })));
      }
      if (req.method === 'POST' && url.pathname === '/api/annotations') {
        if (!postCmd(body)) {
          return json(400, { message: `bad request data: ${errorLines(postCmd).join('; ')}` });
        }
        const now = Date.now();
        const stored = { id: nextId++, time: body.time ?? now, timeEnd: body.timeEnd ?? body.time ?? now, tags: body.tags ?? [], text: body.text, dashboardUID: body.dashboardUID ?? '', created: now, updated: now };
        annotations.push(stored);
        return json(200, { message: 'Annotation added', id: stored.id });
      }
      if (req.method === 'PATCH' && one) {
        if (!patchCmd(body)) {
          return json(400, { message: `bad request data: ${errorLines(patchCmd).join('; ')}` });
        }
        const stored = annotations.find((a) => a.id === Number(one[1]));
        if (!stored) {
          return json(404, { message: 'Annotation not found' });
        }
        Object.assign(stored, { ...body, updated: Date.now() });
        return json(200, { message: 'Annotation patched' });
      }
      return json(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, annotations, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
