import { EventImpact, Verdict } from './types';

/**
 * A fixed-window test keeps its error rate at one look, the end of the impact window: read at
 * every poll while the window fills, it would act on more effect-free changes than its level.
 * So while any series' window is incomplete its verdict is reported as watch, with `why` first;
 * once complete the result stands as it is.
 */
export function holdUntilComplete(result: EventImpact, why: string): EventImpact {
  if (!result.series.some((s) => s.incomplete)) {
    return result;
  }
  return { ...result, verdict: Verdict.Watch, reasons: [why, ...result.reasons] };
}
