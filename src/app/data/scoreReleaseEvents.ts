import { EventImpact, scoreEvents } from '../../engine';
import { PanelSeries } from '../../frames/extractSeries';
import { toEngineEvent } from '../../frames/toEngineEvent';
import { DEFAULT_SCORING_SETTINGS, toEngineOptions } from '../../frames/toEngineOptions';
import { PanelEvent } from '../../frames/types';

/** The engine options the release health pages score with: the panel's defaults. */
export const RELEASE_SCORE_OPTIONS = toEngineOptions(DEFAULT_SCORING_SETTINGS);

/**
 * Scores every event of the range against every service's series at once (a deploy that
 * broke another service is caught, as in the panel), through the same frames-to-engine
 * mapping as the panel: a flag change keeps its key and state, so a harmful flag is told to
 * be turned off and turning it off is recognised as the fix. Results by event id; none
 * without series. Cost: the engine's `scoreEvents`.
 *
 * @example
 * scoreReleaseEvents(series, events).get('unleash:42')?.verdict // 'turn_off'
 */
export function scoreReleaseEvents(series: readonly PanelSeries[], events: readonly PanelEvent[]): Map<string, EventImpact> {
  if (series.length === 0) {
    return new Map();
  }
  const impacts = scoreEvents(series, events.map(toEngineEvent), RELEASE_SCORE_OPTIONS);
  return new Map(impacts.map((impact, i) => [events[i].id, impact]));
}
