import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { ScoredEvent } from '../types';

export interface RangeSummary {
  deploys: number;
  /** Share of judged deploys whose verdict is roll_back or fix_forward; null with none judged. */
  changeFailureRate: number | null;
  /** Median time to restore of the failed deploys that recovered, ms; null with none. */
  medianTimeToRestoreMs: number | null;
}

const DEPLOY_KINDS = new Set<string>([EventKind.Deploy, EventKind.Rollback, EventKind.Release]);
const FAILED = new Set<Verdict>([Verdict.RollBack, Verdict.FixForward]);

/** The range's DORA-style summary: deploys, change failure rate, median time to restore. */
export function summarize(scored: ScoredEvent[]): RangeSummary {
  const deploys = scored.filter((s) => DEPLOY_KINDS.has(s.event.kind));
  const judged = deploys.filter((s) => s.impact.verdict !== Verdict.InsufficientData && s.impact.verdict !== Verdict.Watch);
  const failed = judged.filter((s) => FAILED.has(s.impact.verdict));
  const restores = failed
    .map((s) => s.impact.timeToRestoreMs)
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  const mid = restores.length >> 1;
  return {
    deploys: deploys.length,
    changeFailureRate: judged.length ? failed.length / judged.length : null,
    medianTimeToRestoreMs: restores.length ? (restores.length % 2 ? restores[mid] : (restores[mid - 1] + restores[mid]) / 2) : null,
  };
}
