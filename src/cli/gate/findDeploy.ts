import { EngineEvent } from '../../engine';
import { EventKind, EventStatus } from '../../events/types';
import { Scrubber } from '../../http/createScrubber';
import { EventsRead, parseEventsRead, PROVIDER_READ_FLAGS } from '../parseEventsRead';
import { UsageError } from '../readInputs';
import { readProvider } from '../readProvider';

/**
 * The `events` command's flags, read the same way, for finding the deploy to judge. The
 * provider's token comes from --provider-token-env, since --token-env is Prometheus's.
 */
export const EVENTS_FLAGS = {
  ...PROVIDER_READ_FLAGS,
  'provider-token-env': { type: 'string' },
} as const;

export type { EventsRead };

type Values = Record<string, string | string[] | boolean | undefined>;

/**
 * The provider read the events flags describe, or null when --provider is absent. Throws a
 * UsageError naming the flag to fix. Defaults: --from now-1d, --to now.
 *
 * @example
 * parseEventsFlags({ provider: 'github', url: 'https://api.github.com', scope: 'octo/app' }, 'app', Date.now(), process.env)
 */
export function parseEventsFlags(
  values: Values,
  service: string | undefined,
  now: number,
  env: Record<string, string | undefined>
): EventsRead | null {
  if (values.provider === undefined) {
    const stray = Object.keys(EVENTS_FLAGS).find((flag) => values[flag] !== undefined);
    if (stray) {
      throw new UsageError(
        `--${stray} reads deploy events and needs --provider; or give the deploy with --deploy-time and --service`
      );
    }
    return null;
  }
  return { ...parseEventsRead(values, now, env, { tokenFlag: 'provider-token-env', defaultFrom: 'now-1d' }), service };
}

export type FoundDeploy =
  | {
      ok: true;
      deploy: EngineEvent;
      events: EngineEvent[];
      /** What the read warned about (a page limit, skipped items): said before the verdict. */
      notes: string[];
    }
  | {
      ok: false;
      message: string;
      /** True when deploys were read but pages were lost, so the newest cannot be known (exit 3); false: none found (exit 4). */
      partial: boolean;
    };

/** Deploys that ran or are running; failed and cancelled ones changed nothing. */
const LIVE_STATUSES = [EventStatus.Success, EventStatus.InProgress, EventStatus.Unknown];

/**
 * The newest deploy the provider reports in the range (each request ends after `timeoutMs`), with every change event read (the
 * engine keeps them out of the baseline, as the panel does). Never throws for API trouble.
 *
 * A deploy is judged only from a whole read. When a page was lost (an HTTP error, a rate
 * limit, a redirect off the origin, the deadline, a repeated page), a deploy found on the
 * pages read proves nothing: providers such as Kubernetes list by name, not time, so the
 * newest deploy may be on the page never read. Then the answer is a failure that names the
 * deploy it would have judged and the cause (exit 3), never a silent older deploy.
 *
 * @example
 * const found = await findDeploy(parseEventsFlags(values, 'checkout', Date.now(), process.env)!, 30_000, createScrubber([token]));
 */
export async function findDeploy(read: EventsRead, timeoutMs: number, scrub: Scrubber): Promise<FoundDeploy> {
  // The gate judges one deploy: the changes each deploy shipped (a request each) are not needed.
  const batch = await readProvider({ ...read, timeoutMs }, scrub, LIVE_STATUSES, false);
  const events = batch.events.map((event): EngineEvent => ({ ...event }));
  const deploys = events.filter((event) => event.kind === EventKind.Deploy).sort((a, b) => a.time - b.time);
  const newest = deploys[deploys.length - 1];
  const errors = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text);
  if (!newest) {
    const window = `${new Date(read.range.from).toISOString()} to ${new Date(read.range.to).toISOString()}`;
    return {
      ok: false,
      partial: false,
      message: errors.length
        ? `could not read deploy events: ${errors.join('; ')}`
        : `no deploy${read.service ? ` of ${read.service}` : ''} in ${read.scope || read.url} from ${window}: check --scope, --environment, --service and --from, or give --deploy-time`,
    };
  }
  if (errors.length > 0) {
    return {
      ok: false,
      partial: true,
      message: `the deploy events could not all be read (${errors.join('; ').replace(/\.$/, '')}), so the newest deploy cannot be known: the newest one read, ${describeDeploy(newest)}, was not judged (exit 3). Fix the cause and run again, or give --deploy-time and --service`,
    };
  }
  // A provider that names no service (a flag or a workload without labels) leaves --service to say it.
  const deploy = !newest.service && read.service ? { ...newest, service: read.service } : newest;
  // Warnings only (a page limit, skipped items): an info notice (which API path was read) is not news in a pipeline's log.
  const notes = batch.notices.filter((n) => n.severity === 'warning').map((n) => n.text);
  return { ok: true, deploy, events: events.map((event) => (event === newest ? deploy : event)), notes };
}

/** `kubernetes:prod/deployment/web:10 at 2026-01-05T10:00:00.000Z`: enough to find it in the provider. */
function describeDeploy(deploy: EngineEvent): string {
  return `${typeof deploy.id === 'string' ? deploy.id : 'a deploy'} at ${new Date(deploy.time).toISOString()}`;
}
