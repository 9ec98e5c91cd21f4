import { EventImpact } from '../../engine';
import { PanelSeries } from '../../frames/extractSeries';
import { toEngineEvent } from '../../frames/toEngineEvent';
import { DEFAULT_SCORING_SETTINGS, toEngineOptions } from '../../frames/toEngineOptions';
import { PanelEvent } from '../../frames/types';
import { scoreAll } from '../../panel';

/** The engine options the release health pages score with: the panel's defaults. */
export const RELEASE_SCORE_OPTIONS = toEngineOptions(DEFAULT_SCORING_SETTINGS);

/** The release health's results: by event id, and where they were computed (null: nothing to score). */
export interface ReleaseScores {
  impacts: Map<string, EventImpact>;
  where: 'worker' | 'main thread' | null;
}

/**
 * Scores every event of the range against every service's series at once (a deploy that
 * broke another service is caught, as in the panel), through the same frames-to-engine
 * mapping and the same scoring backend as the panel (a worker, chunks, results reused from
 * the previous load): a flag change keeps its key and state, so a harmful flag is told to
 * be turned off and turning it off is recognised as the fix. Results by event id; none
 * without series. Cost: the engine's, off the page's thread where a worker starts.
 *
 * @example
 * (await scoreReleaseEvents(series, events)).impacts.get('unleash:42')?.verdict // 'turn_off'
 */
export async function scoreReleaseEvents(series: readonly PanelSeries[], events: readonly PanelEvent[]): Promise<ReleaseScores> {
  if (series.length === 0) {
    return { impacts: new Map(), where: null };
  }
  // The engine's inputs only: a worker receives a structured clone of them.
  const engineSeries = series.map(({ id, name, service, version, times, values, total }) => ({ id, name, service, version, times, values, total }));
  const { impacts, where } = await scoreAll({ series: engineSeries, events: events.map(toEngineEvent), options: RELEASE_SCORE_OPTIONS });
  return { impacts: new Map(impacts.map((impact, i) => [events[i].id, impact])), where };
}
