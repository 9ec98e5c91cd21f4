import { EngineEvent } from '../../engine';
import { EventKind, FLAG_OFF } from '../../events/types';
import { Scrubber } from '../../http/createScrubber';
import { readProvider } from '../readProvider';
import { EventsRead, FoundDeploy } from './findDeploy';

/** Providers whose events are flag changes, which name no service. */
export const FLAG_SOURCES = new Set(['unleash', 'launchdarkly']);

/**
 * The flag change to judge: the newest one in the range that did not turn a flag off (a
 * turn-off is the cure, not the change; a second run thus judges the same change again), of
 * `flag` when given, at or before `changeTime` when given. Flag changes name no service: `read.service` names the series they are
 * judged against and filters nothing. Every change read goes to the engine, as in the panel.
 * Never throws for API trouble.
 *
 * @example
 * const found = await findFlagChange(read, { flag: 'semantic-search' }, 30_000, scrub);
 */
export async function findFlagChange(read: EventsRead, pick: { flag?: string; changeTime?: number }, timeoutMs: number, scrub: Scrubber): Promise<FoundDeploy> {
  const { flag, changeTime } = pick;
  // The provider would stamp --service on each change; it names the series here, so it is put on the judged change only.
  const batch = await readProvider({ ...read, service: undefined, timeoutMs }, scrub);
  const events = batch.events.map((event): EngineEvent => ({ ...event }));
  const candidates = events
    .filter((e) => e.kind === EventKind.Flag && e.toState !== FLAG_OFF && (flag === undefined || e.flagKey === flag) && (changeTime === undefined || e.time <= changeTime))
    .sort((a, b) => a.time - b.time);
  const newest = candidates[candidates.length - 1];
  if (!newest) {
    const errors = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text);
    const window = `${new Date(read.range.from).toISOString()} to ${new Date(read.range.to).toISOString()}`;
    return {
      ok: false,
      message: errors.length
        ? `could not read flag changes: ${errors[0]}`
        : `no flag change${flag ? ` of ${flag}` : ''}${changeTime !== undefined ? ` at or before ${new Date(changeTime).toISOString()}` : ''} that turned something on in ${read.scope || read.url} from ${window}: check --scope, --environment, --flag and --from`,
    };
  }
  const judged: EngineEvent = read.service ? { ...newest, service: read.service } : newest;
  return { ok: true, deploy: judged, events: events.map((event) => (event === newest ? judged : event)) };
}
