import { DataQuery, DataSourceRef } from '@grafana/schema';

import { flagProjectOf } from '../../act/flagProjectOf';
import { FlagTarget } from '../../act/types';
import { Verdict } from '../../engine';
import { PanelEvent } from '../../frames/types';
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
  const project = flagProjectOf(event.tags);
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
 * The SafeDeploy Events datasource that read a flag change, to turn its flag off through, and
 * only that one: two datasources may read one provider (two Unleash instances), and the wrong one
 * could change a flag of the same name elsewhere. An event from a query of this panel (`refId`)
 * acts through that query's datasource; one from an annotation layer, through the layer's
 * datasource as Grafana names it in the annotation's `source`. When neither says (an annotation
 * with no layer, a layer on the default data source or on a `${variable}`), it says why instead
 * of guessing. Null when the datasource that read it cannot act (not a SafeDeploy Events query
 * of that provider).
 *
 * @example
 * actingDatasourceOf(targets, null, 'unleash', { refId: 'US' }) // { ref: { type: 'safedeploy-events-datasource', uid: 'unleash-us' } }
 */
export function actingDatasourceOf(
  targets: readonly Target[] | undefined,
  panelDatasource: DataSourceRef | null | undefined,
  provider: FlagTarget['provider'],
  from: Pick<PanelEvent, 'refId' | 'layer'>
): ActingSource | null {
  const name = PROVIDER_NAME[provider];
  const unknown = (why: string): ActingSource => ({ why: `${why}, so which ${name} data source read it is not known here: turn the flag off in ${name}.` });
  const query = (targets ?? []).find((target) => from.refId !== undefined && target.refId === from.refId);
  if (query) {
    const ref = query.datasource ?? panelDatasource ?? null;
    return query.provider === provider && ref?.type === EVENTS_DATASOURCE_TYPE && ref.uid ? { ref } : null;
  }
  if (!from.layer) {
    return unknown('this change names no query of this panel and no annotation layer');
  }
  const { datasource } = from.layer;
  const layer = `the annotation layer ${from.layer.name || '(unnamed)'}`;
  if (!datasource?.uid) {
    return unknown(`${layer} names no data source (it reads the default one)`);
  }
  if (datasource.uid.includes('$')) {
    return unknown(`${layer} reads it through a data source given by a variable (${datasource.uid})`);
  }
  if (datasource.type !== undefined && datasource.type !== EVENTS_DATASOURCE_TYPE) {
    return null;
  }
  return { ref: { type: EVENTS_DATASOURCE_TYPE, uid: datasource.uid } };
}
