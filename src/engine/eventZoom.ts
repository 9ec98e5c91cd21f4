/** Baseline windows shown before an event: enough of "before" to see what normal was. */
const BASELINES_BEFORE = 2;
/** Impact windows shown after an event: the window itself and the recovery that follows it. */
const IMPACT_WINDOWS_AFTER = 3;

/**
 * The time range `[from, to]` (epoch ms) to zoom to around an event, the same in the panel
 * (clicking a ranked event) and in the gate's dashboard link: two baseline windows before,
 * three impact windows after. O(1).
 *
 * @example
 * eventZoom(1_000_000, 60_000, 30_000) // [880_000, 1_090_000]
 */
export function eventZoom(time: number, beforeMs: number, afterMs: number): [from: number, to: number] {
  return [time - BASELINES_BEFORE * beforeMs, time + IMPACT_WINDOWS_AFTER * afterMs];
}
