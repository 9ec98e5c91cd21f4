import { probit } from 'simple-statistics';

import { PreparedSeries } from '../prepareSeries';
import { quantile } from '../stats/robust';
import { BASELINE_READS, expectation, Frame, Model, stridedMedian } from './frame';
import { SequentialOptions } from './types';

/**
 * How much the short-term noise must be widened for this series' ordinary moves to look like
 * the test's model: at up to calibrationPositions earlier moments (their own baseline median,
 * the looks of the whole wait), the standardised sum S_n/√n after each number of looks n; its
 * `calibrationShare` quantile over the moments, against the same quantile of a standard normal,
 * is how much wider the ordinary sums are than the model's. The largest over n is the widening,
 * so autocorrelation (sums that grow faster than √n), drift and bursts all widen the unit.
 * With `pairs`, the same for the pairs reading (see pairMinima in sequentialSeries): the sum of
 * min(e_{i−1}, e_i) over looks 2..n, over √(n − 1).
 * 1 at least; null when the history holds fewer than minCalibrationPositions moments.
 * O(k·(16 + looks·log k)) for k ≤ calibrationPositions.
 */
export function widening(series: PreparedSeries, frame: Frame, noise: number, sign: number, seq: SequentialOptions, model: Model, pairs = false): number | null {
  const nb = frame.bEnd - frame.bStart;
  // Over the whole wait, not the looks read so far: the unit, and so every earlier decision, stays the same at every look.
  const looks = frame.wait;
  const first = frame.history + nb + model.days * model.period;
  const last = frame.event - looks;
  const count = last - first + 1;
  if (count < seq.minCalibrationPositions) {
    return null;
  }
  const k = Math.min(seq.calibrationPositions, count);
  // sums[(n − 1)·k + j]: the sum after n looks at the j-th moment.
  const sums = new Float64Array(looks * k);
  const buffer = new Float64Array(BASELINE_READS + 1);
  const levels = new Float64Array(model.days + 1);
  const { values } = series;
  for (let j = 0; j < k; j++) {
    const p = first + Math.floor((j * (count - 1)) / Math.max(1, k - 1));
    const level = stridedMedian(values, p - nb, p, buffer);
    const expected = expectation(values, p, nb, model, buffer, levels);
    let sum = 0;
    let previous = 0;
    for (let n = 1; n <= looks; n++) {
      const e = (sign * (values[p + n - 1] - level - expected(n - 1))) / noise;
      if (!pairs) {
        sum += e;
        sums[(n - 1) * k + j] = sum / Math.sqrt(n);
      } else if (n >= 2) {
        sum += Math.min(e, previous);
        sums[(n - 1) * k + j] = sum / Math.sqrt(n - 1);
      }
      previous = e;
    }
  }
  const normalQuantile = probit(seq.calibrationShare);
  let widest = 1;
  for (let n = Math.max(seq.minSamples, pairs ? 2 : 1); n <= looks; n++) {
    widest = Math.max(widest, quantile(sums.subarray((n - 1) * k, n * k), seq.calibrationShare) / normalQuantile);
  }
  return widest;
}
