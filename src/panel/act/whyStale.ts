import { DataSourceRef } from '@grafana/schema';

import { FlagTarget } from '../../act/types';
import { Verdict } from '../../engine';
import { ScoredEvent } from '../types';
import { VERDICT_LABEL } from '../verdictStyle';

/** What a confirmation asked for: the flag, and the datasource it would be turned off through. */
export interface Asked {
  target: FlagTarget;
  ref: DataSourceRef;
}

const sameTarget = (a: FlagTarget, b: FlagTarget) =>
  a.provider === b.provider && a.project === b.project && a.flag === b.flag && a.environment === b.environment;

/**
 * Why a confirmed turn-off must not be sent, as the panel's data stands at the moment of
 * confirming: the data may have refreshed while the confirmation was open. `now` is the event
 * as the panel holds it now (looked up by id; undefined when it is gone) and `offerNow` what
 * the row offers for it now (see `Acting.offerOf`). Null when the confirmation still holds:
 * the same flag, environment, project and datasource. O(1).
 *
 * @example
 * whyStale(asked, healthyNow, null) // 'the data refreshed while the confirmation was open: this change is now judged Healthy. Nothing was sent.'
 */
export function whyStale(
  asked: Asked,
  now: ScoredEvent | undefined,
  offerNow: Asked | { why: string } | null
): string | null {
  const refreshed = 'the data refreshed while the confirmation was open';
  const reason = (() => {
    if (!now) {
      return 'this change is no longer in the panel';
    }
    if (now.pending) {
      return 'this change is being scored again; confirm again once its verdict is back';
    }
    if (now.impact.fixedBy || now.impact.decisionTaken) {
      return 'a later change already fixed this one';
    }
    if (now.impact.verdict !== Verdict.TurnOff) {
      return `this change is now judged ${VERDICT_LABEL[now.impact.verdict]}`;
    }
    if (!offerNow) {
      return 'this flag can no longer be turned off from this panel';
    }
    if ('why' in offerNow) {
      return offerNow.why;
    }
    if (!sameTarget(asked.target, offerNow.target) || asked.ref.uid !== offerNow.ref.uid) {
      return 'what this change would turn off (flag, environment, project or data source) changed; look at it again';
    }
    return null;
  })();
  return reason === null ? null : `${refreshed}: ${reason.replace(/\.$/, '')}. Nothing was sent.`;
}
