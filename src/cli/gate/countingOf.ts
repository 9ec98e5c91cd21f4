import { Comparison, EngineEvent, EventImpact, Verdict } from '../../engine';
import { Counting } from './afterDeployMs';

/**
 * Which samples the engine counted for an event's `decidedAfterSamples`: the times both versions
 * served when version against version decided (a comparison over the window, or the sequential
 * comparison's roll_back, which may come before that comparison has numbers), else each judged
 * series' samples since the deploy: before/after, the whole service, and a version comparison
 * still pending, whose count is before/after's meanwhile. `healthyAfterSamples` is always
 * counted the latter way (only before/after and the whole service settle).
 *
 * @example
 * countingOf(impact, { time, service: 'orders', version: 'v2' }, 30 * 60_000) // { by: 'versions', version: 'v2', service: 'orders', windowMs: 1_800_000 }
 */
export function countingOf(impact: Pick<EventImpact, 'comparison' | 'versions' | 'verdict' | 'series'>, deploy: Pick<EngineEvent, 'service' | 'version'>, windowMs: number): Counting {
  const service = typeof deploy.service === 'string' && deploy.service ? deploy.service : null;
  const version = typeof deploy.version === 'string' ? deploy.version : '';
  const versionsDecided = impact.comparison === Comparison.Versions && (Boolean(impact.versions) || impact.verdict === Verdict.RollBack);
  if (versionsDecided && version) {
    return { by: 'versions', version, service, windowMs };
  }
  return { by: 'series', ids: impact.series.filter((s) => s.status === 'ok').map((s) => s.seriesId), service };
}
