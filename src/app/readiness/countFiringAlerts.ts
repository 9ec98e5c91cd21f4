import { isRecord } from '../../events/normalize';

const firing = (state: unknown) => typeof state === 'string' && state.startsWith('Alerting');

/**
 * Alerts that started firing, per service, from the frame Grafana alerting's state history
 * API returns (`GET /api/v1/rules/history`: fields `time`, `line`, `labels`; each line holds
 * `previous`, `current` and the alert's `labels`). A transition into Alerting from any other
 * state counts once; the service is the alert label named `serviceLabel`. Unreadable rows
 * are skipped. Returns null when the payload is not such a frame. O(n).
 *
 * @example
 * countFiringAlerts(body, 'service').get('checkout') // 3
 */
export function countFiringAlerts(payload: unknown, serviceLabel: string): Map<string, number> | null {
  const frame = isRecord(payload) && isRecord(payload.results) ? payload.results : payload;
  if (!isRecord(frame) || !isRecord(frame.schema) || !Array.isArray(frame.schema.fields)) {
    return null;
  }
  const names = frame.schema.fields.map((f) => (isRecord(f) ? f.name : undefined));
  const values = isRecord(frame.data) && Array.isArray(frame.data.values) ? frame.data.values : [];
  const lines = values[names.indexOf('line')];
  const labelColumn = values[names.indexOf('labels')];
  const counts = new Map<string, number>();
  if (!Array.isArray(lines)) {
    return counts;
  }
  lines.forEach((raw, i) => {
    let line: unknown = raw;
    if (typeof raw === 'string') {
      try {
        line = JSON.parse(raw);
      } catch {
        return;
      }
    }
    if (!isRecord(line) || !firing(line.current) || firing(line.previous)) {
      return;
    }
    const labels = isRecord(line.labels)
      ? line.labels
      : Array.isArray(labelColumn) && isRecord(labelColumn[i])
        ? labelColumn[i]
        : {};
    const service = labels[serviceLabel];
    if (typeof service === 'string' && service) {
      counts.set(service, (counts.get(service) ?? 0) + 1);
    }
  });
  return counts;
}

/** Rows (state transitions) in a state history payload, 0 when it is not such a frame. */
export function historyRowCount(payload: unknown): number {
  const frame = isRecord(payload) && isRecord(payload.results) ? payload.results : payload;
  const values = isRecord(frame) && isRecord(frame.data) && Array.isArray(frame.data.values) ? frame.data.values : [];
  return values.reduce((most: number, column: unknown) => Math.max(most, Array.isArray(column) ? column.length : 0), 0);
}
