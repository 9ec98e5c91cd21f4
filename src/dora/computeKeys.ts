import { median } from 'simple-statistics';

import { EventKind } from '../vocabulary';
import { ServiceDeploy, ServiceKeys } from './types';

const DAY = 86_400_000;

/**
 * DORA's four keys for one service's changes in `[from, to]`, the one computation the panel's
 * summary line, every page of the app, the readiness review and the Markdown export show.
 * Deployment frequency counts deploys (rollback deploys are deploys too); a feature flag
 * change is a change but not a deploy. Change failure rate is failed changes (isFailedChange)
 * over all changes, deploys and flag changes: a flag change the engine told to
 * turn off failed as surely as a deploy it told to roll back. A change without a verdict that
 * was not rolled back counts as not failed, as Four Keys counts a deploy no incident names;
 * the rate it could reach were they all failures is kept beside it (changeFailureRateMax).
 * Time to restore counts every
 * failed change: a restored one with its restore time, one not restored by the end of the
 * range with the time from the failure to that end (it took at least that long), so an open
 * incident lengthens the median and the worst instead of vanishing from them; the median
 * those open failures could still reach is kept beside it (timeToRestoreMedianMaxMs). O(n log n).
 * No changes: zeros and nulls, never NaN.
 *
 * @example
 * computeKeys(deploys, { from: now - 30 * DAY, to: now }).changeFailureRate // 0.14
 */
export function computeKeys(deploys: readonly ServiceDeploy[], range: { from: number; to: number }): ServiceKeys {
  const inRange = deploys.filter((d) => d.time >= range.from && d.time <= range.to);
  const flagChanges = inRange.filter((d) => d.kind === EventKind.Flag).length;
  const deployCount = inRange.length - flagChanges;
  const days = Math.max(range.to - range.from, 1) / DAY;
  const failed = inRange.filter((d) => d.failed);
  const restored = failed.filter((d) => d.timeToRestoreMs !== null).length;
  const restores = failed.map((d) => d.timeToRestoreMs ?? Math.max(0, range.to - d.time));
  // The open failures never restored: with half or more of them open the median has no bound.
  const most = failed.map((d) => d.timeToRestoreMs ?? Infinity);
  const medianMost = most.length ? median(most) : null;
  const leadTimes = inRange.flatMap((d) => d.leadTimesMs);
  // Changes with no verdict and not rolled back: failed or not, nothing says.
  const unknown = inRange.filter((d) => d.verdict === null && !d.failed).length;
  return {
    deploys: deployCount,
    flagChanges,
    changes: inRange.length,
    deploysPerDay: deployCount / days,
    leadTimeMedianMs: leadTimes.length ? median(leadTimes) : null,
    leadTimeSamples: leadTimes.length,
    changeFailureRate: inRange.length ? failed.length / inRange.length : null,
    changeFailureRateMax: inRange.length ? (failed.length + unknown) / inRange.length : null,
    failed: failed.length,
    failedFlagChanges: failed.filter((d) => d.kind === EventKind.Flag).length,
    judged: inRange.filter((d) => d.verdict !== null).length,
    timeToRestoreMedianMs: restores.length ? median(restores) : null,
    timeToRestoreWorstMs: restores.length ? Math.max(...restores) : null,
    timeToRestoreMedianMaxMs: medianMost !== null && Number.isFinite(medianMost) ? medianMost : null,
    unrestored: failed.length - restored,
  };
}
