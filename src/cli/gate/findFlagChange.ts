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
  const errors = batch.notices.filter((n) => n.severity === 'error').map((n) => n.text);
  if (!newest) {
    const window = `${new Date(read.range.from).toISOString()} to ${new Date(read.range.to).toISOString()}`;
    const which = `${flag ? ` of ${flag}` : ''}${changeTime !== undefined ? ` at or before ${new Date(changeTime).toISOString()}` : ''}`;
    return {
      ok: false,
      partial: false,
      message: errors.length
        ? `could not read flag changes: ${errors.join('; ')}`
        : `no flag change${which} that turned something on in ${read.scope || read.url} from ${window}: check --scope, --environment, --flag and --from`,
    };
  }
  // As for deploys: a change is judged only from a whole read, since a lost page may have held a newer one.
  if (errors.length > 0) {
    return {
      ok: false,
      partial: true,
      message: `the flag changes could not all be read (${errors.join('; ').replace(/\.$/, '')}), so the newest cannot be known: ${String(newest.id)} was not judged (exit 3). Fix the cause and run again`,
    };
  }
  const judged: EngineEvent = read.service ? { ...newest, service: read.service } : newest;
  const notes = batch.notices.filter((n) => n.severity === 'warning').map((n) => n.text);
  return { ok: true, deploy: judged, events: events.map((event) => (event === newest ? judged : event)), notes };
}
