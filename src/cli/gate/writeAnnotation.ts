import { createHttpClient } from '../../http/createHttpClient';
import { Scrubber } from '../../http/createScrubber';
import { fetchTransport } from '../fetchTransport';
import { GATE_TAG } from '../../events/gateVerdict';
import { GateAnnotation } from './annotationForVerdict';

export type AnnotationWrite = { ok: true; action: 'created' | 'updated'; id: number } | { ok: false; message: string };

/** Advice per Grafana status, appended to its own message. */
const GRAFANA_HINTS: Record<number, string> = {
  401: 'the token in the environment variable named by --grafana-token-env is missing, wrong or expired',
  403: 'the service account lacks annotation write (annotations:write) for this dashboard or organisation',
  404: 'check --grafana-url: the Grafana server, or a dashboard link on it',
};

/** Grafana's answer limit for the search by tags and time: one deploy has one annotation, a few at most. */
const FIND_LIMIT = 100;

/**
 * Writes one deploy's verdict to Grafana: finds the gate's annotation for the same deploy
 * (`GET /api/annotations` with the deploy's tags around its time, same start time), then
 * updates it (`PATCH /api/annotations/{id}`), or creates one (`POST /api/annotations`).
 * The token goes only to Grafana's origin: the HTTP client refuses redirects elsewhere.
 *
 * @example
 * await writeAnnotation({ grafana: 'https://grafana.example.com', token, annotation, findTags: ['safedeploy', 'service:checkout'], timeoutMs: 30_000, scrub })
 */
export async function writeAnnotation(options: {
  grafana: string;
  token: string;
  annotation: GateAnnotation;
  /** Tags every earlier verdict of this deploy carries (not the verdict tag, which may differ). */
  findTags: string[];
  timeoutMs: number;
  scrub: Scrubber;
}): Promise<AnnotationWrite> {
  const { annotation } = options;
  const client = createHttpClient({
    baseUrl: options.grafana,
    providerName: 'Grafana',
    transport: fetchTransport({ Authorization: `Bearer ${options.token}`, Accept: 'application/json' }),
    timeoutMs: options.timeoutMs,
    scrub: options.scrub,
    hints: GRAFANA_HINTS,
  });
  const found = await client.getJson<unknown>('/api/annotations', {
    from: annotation.time,
    to: annotation.time,
    tags: options.findTags.length ? options.findTags : [GATE_TAG],
    type: 'annotation',
    limit: FIND_LIMIT,
    dashboardUID: annotation.dashboardUID,
  });
  if (!found.ok) {
    return { ok: false, message: found.error.message };
  }
  // The search without a dashboard finds every dashboard's too: only the same place's annotation is this one.
  const samePlace = (a: { dashboardUID?: unknown }) => (a.dashboardUID || undefined) === annotation.dashboardUID;
  const existing = Array.isArray(found.data)
    ? found.data.find((a) => a && typeof a === 'object' && (a as { time?: unknown }).time === annotation.time && typeof (a as { id?: unknown }).id === 'number' && samePlace(a))
    : undefined;
  if (existing) {
    const id = (existing as { id: number }).id;
    const { time, timeEnd, tags, text } = annotation;
    const patched = await client.postJson(`/api/annotations/${id}`, { time, timeEnd, tags, text }, undefined, { method: 'PATCH' });
    return patched.ok ? { ok: true, action: 'updated', id } : { ok: false, message: patched.error.message };
  }
  const created = await client.postJson<{ id?: unknown }>('/api/annotations', annotation);
  if (!created.ok) {
    return { ok: false, message: created.error.message };
  }
  const id = created.data?.id;
  return typeof id === 'number' ? { ok: true, action: 'created', id } : { ok: false, message: 'Grafana answered the new annotation without its id.' };
}
