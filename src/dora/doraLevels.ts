const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The cut-offs of DORA's software delivery performance levels (Accelerate State of DevOps
 * Report 2023), best level first: the app bands each key by them, and every page that shows a
 * key's figure rounds it so that it never reads as past a cut-off the value is not past (see
 * `keepSides`). Deployment frequency is deploys per day, at least the cut-off; lead time and
 * time to restore are ms, under the cut-off; change failure rate is a share, at most the
 * cut-off. Why each level reads as it does is said beside the band rules (app/dora/doraBand.ts).
 */
export const DORA_LEVELS = {
  deploysPerDay: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  leadTimeMs: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  timeToRestoreMs: { elite: HOUR, high: DAY, medium: 7 * DAY },
};

/** A level's cut-offs as a list, best first. */
export function cutoffsOf(level: { elite: number; high: number; medium: number }): number[] {
  return [level.elite, level.high, level.medium];
}
