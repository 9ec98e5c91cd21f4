import { finalizeEvents } from './finalizeEvents';
import { EnvironmentTest, keptFor } from './providers/types';
import { describeProvider, readEvents, ReadEventsOptions, summarizeNotices } from './readEvents';
import { DeployEvent, EventBatch, EventNotice } from './types';

/**
 * The values of a query field that a multi-value or "All" dashboard variable filled in, as
 * Grafana's `csv` format writes them (`production,staging`): distinct, trimmed, none empty.
 *
 * @example
 * splitValues('production, staging,') // ['production', 'staging']
 */
export function splitValues(value: string | undefined): string[] {
  return Array.from(new Set((value ?? '').split(',').map((v) => v.trim()).filter(Boolean)));
}

/**
 * Reads a query whose environment or service may hold several values. A provider whose API is
 * asked for one environment (its description says `server`) is read once per environment and
 * the events are merged, one per id. Any other is read once and its events kept by the test
 * its read of one environment keeps them by: one environment and several give the same events
 * of the environments they share, and several cost one read's requests, not one per value. A
 * service is only stamped on events that name none, so several services stamp nothing, and a
 * notice says so. A value with a `{` left in it is a variable written as a glob
 * (`{a,b}`), which matches nothing: a warning says how to write it.
 *
 * @example
 * const batch = await readMultiValue(planRead({ ...query, environment: 'production,staging' }, connection, { range }));
 */
export async function readMultiValue(options: ReadEventsOptions): Promise<EventBatch> {
  const environments = splitValues(options.environment);
  const services = splitValues(options.service);
  const notices = [...globNotice('Environment', options.environment), ...globNotice('Service', options.service)];
  if (services.length > 1) {
    notices.push({
      severity: 'info',
      text: `Service holds several values (${services.join(', ')}): events that name no service keep their provider's default (the repository, project or job name).`,
    });
  }
  const service = services.length === 1 ? services[0] : undefined;
  const { environment: test } = describeProvider(options);
  if (environments.length > 1 && test !== 'server') {
    const batch = await readOnceFor(environments, test, { ...options, service });
    return { events: batch.events, notices: [...notices, ...batch.notices] };
  }
  if (environments.length <= 1) {
    const batch = await readEvents({ ...options, environment: environments[0], service });
    return { events: batch.events, notices: [...notices, ...batch.notices] };
  }
  // What each environment's read has delivered so far, for progress over all of them.
  const sofar: DeployEvent[][] = environments.map(() => []);
  const onProgress = options.onProgress;
  const batches = await Promise.all(
    environments.map((environment, i) =>
      readEvents({
        ...options,
        environment,
        service,
        onProgress: onProgress
          ? (events) => {
              sofar[i] = events;
              onProgress(finalizeEvents(sofar.flat()));
            }
          : undefined,
      })
    )
  );
  // Each read's notices are scrubbed already; said once each, with how often.
  return { events: finalizeEvents(batches.flatMap((b) => b.events)), notices: summarizeNotices([...notices, ...batches.flatMap((b) => b.notices)], (text) => text) };
}

/**
 * One read serving every environment, kept by the provider's own test: its API is not asked
 * for an environment, so a read per environment would fetch the same answer each time.
 */
async function readOnceFor(environments: readonly string[], test: EnvironmentTest, options: ReadEventsOptions): Promise<EventBatch> {
  const keep = keptFor(test, environments);
  const onProgress = options.onProgress;
  const batch = await readEvents({ ...options, environment: undefined, onProgress: onProgress ? (events) => onProgress(events.filter(keep)) : undefined });
  return { events: batch.events.filter(keep), notices: batch.notices };
}

function globNotice(field: string, value: string | undefined): EventNotice[] {
  if (!value?.includes('{')) {
    return [];
  }
  return [
    {
      severity: 'warning',
      text: `${field} "${value}" holds a "{": a multi-value variable written as a glob matches nothing. Write it as $name (or \${name:csv}): each value is then read.`,
    },
  ];
}
