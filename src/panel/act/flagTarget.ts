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
  return { provider: event.source as FlagTarget['provider'], project, flag, environment, judged: { id: event.id, at: event.time } };
}

type Target = DataQuery & { provider?: string };

/** The providers as people know them, for the confirmation and the row's text. */
export const PROVIDER_NAME: Record<FlagTarget['provider'], string> = {
  unleash: 'Unleash',
  launchdarkly: 'LaunchDarkly',
};

/** Where to turn a flag off: the datasource to send through, or why the panel cannot tell which. */
export type ActingSource = { ref: DataSourceRef } | { why: string };

/**
 * The SafeDeploy Events datasource that read a flag change, to turn its flag off through: the
 * one whose query (`refId`, as the event carries it) read the event. An event that names no
 * query of this panel (an annotation) acts through the one SafeDeploy Events datasource that
 * reads its provider here, its own or the panel's when the query names none; with two or more
 * (two Unleash instances), the wrong one could change a flag of the same name elsewhere, so it
 * says why instead. Null when none can act (no such query, or the query that read the event is
 * not a SafeDeploy Events query of that provider).
 *
 * @example
 * actingDatasourceOf(targets, null, 'unleash', 'US') // { ref: { type: 'safedeploy-events-datasource', uid: 'unleash-us' } }
 */
export function actingDatasourceOf(
  targets: readonly Target[] | undefined,
  panelDatasource: DataSourceRef | null | undefined,
  provider: FlagTarget['provider'],
  refId?: string
): ActingSource | null {
  const acting = (targets ?? []).flatMap((target) => {
    const ref = target.datasource ?? panelDatasource ?? null;
    return target.provider === provider && ref?.type === EVENTS_DATASOURCE_TYPE && ref.uid
      ? [{ refId: target.refId, ref }]
      : [];
  });
  if (refId !== undefined && (targets ?? []).some((target) => target.refId === refId)) {
    const reader = acting.find((a) => a.refId === refId);
    return reader ? { ref: reader.ref } : null;
  }
  const uids = new Set(acting.map((a) => a.ref.uid));
  if (uids.size > 1) {
    const name = PROVIDER_NAME[provider];
    return {
      why: `${uids.size} ${name} data sources in this panel read flags and this change does not say which one read it: turn the flag off in ${name}.`,
    };
  }
  return acting.length > 0 ? { ref: acting[0].ref } : null;
}
