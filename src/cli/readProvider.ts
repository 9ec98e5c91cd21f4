import { planRead } from '../events/planRead';
import { readEvents } from '../events/readEvents';
import { EventBatch, EventStatus } from '../events/types';
import { createRedactor, Scrubber } from '../http/createScrubber';
import { fetchTransport } from './fetchTransport';
import { EventsRead } from './parseEventsRead';
import { routeHeaders } from './routeHeaders';

/**
 * Reads the provider the events flags describe, straight from its API: the token goes only
 * to the origin of --url, every message passes `scrub`. Never throws for API trouble.
 *
 * @example
 * const batch = await readProvider(parseEventsRead(values, Date.now(), process.env, rules), createScrubber([token]));
 */
export function readProvider(read: EventsRead, scrub: Scrubber, statuses?: readonly EventStatus[], shippedChanges = false): Promise<EventBatch> {
  const query = { provider: read.source, scope: read.scope, environment: read.environment, service: read.service, statuses };
  const connection = {
    endpoint: { via: 'direct' as const, url: read.url },
    transport: fetchTransport(routeHeaders(read.source, read.token)),
    timeoutMs: read.timeoutMs,
    scrub,
    redactAnswers: createRedactor([read.token], { short: false }),
    // The command line's URL and token are flags: its messages name them, not Grafana's settings page.
    settingsAt: { url: '--url', token: `the token in the environment variable named by --${read.tokenFlag ?? 'token-env'}` },
  };
  return readEvents(planRead(query, connection, { range: read.range, maxPages: read.maxPages, deadlineMs: read.deadlineMs, shippedChanges }));
}
