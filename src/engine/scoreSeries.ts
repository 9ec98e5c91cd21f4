import { classifyChange } from './judge/classifyChange';
import { compareWindows, createWindowScratch } from './judge/compareWindows';
import { measureAftermath } from './judge/measureAftermath';
import { isWindows, prepareWindows } from './judge/prepareWindows';
import { scoreImpact } from './judge/scoreImpact';
import { ScoreSeriesInput } from './judge/types';
import { SeriesImpact } from './types';

export { bucketValues, createWindowScratch } from './judge/compareWindows';
export { fisher } from './judge/classifyChange';
export { finite, harmOf, harmRatioOf } from './judge/harm';
export { seriesScore } from './judge/scoreImpact';
export type { ScoreSeriesInput, WindowScratch } from './judge/types';

/**
 * Compares the impact window after `time` with the baseline before it, on one series.
 * Reads no sample later than `time + afterMs` when `strictAfter` is set (nor later than
 * `cutAt`). O(w log w + k) for windows of w buckets and k calibration positions.
 * Degenerate input (too few samples, event outside the series) gives status
 * `insufficient_data` with the reason; every number stays finite.
 *
 * The steps, in the order a canary judge reads them, each in a file of its own under judge/:
 * prepare (find the two windows, or say why there are none), compare (bucket and summarise
 * each window, rank-test one against the other), classify (is the change significant,
 * harmful, how large), aftermath (does it last, when did it recover, how big was the spike)
 * and score.
 *
 * @example
 * const impact = scoreSeries({ series: prepareSeries(input), time: deployTime, options: withDefaults({}) });
 */
export function scoreSeries(input: ScoreSeriesInput): SeriesImpact {
  const windows = prepareWindows(input);
  if (!isWindows(windows)) {
    return windows;
  }
  const stats = compareWindows(input.series, windows, input.options, input.scratch ?? createWindowScratch());
  const change = classifyChange(input, windows, stats);
  const aftermath = measureAftermath(input, windows, stats, change);
  return scoreImpact(input, windows, stats, change, aftermath);
}
