// Installs every Grafana line's libraries the preview host can run on, @grafana/scenes with 12.4's (see
// grafanaLines.mjs); `npm test` starts it with the typecheck, so the downloads overlap work
// that needs no network.
import { ensureLineInstalled, GRAFANA_LINES } from './grafanaLines.mjs';

for (const line of GRAFANA_LINES) {
  ensureLineInstalled(line);
}
