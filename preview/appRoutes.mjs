// The app plugin's side of the preview host: its pages (/a/<id>/..., /plugins/<id>), the app
// settings API Grafana serves (GET/POST /api/plugins/<id>/settings, seeded from
// provisioning/plugins/*.yaml as Grafana provisions apps), and Grafana alerting's state
// history API (/api/v1/rules/history), which answers with an empty history because the host
// runs no alert rules.
import fs from 'node:fs';
import path from 'node:path';

import { parseProvisioning } from './provisioning.mjs';

/** `apps[]` of the provisioning files, by plugin id, with `$VAR` expanded like Grafana does. */
export function loadAppSettings(provisioningDir, env) {
  const dir = path.join(provisioningDir, 'plugins');
  const apps = {};
  if (!fs.existsSync(dir)) {
    return apps;
  }
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const doc = parseProvisioning(fs.readFileSync(path.join(dir, file), 'utf8'), env);
    for (const app of doc.apps ?? []) {
      apps[app.type] = { enabled: app.disabled !== true, pinned: true, jsonData: app.jsonData ?? {} };
    }
  }
  return apps;
}

/** An empty state-history frame, shaped as Grafana returns it. */
const EMPTY_HISTORY = {
  schema: {
    fields: [
      { name: 'time', type: 'time' },
      { name: 'line', type: 'other' },
      { name: 'labels', type: 'other' },
    ],
  },
  data: { values: [[], [], []] },
};

/**
 * A state-history answer as the Loki backend gives one (`[unified_alerting.state_history]
 * backend = loki`): a query over every alert rule, no ruleUID, answered with a frame; this
 * host has no alert rules, so the frame is empty. Pass it as `alertHistory` to serve it.
 */
export const lokiStateHistory = () => EMPTY_HISTORY;

/**
 * What Grafana's default state-history backend (annotations) answers a query that names no
 * alert rule: HTTP 500 with this message (pkg/services/ngalert/state/historian/annotation.go,
 * `Query`; pkg/services/ngalert/api/api_history.go turns its error into a 500, v12.4.0).
 */
const ANNOTATIONS_NEED_RULE_UID = { message: 'ruleUID is required to query annotations' };

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      // Settings are small; refuse anything that is not.
      if (size > 5_000_000) {
        reject(new Error('body too large'));
        req.destroy();
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * @param {{ plugins: Record<string, { json: any }>, settings: Record<string, any>,
 *   alertHistory?: ((params: Record<string, string>) => unknown) | null,
 *   send: (res: any, status: number, body: string, type?: string) => void,
 *   renderPage: (app: { id: string, path: string }, theme: string, req: import('node:http').IncomingMessage, url: URL) => string }} options
 *   `alertHistory` answers the state history API as a Loki-backed Grafana would (`lokiStateHistory`
 *   for an empty one); left out, the API answers as Grafana's default annotations backend does (a
 *   query without ruleUID is refused); `null` makes it answer 404, as a Grafana without it does.
 */
export function createAppRoutes({ plugins, settings, alertHistory, send, renderPage }) {
  const json = (res, status, body) => send(res, status, JSON.stringify(body), 'application/json');
  return async function handle(req, res, url) {
    const { pathname } = url;
    const page = pathname.match(/^\/a\/([^/]+)(\/.*)?$/) ?? pathname.match(/^\/plugins\/([^/]+)\/?$/);
    if (page && plugins[decodeURIComponent(page[1])]?.json.type === 'app') {
      send(
        res,
        200,
        renderPage(
          { id: decodeURIComponent(page[1]), path: pathname },
          url.searchParams.get('theme') === 'light' ? 'light' : 'dark',
          req,
          url
        ),
        'text/html; charset=utf-8'
      );
      return true;
    }
    const api = pathname.match(/^\/api\/plugins\/([^/]+)\/settings$/);
    if (api) {
      const id = decodeURIComponent(api[1]);
      const plugin = plugins[id];
      if (!plugin) {
        json(res, 404, { message: 'Plugin not found' });
        return true;
      }
      const current = settings[id] ?? { enabled: false, pinned: false, jsonData: {} };
      if (req.method === 'POST') {
        let body;
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          json(res, 400, { message: 'Invalid JSON' });
          return true;
        }
        settings[id] = {
          enabled: body.enabled ?? current.enabled,
          pinned: body.pinned ?? current.pinned,
          jsonData: body.jsonData ?? current.jsonData,
        };
        json(res, 200, { message: 'Plugin settings updated' });
        return true;
      }
      json(res, 200, {
        id,
        type: plugin.json.type,
        name: plugin.json.name,
        info: plugin.json.info,
        includes: plugin.json.includes,
        module: `public/plugins/${id}/module.js`,
        baseUrl: `public/plugins/${id}`,
        ...current,
      });
      return true;
    }
    if (pathname === '/api/v1/rules/history') {
      if (alertHistory === null) {
        json(res, 404, { message: 'Not found' });
      } else if (alertHistory) {
        json(res, 200, alertHistory(Object.fromEntries(url.searchParams.entries())));
      } else if (!url.searchParams.get('ruleUID')) {
        json(res, 500, ANNOTATIONS_NEED_RULE_UID);
      } else {
        // The host has no alert rules, so a rule's history is empty.
        json(res, 200, EMPTY_HISTORY);
      }
      return true;
    }
    return false;
  };
}
