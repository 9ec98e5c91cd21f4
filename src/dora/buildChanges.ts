import { EventImpact } from '../engine';
import { PanelEvent } from '../frames/types';
import { buildFlagChanges } from './buildFlagChanges';
import { buildServiceDeploys } from './buildServiceDeploys';
import { ServiceDeploy } from './types';

/**
 * The changes DORA's keys count, oldest first: deploys and rollbacks that reached production
 * (buildServiceDeploys) and feature flag changes (buildFlagChanges), each with its verdict from
 * `impacts` (by event id) and whether it failed. Releases, merges, pipelines, config changes
 * and incidents are not changes here. O(n log n).
 *
 * @example
 * computeKeys(buildChanges(events, impacts), range).changeFailureRate // 0.174
 */
export function buildChanges(events: readonly PanelEvent[], impacts: ReadonlyMap<string, EventImpact>): ServiceDeploy[] {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  return [...buildServiceDeploys(sorted, impacts), ...buildFlagChanges(sorted, impacts)].sort((a, b) => a.time - b.time);
}
