import { DataQuery, DataSourceRef } from '@grafana/schema';

import { FlagTarget } from '../../act/types';
import { Verdict } from '../../engine';
import { ScoredEvent } from '../types';

/** The SafeDeploy Events datasource's plugin id, as its queries name their datasource. */
export const EVENTS_DATASOURCE_TYPE = 'safedeploy-events-datasource';

const FLAG_PROVIDERS: ReadonlySet<string> = new Set(['unleash', 'launchdarkly']);

/**
 * The flag to turn off for a scored event: only a flag change judged *Turn flag off*, read
 * from Unleash or LaunchDarkly, that names its flag, environment and project (`project:` tag).
 * Anything less names no flag precisely enough to change it, so null. A change a later event
 * already fixed (`fixedBy`, `decisionTaken`) is null too: its flag was turned off once, and
 * whoever turned it on again since meant to.
 *
 * @example
 * flagTargetOf(scored) // { provider: 'unleash', project: 'default', flag: 'semantic-search', environment: 'production' }
 */
export function flagTargetOf({ event, impact, pending }: ScoredEvent): FlagTarget | null {
  if (
    pending ||
    impact.verdict !== Verdict.TurnOff ||
    impact.fixedBy ||
    impact.decisionTaken ||
    !FLAG_PROVIDERS.has(event.source)
  ) {
    return null;
  }
  const project = event.tags
    .find((t) => t.startsWith('project:'))
    ?.slice('project:'.length)
    .trim();
  const flag = event.flagKey?.trim();
  const environment = event.environment.trim();
  if (!project || !flag || !environment) {
    return null;
  }
  return { provider: event.source as FlagTarget['provider'], project, flag, environment };
}

type Target = DataQuery & { provider?: string };

/**
 * The SafeDeploy Events datasource that read a provider's events in this panel: the first
 * query of the panel's request for that provider, on a SafeDeploy Events datasource (its own,
 * or the panel's when the query names none). Null when none did (annotations, other tables).
 */
export function actingDatasourceOf(
  targets: readonly Target[] | undefined,
  panelDatasource: DataSourceRef | null | undefined,
  provider: string
): DataSourceRef | null {
  for (const target of targets ?? []) {
    const ref = target.datasource ?? panelDatasource ?? null;
    if (target.provider === provider && ref?.type === EVENTS_DATASOURCE_TYPE && ref.uid) {
      return ref;
    }
  }
  return null;
}
