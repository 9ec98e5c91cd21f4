import { DORA_LEVELS, judgedText, noneJudged } from '../../dora';
import { DoraBand, DoraKey, ServiceKeys } from './types';

/** Where the band thresholds come from, shown next to the bands. */
export const DORA_SOURCE = {
  title: 'DORA, Accelerate State of DevOps Report 2023: software delivery performance levels',
  url: 'https://dora.dev/research/2023/dora-report/',
};

interface BandRule {
  /** Upper (or, for frequency, lower) bound of each band, best band first. */
  elite: number;
  high: number;
  medium: number;
  /** Human form of the rule, cited on the page. */
  text: Record<DoraBand, string>;
}

/**
 * The report's levels as cut-offs. Where the report gives ranges ("between once per day and
 * once per week") the boundary is the range's end; its "on demand, multiple deploys per day"
 * is read as at least one deploy a day on average. The report's change failure rates (5%, 10%,
 * 15%, 64%) are read as upper bounds. Its low level gives the same frequency and lead time
 * ranges as medium (weekly to monthly, one week to one month) and restores in one to six
 * months, so low here is whatever is past medium: slower than monthly, longer than a month,
 * a week or more to restore, over 15% failed. The numbers live in `DORA_LEVELS`, which the
 * figures shown beside the bands also keep to.
 */
export const DORA_THRESHOLDS: Record<DoraKey, BandRule> = {
  [DoraKey.DeploymentFrequency]: {
    ...DORA_LEVELS.deploysPerDay,
    text: {
      elite: 'on demand (daily or more)',
      high: 'daily to weekly',
      medium: 'weekly to monthly',
      low: 'less than monthly',
    },
  },
  [DoraKey.LeadTime]: {
    ...DORA_LEVELS.leadTimeMs,
    // Measured from merge, not commit (DORA_KEY_NAME): the band is at best the service's own.
    text: {
      elite: 'under one day from merge (at best: DORA counts from the commit)',
      high: 'one day to one week from merge (at best: DORA counts from the commit)',
      medium: 'one week to one month from merge (at best: DORA counts from the commit)',
      low: 'over one month from merge',
    },
  },
  [DoraKey.ChangeFailureRate]: {
    ...DORA_LEVELS.changeFailureRate,
    text: { elite: '5% or less', high: '10% or less', medium: '15% or less', low: 'over 15%' },
  },
  [DoraKey.TimeToRestore]: {
    ...DORA_LEVELS.timeToRestoreMs,
    text: { elite: 'under one hour', high: 'under one day', medium: 'under one week', low: 'one week or more' },
  },
};

function value(key: DoraKey, keys: ServiceKeys): number | null {
  switch (key) {
    case DoraKey.DeploymentFrequency:
      return keys.deploys ? keys.deploysPerDay : null;
    case DoraKey.LeadTime:
      return keys.leadTimeMedianMs;
    // Both rest on verdicts: with none, 0% failed means nothing was judged, not elite.
    case DoraKey.ChangeFailureRate:
      return noneJudged(keys) ? null : keys.changeFailureRate;
    case DoraKey.TimeToRestore:
      return noneJudged(keys) ? null : keys.timeToRestoreMedianMs;
  }
}

/**
 * The DORA band of one key, or null when the key has no value (no deploys, no failures to
 * restore, no lead time reported, or for the two rates no change with a verdict) or its
 * band is not known. Frequency is better when higher, the others when lower. Change failure
 * rate bounds are inclusive, as the report states them ("5%"); changes without a verdict
 * count as not failed, so the rate lies between `changeFailureRate` and
 * `changeFailureRateMax`, and it has a band only when both fall in one. Time to restore
 * likewise with failures still open: their restore times are known only to be at least the
 * time since they failed, so the median lies between `timeToRestoreMedianMs` and
 * `timeToRestoreMedianMaxMs` (never elite on a median an open failure can still carry past
 * an hour).
 *
 * @example
 * doraBand(DoraKey.ChangeFailureRate, keys) // 'medium' for 1 failure in 7 deploys
 */
export function doraBand(key: DoraKey, keys: ServiceKeys): DoraBand | null {
  const v = value(key, keys);
  if (v === null) {
    return null;
  }
  const rule = DORA_THRESHOLDS[key];
  if (key === DoraKey.DeploymentFrequency) {
    return v >= rule.elite
      ? DoraBand.Elite
      : v >= rule.high
        ? DoraBand.High
        : v >= rule.medium
          ? DoraBand.Medium
          : DoraBand.Low;
  }
  if (key === DoraKey.ChangeFailureRate) {
    // Changes without a verdict: the rate lies between v and changeFailureRateMax; one band only if both share it.
    const band = atMost(rule, v);
    const most = keys.changeFailureRateMax ?? v;
    return atMost(rule, most) === band ? band : null;
  }
  const band = below(rule, v);
  // Open failures: the median lies between v and what they could still reach; one band only if both share it.
  if (key === DoraKey.TimeToRestore && keys.unrestored > 0) {
    const most = keys.timeToRestoreMedianMaxMs;
    return most !== null && below(rule, most) === band ? band : null;
  }
  return band;
}

/** The band of a rate whose bounds are inclusive, as the report states them ("5%"). */
function atMost(rule: BandRule, v: number): DoraBand {
  return v <= rule.elite ? DoraBand.Elite : v <= rule.high ? DoraBand.High : v <= rule.medium ? DoraBand.Medium : DoraBand.Low;
}

/** The band of a duration whose bounds are exclusive ("under one hour"): lead time, time to restore. */
function below(rule: BandRule, v: number): DoraBand {
  return v < rule.elite ? DoraBand.Elite : v < rule.high ? DoraBand.High : v < rule.medium ? DoraBand.Medium : DoraBand.Low;
}

/**
 * "1 not restored", and why time to restore has no band when they take it away; null with
 * every failure restored.
 *
 * @example
 * unrestoredText(keys) // '1 not restored: no band until the median is known to be in one'
 */
export function unrestoredText(keys: ServiceKeys): string | null {
  if (keys.unrestored === 0) {
    return null;
  }
  const unbanded = !noneJudged(keys) && doraBand(DoraKey.TimeToRestore, keys) === null;
  return `${keys.unrestored} not restored${unbanded ? ': no band until the median is known to be in one' : ''}`;
}

/**
 * "judged 5 of 6", and why change failure rate has no band when the changes without a verdict
 * take it away.
 *
 * @example
 * judgedBandText(keys) // 'judged 1 of 12: no band, the 11 without a verdict could move the rate to another'
 */
export function judgedBandText(keys: ServiceKeys): string {
  const unbanded = keys.changes > 0 && !noneJudged(keys) && doraBand(DoraKey.ChangeFailureRate, keys) === null;
  return `${judgedText(keys)}${unbanded ? `: no band, the ${keys.changes - keys.judged} without a verdict could move the rate to another` : ''}`;
}
